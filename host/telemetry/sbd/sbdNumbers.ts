// The number layer of a compact SBD body: contexts, unsigned/signed integers, float32 bit views and the
// prediction arithmetic, shared by the record decoder. Integers can reach 2^40 (and predictions 2^64), so
// everything here is exact Number (or BigInt) arithmetic; no 32-bit bitwise operator touches a value.
import { newProbs, type RangeDecoder } from "./rangeDecoder.js";

/** Largest bit length putUnsigned may send (values below 2^40). */
export const MAX_UNSIGNED_BITS = 40;
/** 2^32, the bound of u32 fields (times, images, counts' integer views, objects). */
export const TWO_32 = 0x100000000;

/** All probabilities of one message, reset at its start (README "Contexts"). */
export interface SbdContexts {
  dt: Uint16Array;
  dp: Uint16Array;
  img: Uint16Array;
  temp: Uint16Array;
  count: Uint16Array[];
  grey: Uint16Array[];
  taxoN: Uint16Array;
  taxoClass: Uint16Array;
  taxoCount: Uint16Array;
  taxoSize: Uint16Array;
  taxoGrey: Uint16Array;
  samePhase: Uint16Array;
  sizeUlp: Uint16Array;
  ulp: Uint16Array;
}

/** Number of COUNT contexts (by the prediction's bit length, 23 and more sharing the last). */
export const COUNT_CONTEXTS = 24;

const shapedTrees = new Map<number, Uint16Array>();

/** A 64-probability tree shaped to expect bit length `centre`: leaf b weighs 2^max(8, 20 - |b - centre|).
 *  Every message starts from the same trees: they are computed once and copied. */
export function shapedTree(centre: number): Uint16Array {
  let tree = shapedTrees.get(centre);
  if (!tree) {
    tree = computeShapedTree(centre);
    shapedTrees.set(centre, tree);
  }
  return tree.slice();
}

function computeShapedTree(centre: number): Uint16Array {
  const weight = (b: number): number => 2 ** Math.max(8, 20 - Math.abs(b - centre));
  const probs = newProbs(64);
  for (let m = 1; m < 64; m++) {
    const depth = Math.floor(Math.log2(m));
    const span = 64 >> depth;
    const lo = (m - 2 ** depth) * span;
    let left = 0;
    let all = 0;
    for (let b = lo; b < lo + span; b++) {
      all += weight(b);
      if (b < lo + span / 2) left += weight(b);
    }
    probs[m] = Math.min(2017, Math.max(31, Math.floor((left * 2048 + Math.floor(all / 2)) / all)));
  }
  return probs;
}

/** A single probability starting at `p`. */
function single(p: number): Uint16Array {
  const probs = newProbs(1);
  probs[0] = p;
  return probs;
}

/** Fresh contexts for a new message, each tree shaped to its context's expected bit length (README "Contexts"). */
export function newSbdContexts(): SbdContexts {
  const ulp = newProbs(4);
  ulp[1] = 1843;
  const sizeUlp = newProbs(4);
  sizeUlp[1] = 1843;
  return {
    dt: shapedTree(4),
    dp: shapedTree(3),
    img: shapedTree(4),
    temp: shapedTree(6),
    count: Array.from({ length: COUNT_CONTEXTS }, (_, j) => shapedTree(Math.max(0, j - 1 - Math.floor(j / 4)))),
    grey: Array.from({ length: 9 }, (_, j) => shapedTree(j === 0 ? 0 : Math.max(1, 8 - j))),
    taxoN: shapedTree(2),
    taxoClass: shapedTree(2),
    taxoCount: shapedTree(3),
    taxoSize: shapedTree(14),
    taxoGrey: shapedTree(5),
    samePhase: single(1843),
    sizeUlp,
    ulp,
  };
}

/** The contexts in the firmware's flat order (README "Contexts"): DT, DP, IMG, TEMP, COUNT[24], GREY[9], TAXO_N,
 *  TAXO_CLASS, TAXO_COUNT, TAXO_SIZE, TAXO_GREY (64 each), then SAME_PHASE, SIZE_ULP[4], ULP[4]. */
export function contextArrays(c: SbdContexts): Uint16Array[] {
  return [c.dt, c.dp, c.img, c.temp, ...c.count, ...c.grey, c.taxoN, c.taxoClass, c.taxoCount, c.taxoSize, c.taxoGrey, c.samePhase, c.sizeUlp, c.ulp];
}

/** Probabilities in the flat order. */
export const FLAT_PROB_COUNT = 42 * 64 + 9;

/** The contexts as one flat array (firmware order). */
export function flattenContexts(c: SbdContexts): Uint16Array {
  const flat = new Uint16Array(FLAT_PROB_COUNT);
  let at = 0;
  for (const a of contextArrays(c)) {
    flat.set(a, at);
    at += a.length;
  }
  return flat;
}

/** Contexts starting from a flat array of probabilities (firmware order). */
export function contextsFromFlat(flat: ArrayLike<number>): SbdContexts {
  const c = newSbdContexts();
  let at = 0;
  for (const a of contextArrays(c)) {
    for (let i = 0; i < a.length; i++) a[i] = flat[at + i];
    at += a.length;
  }
  return c;
}

/** Where each context array starts in the flat order. */
export function contextBases(c: SbdContexts): Map<Uint16Array, number> {
  const m = new Map<Uint16Array, number>();
  let at = 0;
  for (const a of contextArrays(c)) {
    m.set(a, at);
    at += a.length;
  }
  return m;
}

/** A first record's count prediction: class 0 from the images (~2,048 noise objects each), above from the class below. */
export function firstRecordPrediction(k: number, images: number, below: number): number {
  if (k === 0) return images * 2048;
  if (k === 1) return Math.floor(below / 16);
  if (k === 2) return Math.floor(below / 4);
  return Math.floor((below * 5) / 8);
}

/** Predictions are capped at 2^32 - 1, so a residual always fits putSigned. */
export function capPrediction(pred: number): number {
  return Math.min(pred, TWO_32 - 1);
}

/** Raised inside body decoding when a value is impossible; caught by decodeSbdBody, never escapes. */
export class SbdBodyError extends Error {}

/** Reads putUnsigned(ctx, v): a 6-bit bit-length tree, then the bits below the top one as direct bits. */
export function getUnsigned(d: RangeDecoder, probs: Uint16Array): number {
  const b = d.tree(probs, 6);
  if (b > MAX_UNSIGNED_BITS) throw new SbdBodyError(`integer of ${b} bits (at most ${MAX_UNSIGNED_BITS})`);
  if (b < 2) return b;
  return 2 ** (b - 1) + d.direct(b - 1);
}

/** Reads putSigned(ctx, s): an unsigned zigzag value (2s for s >= 0, -2s-1 otherwise). */
export function getSigned(d: RangeDecoder, probs: Uint16Array): number {
  const z = getUnsigned(d, probs);
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

/** Bit length of a non-negative integer (0 for 0), exact for any value below 2^53. */
export function bitLength(v: number): number {
  return v < 0x80000000 ? 32 - Math.clz32(v) : 32 + bitLength(Math.floor(v / TWO_32));
}

/** min(bitLength(v), cap) for any non-negative v, however large. */
export function cappedBitLength(v: number, cap: number): number {
  return v >= 2 ** (cap - 1) ? cap : bitLength(v);
}

/** A count's prediction from the previous record: floor((prevN * i + floor(prevI / 2)) / prevI), exactly. */
export function rescaleCount(prevN: number, images: number, prevImages: number): number {
  if (prevImages === 0) return prevN;
  // prevN * images reaches 2^64: BigInt keeps it exact; results above 2^53 only ever lead to a rejection.
  const q = (BigInt(prevN) * BigInt(images) + BigInt(Math.floor(prevImages / 2))) / BigInt(prevImages);
  return Number(q);
}

export { float32Bits, float32FromBits } from "../float32.js";
