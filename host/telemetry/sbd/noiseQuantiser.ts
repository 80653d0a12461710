// The noise-bounded SBD mode's count bins (docs/operators.md, "Noise-bounded counts"), from the layout text: a
// count is sent as its bin's index and decoded as the bin's representative. Binade b holds [2^(b-1), 2^b) and
// is cut into bins of step s_b, the largest integer with 10000 s_b^2 <= code^2 2^(b-1) (at least 1; 1 from 2^24
// up); the last bin of a binade may be narrower. Bin 0 holds 0 alone. Tables per code are built once.

/** Largest noise code a header may carry (f = code / 100). */
export const NOISE_CODE_MAX = 100;
/** Counts of 2^QUANT_MAX_BITS and more are always exact. */
export const QUANT_MAX_BITS = 24;
/** Binades of a count below 2^32. */
const BINADES = 32;

interface Bins {
  /** step[b], b = 1..32. */
  step: number[];
  /** first[b]: index of binade b's first bin; first[33] is one past the last index of a count below 2^32. */
  first: number[];
}

const tables = new Map<number, Bins>();

function bins(code: number): Bins {
  let t = tables.get(code);
  if (t !== undefined) return t;
  const step = [1];
  const first = [0, 1];
  for (let b = 1; b <= BINADES; b++) {
    const lo = 2 ** (b - 1);
    let s = 1;
    if (b <= QUANT_MAX_BITS) {
      const x = Math.floor((code * code * lo) / 10000); // below 2^37: exact
      s = Math.floor(Math.sqrt(x));
      while (s * s > x) s--;
      while ((s + 1) * (s + 1) <= x) s++;
      s = Math.max(1, s);
    }
    step.push(s);
    first.push(first[b] + Math.ceil(lo / s));
  }
  t = { step, first };
  tables.set(code, t);
  return t;
}

/** One past the largest bin index of a count below 2^32 at `code`. */
export function quantIndexLimit(code: number): number {
  return bins(code).first[BINADES + 1];
}

/** Bin index of the integer `v` (0 <= v < 2^32) at noise `code` (1-100). */
export function quantIndex(v: number, code: number): number {
  if (v === 0) return 0;
  const t = bins(code);
  const b = Math.floor(Math.log2(v)) + 1;
  // log2 of an integer just below a power of two can round up: step back when it did.
  const bb = 2 ** (b - 1) > v ? b - 1 : b;
  return t.first[bb] + Math.floor((v - 2 ** (bb - 1)) / t.step[bb]);
}

/** The bin of index `q` (0 <= q < quantIndexLimit(code)): its representative and half-width (the largest
 *  |representative - v| of the integers v it holds). */
export function quantBin(q: number, code: number): { value: number; bound: number } {
  if (q === 0) return { value: 0, bound: 0 };
  const t = bins(code);
  let b = 1;
  while (b < BINADES && t.first[b + 1] <= q) b++;
  const lo = 2 ** (b - 1);
  const binLo = lo + (q - t.first[b]) * t.step[b];
  const width = Math.min(t.step[b], 2 * lo - binLo);
  return { value: binLo + Math.floor((width - 1) / 2), bound: Math.floor(width / 2) };
}

/** The noise fraction a code stands for (code / 100). */
export function noiseFraction(code: number): number {
  return code / 100;
}
