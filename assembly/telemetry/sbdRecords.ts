// The compact SBD format's record coding, version 2 (docs/operators.md, "A record", "Format version 2"): what
// each field is predicted from (the previous record, the message's smoothed rates, the prior table) and which
// context codes it. Reads the message's previous record from `prev` and writes this record's state to `next`,
// so the caller can take the record back by not copying `next`.

import { KIND_LPM, KIND_TAXO, LPM_CLASSES } from "./constants";
import {
  catGrey, catIndex, catObjects, catSizeBits, countClasses, pressureCode, recCategories, recCategory, recCountBits,
  recGrey, recImages, recKind, recPhase, recPressure, recProcessing, recTemperature, recTime, temperatureCode,
} from "./sliceRecord";
import { rcBit, rcDirect, rcSigned, rcUnsigned } from "./rangeEncoder";
import { priorBin, priorCount, priorGrey, priorProbability, priorTableId, priorTaxoGrey } from "./priorTable";
import { sbdNoiseCode } from "./floatConfig";
import { quantIndex, quantRepresentative } from "./noiseQuantiser";

// Context numbers (each a 64-probability tree) and the single probabilities after them.
const CTX_DT: u32 = 0;
const CTX_DP: u32 = 1;
const CTX_IMG: u32 = 2;
const CTX_TEMP: u32 = 3;
const CTX_COUNT: u32 = 4; // 24 contexts by bit length of the prediction (23 and more share the last)
const COUNT_CONTEXTS: u32 = 24;
const CTX_GREY: u32 = CTX_COUNT + COUNT_CONTEXTS; // 9 contexts: empty class, then by bit length of the count
const CTX_TAXO_N: u32 = CTX_GREY + 9;
const CTX_TAXO_CLASS: u32 = CTX_TAXO_N + 1;
const CTX_TAXO_COUNT: u32 = CTX_TAXO_N + 2;
const CTX_TAXO_SIZE: u32 = CTX_TAXO_N + 3;
const CTX_TAXO_GREY: u32 = CTX_TAXO_N + 4;
const TREE_CONTEXTS: u32 = CTX_TAXO_N + 5;
const P_SAME_PHASE: u32 = TREE_CONTEXTS * 64;
const P_SIZE_ULP: u32 = P_SAME_PHASE + 1; // 4 probabilities, a 2-level tree
const P_ULP: u32 = P_SAME_PHASE + 5; // 4 probabilities, a 2-level tree
/** Probabilities (u16) one message's coder uses. */
export const SBD_PROB_COUNT: u32 = P_ULP + 4;

// Predictor state layout (PRED_BYTES): what the next record is predicted from.
//   0 u32 has previous   4 u32 time   8 i64 time step   16 u32 pressure code   20 u32 phase
//  24 i64 pressure step  32 u32 images  36 u32 temperature code  40 u32 processing  44 u32 TAXO categories
//  48 u64 x 18 count integer views   192 u8 x 18 greys   216 u64 smoothed images   224 u64 x 18 smoothed counts
/** Bytes of one predictor state. */
export const PRED_BYTES: u32 = 368;
/** Counts below this are predicted from the message's smoothed rate rather than the previous record alone. */
const SMOOTH_BELOW: u64 = 64;
/** Weight (in objects) of the prior table's grey against the previous record's. */
const GREY_PRIOR_WEIGHT: u32 = 4;

let probs: usize = 0;

// @ts-ignore: decorator
@inline function tree(ctx: u32): usize { return probs + ((ctx << 6) << 1); }
// @ts-ignore: decorator
@inline function single(i: u32): usize { return probs + (i << 1); }
// @ts-ignore: decorator
@inline function bitLength(v: u64): u32 { return v == 0 ? 0 : 64 - <u32>clz<u64>(v); }

/** Float32 count class (0 integer, 1 one ulp above, 2 one ulp below, 3 raw) with its integer view in the high bits. */
function countClassOf(bits: u32): u64 {
  const f = reinterpret<f32>(bits);
  if ((bits >>> 31) != 0 || !isFinite<f32>(f)) return 3;
  const n = Math.floor(<f64>f + 0.5);
  if (n >= 4294967296.0) return 3;
  const base = reinterpret<u32>(<f32>n);
  const d = <i64>bits - <i64>base;
  const cls = <u64>ulpClass(d);
  return cls == 3 ? 3 : (<u64>n << 2) | cls;
}

/** Codes a float32 class (0 exact, 1 one ulp above, 2 one ulp below, 3 raw) on the 2-level tree at `base`. */
function putFloatClass(base: u32, cls: u32): void {
  const hi = cls >> 1;
  rcBit(single(base + 1), hi);
  rcBit(single(base + 2 + hi), cls & 1);
}

// @ts-ignore: decorator
@inline function ulpClass(d: i64): u32 {
  return d == 0 ? 0 : d == 1 ? 1 : d == -1 ? 2 : 3;
}

/** Expected bit length of the values context `ctx` codes: the centre of its initial probabilities (README). */
function contextCentre(ctx: u32): i32 {
  if (ctx == CTX_DT || ctx == CTX_IMG) return 4;
  if (ctx == CTX_DP) return 3;
  if (ctx == CTX_TEMP) return 6;
  if (ctx >= CTX_COUNT && ctx < CTX_GREY) {
    const b = <i32>(ctx - CTX_COUNT);
    return max<i32>(0, b - 1 - (b >> 2));
  }
  if (ctx == CTX_GREY) return 0;
  if (ctx > CTX_GREY && ctx < CTX_TAXO_N) return max<i32>(1, 8 - <i32>(ctx - CTX_GREY));
  if (ctx == CTX_TAXO_COUNT) return 3;
  if (ctx == CTX_TAXO_SIZE) return 14;
  if (ctx == CTX_TAXO_GREY) return 5;
  return 2; // TAXO_N, TAXO_CLASS
}

// @ts-ignore: decorator
@inline function leafWeight(b: i32, centre: i32): u64 {
  return <u64>1 << <u64>max<i32>(8, 20 - abs<i32>(b - centre));
}

/** Fills `table` for a new message: from the prior table when one is in force, else each tree shaped to its
 *  context's expected bit length. */
export function initProbabilities(table: usize): void {
  if (priorTableId != 0) {
    for (let i: u32 = 0; i < SBD_PROB_COUNT; i++) store<u16>(table + (i << 1), priorProbability(i));
    return;
  }
  for (let ctx: u32 = 0; ctx < TREE_CONTEXTS; ctx++) {
    const centre = contextCentre(ctx);
    const t = table + ((ctx << 6) << 1);
    store<u16>(t, 1024);
    for (let m: u32 = 1; m < 64; m++) {
      const depth = 31 - <u32>clz<u32>(m);
      const span = <i32>(64 >> depth);
      const lo = <i32>(m - (1 << depth)) * span;
      let left: u64 = 0;
      let all: u64 = 0;
      for (let b = lo; b < lo + span; b++) {
        const w = leafWeight(b, centre);
        all += w;
        if (b < lo + (span >> 1)) left += w;
      }
      const p = ((left << 11) + (all >> 1)) / all;
      store<u16>(t + (m << 1), <u16>min<u64>(max<u64>(p, 31), 2017));
    }
  }
  // Singles: a phase change, a raw mean size and a non-integer count are all rare.
  for (let i = P_SAME_PHASE; i < SBD_PROB_COUNT; i++) store<u16>(table + (i << 1), 1024);
  store<u16>(table + (P_SAME_PHASE << 1), 1843);
  store<u16>(table + ((P_SIZE_ULP + 1) << 1), 1843);
  store<u16>(table + ((P_ULP + 1) << 1), 1843);
}

/** Sets the probability table the record coder uses. */
export function useProbabilities(table: usize): void {
  probs = table;
}

/** Encodes staged record `r` after the record described by `prev`, writing this record's state into `next`. */
export function encodeSbdRecord(r: usize, prev: usize, next: usize): void {
  const kind = recKind(r);
  const first = load<u32>(prev, 0) == 0;
  const phase = recPhase(r);
  const proc = recProcessing(r);
  if (first || phase != load<u32>(prev, 20) || proc != load<u32>(prev, 40)) {
    if (!first) rcBit(single(P_SAME_PHASE), 1);
    rcDirect(<u64>phase, 3);
    rcDirect(<u64>proc, 2);
  } else {
    rcBit(single(P_SAME_PHASE), 0);
  }
  const t = recTime(r);
  const p = <u32>pressureCode(recPressure(r));
  const images = recImages(r);
  let dt: i64 = 0;
  let dp: i64 = 0;
  if (first) {
    rcDirect(<u64>t, 32);
    rcDirect(<u64>p, 16);
    rcUnsigned(tree(CTX_IMG), <u64>images);
  } else {
    dt = <i64>t - <i64>load<u32>(prev, 4);
    dp = <i64>p - <i64>load<u32>(prev, 16);
    rcSigned(tree(CTX_DT), dt - load<i64>(prev, 8));
    rcSigned(tree(CTX_DP), dp - load<i64>(prev, 24));
    rcSigned(tree(CTX_IMG), <i64>images - <i64>load<u32>(prev, 32));
  }
  store<u32>(next, 1, 0);
  store<u32>(next, t, 4);
  store<i64>(next, dt, 8);
  store<u32>(next, p, 16);
  store<u32>(next, phase, 20);
  store<i64>(next, dp, 24);
  store<u32>(next, images, 32);
  store<u32>(next, proc, 40);
  if (kind == KIND_TAXO) {
    encodeTaxo(r, prev, next, first);
    return;
  }
  const q = <u32>temperatureCode(recTemperature(r));
  if (first) rcDirect(<u64>q, 16);
  else rcSigned(tree(CTX_TEMP), <i64>q - <i64>load<u32>(prev, 36));
  store<u32>(next, q, 36);
  const bin = priorBin(p);
  encodeCounts(r, prev, next, first, images, bin);
  if (kind == KIND_LPM) encodeGreys(r, prev, next, first, bin);
}

function encodeCounts(r: usize, prev: usize, next: usize, first: bool, images: u32, bin: u32): void {
  const kind = recKind(r);
  const classes = countClasses(kind);
  const prevImages = <u64>load<u32>(prev, 32);
  const prevAccI = load<u64>(prev, 216);
  let below: u64 = 0;
  for (let k: u32 = 0; k < classes; k++) {
    const bits = recCountBits(r, k);
    const c = countClassOf(bits);
    const cls = <u32>(c & 3);
    putFloatClass(P_ULP, cls);
    let n: u64 = 0;
    if (cls == 3) {
      rcDirect(<u64>bits, 32);
    } else {
      n = c >> 2;
      let pred: u64;
      if (first && priorTableId != 0) {
        // The table's spectrum at this depth: scaled from the class below once it expects >= 64 objects there.
        const e = priorCount(kind, bin, k);
        const eBelow = k == 0 ? 0 : priorCount(kind, bin, k - 1);
        pred = k > 0 && <u64>images * eBelow >= 65536 ? (below * e + (eBelow >> 1)) / eBelow : (<u64>images * e + 512) >> 10;
      } else if (first) {
        // A first record has no previous one: a typical spectrum's ratios to the class below.
        // (class 1, mostly 1-px noise, ~2,000 objects per image).
        pred = k == 0 ? <u64>images << 11 : k == 1 ? below >> 4 : k == 2 ? below >> 2 : (below * 5) >> 3;
      } else {
        const pn = load<u64>(prev + 48 + (k << 3));
        // Small counts: the message's smoothed rate (sums halved at each record) is less noisy than one record.
        if (pn < SMOOTH_BELOW && prevAccI > 0) pred = (load<u64>(prev + 224 + (k << 3)) * <u64>images + (prevAccI >> 1)) / prevAccI;
        else pred = prevImages == 0 ? pn : (pn * <u64>images + (prevImages >> 1)) / prevImages;
      }
      if (pred > 0xffffffff) pred = 0xffffffff;
      const ctx = tree(CTX_COUNT + min<u32>(bitLength(pred), COUNT_CONTEXTS - 1));
      if (sbdNoiseCode == 0) {
        rcSigned(ctx, <i64>n - <i64>pred);
      } else {
        // Noise-bounded mode: the bin index is sent; later predictions start from what the decoder will see.
        const q = quantIndex(n, sbdNoiseCode);
        n = quantRepresentative;
        rcSigned(ctx, <i64>q - <i64>quantIndex(pred, sbdNoiseCode));
      }
    }
    store<u64>(next + 48 + (k << 3), n);
    const acc = first ? 0 : load<u64>(prev + 224 + (k << 3));
    store<u64>(next + 224 + (k << 3), acc - (acc >> 1) + n);
    below = n;
  }
  for (let k = classes; k < LPM_CLASSES; k++) {
    store<u64>(next + 48 + (k << 3), 0);
    store<u64>(next + 224 + (k << 3), 0);
  }
  const accI = first ? 0 : prevAccI;
  store<u64>(next, accI - (accI >> 1) + <u64>images, 216);
}

function encodeGreys(r: usize, prev: usize, next: usize, first: bool, bin: u32): void {
  let lastGrey: u32 = 33;
  for (let k: u32 = 0; k < LPM_CLASSES; k++) {
    const g = recGrey(r, k);
    if (recCountBits(r, k) == 0) {
      rcSigned(tree(CTX_GREY), <i64>g);
    } else {
      const n = load<u64>(next + 48 + (k << 3));
      const w = first ? 0 : <u32>min<u64>(load<u64>(prev + 48 + (k << 3)), 255);
      let pred: u32;
      if (priorTableId != 0) {
        // The previous record's grey weighs its objects (at most 255), the table's weighs GREY_PRIOR_WEIGHT.
        const pg = priorGrey(bin, k);
        pred = w == 0 ? pg : (<u32>load<u8>(prev + 192 + k) * w + pg * GREY_PRIOR_WEIGHT + ((w + GREY_PRIOR_WEIGHT) >> 1)) / (w + GREY_PRIOR_WEIGHT);
      } else {
        pred = w > 0 ? <u32>load<u8>(prev + 192 + k) : lastGrey;
      }
      rcSigned(tree(CTX_GREY + 1 + min<u32>(bitLength(n), 7)), <i64>g - <i64>pred);
      lastGrey = g;
    }
    store<u8>(next + 192 + k, <u8>g);
  }
}

function encodeTaxo(r: usize, prev: usize, next: usize, first: bool): void {
  const n = recCategories(r);
  if (first) rcUnsigned(tree(CTX_TAXO_N), <u64>n);
  else rcSigned(tree(CTX_TAXO_N), <i64>n - <i64>load<u32>(prev, 44));
  store<u32>(next, n, 44);
  let lastIndex: i64 = -1;
  let lastGrey: i64 = 64;
  for (let j: u32 = 0; j < n; j++) {
    const c = recCategory(r, j);
    const index = <i64>catIndex(c);
    rcSigned(tree(CTX_TAXO_CLASS), index - lastIndex - 1);
    lastIndex = index;
    const objects = catObjects(c);
    rcUnsigned(tree(CTX_TAXO_COUNT), <u64>objects);
    const sizeBits = catSizeBits(c);
    const s = reinterpret<f32>(sizeBits);
    // The float's means are float32 sums / objects: within an ulp of fround(sum / objects), sum an integer.
    let cls: u32 = 3;
    let sum: f64 = 0;
    if (objects > 0 && (sizeBits >>> 31) == 0 && isFinite<f32>(s)) {
      sum = Math.floor(<f64>s * <f64>objects + 0.5);
      if (sum < 1099511627776.0) cls = ulpClass(<i64>sizeBits - <i64>reinterpret<u32>(<f32>(sum / <f64>objects)));
    }
    putFloatClass(P_SIZE_ULP, cls);
    if (cls == 3) rcDirect(<u64>sizeBits, 32);
    else rcUnsigned(tree(CTX_TAXO_SIZE), <u64>sum);
    const g = <i64>catGrey(c);
    rcSigned(tree(CTX_TAXO_GREY), g - (priorTableId != 0 ? <i64>priorTaxoGrey(<u32>index) : lastGrey));
    lastGrey = g;
  }
}
