// The SBD noise-bounded mode's count quantiser (docs/operators.md, "Noise-bounded counts"): a count n is sent
// as the index of its bin, and comes back as the bin's representative, at most half a bin away. Bins tile each
// binade [2^(b-1), 2^b) with one step s_b, the largest integer with (100 s_b)^2 <= code^2 2^(b-1), so s_b is
// at most f sqrt(lower edge) <= f sqrt(n) with f = code / 100. Binades from 2^24 up keep step 1 (exact).
// Integer arithmetic only, no state: the host decoder and the reference encoder compute the same bins.

/** Binades below 2^QUANT_MAX_BITS may be quantised; larger counts are always exact. */
export const QUANT_MAX_BITS: u32 = 24;
/** Largest noise code (f = code / 100, so f <= 1). */
export const NOISE_CODE_MAX: u32 = 100;

/** The representative of the bin quantIndex found last (a second result, to keep the call allocation-free). */
export let quantRepresentative: u64 = 0;

/** Step of binade b (values 2^(b-1) .. 2^b - 1) at noise `code`: the largest s >= 1 with 10000 s^2 <= code^2 2^(b-1). */
// @ts-ignore: decorator
@inline function binadeStep(b: u32, code: u32): u64 {
  if (b == 0 || b > QUANT_MAX_BITS) return 1;
  const x = (<u64>(code * code) << <u64>(b - 1)) / 10000;
  // x < 2^37: the double square root is within an ulp; the two loops make the floor exact regardless.
  let s = <u64>Math.floor(Math.sqrt(<f64>x));
  while (s * s > x) s--;
  while ((s + 1) * (s + 1) <= x) s++;
  return s == 0 ? 1 : s;
}

/** Index of the first bin of binade b (b >= 1): 1 (the bin of 0) plus the bins of the binades below. */
function binadeFirstIndex(b: u32, code: u32): u64 {
  let first: u64 = 1;
  for (let j: u32 = 1; j < b; j++) {
    const lo = <u64>1 << <u64>(j - 1);
    const s = binadeStep(j, code);
    first += (lo + s - 1) / s;
  }
  return first;
}

/** Bin index of count `v` (< 2^32) at noise `code` (1-100); sets quantRepresentative to the bin's representative. */
export function quantIndex(v: u64, code: u32): u64 {
  if (v == 0) {
    quantRepresentative = 0;
    return 0;
  }
  const b = 64 - <u32>clz<u64>(v);
  const lo = <u64>1 << <u64>(b - 1);
  const s = binadeStep(b, code);
  const j = (v - lo) / s;
  const binLo = lo + j * s;
  const top = lo << 1;
  const width = binLo + s > top ? top - binLo : s;
  quantRepresentative = binLo + ((width - 1) >> 1);
  return binadeFirstIndex(b, code) + j;
}
