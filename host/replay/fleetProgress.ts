// Progress of a fleet replay: frames done / total across every stream, and a line as each stream ends.
// On a terminal the overall bar is redrawn in place under the completion lines; otherwise (CI logs) plain
// lines: one per completed stream and one per 10 % of the frames.

/** Tracks the frames of several streams and reports them on `stream`. */
export interface FleetProgress {
  /** Frames done in stream `i`, and its total once known. */
  update(i: number, done: number, total: number | undefined): void;
  /** Stream `i` ended (its final frame count); `line` says how. */
  streamDone(i: number, frames: number, line: string): void;
  /** Every stream ended. */
  finish(): void;
}

/** A fleet progress reporter for `totals` (each stream's frame count when known before it runs). */
export function createFleetProgress(totals: Array<number | undefined>, stream: NodeJS.WriteStream = process.stderr): FleetProgress {
  const started = Date.now();
  const done = totals.map(() => 0);
  const total = [...totals];
  const over = totals.map(() => false); // a port can deliver a last update after its stream ended: ignored
  let ended = 0;
  let lastDrawMs = 0;
  let lastBucket = -1;
  const sums = () => ({ d: done.reduce((a, b) => a + b, 0), t: total.reduce<number>((a, b) => a + (b ?? 0), 0), unknown: total.some((t) => t === undefined) });
  const status = (): string => {
    const { d, t, unknown } = sums();
    const rate = d / Math.max((Date.now() - started) / 1000, 1e-3);
    return `${d}/${t}${unknown ? "+" : ""} frames, ${ended}/${totals.length} streams, ${rate.toFixed(0)} frames/s`;
  };
  const draw = (force: boolean): void => {
    const now = Date.now();
    if (stream.isTTY) {
      if (!force && now - lastDrawMs < 100) return;
      lastDrawMs = now;
      const { d, t } = sums();
      const width = 30;
      const filled = t > 0 ? Math.min(width, Math.round((width * d) / t)) : 0;
      stream.write(`\r\x1b[Kreplay [${"#".repeat(filled)}${".".repeat(width - filled)}] ${status()}`);
    } else {
      const { d, t } = sums();
      const bucket = t > 0 ? Math.floor((10 * d) / t) : 0;
      if (bucket === lastBucket || bucket >= 10) return; // 100 % is said by the last stream's line and the summary
      lastBucket = bucket;
      stream.write(`replay: ${status()}\n`);
    }
  };
  return {
    update(i, n, t) {
      if (over[i]) return;
      done[i] = n;
      if (t !== undefined) total[i] = t;
      draw(false);
    },
    streamDone(i, frames, line) {
      done[i] = frames;
      total[i] = frames; // a damaged stream ends short of its planned count: the total follows
      over[i] = true;
      ended++;
      if (stream.isTTY) stream.write("\r\x1b[K");
      stream.write(`replay: [${ended}/${totals.length}] ${line}\n`);
      draw(true);
    },
    finish() {
      if (stream.isTTY) stream.write("\r\x1b[K");
      stream.write(`replay: ${status()}\n`);
    },
  };
}
