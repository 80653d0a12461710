// SHA-256 digests of outputs and inputs: the golden manifest identifies every file by its digest.
import { closeSync, openSync, readSync } from "node:fs";
import { createHash } from "node:crypto";

/** Hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Hex SHA-256 and size of the file at `path`, read in chunks (a recorded stream may be gigabytes). */
export function sha256File(path: string): { sha256: string; bytes: number } {
  const hash = createHash("sha256");
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(path, "r");
  let total = 0;
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      hash.update(buf.subarray(0, n));
      total += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest("hex"), bytes: total };
}
