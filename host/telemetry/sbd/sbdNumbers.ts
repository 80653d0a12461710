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
  sizeRaw: Uint16Array;
  ulp: Uint16Array;
}

/** Fresh contexts for a new message. */
export function newSbdContexts(): SbdContexts {
  const ctx = () => newProbs(64);
  return {
    dt: ctx(),
    dp: ctx(),
    img: ctx(),
    temp: ctx(),
    count: Array.from({ length: 16 }, ctx),
    grey: Array.from({ length: 9 }, ctx),
    taxoN: ctx(),
    taxoClass: ctx(),
    taxoCount: ctx(),
    taxoSize: ctx(),
    taxoGrey: ctx(),
    samePhase: newProbs(1),
    sizeRaw: newProbs(1),
    ulp: newProbs(4),
  };
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

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The IEEE-754 single-precision bits of fround(x), as an unsigned integer. */
export function float32Bits(x: number): number {
  F32[0] = x;
  return U32[0];
}

/** The float32 value with the given unsigned 32-bit pattern. */
export function float32FromBits(bits: number): number {
  U32[0] = bits;
  return F32[0];
}
