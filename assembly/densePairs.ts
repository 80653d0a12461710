// SIMD build: labels a dense pair of rows (the current one and the one above) 64 px at a time. On noise,
// whether a run touches the row above, whether a run above is an object of its own and whether an object
// ends are coin tosses that no processor predicts: here each is decided by where a store goes or by bit
// arithmetic on the rows' masks (rowscan.ts), not by a branch. A sparse pair (a realistic frame's) costs
// less run by run, as the plain build labels every row (labeller.ts).

import { MASK_BLOCKS, MASK_BUSY_BLOCKS, MASK_ENDS, MASK_ENDS_BEFORE, MASK_FOREGROUND, MASK_STARTS, MASK_STARTS_BEFORE, completeMasks } from "./rowscan";
import { B_LABEL, B_MASKS, RUN_ENTRIES, endOf, greyOf, labelOf, ld16, LONE, setLabel, slotList, st16, startOf } from "./runBanks";
import { completeSlotRun, growObject, mergeInto, openSlot, rootOfPrevious } from "./objectSlots";
import { tallyObject, tallyObjects } from "./objectsink";

// Up to this many runs (both rows) per busy block, a pair is sparse (and so is a pair of empty rows).
const SPARSE_RUNS_PER_BLOCK: u32 = 3;

// Within a row: the previous runs each run of slotList touches, from (u16) and to (u16, exclusive).
const touchList: usize = memory.data(RUN_ENTRIES << 2, 16);
// Per scan block, the end bits of the previous row's runs that the current row touches (u64).
const touchedPrevEnds: usize = memory.data(MASK_BLOCKS << 3, 16);
// Lists of previous runs (u16 run indexes): in one buffer, from the front those whose slot this row opens,
// from the back down the slot runs it does not touch (so read from the back down, they come left to right);
// in another, the whole objects (LONE and untouched).
const prevLists: usize = memory.data(RUN_ENTRIES << 1, 16);
const wholeList: usize = memory.data(RUN_ENTRIES << 1, 16);

// What visitPrevious found: the lengths of the three lists.
let opens: u32 = 0;
let ends: u32 = 0;
let wholeRuns: u32 = 0;

/** Runs of the current row that touch the row above, hence hold a slot after labelDensePair (listed in slotList by findTouches). */
export let pairSlotRuns: u32 = 0;

/** Whether the pair of rows in banks `cb` (n runs) and `pb` (prevCount runs) is dense: labelDensePair's, not the walk's. */
// @ts-ignore: decorator
@inline export function isDensePair(cb: usize, pb: usize, n: u32, prevCount: u32): bool {
  const busy = load<u64>(cb + B_MASKS, MASK_BUSY_BLOCKS) | load<u64>(pb + B_MASKS, MASK_BUSY_BLOCKS);
  return n + prevCount > SPARSE_RUNS_PER_BLOCK * <u32>popcnt<u64>(busy);
}

/** How many runs of a row start (or end: which `bits` and `before` say) before pixel x, off its completed masks. */
// @ts-ignore: decorator
@inline function runsBefore(masks: usize, bits: u32, before: u32, x: u32): u32 {
  const block = <usize>(x >> 6);
  const below = load<u64>(masks + bits + (block << 3)) & ((<u64>1 << <u64>(x & 63)) - 1);
  return <u32>load<u16>(masks + before + (block << 2)) + <u32>popcnt<u64>(below);
}

/** The pixels of a foreground mask block and its 8 neighbours in the rows beside: `low` and `high` are the blocks either side. */
// @ts-ignore: decorator
@inline function dilate(m: u64, low: u64, high: u64): u64 {
  return m | (m << 1) | (low >> 63) | (m >> 1) | (high << 63);
}

/**
 * Lists the runs of the current row (bank `cb`) that touch the previous row (bank `pb`) in slotList,
 * ascending, with the previous runs each touches (touchList: j | k << 16, runs j..k-1), and writes the end
 * bits of the previous runs the current row touches (touchedPrevEnds); returns how many those are.
 * Per block, with the foreground masks m of one row and d of the other dilated by a pixel (8-connectivity),
 * the seeds x = m & d mark the pixels that touch; m + x carries each seed to the end of its run, setting
 * the run's end bit (the first background pixel after it, where rowscan.ts puts it) exactly when the run
 * holds a seed: (m + x) & ~m. Carries cross blocks as in a long addition. A run that touches nothing
 * costs nothing. The runs above that a run [cs, ce] touches are j..k-1: j those whose end bit lies before
 * cs, k those that start before ce + 2, both counted off the masks.
 */
function findTouches(cb: usize, pb: usize): u32 {
  const cm = cb + B_MASKS;
  const pm = pb + B_MASKS;
  let curCarry: u64 = 0;
  let prevCarry: u64 = 0;
  let listed: u32 = 0;
  let touchedPrev: u32 = 0;
  // Only blocks with foreground in either row (or a run carried into them) can hold a touch; a run's carry
  // into the next block makes that one busy too, so the carry into a block not visited is always 0.
  let visit = load<u64>(cm, MASK_BUSY_BLOCKS) | load<u64>(pm, MASK_BUSY_BLOCKS);
  while (visit != 0) {
    const block = <usize>ctz<u64>(visit);
    visit &= visit - 1;
    const at = block << 3;
    const cur = load<u64>(cm + at, MASK_FOREGROUND);
    const prev = load<u64>(pm + at, MASK_FOREGROUND);
    const curLow = block != 0 ? load<u64>(cm + at - 8, MASK_FOREGROUND) : 0;
    const prevLow = block != 0 ? load<u64>(pm + at - 8, MASK_FOREGROUND) : 0;
    const curHigh = load<u64>(cm + at + 8, MASK_FOREGROUND);
    const prevHigh = load<u64>(pm + at + 8, MASK_FOREGROUND);
    const seeds = cur & dilate(prev, prevLow, prevHigh);
    const sum = cur + seeds;
    const curSum = sum + curCarry;
    curCarry = <u64>(sum < cur) | <u64>(curSum < sum);
    let touchingEnds = curSum & ~cur;
    const prevSeeds = prev & dilate(cur, curLow, curHigh);
    const prevPartial = prev + prevSeeds;
    const prevSum = prevPartial + prevCarry;
    prevCarry = <u64>(prevPartial < prev) | <u64>(prevSum < prevPartial);
    const touchedEnds = prevSum & ~prev;
    store<u64>(touchedPrevEnds + at, touchedEnds);
    touchedPrev += <u32>popcnt<u64>(touchedEnds);
    if (touchingEnds != 0) {
      const endBits = load<u64>(cm + at, MASK_ENDS);
      const endsBefore = <u32>load<u16>(cm + (block << 2), MASK_ENDS_BEFORE);
      do {
        const i = endsBefore + <u32>popcnt<u64>(endBits & ((touchingEnds & -touchingEnds) - 1));
        const j = runsBefore(pm, MASK_ENDS, MASK_ENDS_BEFORE, startOf(cb, i));
        const k = runsBefore(pm, MASK_STARTS, MASK_STARTS_BEFORE, endOf(cb, i) + 2);
        st16(slotList, listed, i);
        store<u32>(touchList + (<usize>listed << 2), j | (k << 16));
        listed++;
        touchingEnds &= touchingEnds - 1;
      } while (touchingEnds != 0);
    }
  }
  pairSlotRuns = listed;
  return touchedPrev;
}

/**
 * Lists the runs of the previous row (bank `pb`, `count` of them) once findTouches has marked those the
 * current row touches: a LONE one touched gets a slot, an untouched slot run may end, an untouched LONE
 * one is a whole object. `noneTouched` (a constant at each call) spares the marks when nothing is touched.
 */
// @ts-ignore: decorator
@inline function visitPrevious(pb: usize, count: u32, noneTouched: bool): void {
  let opened: u32 = 0;
  let ended: u32 = 0;
  let wholes: u32 = 0;
  for (let k: u32 = 0; k < count; k++) {
    const lone = <u32>(labelOf(pb, k) == LONE);
    let hit: u32 = 0;
    if (!noneTouched) {
      const endBit = endOf(pb, k) + 1;
      hit = <u32>(load<u64>(touchedPrevEnds + (<usize>(endBit >> 6) << 3)) >> <u64>(endBit & 63)) & 1;
    }
    // opened + ended <= k < RUN_ENTRIES - 1: the two lists never meet, not even their discarded stores.
    st16(prevLists, opened, k);
    opened += lone & hit;
    st16(prevLists, RUN_ENTRIES - 1 - ended, k);
    ended += (lone | hit) ^ 1;
    st16(wholeList, wholes, k);
    wholes += lone & (hit ^ 1);
  }
  opens = opened;
  ends = ended;
  wholeRuns = wholes;
}

/** Tallies the whole objects listed (runs of the previous row, bank `pb`). */
// @ts-ignore: decorator
@inline function tallyWholeRuns(pb: usize): void {
  // Objects of 1 and 2 px without a branch on which: counts in the low and high halves of one
  // accumulator, grey sums in the low and high words of another (a row holds < 2^16 runs of < 2^16 grey).
  let smallCounts: u32 = 0;
  let smallGreys: u64 = 0;
  for (let t: u32 = 0; t < wholeRuns; t++) {
    const k = ld16(wholeList, t);
    const areaPx = endOf(pb, k) - startOf(pb, k) + 1;
    if (areaPx <= 2) {
      const half = areaPx - 1;
      smallCounts += <u32>1 << (half << 4);
      smallGreys += <u64>greyOf(pb, k) << <u64>(half << 5);
    } else {
      tallyObject(areaPx, greyOf(pb, k));
    }
  }
  if (smallCounts != 0) {
    tallyObjects(1, smallCounts & 0xffff, <u32>smallGreys);
    tallyObjects(2, smallCounts >> 16, <u32>(smallGreys >> 32));
  }
}

/**
 * Labels row y (bank `cb`, n runs; `width` px) against the row above (bank `pb`, prevCount runs, of which
 * prevSlotRuns hold a slot; its masks completed or not); returns how many runs above the row touches.
 * Unless `ordered`, also hands the objects the row ends to the sink: the whole one-run objects straight to
 * the tallies, in no order (none of them is a classification candidate, which `ordered` would have said),
 * then the slot objects left to right, as the plain build does (one may be a candidate, and the candidates
 * kept when there are too many are the first ones). When `ordered` (the debug log), labeller.ts completes
 * every object in order.
 */
export function labelDensePair(cb: usize, pb: usize, n: u32, prevCount: u32, prevSlotRuns: u32, prevMasksComplete: bool, y: u32, width: u32, ordered: bool): u32 {
  // Every run LONE until it touches the row above, two labels a store (entry n, past the runs, is there to
  // take the odd one); a loop, as memory.fill is a call out of the module.
  for (let i: u32 = 0; i < n; i += 2) store<u32>(cb + B_LABEL + (<usize>i << 1), 0xffffffff);
  // The masks of empty blocks, left out by scanRow, filled in (the row above's only once).
  completeMasks(cb + B_MASKS, width);
  if (!prevMasksComplete) completeMasks(pb + B_MASKS, width);
  let touched: u32 = 0;
  pairSlotRuns = 0;
  if ((n != 0) & (prevCount != 0)) touched = findTouches(cb, pb);
  // The runs above, listed, but when every one is touched and holds a slot already.
  if (touched == prevCount && prevSlotRuns == prevCount) opens = ends = wholeRuns = 0;
  else if (touched == 0) visitPrevious(pb, prevCount, true);
  else visitPrevious(pb, prevCount, false);
  for (let t: u32 = 0; t < opens; t++) {
    const k = ld16(prevLists, t);
    setLabel(pb, k, openSlot(startOf(pb, k), endOf(pb, k), greyOf(pb, k), y - 1));
  }
  // The touching runs joined to the objects above, in the same order as one pass would.
  const stamp = y + 1;
  const slotRuns = pairSlotRuns;
  for (let t: u32 = 0; t < slotRuns; t++) {
    const i = ld16(slotList, t);
    const range = load<u32>(touchList + (<usize>t << 2));
    let k = range & 0xffff;
    const kEnd = range >> 16;
    const root = rootOfPrevious(pb, k);
    for (k++; k < kEnd; k++) {
      const r = rootOfPrevious(pb, k);
      if (r != root) mergeInto(root, r, stamp);
    }
    growObject(root, cb, i, startOf(cb, i), endOf(cb, i), y);
    setLabel(cb, i, root);
  }
  if (ordered) return touched;
  tallyWholeRuns(pb);
  for (let t: u32 = 0; t < ends; t++) completeSlotRun(pb, ld16(prevLists, RUN_ENTRIES - 1 - t), stamp);
  return touched;
}
