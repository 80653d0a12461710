// Recognising CTS5 tags in raw bytes. A tag counts only when its full ASCII text is there: a record may start
// with '[' or '(' by chance (a time or count byte of 0x5B or 0x28), so a lone bracket proves nothing.

import type { Cts5Phase, Processing } from "../types.js";
import { CTS5_PHASES, PROCESSINGS } from "../types.js";
import {
  CTS5_OTHER_PROCESSING_TAGS,
  CTS5_PHASE_TAG_OPEN,
  CTS5_PHASE_TAGS,
  CTS5_PROCESSING_TAG_BYTES,
  CTS5_PROCESSING_TAG_OPEN,
  CTS5_PROCESSING_TAGS,
} from "./cts5Layout.js";

const CLOSE_PHASE = 0x5d; // ']'
const CLOSE_PROCESSING = 0x29; // ')'
const UNDERSCORE = 0x5f;
/** Longest text between the brackets of something taken for an unknown phase tag. */
const MAX_TAG_LETTERS = 20;
/** Fewest: the shortest NKE tag text is 4 letters ([PARK]); 2 would let '[' + two time bytes + ']' pass. */
const MIN_TAG_LETTERS = 3;
const ALL_TAG_TEXTS = [
  ...Object.values(CTS5_PHASE_TAGS),
  ...Object.values(CTS5_PROCESSING_TAGS),
  ...CTS5_OTHER_PROCESSING_TAGS,
];

const isCapital = (b: number) => b >= 0x41 && b <= 0x5a;

function textAt(bytes: Uint8Array, pos: number, text: string): boolean {
  if (pos < 0 || pos + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[pos + i] !== text.charCodeAt(i)) return false;
  return true;
}

function ascii(bytes: Uint8Array, pos: number, n: number): string {
  return String.fromCharCode(...bytes.subarray(pos, pos + n));
}

/** The phase whose tag starts at `pos`, or null. */
export function phaseTagAt(bytes: Uint8Array, pos: number): Cts5Phase | null {
  if (bytes[pos] !== CTS5_PHASE_TAG_OPEN) return null;
  return CTS5_PHASES.find((p) => textAt(bytes, pos, CTS5_PHASE_TAGS[p])) ?? null;
}

/** The UVP processing whose tag starts at `pos`, or null. */
export function processingTagAt(bytes: Uint8Array, pos: number): Processing | null {
  if (bytes[pos] !== CTS5_PROCESSING_TAG_OPEN) return null;
  return PROCESSINGS.find((p) => textAt(bytes, pos, CTS5_PROCESSING_TAGS[p])) ?? null;
}

/**
 * The text of a well-formed tag at `pos` that is no UVP tag, or null: '[' + words of capitals joined by '_'
 * (3-20 characters, like the NKE tags) + ']', or '(' + two capitals + ')' (e.g. (SD)). The shape is strict
 * because record bytes can look like a tag: with it, an absolute time (top byte 0x5F-0x6x from 2020 on)
 * cannot, and a relative one only with a step of 4.6 h or more.
 */
export function unknownTagAt(bytes: Uint8Array, pos: number): string | null {
  if (phaseTagAt(bytes, pos) !== null || processingTagAt(bytes, pos) !== null) return null;
  const n = bytes.length;
  if (bytes[pos] === CTS5_PROCESSING_TAG_OPEN) {
    const ok = pos + 3 < n && isCapital(bytes[pos + 1]) && isCapital(bytes[pos + 2]) && bytes[pos + 3] === CLOSE_PROCESSING;
    return ok ? ascii(bytes, pos, CTS5_PROCESSING_TAG_BYTES) : null;
  }
  if (bytes[pos] !== CTS5_PHASE_TAG_OPEN) return null;
  for (let i = pos + 1; i < Math.min(n, pos + 2 + MAX_TAG_LETTERS); i++) {
    const b = bytes[i];
    const prevCapital = isCapital(bytes[i - 1]);
    if (b === CLOSE_PHASE) return prevCapital && i - pos > MIN_TAG_LETTERS ? ascii(bytes, pos, i - pos + 1) : null;
    if (!isCapital(b) && !(b === UNDERSCORE && prevCapital)) return null;
  }
  return null;
}

/** The tag the bytes from `pos` to the end are a strict beginning of (a tag cut by the end of the data), or null. */
export function cutTagAt(bytes: Uint8Array, pos: number): string | null {
  const rest = bytes.length - pos;
  if (rest <= 0) return null;
  return ALL_TAG_TEXTS.find((t) => t.length > rest && textAt(bytes, pos, t.slice(0, rest))) ?? null;
}

/** First position in [from, end) where a phase tag (with `processingToo`, also a UVP processing tag) starts; else end. */
export function findTag(bytes: Uint8Array, from: number, end: number, processingToo: boolean): number {
  for (let q = from; q < end; q++) {
    if (phaseTagAt(bytes, q) !== null) return q;
    if (processingToo && processingTagAt(bytes, q) !== null) return q;
  }
  return end;
}
