// Turns one row of grey pixels into foreground runs (grey > threshold), with each run's grey sum.
// This is the per-pixel path: no allocation, no calls that are not inlined. The SIMD build skips
// background 16 pixels at a time; the plain build 8 at a time with SWAR on a u64. Both find the
// same runs because both only locate the first foreground byte; the run itself is walked bytewise.

import { MAX_RUNS_PER_ROW } from "./constants";

/** Foreground pixels of the row just scanned. */
export let scanForegroundPx: u32 = 0;

const LOW7: u64 = 0x7f7f7f7f7f7f7f7f;
const HIGH1: u64 = 0x8080808080808080;
const ONES: u64 = 0x0101010101010101;

/** First x in [x, width) whose grey is > thr, or width. */
// @ts-ignore: decorator
@inline function skipBackground(row: usize, x: u32, width: u32, thr: u32): u32 {
  if (ASC_FEATURE_SIMD) {
    const t = i8x16.splat(<i8>thr);
    while (x + 16 <= width) {
      const fg = i8x16.gt_u(v128.load(row + x), t);
      const bits = i8x16.bitmask(fg);
      if (bits != 0) return x + ctz<u32>(bits);
      x += 16;
    }
  } else {
    // Per byte b: b > thr  <=>  ((b & 0x7f) + (127 - thr)) has bit 7 set, or b has bit 7 set (thr < 128);
    // for thr >= 128 both bit 7 of b and bit 7 of (b & 0x7f) + (255 - thr) must be set. No carries cross
    // bytes because each addend is <= 127.
    const high = thr >= 128;
    const add = ONES * <u64>(high ? 255 - thr : 127 - thr);
    while (x + 8 <= width) {
      const v = load<u64>(row + x);
      const sum = (v & LOW7) + add;
      const fg = high ? sum & v & HIGH1 : (sum | v) & HIGH1;
      if (fg != 0) return x + (<u32>ctz<u64>(fg) >> 3);
      x += 8;
    }
  }
  while (x < width && <u32>load<u8>(row + x) <= thr) x++;
  return x;
}

/** Scans `width` pixels at `row` into run arrays (u16 start, u16 inclusive end, u32 grey sum); returns the run count. */
export function scanRow(row: usize, width: u32, thr: u32, runStart: usize, runEnd: usize, runGreySum: usize): u32 {
  let n: u32 = 0;
  let fg: u32 = 0;
  let x = skipBackground(row, 0, width, thr);
  while (x < width) {
    const start = x;
    let sum: u32 = 0;
    let g: u32;
    while (x < width && (g = <u32>load<u8>(row + x)) > thr) {
      sum += g;
      x++;
    }
    // A row of width <= 2464 holds at most MAX_RUNS_PER_ROW runs: no bound check needed, but keep one
    // so that a wrong constant can never write past the arrays.
    if (n < MAX_RUNS_PER_ROW) {
      store<u16>(runStart + (n << 1), <u16>start);
      store<u16>(runEnd + (n << 1), <u16>(x - 1));
      store<u32>(runGreySum + (n << 2), sum);
      n++;
    }
    fg += x - start;
    x = skipBackground(row, x, width, thr);
  }
  scanForegroundPx = fg;
  return n;
}
