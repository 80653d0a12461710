// Finds where one CBOR data item (RFC 8949) ends without decoding it, so that a CBOR sequence can be cut
// into items and a truncated item told from a corrupt one. Definite lengths only: the stream writer never
// emits indefinite-length items, so they are reported as corrupt. Iterative (no recursion) and resumable:
// when the bytes run out it says how many it needs and returns a state to continue from.

/** Deepest nesting of arrays, maps and tags accepted (stream records nest 4 deep). */
export const CBOR_MAX_DEPTH = 64;

/** Where a scan stands: the next byte (relative to the item's start) and, per open container, items still due. */
export interface CborScanState {
  pos: number;
  open: number[];
}

/** Outcome of a scan: the item's end, more bytes needed, or a byte that cannot start a well-formed item. */
export type CborScanResult =
  | { kind: "item"; length: number }
  | { kind: "need"; until: number; state: CborScanState }
  | { kind: "bad"; at: number; message: string };

const MAJOR_NAMES = ["unsigned integer", "negative integer", "byte string", "text string", "array", "map", "tag", "simple value/float"];

/** Name of the CBOR major type of an initial byte ("map", "byte string"...). */
export function cborMajorName(initialByte: number): string {
  return MAJOR_NAMES[initialByte >> 5];
}

/**
 * Scans the item that starts at `bytes[start]`, with `bytes[start .. end)` available, resuming `state` if given.
 * Positions in the result are relative to `start`. `maxLength` (the bytes left in the file from `start`) lets
 * a huge declared count be reported as needing more bytes than exist instead of being read to the end.
 */
export function scanCborItem(bytes: Uint8Array, start: number, end: number, maxLength: number, state?: CborScanState): CborScanResult {
  let pos = state ? state.pos : 0;
  const open = state ? state.open : [1];
  const avail = end - start;
  const need = (until: number): CborScanResult => ({ kind: "need", until, state: { pos, open } });
  while (open.length > 0) {
    if (open[open.length - 1] === 0) {
      open.pop();
      continue;
    }
    if (pos >= avail) return need(pos + 1);
    const ib = bytes[start + pos];
    const major = ib >> 5;
    const ai = ib & 0x1f;
    let headLength: number;
    if (ai < 24) headLength = 1;
    else if (ai <= 27) headLength = 1 + (1 << (ai - 24));
    else if (ai === 31) {
      const what = major === 7 ? "a break code outside any indefinite-length item" : major >= 2 && major <= 5 ? `an indefinite-length ${MAJOR_NAMES[major]} (not used by this format)` : `invalid initial byte 0x${ib.toString(16)}`;
      return { kind: "bad", at: pos, message: what };
    } else return { kind: "bad", at: pos, message: `reserved additional information ${ai} in initial byte 0x${ib.toString(16)}` };
    if (pos + headLength > avail) return need(pos + headLength);
    let value = ai;
    if (ai >= 24) {
      value = 0;
      for (let i = 1; i < headLength; i++) value = value * 256 + bytes[start + pos + i];
    }
    open[open.length - 1]--;
    pos += headLength;
    if (major === 2 || major === 3) {
      pos += value;
      if (pos > avail) return need(pos);
    } else if (major >= 4 && major <= 6) {
      const items = major === 4 ? value : major === 5 ? 2 * value : 1;
      if (items === 0) continue;
      if (open.length >= CBOR_MAX_DEPTH) return { kind: "bad", at: pos - headLength, message: `items nested deeper than ${CBOR_MAX_DEPTH}` };
      open.push(items);
      let due = 0;
      for (const n of open) due += n;
      if (pos + due > maxLength) return need(pos + due); // every due item takes at least one byte
    }
  }
  return { kind: "item", length: pos };
}
