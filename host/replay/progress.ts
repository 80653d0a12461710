// Progress on long work: a bar redrawn in place on a terminal, plain lines otherwise (CI logs); with a known
// total, the time left is estimated from the rate so far.

/** Reports progress of `total` units (or an unknown total). */
export interface Progress {
  update(done: number): void;
  finish(message: string): void;
}

/** "2 h 05 min", "3 min 20 s", "12 s": the time left, to the precision that matters. */
export function formatDurationS(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${s} s`;
}

/** A progress reporter on `stream`: a bar when it is a TTY, a line every 10 % (or 500 units) otherwise. */
export function createProgress(label: string, total: number | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastDrawMs = 0;
  let lastLine = -1;
  return {
    update(done) {
      const now = Date.now();
      const rate = done / Math.max((now - started) / 1000, 1e-3);
      // Once a second of work has set the rate: earlier estimates swing too much to help.
      const left = total && done < total && now - started >= 1000 ? `, ~${formatDurationS((total - done) / rate)} left` : "";
      if (stream.isTTY) {
        if (now - lastDrawMs < 100) return;
        lastDrawMs = now;
        const width = 30;
        const filled = total ? Math.min(width, Math.round((width * done) / total)) : 0;
        const bar = total ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` : "";
        stream.write(`\r${label} ${bar}${done}${total ? `/${total}` : ""} frames, ${rate.toFixed(0)}/s${left}   `);
      } else {
        const step = total ? Math.max(1, Math.ceil(total / 10)) : 500;
        const bucket = Math.floor(done / step);
        if (bucket === lastLine) return;
        lastLine = bucket;
        stream.write(`${label}: ${done}${total ? `/${total}` : ""} frames (${rate.toFixed(0)}/s${left})\n`);
      }
    },
    finish(message) {
      if (stream.isTTY) stream.write("\r\x1b[K");
      stream.write(`${label}: ${message}\n`);
    },
  };
}
