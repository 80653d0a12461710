// Benchmark floor, not firmware: the least any labeller must do on a frame fed row by row — copy
// the row in and count the pixels above threshold with SIMD. The firmware's time is reported
// as a ratio to this.

const MAX_WIDTH_PX: u32 = 2464;
const row: usize = memory.data(MAX_WIDTH_PX, 16);
let foregroundPx: u32 = 0;

/** Address of the row buffer. */
export function rowBufferPtr(): usize { return row; }
/** Zeroes the count. */
export function reset(): void { foregroundPx = 0; }
/** Pixels above threshold counted since reset. */
export function total(): u32 { return foregroundPx; }

/** Counts the pixels of the row buffer's first `lengthPx` bytes that are > thr. */
export function scanRow(lengthPx: u32, thr: u32): void {
  const t = i8x16.splat(<i8>thr);
  let n: u32 = 0;
  let x: u32 = 0;
  for (; x + 16 <= lengthPx; x += 16) {
    n += popcnt<u32>(i8x16.bitmask(i8x16.gt_u(v128.load(row + x), t)));
  }
  for (; x < lengthPx; x++) if (<u32>load<u8>(row + x) > thr) n++;
  foregroundPx += n;
}
