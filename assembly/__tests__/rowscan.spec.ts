import { countRow, MASK_BYTES, scanRow } from "../rowscan";
import { MAX_RUNS_PER_ROW, MAX_WIDTH_PX, ROW_BUFFER_BYTES } from "../constants";

// The row buffer holds whole 64-px scan blocks; bytes past the width are stale and must be ignored.
const row = memory.data(ROW_BUFFER_BYTES, 16);
const starts = memory.data((MAX_RUNS_PER_ROW + 1) << 1, 16);
const ends = memory.data((MAX_RUNS_PER_ROW + 1) << 1, 16);
const sums = memory.data(MAX_RUNS_PER_ROW << 2, 16);
const masks = memory.data(MASK_BYTES, 16);

let seed: u32 = 12345;
function rand(): u32 {
  seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
  return seed;
}

/** Naive per-byte run finder: compares its runs with scanRow's; returns the number of mismatches. */
function mismatches(width: u32, thr: u32): i32 {
  const n = scanRow(row, width, thr, starts, ends, sums, masks);
  let bad: i32 = 0;
  let k: u32 = 0;
  let x: u32 = 0;
  while (x < width) {
    if (<u32>load<u8>(row + x) <= thr) { x++; continue; }
    const s = x;
    let sum: u32 = 0;
    while (x < width && <u32>load<u8>(row + x) > thr) { sum += load<u8>(row + x); x++; }
    if (k >= n || <u32>load<u16>(starts + (k << 1)) != s || <u32>load<u16>(ends + (k << 1)) != x - 1 ||
        load<u32>(sums + (k << 2)) != sum) bad++;
    k++;
  }
  if (k != n) bad++;
  if (<u32>load<u16>(starts + (n << 1)) != 0xffff || <u32>load<u16>(ends + (n << 1)) != 0xffff) bad++; // the sentinel
  let fg: u32 = 0;
  for (let i: u32 = 0; i < width; i++) if (<u32>load<u8>(row + i) > thr) fg++;
  if (countRow(row, width, thr) != fg) bad++;
  return bad;
}

describe("scanRow", () => {
  it("finds exactly the naive runs at every threshold, on random bytes of every kind", () => {
    let bad: i32 = 0;
    for (let thr: u32 = 0; thr < 255; thr++) {
      for (let trial = 0; trial < 4; trial++) {
        const width: u32 = 1 + (rand() % 200);
        const mode = rand() % 4;
        for (let x: u32 = 0; x < width; x++) {
          let v = rand() & 255;
          // Values near the threshold and near 128 are where a SWAR carry would go wrong.
          if (mode == 1) v = (thr + (rand() % 3)) & 255;
          if (mode == 2) v = (127 + (rand() % 3)) & 255;
          if (mode == 3) v = (rand() % 8 == 0) ? 255 : 0;
          store<u8>(row + x, <u8>v);
        }
        bad += mismatches(width, thr);
      }
    }
    expect<i32>(bad).toBe(0);
  });

  it("handles the widest row with the most runs", () => {
    for (let x: u32 = 0; x < MAX_WIDTH_PX; x++) store<u8>(row + x, (x & 1) == 0 ? 200 : 0);
    expect<u32>(scanRow(row, MAX_WIDTH_PX, 21, starts, ends, sums, masks)).toBe(MAX_RUNS_PER_ROW);
    expect<i32>(mismatches(MAX_WIDTH_PX, 21)).toBe(0);
  });

  it("ignores whatever lies past the width, at and around every 64-px block edge", () => {
    let bad: i32 = 0;
    for (let width: u32 = 1; width <= 260; width++) {
      for (let x: u32 = 0; x < ROW_BUFFER_BYTES; x++) store<u8>(row + x, 255); // stale foreground everywhere
      for (let x: u32 = 0; x < width; x++) store<u8>(row + x, (rand() % 3 == 0) ? 0 : 200);
      bad += mismatches(width, 21);
      // Runs that end exactly on a block edge, and rows ending in foreground.
      for (let x: u32 = 0; x < width; x++) store<u8>(row + x, (x % 64 == 63 || x % 64 == 0 || x + 1 == width) ? 90 : 0);
      bad += mismatches(width, 21);
    }
    for (let x: u32 = 0; x < ROW_BUFFER_BYTES; x++) store<u8>(row + x, 0);
    expect<i32>(bad).toBe(0);
  });

  it("counts the widest rows exactly, all lit and random, past 255 words (the plain build sums flags bytewise)", () => {
    let bad: i32 = 0;
    const thresholds: u32[] = [0, 21, 127, 128, 254];
    for (let t = 0; t < thresholds.length; t++) {
      const thr = thresholds[t];
      for (let width: u32 = 2032; width <= MAX_WIDTH_PX; width += 9) {
        for (let x: u32 = 0; x < ROW_BUFFER_BYTES; x++) store<u8>(row + x, 255);
        if (countRow(row, width, thr) != width) bad++;
        for (let x: u32 = 0; x < width; x++) store<u8>(row + x, <u8>(rand() & 255));
        bad += mismatches(width, thr);
      }
      if (countRow(row, MAX_WIDTH_PX, thr) != countRow(row, MAX_WIDTH_PX + 64, thr)) bad++; // clamped to the widest row
    }
    for (let x: u32 = 0; x < ROW_BUFFER_BYTES; x++) store<u8>(row + x, 0);
    expect<i32>(bad).toBe(0);
  });

  it("treats grey equal to the threshold as background", () => {
    store<u8>(row, 21); store<u8>(row + 1, 22); store<u8>(row + 2, 21);
    expect<u32>(scanRow(row, 3, 21, starts, ends, sums, masks)).toBe(1);
    expect<u16>(load<u16>(starts)).toBe(1);
    expect<u32>(load<u32>(sums)).toBe(22);
  });
});
