// Reads a recorded stream (streamTypes.ts) one record at a time through a rolling buffer, so memory stays
// flat however many frames. Bad bytes never throw: they become problems with their byte offsets. Only I/O
// errors (missing file...) throw. Rules:
// - header unreadable, not a map, wrong format, unknown version, damaged: a problem at offset 0 (or at the bad
//   byte) and no frames;
// - a record cut by the end of the file: reading stops, every earlier frame having been yielded;
// - bytes that are not well-formed CBOR or not a map, a map that does not decode, a record whose crc32 is
//   missing or wrong: reported at their offset, then the reader resynchronises: it scans forward byte by byte
//   (streamItems.ts) to the next intact record of a known type, reports the bytes it skipped, and reads on;
// - an intact record of an unknown type, or a frame whose fields are wrong or whose pixels do not decode to
//   width x height bytes: reported and skipped, reading goes on at the next record;
// - fields the record type does not define: reported, ignored; a frame index out of sequence: reported
//   (a jump forward right after a resynchronisation is not: it counts the frames lost in the damage);
// - no end record, an end count different from the frame records found, bytes after the end: reported.

import { ChunkedFile, DEFAULT_CHUNK_BYTES } from "./chunkedFile.js";
import { checkRecordCrc, createStreamDecoder } from "./streamCodec.js";
import { decodeRecord, findNextRecord, MIN_RESYNC_RECORD_BYTES, readItem } from "./streamItems.js";
import { decodePixels } from "./streamPixels.js";
import { checkEndRecord, checkFrameRecord, checkHeaderRecord, unknownFields } from "./streamRecordCheck.js";
import type { StreamFrame, StreamHeader, StreamProblem } from "./streamTypes.js";

/** Options of openStream / readStreamFile. */
export interface StreamReaderOptions {
  /** Bytes per read; default 4 MiB. Any size gives the same result. */
  chunkBytes?: number;
}

/** An opened stream: its header (null when unreadable), its frames one at a time, its problems so far. */
export interface StreamReader {
  readonly path: string;
  /** The header, or null when the file is not a readable version-1 stream (see problems). */
  readonly header: StreamHeader | null;
  /** Problems found so far: the header's at once, the frames' as frames() goes (restarted by each call). */
  readonly problems: StreamProblem[];
  /** The frames in order, pixels decoded (encoding "raw"), read from the file as iteration goes. */
  frames(): Generator<StreamFrame>;
}

type Obj = Record<string, unknown>;

/** Counters of one pass over the frames. */
interface Pass {
  framesRead: number;
  /** Frame records found, intact or damaged, for the end record's count. */
  frameRecords: number;
  /** Frame indexes skipped over by resynchronisations (frames lost in damage). */
  lostIndexes: number;
  afterResync: boolean;
  largestRecord: number;
}

function truncatedMessage(fileBytes: number, recordStart: number, framesRead: number): string {
  return `stream truncated at byte ${fileBytes} inside a record that starts at byte ${recordStart}: ${framesRead} frames read`;
}

class FileStreamReader implements StreamReader {
  header: StreamHeader | null = null;
  readonly problems: StreamProblem[] = [];
  private headerEnd = 0;
  private headerProblems = 0;
  private readonly decoder = createStreamDecoder();

  constructor(readonly path: string, private readonly chunkBytes: number) {
    const file = ChunkedFile.open(path, chunkBytes);
    try {
      this.readHeader(file);
    } finally {
      file.close();
    }
    this.headerProblems = this.problems.length;
  }

  private problem(offset: number, message: string): void {
    this.problems.push({ offset, message });
  }

  private readHeader(file: ChunkedFile): void {
    if (file.size === 0) return this.problem(0, "stream is empty (0 bytes): no header");
    const r = readItem(file, 0);
    if (r.kind === "eof" || r.kind === "truncated") return this.problem(0, truncatedMessage(file.size, 0, 0));
    if (r.kind === "bad") return this.problem(r.at, `corrupt record at byte ${r.at}: ${r.message}`);
    if (r.kind !== "item") return this.problem(0, truncatedMessage(file.size, 0, 0));
    const record = decodeRecord(this.decoder, r.bytes);
    if (typeof record === "string") return this.problem(0, `not a uvp-float stream: its first item is ${record}`);
    const damage = checkRecordCrc(r.bytes, record);
    if (damage) return this.problem(0, `stream header is damaged: ${damage}`);
    const header = checkHeaderRecord(record);
    if (typeof header === "string") return this.problem(0, header.startsWith("field") ? `stream header: ${header}` : header);
    const extra = unknownFields(record);
    if (extra.length) this.problem(0, `stream header has fields version 1 does not define (ignored): ${extra.join(", ")}`);
    this.header = header;
    this.headerEnd = r.end;
  }

  *frames(): Generator<StreamFrame> {
    this.problems.length = this.headerProblems;
    if (!this.header) return;
    const file = ChunkedFile.open(this.path, this.chunkBytes);
    const pass: Pass = { framesRead: 0, frameRecords: 0, lostIndexes: 0, afterResync: false, largestRecord: this.headerEnd };
    try {
      let offset = this.headerEnd;
      for (;;) {
        const r = readItem(file, offset);
        if (r.kind === "eof") {
          return this.problem(file.size, `stream ends after ${pass.framesRead} frames without its end record (byte ${file.size}): truncated at a record boundary?`);
        }
        if (r.kind === "item") {
          pass.largestRecord = Math.max(pass.largestRecord, r.end - r.start);
          const record = decodeRecord(this.decoder, r.bytes);
          if (typeof record === "string") this.problem(offset, `corrupt record at byte ${offset}: ${record}`);
          else {
            if (record.type === "frame") pass.frameRecords++;
            const damage = checkRecordCrc(r.bytes, record);
            if (!damage) {
              const got = this.takeRecord(record, offset, pass);
              if (got === "end") {
                if (r.end < file.size) this.problem(r.end, `${file.size - r.end} bytes after the end record (from byte ${r.end}): ignored`);
                return;
              }
              if (got) {
                pass.framesRead++;
                yield got;
              }
              offset = r.end;
              continue;
            }
            this.problem(offset, `record at byte ${offset} is damaged: ${damage}`);
          }
        } else if (r.kind === "bad") {
          this.problem(r.at, `corrupt record at byte ${r.at}: ${r.message}`);
        }
        // Damage at `offset`: look for the next intact record from the byte after it (the damaged item's
        // apparent end cannot be trusted: inserted or deleted bytes may have moved it into a later record).
        const limit = Math.max(MIN_RESYNC_RECORD_BYTES, 4 * pass.largestRecord, this.chunkBytes);
        const next = findNextRecord(file, this.decoder, offset + 1, limit, this.chunkBytes);
        if (r.kind === "truncated" || r.kind === "too-long") {
          if (next === null) return this.problem(offset, truncatedMessage(file.size, offset, pass.framesRead));
          this.problem(offset, `corrupt record at byte ${offset}: it would run past the end of the file (byte ${file.size})`);
        }
        if (next === null) {
          return this.problem(offset, `skipped ${file.size - offset} bytes from byte ${offset} to the end of the file (byte ${file.size}): no intact record after the damage, so no end record`);
        }
        this.problem(offset, `skipped ${next - offset} bytes from byte ${offset} to byte ${next} to the next valid record`);
        offset = next;
        pass.afterResync = true;
      }
    } finally {
      file.close();
    }
  }

  /** Checks an intact record found at byte `at`: the frame to yield, "end" for the end record, else null. */
  private takeRecord(record: Obj, at: number, pass: Pass): StreamFrame | "end" | null {
    const extra = unknownFields(record);
    if (extra.length) this.problem(at, `${String(record.type)} record at byte ${at} has fields version 1 does not define (ignored): ${extra.join(", ")}`);
    if (record.type === "frame") {
      const frame = checkFrameRecord(record);
      if (typeof frame === "string") {
        this.problem(at, `frame record at byte ${at}: ${frame}; skipped`);
        return null;
      }
      const expected = pass.frameRecords - 1 + pass.lostIndexes;
      if (frame.index !== expected) {
        // Frames lost in damage explain a jump forward in the first index after a resynchronisation.
        if (pass.afterResync && frame.index > expected) pass.lostIndexes += frame.index - expected;
        else this.problem(at, `frame at byte ${at} has index ${frame.index} where ${expected} was expected`);
      }
      pass.afterResync = false;
      const pixels = decodePixels(frame.pixels, frame.encoding, frame.widthPx, frame.heightPx);
      if (typeof pixels === "string") {
        this.problem(at, `frame ${frame.index} at byte ${at}: ${pixels}; skipped`);
        return null;
      }
      return { ...frame, encoding: "raw", pixels };
    }
    if (record.type === "end") {
      const end = checkEndRecord(record);
      if (typeof end === "string") this.problem(at, `end record at byte ${at}: ${end}`);
      else if (end.frames !== pass.frameRecords) {
        this.problem(at, `end record at byte ${at} says ${end.frames} frames but the stream holds ${pass.frameRecords} frame records (${pass.framesRead} read)`);
      }
      return "end";
    }
    if (record.type === "header") this.problem(at, `a second header record at byte ${at}: skipped`);
    else this.problem(at, `record at byte ${at} has unknown type ${JSON.stringify(record.type) ?? "(none)"}: skipped`);
    return null;
  }
}

/** Opens a stream file and reads its header; throws only when the file cannot be opened or read. */
export function openStream(path: string, opts: StreamReaderOptions = {}): StreamReader {
  return new FileStreamReader(path, opts.chunkBytes ?? DEFAULT_CHUNK_BYTES);
}

/** Reads a whole (small) stream file into memory: header, every good frame, every problem. */
export function readStreamFile(path: string, opts: StreamReaderOptions = {}): { header: StreamHeader | null; frames: StreamFrame[]; problems: StreamProblem[] } {
  const reader = openStream(path, opts);
  const frames = [...reader.frames()];
  return { header: reader.header, frames, problems: reader.problems };
}
