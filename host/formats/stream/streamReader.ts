// Reads a recorded stream (streamTypes.ts) one record at a time through a rolling buffer, so memory stays
// flat however many frames. Bad bytes never throw: they become problems with their byte offsets. Only I/O
// errors (missing file...) throw. Rules:
// - header unreadable, not a map, wrong format, unknown version, damaged: a problem at offset 0 (or at the bad
//   byte) and no frames;
// - a record cut by the end of the file, or bytes that are not well-formed CBOR or not a map: reading stops,
//   every earlier frame having been yielded;
// - a complete record that is damaged (crc32 missing or wrong), of an unknown type, or a frame whose fields are
//   wrong or whose pixels do not decode to width x height bytes: reported and skipped, reading goes on;
// - fields the record type does not define: reported, ignored; a frame index out of sequence: reported;
// - no end record, an end count different from the frame records found, bytes after the end: reported.

import type { Decoder } from "cbor-x";
import { ChunkedFile, DEFAULT_CHUNK_BYTES } from "./chunkedFile.js";
import { cborMajorName, scanCborItem, type CborScanState } from "./cborScan.js";
import { checkRecordCrc, createStreamDecoder } from "./streamCodec.js";
import { decodePixels } from "./streamPixels.js";
import { checkEndRecord, checkFrameRecord, checkHeaderRecord, isPlainObject, unknownFields } from "./streamRecordCheck.js";
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

type ItemRead =
  | { kind: "eof" }
  | { kind: "truncated" }
  | { kind: "bad"; at: number; message: string }
  | { kind: "item"; bytes: Uint8Array; start: number; end: number };

/** Finds the CBOR item that starts at `offset`, reading more of the file as the scan needs. */
function readItem(file: ChunkedFile, offset: number): ItemRead {
  let state: CborScanState | undefined;
  let until = offset + 1;
  for (;;) {
    if (until > file.size) return offset >= file.size && !state ? { kind: "eof" } : { kind: "truncated" };
    const w = file.window(offset, until);
    if (w.end - w.start < until - offset) return { kind: "truncated" }; // the file shrank while being read
    const r = scanCborItem(w.bytes, w.start, w.end, file.size - offset, state);
    if (r.kind === "item") return { kind: "item", bytes: w.bytes.subarray(w.start, w.start + r.length), start: offset, end: offset + r.length };
    if (r.kind === "bad") return { kind: "bad", at: offset + r.at, message: r.message };
    state = r.state;
    until = offset + r.until;
  }
}

/** Decodes one complete item that must be a map, or says what it is instead. */
function decodeRecord(decoder: Decoder, bytes: Uint8Array): Obj | string {
  if (bytes[0] >> 5 !== 5) return `a CBOR ${cborMajorName(bytes[0])} where a record map was expected`;
  let value: unknown;
  try {
    value = decoder.decode(bytes);
  } catch (err) {
    return `undecodable map: ${(err as Error).message}`;
  }
  return isPlainObject(value) ? value : "a map that does not decode to a plain object";
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
    try {
      let offset = this.headerEnd;
      let framesRead = 0;
      let frameRecords = 0;
      for (;;) {
        const r = readItem(file, offset);
        if (r.kind === "eof") {
          return this.problem(file.size, `stream ends after ${framesRead} frames without its end record (byte ${file.size}): truncated at a record boundary?`);
        }
        if (r.kind === "truncated") return this.problem(offset, truncatedMessage(file.size, offset, framesRead));
        if (r.kind === "bad") return this.problem(r.at, `corrupt record at byte ${r.at}: ${r.message}`);
        const at = r.start;
        offset = r.end;
        const record = decodeRecord(this.decoder, r.bytes);
        if (typeof record === "string") return this.problem(at, `corrupt record at byte ${at}: ${record}`);
        if (record.type === "frame") frameRecords++;
        const damage = checkRecordCrc(r.bytes, record);
        if (damage) {
          this.problem(at, `record at byte ${at} is damaged: ${damage}; skipped`);
          continue;
        }
        const extra = unknownFields(record);
        if (extra.length) this.problem(at, `${String(record.type)} record at byte ${at} has fields version 1 does not define (ignored): ${extra.join(", ")}`);
        if (record.type === "frame") {
          const frame = checkFrameRecord(record);
          if (typeof frame === "string") {
            this.problem(at, `frame record at byte ${at}: ${frame}; skipped`);
            continue;
          }
          const pixels = decodePixels(frame.pixels, frame.encoding, frame.widthPx, frame.heightPx);
          if (typeof pixels === "string") {
            this.problem(at, `frame ${frame.index} at byte ${at}: ${pixels}; skipped`);
            continue;
          }
          if (frame.index !== frameRecords - 1) {
            this.problem(at, `frame at byte ${at} has index ${frame.index} where ${frameRecords - 1} was expected`);
          }
          framesRead++;
          yield { ...frame, encoding: "raw", pixels };
        } else if (record.type === "end") {
          const end = checkEndRecord(record);
          if (typeof end === "string") this.problem(at, `end record at byte ${at}: ${end}`);
          else if (end.frames !== frameRecords) {
            this.problem(at, `end record at byte ${at} says ${end.frames} frames but the stream holds ${frameRecords} frame records (${framesRead} read)`);
          }
          if (r.end < file.size) this.problem(r.end, `${file.size - r.end} bytes after the end record (from byte ${r.end}): ignored`);
          return;
        } else if (record.type === "header") {
          this.problem(at, `a second header record at byte ${at}: skipped`);
        } else {
          this.problem(at, `record at byte ${at} has unknown type ${JSON.stringify(record.type) ?? "(none)"}: skipped`);
        }
      }
    } finally {
      file.close();
    }
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
