// Turns one row of grey pixels into foreground runs (grey > threshold), with each run's grey sum.
// This is the per-pixel path: no allocation, no calls that are not inlined. Both builds first make a
// foreground bit mask of 64 pixels (SIMD: four 16-byte compares; plain: eight SWAR 8-byte compares),
// then read run starts and ends off the mask with bit tricks, so a run costs a few instructions
// however short it is (1-px dots and stripes are the worst case). Both builds make the same mask,
// hence the same runs. The row buffer must hold whole 64-px blocks: bits past `width` are masked off.

import { MAX_WIDTH_PX, SCAN_BLOCK_PX } from "./constants";

/** Foreground pixels of the row just scanned (or counted). */
export let scanForegroundPx: u32 = 0;

const LOW7: u64 = 0x7f7f7f7f7f7f7f7f;
const HIGH1: u64 = 0x8080808080808080;
const ONES: u64 = 0x0101010101010101;
// Multiplying bytes that are each 0 or 1 by this moves byte i's bit to bit 56 + i (no carries: the
// 64 partial products land on distinct bits), so `>> 56` packs 8 byte flags into 8 bits.
const GATHER: u64 = 0x0102040810204080;

/** Foreground mask of the 64 pixels at `p` (bit i: pixel i > thr), SIMD build. */
// @ts-ignore: decorator
@inline function maskSimd(p: usize, thr: u32): u64 {
  if (ASC_FEATURE_SIMD) {
    const t = i8x16.splat(<i8>thr);
    const a = <u64><u32>i8x16.bitmask(i8x16.gt_u(v128.load(p), t));
    const b = <u64><u32>i8x16.bitmask(i8x16.gt_u(v128.load(p, 16), t));
    const c = <u64><u32>i8x16.bitmask(i8x16.gt_u(v128.load(p, 32), t));
    const d = <u64><u32>i8x16.bitmask(i8x16.gt_u(v128.load(p, 48), t));
    return a | (b << 16) | (c << 32) | (d << 48);
  }
  return 0;
}

/** Foreground flags of the 8 pixels at `p`: bit 7 of byte i set when pixel i > thr (SWAR compare). */
// @ts-ignore: decorator
@inline function flagsSwar(p: usize, add: u64, high: bool): u64 {
  // Per byte b: b > thr  <=>  ((b & 0x7f) + (127 - thr)) has bit 7 set, or b has bit 7 set (thr < 128);
  // for thr >= 128 both bit 7 of b and bit 7 of (b & 0x7f) + (255 - thr) must be set. No carries cross
  // bytes because each addend is <= 127.
  const v = load<u64>(p);
  const sum = (v & LOW7) + add;
  return high ? sum & v & HIGH1 : (sum | v) & HIGH1;
}

/** Packs the 8 byte flags of `fg` (bit 7 of each byte) into 8 bits. */
// @ts-ignore: decorator
@inline function gatherFlags(fg: u64): u64 {
  return ((fg >> 7) * GATHER) >> 56;
}

/** Foreground mask of the 64 pixels at `p`, plain build: eight SWAR compares, each gathered when not empty. */
// @ts-ignore: decorator
@inline function maskSwar(p: usize, add: u64, high: bool): u64 {
  // Most words of a real frame are background: the test skips their gather (a 64-bit multiply and shifts,
  // a dozen instructions on a 32-bit core). The plain build is the microcontrollers' (wasm2c), whose
  // cores predict no branches: the test costs them a cycle or two on noise, where a desktop core would
  // mispredict it half the time (that one runs the SIMD build).
  let m: u64 = 0;
  for (let i: u32 = 0; i < SCAN_BLOCK_PX; i += 8) {
    const fg = flagsSwar(p + i, add, high);
    if (fg != 0) m |= gatherFlags(fg) << <u64>i;
  }
  return m;
}

/** Foreground mask of the block at `x` (bits at and past `width` cleared). */
// @ts-ignore: decorator
@inline function blockMask(row: usize, x: u32, width: u32, thr: u32, add: u64, high: bool): u64 {
  let w = ASC_FEATURE_SIMD ? maskSimd(row + x, thr) : maskSwar(row + x, add, high);
  if (x + SCAN_BLOCK_PX > width) w &= (<u64>1 << <u64>(width - x)) - 1;
  return w;
}

/** Scan blocks a row's masks cover: every block of the widest row, and one past it. */
export const MASK_BLOCKS: u32 = (MAX_WIDTH_PX + SCAN_BLOCK_PX - 1) / SCAN_BLOCK_PX + 1;
// What scanRow writes at `masks` (SIMD build), as byte offsets from it. scanRow writes the busy blocks and
// the block past the row only; completeMasks fills in the others.
/** Per block (u64): the bits where a run starts. */
export const MASK_STARTS: u32 = 0;
/** Per block (u64): the bits where a run has just ended (the first background pixel after it). */
export const MASK_ENDS: u32 = MASK_BLOCKS << 3;
/** Per block (u64): the foreground bits. */
export const MASK_FOREGROUND: u32 = MASK_BLOCKS << 4;
/** Per block (u16, 4 bytes apart): the runs started before the block. */
export const MASK_STARTS_BEFORE: u32 = MASK_BLOCKS * 24;
/** Per block (u16, 4 bytes apart): the runs ended before the block. */
export const MASK_ENDS_BEFORE: u32 = MASK_STARTS_BEFORE + 2;
/** One u64: bit b set when block b holds foreground or a run carried into it (busy). */
export const MASK_BUSY_BLOCKS: u32 = MASK_BLOCKS * 28;
/** Bytes of the mask arrays. */
export const MASK_BYTES: u32 = MASK_BUSY_BLOCKS + 8;

/** Writes the runs started and ended before block `block`. */
// @ts-ignore: decorator
@inline function storeCounts(masks: usize, block: usize, starts: u32, ends: u32): void {
  store<u32>(masks + (block << 2), starts | (ends << 16), MASK_STARTS_BEFORE);
}

/** Writes busy block `block`'s foreground, start and end bits. */
// @ts-ignore: decorator
@inline function storeMasks(masks: usize, block: usize, w: u64, s: u64, e: u64): void {
  store<u64>(masks + (block << 3), s, MASK_STARTS);
  store<u64>(masks + (block << 3), e, MASK_ENDS);
  store<u64>(masks + (block << 3), w, MASK_FOREGROUND);
}

/** Fills in the blocks scanRow left out (no bits; the counts of the next block written) for a row `width` px wide. */
export function completeMasks(masks: usize, width: u32): void {
  const busy = load<u64>(masks, MASK_BUSY_BLOCKS);
  let block = <usize>((min(width, MAX_WIDTH_PX) + SCAN_BLOCK_PX - 1) / SCAN_BLOCK_PX); // past the row: written
  let counts = load<u32>(masks + (block << 2), MASK_STARTS_BEFORE);
  while (block != 0) {
    block--;
    if (((busy >> <u64>block) & 1) != 0) {
      counts = load<u32>(masks + (block << 2), MASK_STARTS_BEFORE);
    } else {
      storeCounts(masks, block, counts & 0xffff, counts >> 16);
      storeMasks(masks, block, 0, 0, 0);
    }
  }
}

/** Sentinel written as the start and end of entry n (one past the last run): past any pixel index. */
export const RUN_SENTINEL: u32 = 0xffff;

/**
 * Scans `width` pixels at `row` into run arrays (u16 start, u16 inclusive end, u32 grey sum) of
 * MAX_RUNS_PER_ROW + 1 entries; returns the run count n, and writes RUN_SENTINEL at start and end n.
 * SIMD build: at `masks` (MASK_BYTES), for the busy blocks and the one past the row, the start, end and
 * foreground bits and how many runs started and ended before the block, and the busy bits; with them
 * (once completeMasks has filled in the empty blocks) the runs of this row that start or end before any x
 * are counted without a walk, and a pair of rows is labelled 64 px at a time (densePairs.ts). The plain
 * build writes none: its cores walk more cheaply than they count bits.
 */
export function scanRow(row: usize, width: u32, thr: u32, runStart: usize, runEnd: usize, runGreySum: usize, masks: usize): u32 {
  // A row of at most MAX_WIDTH_PX pixels holds at most MAX_RUNS_PER_ROW runs: the arrays cannot overflow.
  width = min(width, MAX_WIDTH_PX);
  const high = thr >= 128;
  const add = ONES * <u64>(high ? 255 - thr : 127 - thr);
  let starts: u32 = 0;
  let ends: u32 = 0;
  let fg: u32 = 0;
  let carry: u64 = 0; // 1 when the pixel before the block is foreground
  let block: usize = 0;
  let busy: u64 = 0;
  for (let x: u32 = 0; x < width; x += SCAN_BLOCK_PX, block++) {
    const w = blockMask(row, x, width, thr, add, high);
    if ((w | carry) == 0) continue;
    const before = (w << 1) | carry;
    let s = w & ~before; // a run starts here
    let e = before & ~w; // the first background pixel after a run (never bit 0 of block 0)
    if (ASC_FEATURE_SIMD) {
      // Busy blocks only: the empty ones cost a realistic frame nothing (completeMasks fills them in).
      busy |= <u64>1 << <u64>block;
      storeCounts(masks, block, starts, ends);
      storeMasks(masks, block, w, s, e);
    }
    carry = w >> 63;
    fg += <u32>popcnt<u64>(w);
    while (s != 0) {
      store<u16>(runStart + (<usize>starts << 1), <u16>(x + <u32>ctz<u64>(s)));
      starts++;
      s &= s - 1;
    }
    while (e != 0) {
      store<u16>(runEnd + (<usize>ends << 1), <u16>(x + <u32>ctz<u64>(e) - 1));
      ends++;
      e &= e - 1;
    }
  }
  // The block past the row (x = width + 1 may fall in it): no bits, every run before it.
  if (ASC_FEATURE_SIMD) {
    storeCounts(masks, block, starts, ends);
    storeMasks(masks, block, 0, 0, 0);
    store<u64>(masks, busy | (carry << <u64>block), MASK_BUSY_BLOCKS);
  }
  if (carry != 0) {
    store<u16>(runEnd + (<usize>ends << 1), <u16>(width - 1)); // the row ends in foreground
    ends++;
  }
  // Grey sums: only run bytes are read, so this costs about the row's foreground. The first two pixels
  // without a branch (runs of 1 and 2 px, mixed at random, are the worst case's); a + 1 is inside the
  // row buffer, which holds whole blocks past `width`.
  for (let i: u32 = 0; i < starts; i++) {
    const a = <u32>load<u16>(runStart + (<usize>i << 1));
    const b = <u32>load<u16>(runEnd + (<usize>i << 1));
    let sum = <u32>load<u8>(row + a) + select<u32>(<u32>load<u8>(row + a + 1), 0, b > a);
    for (let x = a + 2; x <= b; x++) sum += <u32>load<u8>(row + x);
    store<u32>(runGreySum + (<usize>i << 2), sum);
  }
  // Sentinel past the last run: larger than any pixel index, so walks over the runs stop there.
  store<u16>(runStart + (<usize>starts << 1), <u16>RUN_SENTINEL);
  store<u16>(runEnd + (<usize>starts << 1), <u16>RUN_SENTINEL);
  scanForegroundPx = fg;
  return starts;
}

/** Counts the foreground pixels of a row without finding its runs (a frame already over-exposed). */
export function countRow(row: usize, width: u32, thr: u32): u32 {
  width = min(width, MAX_WIDTH_PX);
  const high = thr >= 128;
  const add = ONES * <u64>(high ? 255 - thr : 127 - thr);
  let fg: u32 = 0;
  if (ASC_FEATURE_SIMD) {
    for (let x: u32 = 0; x < width; x += SCAN_BLOCK_PX) fg += <u32>popcnt<u64>(blockMask(row, x, width, thr, add, high));
  } else {
    // No mask is needed, only its population: each word's flags, one per byte, are summed bytewise (at
    // most 255 words, so no byte overflows), then across bytes. No gather, no 64-bit popcount.
    const words = width >> 3;
    let x: u32 = 0;
    while (x < words << 3) {
      const end = min(words << 3, x + (255 << 3));
      let acc: u64 = 0;
      for (; x < end; x += 8) acc += flagsSwar(row + x, add, high) >> 7;
      const pairs = (acc & 0x00ff00ff00ff00ff) + ((acc >> 8) & 0x00ff00ff00ff00ff);
      fg += <u32>((pairs * 0x0001000100010001) >> 48);
    }
    for (; x < width; x++) fg += <u32>(<u32>load<u8>(row + x) > thr);
  }
  scanForegroundPx = fg;
  return fg;
}
