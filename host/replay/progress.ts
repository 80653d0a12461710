// Progress on long work: a bar redrawn in place on a terminal, plain lines otherwise (CI logs).

/** Reports progress of `total` units (or an unknown total). */
export interface Progress {
  update(done: number): void;
  finish(message: string): void;
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
      if (stream.isTTY) {
        if (now - lastDrawMs < 100) return;
        lastDrawMs = now;
        const width = 30;
        const filled = total ? Math.round((width * done) / total) : 0;
        const bar = total ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` : "";
        stream.write(`\r${label} ${bar}${done}${total ? `/${total}` : ""} frames, ${rate.toFixed(0)}/s   `);
      } else {
        const step = total ? Math.max(1, Math.ceil(total / 10)) : 500;
        const bucket = Math.floor(done / step);
        if (bucket === lastLine) return;
        lastLine = bucket;
        stream.write(`${label}: ${done}${total ? `/${total}` : ""} frames (${rate.toFixed(0)}/s)\n`);
      }
    },
    finish(message) {
      if (stream.isTTY) stream.write("\r\x1b[K");
      stream.write(`${label}: ${message}\n`);
    },
  };
}
