// The slice record both encoders take: one static staging record per kind, filled by the slicer or by the
// host (records read from an Argo AUX file or a replay), then validated and handed to the encoders.
//
// Layout (SLICE_RECORD_BYTES = 608, little-endian):
//   0 u8 kind (1 LPM, 2 BLACK, 3 TAXO)   1 u8 phase (0..5)   2 u8 processing (0 RW, 1 DW, 2 AM)
//   3 u8 TAXO category count N (0..40)   4 u32 time, Unix s
//   8 f64 pressure, dbar   16 f64 temperature, deg C (LPM, BLACK)   24 u32 images
//  28 f32 x 18 counts (BLACK: the first 5)   100 u8 x 18 mean grey (LPM)   118..127 reserved
// 128 N x 12 B TAXO categories: u8 class index (0..39), u8 mean grey, u16 reserved, u32 objects, f32 mean size

import { floatAlloc } from "./arena";
import { isNavigationPhase, KIND_BLACK, KIND_LPM, KIND_TAXO, LPM_CLASSES, PROC_RW, TAXO_MAX_CATEGORIES } from "./constants";

/** Bytes of one staged slice record. */
export const SLICE_RECORD_BYTES: u32 = 608;
/** Offset of the first TAXO category entry. */
export const SLICE_CATEGORIES_OFFSET: u32 = 128;
/** Bytes of one TAXO category entry. */
export const SLICE_CATEGORY_BYTES: u32 = 12;

const staging: usize = floatAlloc(3 * SLICE_RECORD_BYTES);

/** Address of the staging record of `kind` (1..3). */
export function stagingRecord(kind: u32): usize {
  return staging + <usize>(kind - 1) * SLICE_RECORD_BYTES;
}

// @ts-ignore: decorator
@inline export function recKind(r: usize): u32 { return <u32>load<u8>(r, 0); }
// @ts-ignore: decorator
@inline export function recPhase(r: usize): u32 { return <u32>load<u8>(r, 1); }
// @ts-ignore: decorator
@inline export function recProcessing(r: usize): u32 { return <u32>load<u8>(r, 2); }
// @ts-ignore: decorator
@inline export function recCategories(r: usize): u32 { return <u32>load<u8>(r, 3); }
// @ts-ignore: decorator
@inline export function recTime(r: usize): u32 { return load<u32>(r, 4); }
// @ts-ignore: decorator
@inline export function recPressure(r: usize): f64 { return load<f64>(r, 8); }
// @ts-ignore: decorator
@inline export function recTemperature(r: usize): f64 { return load<f64>(r, 16); }
// @ts-ignore: decorator
@inline export function recImages(r: usize): u32 { return load<u32>(r, 24); }
// @ts-ignore: decorator
@inline export function recCountBits(r: usize, k: u32): u32 { return load<u32>(r + 28 + (k << 2)); }
// @ts-ignore: decorator
@inline export function recGrey(r: usize, k: u32): u32 { return <u32>load<u8>(r + 100 + k); }
// @ts-ignore: decorator
@inline export function recCategory(r: usize, j: u32): usize { return r + SLICE_CATEGORIES_OFFSET + j * SLICE_CATEGORY_BYTES; }
// @ts-ignore: decorator
@inline export function catIndex(c: usize): u32 { return <u32>load<u8>(c, 0); }
// @ts-ignore: decorator
@inline export function catGrey(c: usize): u32 { return <u32>load<u8>(c, 1); }
// @ts-ignore: decorator
@inline export function catObjects(c: usize): u32 { return load<u32>(c, 4); }
// @ts-ignore: decorator
@inline export function catSizeBits(c: usize): u32 { return load<u32>(c, 8); }

/** Pressure code (P + 100) * 10 rounded half up, or -1 when it does not fit a u16. */
export function pressureCode(pressureDbar: f64): i32 {
  const c = Math.floor((pressureDbar + 100) * 10 + 0.5);
  return c >= 0 && c <= 65535 ? <i32>c : -1;
}

/** Temperature code (T + 5) * 1000 rounded half up, or -1 when it does not fit a u16. */
export function temperatureCode(temperatureC: f64): i32 {
  const c = Math.floor((temperatureC + 5) * 1000 + 0.5);
  return c >= 0 && c <= 65535 ? <i32>c : -1;
}

/** Whether staged record `r` can be encoded: known kind/phase/processing, categories in range, codes in u16. */
export function sliceRecordValid(r: usize): bool {
  const kind = recKind(r);
  if (kind != KIND_LPM && kind != KIND_BLACK && kind != KIND_TAXO) return false;
  if (recPhase(r) > 5 || recProcessing(r) > 2) return false;
  // PARK, SHORT_PARK and SURFACE records are always raw (NKE); BLACK ones always are.
  if (!isNavigationPhase(recPhase(r)) && recProcessing(r) != PROC_RW) return false;
  if (pressureCode(recPressure(r)) < 0) return false;
  if (kind != KIND_TAXO && temperatureCode(recTemperature(r)) < 0) return false;
  if (kind == KIND_TAXO) {
    const n = recCategories(r);
    if (n > TAXO_MAX_CATEGORIES) return false;
    for (let j: u32 = 0; j < n; j++) if (catIndex(recCategory(r, j)) >= TAXO_MAX_CATEGORIES) return false;
  }
  return true;
}

/** Clears staged record `r` and sets its kind. */
export function clearSliceRecord(r: usize, kind: u32): void {
  for (let i: u32 = 0; i < SLICE_RECORD_BYTES; i += 8) store<u64>(r + i, 0);
  store<u8>(r, <u8>kind, 0);
}

/** Number of classes a record of `kind` carries counts for. */
export function countClasses(kind: u32): u32 {
  return kind == KIND_LPM ? LPM_CLASSES : kind == KIND_BLACK ? 5 : 0;
}
