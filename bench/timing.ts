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

/**
 * Like timeInterleaved, with each run's process CPU time beside its wall time. On a shared machine a
 * long run is preempted more often than a short one, so wall-time ratios between frames of very
 * different cost drift with the load; CPU-time ratios do not.
 */
export function timeInterleavedCpu(contenders: readonly Contender[], rounds: number): { wall: Map<string, number>; cpu: Map<string, number> } {
  for (const c of contenders) c.run();
  const wall = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const cpu = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of contenders) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      c.run();
      wall.get(c.name)!.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpu.get(c.name)!.push((used.user + used.system) / 1000);
    }
  }
  const medians = (m: Map<string, number[]>) => new Map([...m].map(([name, xs]) => [name, median(xs)]));
  return { wall: medians(wall), cpu: medians(cpu) };
}
