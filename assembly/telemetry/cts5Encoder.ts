// CTS5 files (docs/operators.md, "CTS5 files"; NKE APMT 6.13-6.15): one file per kind and cycle, written
// through one buffer per kind. Tags open a group when the phase or processing changes; navigation-phase LPM
// and TAXO groups carry a u32 time reference and u16 steps, so a step that is negative or over 65535 s opens
// a new group, as does one whose low byte is '[' or '(' (the record would start like a tag). Fixed-width records.
// NKE: "all data from a sensor are saved in a unique data file associated to the cycle/pattern", so the type
// byte starts only the first chunk, and the group state (phase, processing, last time) runs on across chunks:
// the chunks, concatenated, are byte for byte the file one unlimited buffer would have written.

import { floatAlloc } from "./arena";
import {
  CTS5_CHUNK_BYTES, KIND_BLACK, KIND_LPM, KIND_TAXO, LPM_CLASSES, PROC_AM, BLACK_CLASSES, isNavigationPhase,
} from "./constants";
import {
  catGrey, catIndex, catObjects, catSizeBits, pressureCode, recCategories, recCategory, recCountBits, recGrey,
  recImages, recKind, recPhase, recPressure, recProcessing, recTemperature, recTime, temperatureCode,
} from "./sliceRecord";

/** What appending did: written, or the chunk is sealed and the record waits for the next chunk. */
export const CTS5_APPENDED: u32 = 0;
export const CTS5_SEALED: u32 = 1;

const parts: usize = floatAlloc(3 * CTS5_CHUNK_BYTES);
// Per kind: bytes used in the chunk, sealed length (0 = open), current phase + 1 (0 = none), processing, last time.
const used: usize = floatAlloc(12);
const sealed: usize = floatAlloc(12);
const groupPhase: usize = floatAlloc(12);
const groupProcessing: usize = floatAlloc(12);
const lastTime: usize = floatAlloc(12);
/** Values a CTS5 field could not hold (TAXO counts over 255, BLACK counts over 65535 or not integers), clamped. */
export let cts5ValuesClamped: u32 = 0;
/** Records refused because a field does not fit CTS5 (images over 255 outside AM, or over 65535). */
export let cts5RecordsRefused: u32 = 0;

const PHASE_TAGS: StaticArray<string> = ["[DESCENT]", "[PARK]", "[DEEP_PROFILE]", "[SHORT_PARK]", "[ASCENT]", "[SURFACE]"];
const PROCESSING_TAGS: StaticArray<string> = ["(RW)", "(DW)", "(AM)"];
const TYPE_BYTES: StaticArray<u8> = [0x1b, 0x1d, 0x1c];

// @ts-ignore: decorator
@inline function slot(base: usize, kind: u32): usize { return base + ((kind - 1) << 2); }
// @ts-ignore: decorator
@inline function part(kind: u32): usize { return parts + <usize>(kind - 1) * CTS5_CHUNK_BYTES; }

/** Forgets every file: a new cycle. */
export function cts5Reset(): void {
  for (let kind: u32 = 1; kind <= 3; kind++) openFile(kind);
  cts5ValuesClamped = 0;
  cts5RecordsRefused = 0;
}

// The first chunk of a file: its type byte, no group open.
function openFile(kind: u32): void {
  store<u8>(part(kind), TYPE_BYTES[kind - 1]);
  store<u32>(slot(used, kind), 1);
  store<u32>(slot(sealed, kind), 0);
  store<u32>(slot(groupPhase, kind), 0);
  store<u32>(slot(groupProcessing, kind), 0);
  store<u32>(slot(lastTime, kind), 0);
}

function tagBytes(tag: string, at: usize): u32 {
  const n = <u32>tag.length;
  for (let i: u32 = 0; i < n; i++) store<u8>(at + i, <u8>tag.charCodeAt(i));
  return n;
}

/** Whether record `r` fits the CTS5 field widths (images by processing). */
export function cts5Accepts(r: usize): bool {
  const images = recImages(r);
  const wide = recProcessing(r) == PROC_AM && isNavigationPhase(recPhase(r)) && recKind(r) != KIND_BLACK;
  return images <= (wide ? <u32>65535 : <u32>255);
}

function recordBytes(r: usize, absolute: bool): u32 {
  const kind = recKind(r);
  if (kind == KIND_BLACK) return 19;
  const time: u32 = absolute ? 4 : 2;
  const images: u32 = !absolute && recProcessing(r) == PROC_AM ? 2 : 1;
  if (kind == KIND_LPM) return time + 2 + images + 2 + LPM_CLASSES * 5;
  return time + 2 + images + 1 + recCategories(r) * 7;
}

/** Appends staged record `r` (validated, accepted) to the part of its kind: CTS5_APPENDED or CTS5_SEALED. */
export function cts5Append(r: usize): u32 {
  const kind = recKind(r);
  const phase = recPhase(r);
  const navigation = isNavigationPhase(phase);
  const processing = navigation ? recProcessing(r) : 0;
  const t = recTime(r);
  const relative = navigation && kind != KIND_BLACK;
  const phaseChange = load<u32>(slot(groupPhase, kind)) != phase + 1;
  const step = <i64>t - <i64>load<u32>(slot(lastTime, kind));
  const processingChange = navigation && (phaseChange || load<u32>(slot(groupProcessing, kind)) != processing);
  // A relative record must not start with '[' or '(': a decoder could take its first bytes for a tag.
  const tagLike = relative && ((step & 0xff) == 0x5b || (step & 0xff) == 0x28);
  const newGroup = processingChange || (relative && (step < 0 || step > 65535 || tagLike));
  let header: u32 = 0;
  if (phaseChange) header += <u32>PHASE_TAGS[phase].length;
  if (navigation && newGroup) header += <u32>PROCESSING_TAGS[processing].length + (relative ? 4 : 0);
  const size = header + recordBytes(r, !relative);
  let at = load<u32>(slot(used, kind));
  if (at + size > CTS5_CHUNK_BYTES) {
    store<u32>(slot(sealed, kind), at);
    return CTS5_SEALED;
  }
  const p = part(kind);
  if (phaseChange) at += tagBytes(PHASE_TAGS[phase], p + at);
  if (navigation && newGroup) {
    at += tagBytes(PROCESSING_TAGS[processing], p + at);
    if (relative) {
      store<u32>(p + at, t);
      at += 4;
      store<u32>(slot(lastTime, kind), t);
    }
  }
  at = <u32>(writeRecord(r, p + at, relative, load<u32>(slot(lastTime, kind))) - p);
  store<u32>(slot(used, kind), at);
  store<u32>(slot(groupPhase, kind), phase + 1);
  store<u32>(slot(groupProcessing, kind), processing);
  store<u32>(slot(lastTime, kind), t);
  return CTS5_APPENDED;
}

function writeRecord(r: usize, at: usize, relative: bool, reference: u32): usize {
  const kind = recKind(r);
  if (relative) {
    store<u16>(at, <u16>(recTime(r) - reference));
    at += 2;
  } else {
    store<u32>(at, recTime(r));
    at += 4;
  }
  store<u16>(at, <u16>pressureCode(recPressure(r)));
  at += 2;
  const images = recImages(r);
  if (relative && recProcessing(r) == PROC_AM) {
    store<u16>(at, <u16>images);
    at += 2;
  } else {
    store<u8>(at, <u8>images);
    at += 1;
  }
  if (kind != KIND_TAXO) {
    store<u16>(at, <u16>temperatureCode(recTemperature(r)));
    at += 2;
  }
  if (kind == KIND_LPM) {
    for (let k: u32 = 0; k < LPM_CLASSES; k++) store<u32>(at + (k << 2), recCountBits(r, k));
    at += LPM_CLASSES << 2;
    for (let k: u32 = 0; k < LPM_CLASSES; k++) store<u8>(at + k, <u8>recGrey(r, k));
    return at + LPM_CLASSES;
  }
  if (kind == KIND_BLACK) {
    for (let k: u32 = 0; k < BLACK_CLASSES; k++) store<u16>(at + (k << 1), <u16>blackCount(recCountBits(r, k)));
    return at + (BLACK_CLASSES << 1);
  }
  const n = recCategories(r);
  store<u8>(at, <u8>n);
  at += 1;
  for (let j: u32 = 0; j < n; j++) {
    const c = recCategory(r, j);
    let objects = catObjects(c);
    if (objects > 255) {
      objects = 255;
      cts5ValuesClamped++;
    }
    store<u8>(at, <u8>catIndex(c));
    store<u8>(at, <u8>objects, 1);
    store<u32>(at, catSizeBits(c), 2);
    store<u8>(at, <u8>catGrey(c), 6);
    at += 7;
  }
  return at;
}

/** A BLACK count as the u16 CTS5 carries: rounded half up, clamped to 0..65535 (clamps counted). */
function blackCount(bits: u32): u32 {
  const f = <f64>reinterpret<f32>(bits);
  if (!(f >= 0)) {
    cts5ValuesClamped++;
    return 0;
  }
  const n = Math.floor(f + 0.5);
  if (n != f || n > 65535) cts5ValuesClamped++;
  return n > 65535 ? 65535 : <u32>n;
}

/** Seals the chunk of `kind` if it holds any record; true if sealed. */
export function cts5SealOpen(kind: u32): bool {
  const at = load<u32>(slot(used, kind));
  // 1 byte is a first chunk's type byte alone; a later chunk only opens for a waiting record (4 bytes or more).
  if (at <= 1 || load<u32>(slot(sealed, kind)) != 0) return false;
  store<u32>(slot(sealed, kind), at);
  return true;
}

/** Length of the sealed chunk of `kind` waiting for the host, 0 when none. */
export function cts5SealedBytes(kind: u32): u32 {
  return load<u32>(slot(sealed, kind));
}

/** Address of the chunk buffer of `kind`. */
export function cts5PartPtr(kind: u32): usize {
  return part(kind);
}

/** Frees the sealed chunk of `kind` for the rest of the same file: no type byte, the open group goes on. */
export function cts5Release(kind: u32): void {
  store<u32>(slot(used, kind), 0);
  store<u32>(slot(sealed, kind), 0);
}
