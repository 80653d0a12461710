// Cutting a recorded stream into CBOR items through a ChunkedFile, decoding an item as a record map, and,
// after damage, finding the next offset where an intact record starts (resynchronisation). A record is
// taken as intact only when it is a complete CBOR map of a known type whose crc32 entry matches its bytes,
// so a false resynchronisation would need a CRC-32 collision at a map boundary.

import type { Decoder } from "cbor-x";
import type { ChunkedFile } from "./chunkedFile.js";
import { cborMajorName, scanCborItem, type CborScanState } from "./cborScan.js";
import { checkRecordCrc, sealedCrcMatches } from "./streamCodec.js";
import { isPlainObject } from "./streamRecordCheck.js";

type Obj = Record<string, unknown>;

/** Smallest bound on the size of a record looked for while resynchronising: 16 MiB. */
export const MIN_RESYNC_RECORD_BYTES = 16 * 1024 * 1024;

/** The record types a resynchronisation may land on. */
const KNOWN_TYPES = ["header", "frame", "end"];

/** What is at an offset: the end of the file, an item cut by it (or longer than allowed), a bad byte, or an item. */
export type ItemRead =
  | { kind: "eof" }
  | { kind: "truncated" }
  | { kind: "too-long" }
  | { kind: "bad"; at: number; message: string }
  | { kind: "item"; bytes: Uint8Array; start: number; end: number };

/** Finds the CBOR item that starts at `offset`, reading more of the file as the scan needs (at most `limit` bytes). */
export function readItem(file: ChunkedFile, offset: number, limit = Number.POSITIVE_INFINITY): ItemRead {
  let state: CborScanState | undefined;
  let until = offset + 1;
  const maxLength = Math.min(file.size - offset, limit);
  for (;;) {
    if (until > file.size) return offset >= file.size && !state ? { kind: "eof" } : { kind: "truncated" };
    if (until - offset > limit) return { kind: "too-long" };
    const w = file.window(offset, until);
    if (w.end - w.start < until - offset) return { kind: "truncated" }; // the file shrank while being read
    const r = scanCborItem(w.bytes, w.start, w.end, maxLength, state);
    if (r.kind === "item") return { kind: "item", bytes: w.bytes.subarray(w.start, w.start + r.length), start: offset, end: offset + r.length };
    if (r.kind === "bad") return { kind: "bad", at: offset + r.at, message: r.message };
    state = r.state;
    until = offset + r.until;
  }
}

/** Decodes one complete item that must be a map, or says what it is instead. */
export function decodeRecord(decoder: Decoder, bytes: Uint8Array): Obj | string {
  if (bytes[0] >> 5 !== 5) return `a CBOR ${cborMajorName(bytes[0])} where a record map was expected`;
  let value: unknown;
  try {
    value = decoder.decode(bytes);
  } catch (err) {
    return `undecodable map: ${(err as Error).message}`;
  }
  return isPlainObject(value) ? value : "a map that does not decode to a plain object";
}

/** Whether an initial byte can start a record: a definite-length map of at least 2 entries (type, crc32). */
function canStartRecord(initialByte: number): boolean {
  return initialByte >= 0xa2 && initialByte <= 0xbb;
}

/** Whether an intact record of a known type starts at `offset` (no longer than `limit` bytes). */
function intactRecordAt(file: ChunkedFile, decoder: Decoder, offset: number, limit: number): boolean {
  const r = readItem(file, offset, limit);
  if (r.kind !== "item" || !sealedCrcMatches(r.bytes)) return false;
  const record = decodeRecord(decoder, r.bytes);
  return typeof record !== "string" && KNOWN_TYPES.includes(record.type as string) && checkRecordCrc(r.bytes, record) === null;
}

/** The first offset at or after `from` where an intact record of a known type starts, or null when none does. */
export function findNextRecord(file: ChunkedFile, decoder: Decoder, from: number, limit: number, stepBytes: number): number | null {
  // Byte by byte, at most `stepBytes` per window so that the file's rolling buffer slides as the scan goes;
  // a candidate record may span at most `limit` bytes (what the buffer may have to hold for it).
  let pos = from;
  while (pos < file.size) {
    const want = Math.min(file.size - pos, stepBytes);
    const w = file.window(pos, pos + want);
    const stop = w.start + Math.min(w.end - w.start, want);
    if (stop <= w.start) return null; // the file shrank while being read
    let i = w.start;
    while (i < stop && !canStartRecord(w.bytes[i])) i++;
    const candidate = pos + (i - w.start);
    if (i === stop) {
      pos = candidate;
      continue;
    }
    if (intactRecordAt(file, decoder, candidate, limit)) return candidate;
    pos = candidate + 1;
  }
  return null;
}
