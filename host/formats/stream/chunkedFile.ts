// A file read forward through a rolling buffer, a chunk at a time: only the bytes from the current
// position on are kept, so memory is bounded by the largest record plus a chunk, whatever the file size.

import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Default read size: 4 MiB. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

/** A window of the file: `bytes[start]` is the requested file byte; bytes up to `end` (exclusive) are valid. */
export interface FileWindow {
  bytes: Uint8Array;
  start: number;
  end: number;
}

/** Forward-only chunked reader over one file. */
export class ChunkedFile {
  private buf: Uint8Array;
  private bufStart = 0;
  private bufLength = 0;
  private eof = false;

  private constructor(private readonly fd: number, readonly path: string, readonly size: number, private readonly chunkBytes: number) {
    this.buf = new Uint8Array(chunkBytes);
  }

  /** Opens `path`; throws with the path in the message when it cannot be opened. */
  static open(path: string, chunkBytes = DEFAULT_CHUNK_BYTES): ChunkedFile {
    if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunk size ${chunkBytes} is not a positive integer`);
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (err) {
      throw new Error(`cannot open stream ${path}: ${(err as Error).message}`);
    }
    try {
      return new ChunkedFile(fd, path, fstatSync(fd).size, chunkBytes);
    } catch (err) {
      closeSync(fd);
      throw new Error(`cannot read stream ${path}: ${(err as Error).message}`);
    }
  }

  /** Makes file bytes [from, until) available as far as the file goes; `from` never moves backwards. */
  window(from: number, until: number): FileWindow {
    if (from < this.bufStart) throw new Error(`internal: ChunkedFile asked for byte ${from} behind ${this.bufStart}`);
    if (this.bufStart + this.bufLength < until && !this.eof) {
      // Drop the bytes before `from` only now that more must be read (not on every call: records are small).
      if (from >= this.bufStart + this.bufLength) {
        this.bufStart = from;
        this.bufLength = 0;
      } else if (from > this.bufStart) {
        this.buf.copyWithin(0, from - this.bufStart, this.bufLength);
        this.bufLength -= from - this.bufStart;
        this.bufStart = from;
      }
      while (this.bufStart + this.bufLength < until && !this.eof) {
        if (this.bufLength + this.chunkBytes > this.buf.length) {
          const bigger = new Uint8Array(Math.max(2 * this.buf.length, this.bufLength + this.chunkBytes));
          bigger.set(this.buf.subarray(0, this.bufLength));
          this.buf = bigger;
        }
        let n: number;
        try {
          n = readSync(this.fd, this.buf, this.bufLength, this.chunkBytes, this.bufStart + this.bufLength);
        } catch (err) {
          throw new Error(`cannot read stream ${this.path}: ${(err as Error).message}`);
        }
        if (n === 0) this.eof = true;
        this.bufLength += n;
      }
    }
    return { bytes: this.buf, start: from - this.bufStart, end: this.bufLength };
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}
