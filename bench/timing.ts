// Timing helpers: contenders are interleaved round by round so drift hits all alike; medians reported.

/** Something timed: a name and one run of the work. */
export interface Contender {
  name: string;
  run(): void;
}

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs every contender `rounds` times (after one warm-up each), interleaved; returns median ms by name. */
export function timeInterleaved(contenders: readonly Contender[], rounds: number): Map<string, number> {
  for (const c of contenders) c.run();
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of contenders) {
      const t0 = performance.now();
      c.run();
      samples.get(c.name)!.push(performance.now() - t0);
    }
  }
  return new Map([...samples].map(([name, xs]) => [name, median(xs)]));
}
