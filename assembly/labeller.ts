// Streaming 8-connected labelling, one row at a time, with union-find over a fixed pool of object
// slots. Only two rows of runs are kept; an object is complete (and handed to the sink) as soon as
// a row passes with none of its pixels. Slot bound: the live objects of the previous row (<= its
// runs) plus the new objects of the current row (<= its runs), hence 2 * MAX_RUNS_PER_ROW.
//
// Slots are taken lazily: a run that touches nothing in the row above is an object of its own,
// described by the run itself (label LONE), and gets a slot only when a run of the next row touches
// it. An object of one run (a dot, a speck, a horizontal dash) is completed straight from its run and
// never costs a slot. The objects, and the order they complete in, are those of eager slots.

import { MAX_OBJECT_SLOTS, MAX_RUNS_PER_ROW } from "./constants";
import { MASK_BYTES, MASK_ENDS, MASK_ENDS_BEFORE, MASK_STARTS, MASK_STARTS_BEFORE, RUN_SENTINEL, scanRow, scanForegroundPx } from "./rowscan";
import { completeObject, objectLogEnabled, tallyRun } from "./objectsink";
import { collectingCandidates } from "./candidates";
import { vignetteMinAreaPx } from "./config";

// Object slots, one record each: u32 area @0, u32 grey sum @4, u16 xMin @8, xMax @10, yMin @12,
// yMax @14, u16 parent @16, u16 seen @18 (row stamp y + 1 of the object's last row; DONE once handed
// to the sink). One spare slot past the pool catches an impossible overflow without writing out of
// bounds (counted in labellerOverflows, which tests assert is 0).
const SPARE: u32 = MAX_OBJECT_SLOTS;
const SLOTS: u32 = MAX_OBJECT_SLOTS + 1;
const SLOT_BYTES: u32 = 20;
const slots: usize = memory.data(SLOTS * SLOT_BYTES, 16);
const freeSlots: usize = memory.data(MAX_OBJECT_SLOTS << 1, 16);
const mergedSlots: usize = memory.data(SLOTS << 1, 16);

// Two banks of runs, the previous row's and the current row's, swapped after each row. A bank holds
// RUN_ENTRIES of each: u16 start, u16 inclusive end, u32 grey sum, u16 label (slot or LONE), and the
// list of the runs that hold a slot (u16 run index, ascending), at fixed offsets from one base address
// (one register per bank in the hot loops). The list lets the end-of-row passes visit the slot runs
// without testing every run for LONE, a branch no processor predicts on noise.
const RUN_ENTRIES: u32 = MAX_RUNS_PER_ROW + 1; // the runs and the sentinel past them
const B_START: u32 = 0;
const B_END: u32 = RUN_ENTRIES << 1;
const B_GREY: u32 = RUN_ENTRIES << 2;
const B_LABEL: u32 = RUN_ENTRIES << 3;
const B_SLOT_RUNS: u32 = RUN_ENTRIES * 10;
// The row's start and end masks (rowscan.ts), 8-aligned.
const B_MASKS: u32 = (RUN_ENTRIES * 12 + 7) & ~7;
const BANK_BYTES: u32 = (B_MASKS + MASK_BYTES + 7) & ~7;
const banks: usize = memory.data(BANK_BYTES << 1, 16);
// SIMD build, within a row: the previous runs each listed run touches, from (u16) and to (u16, exclusive).
const touchFrom: usize = memory.data(RUN_ENTRIES << 1, 16);
const touchTo: usize = memory.data(RUN_ENTRIES << 1, 16);

// Stamps are y + 1 <= MAX_HEIGHT_PX < DONE; slot indices are < SLOTS < LONE.
const DONE: u32 = 0xffff;
const LONE: u32 = 0xffff;

let prevBank: usize = banks;
let curBank: usize = banks + BANK_BYTES;
let prevCount: u32 = 0;
let prevY: u32 = 0;
// Runs of the previous row that hold a slot, and its longest run (px; SIMD build only, which alone asks).
let prevSlotRuns: u32 = 0;
let prevLongestRunPx: u32 = 0;
let freeTop: u32 = 0;
let mergedCount: u32 = 0;

/** Slot allocations that found the pool empty (must stay 0; the bound above proves it). */
export let labellerOverflows: u32 = 0;
/** Foreground pixels of the row just labelled. */
export let rowForegroundPx: u32 = 0;

// @ts-ignore: decorator
@inline function ld16(base: usize, i: u32): u32 { return <u32>load<u16>(base + (<usize>i << 1)); }
// @ts-ignore: decorator
@inline function st16(base: usize, i: u32, v: u32): void { store<u16>(base + (<usize>i << 1), <u16>v); }
// @ts-ignore: decorator
@inline function startOf(bank: usize, i: u32): u32 { return <u32>load<u16>(bank + (<usize>i << 1), B_START); }
// @ts-ignore: decorator
@inline function endOf(bank: usize, i: u32): u32 { return <u32>load<u16>(bank + (<usize>i << 1), B_END); }
// @ts-ignore: decorator
@inline function greyOf(bank: usize, i: u32): u32 { return load<u32>(bank + (<usize>i << 2), B_GREY); }
// @ts-ignore: decorator
@inline function labelOf(bank: usize, i: u32): u32 { return <u32>load<u16>(bank + (<usize>i << 1), B_LABEL); }
// @ts-ignore: decorator
@inline function setLabel(bank: usize, i: u32, v: u32): void { store<u16>(bank + (<usize>i << 1), <u16>v, B_LABEL); }
// @ts-ignore: decorator
@inline function slot(i: u32): usize { return slots + <usize>i * SLOT_BYTES; }
// @ts-ignore: decorator
@inline function parentOf(s: u32): u32 { return <u32>load<u16>(slot(s), 16); }
// @ts-ignore: decorator
@inline function seenOf(s: u32): u32 { return <u32>load<u16>(slot(s), 18); }

/** Empties the slot pool and forgets the previous row: call at the start of every frame. */
export function resetLabeller(): void {
  // Pop order gives slot 0 first: deterministic, and the same in both builds.
  for (let i: u32 = 0; i < MAX_OBJECT_SLOTS; i++) st16(freeSlots, i, MAX_OBJECT_SLOTS - 1 - i);
  freeTop = MAX_OBJECT_SLOTS;
  // No previous row: its sentinel stops the walks over it at once.
  store<u16>(prevBank, <u16>RUN_SENTINEL, B_START);
  store<u16>(prevBank, <u16>RUN_SENTINEL, B_END);
  memory.fill(prevBank + B_MASKS, 0, MASK_BYTES);
  prevCount = 0;
  prevSlotRuns = 0;
  prevLongestRunPx = 0;
  mergedCount = 0;
  labellerOverflows = 0;
}

// @ts-ignore: decorator
@inline function findRoot(s: u32): u32 {
  let root = s;
  while (parentOf(root) != root) root = parentOf(root);
  while (s != root) {
    const next = parentOf(s);
    store<u16>(slot(s), <u16>root, 16);
    s = next;
  }
  return root;
}

// @ts-ignore: decorator
@inline function allocSlot(): u32 {
  if (freeTop == 0) {
    labellerOverflows++;
    return SPARE;
  }
  freeTop--;
  return ld16(freeSlots, freeTop);
}

// @ts-ignore: decorator
@inline function releaseSlot(s: u32): void {
  if (s < MAX_OBJECT_SLOTS) {
    st16(freeSlots, freeTop, s);
    freeTop++;
  }
}

/** Gives a slot to the one-run object [x0, x1] of row y (grey sum `grey`): a later run touches it. */
// @ts-ignore: decorator
@inline function openSlot(x0: u32, x1: u32, grey: u32, y: u32): u32 {
  const s = allocSlot();
  const p = slot(s);
  store<u32>(p, x1 - x0 + 1, 0);
  store<u32>(p, grey, 4);
  store<u16>(p, <u16>x0, 8);
  store<u16>(p, <u16>x1, 10);
  store<u16>(p, <u16>y, 12);
  store<u16>(p, <u16>y, 14);
  store<u16>(p, <u16>s, 16);
  store<u16>(p, <u16>(y + 1), 18);
  return s;
}

/** Folds object `from` into object `into` (both roots). */
// @ts-ignore: decorator
@inline function mergeInto(into: u32, from: u32): void {
  const a = slot(into);
  const b = slot(from);
  store<u16>(b, <u16>into, 16);
  store<u32>(a, load<u32>(a, 0) + load<u32>(b, 0), 0);
  store<u32>(a, load<u32>(a, 4) + load<u32>(b, 4), 4);
  store<u16>(a, min(load<u16>(a, 8), load<u16>(b, 8)), 8);
  store<u16>(a, max(load<u16>(a, 10), load<u16>(b, 10)), 10);
  store<u16>(a, min(load<u16>(a, 12), load<u16>(b, 12)), 12);
  store<u16>(a, max(load<u16>(a, 14), load<u16>(b, 14)), 14);
  st16(mergedSlots, mergedCount, from);
  mergedCount++;
}

// @ts-ignore: decorator
@inline function emit(s: u32): void {
  const p = slot(s);
  completeObject(
    load<u32>(p, 0), load<u32>(p, 4),
    <u32>load<u16>(p, 8), <u32>load<u16>(p, 12), <u32>load<u16>(p, 10), <u32>load<u16>(p, 14),
  );
  store<u16>(p, <u16>DONE, 18);
  releaseSlot(s);
}

/** Hands a slot object of the previous row that the current row (stamp `stamp`) did not continue to the sink. */
// @ts-ignore: decorator
@inline function completeSlotRun(pb: usize, k: u32, stamp: u32): void {
  const l = labelOf(pb, k);
  const r = mergedCount != 0 ? findRoot(l) : l;
  const seen = seenOf(r);
  if (seen != stamp && seen != DONE) emit(r);
}

/**
 * Hands the objects of the previous row (row `y`, in bank `pb`) that the current row did not continue
 * to the sink: a LONE run is a whole object; a slot whose stamp is not `stamp` is complete.
 *
 * When an object's place in the order matters (the debug log; a candidate for classification, which a
 * LONE run can be only if it is long enough), left to right, so that objects complete in the same order
 * as with eager slots. Otherwise the tallies, which do not depend on the order, take every LONE run
 * without a branch on it, and the slot runs follow from their list.
 */
// @ts-ignore: decorator
@inline function completePrevious(pb: usize, y: u32, stamp: u32): void {
  if (!ASC_FEATURE_SIMD || objectLogEnabled || (collectingCandidates && prevLongestRunPx >= vignetteMinAreaPx)) {
    for (let k: u32 = 0; k < prevCount; k++) {
      if (labelOf(pb, k) == LONE) {
        const x0 = startOf(pb, k);
        const x1 = endOf(pb, k);
        completeObject(x1 - x0 + 1, greyOf(pb, k), x0, y, x1, y);
      } else {
        completeSlotRun(pb, k, stamp);
      }
    }
  } else {
    for (let k: u32 = 0; k < prevCount; k++) {
      tallyRun(endOf(pb, k) - startOf(pb, k) + 1, greyOf(pb, k), labelOf(pb, k) == LONE);
    }
    const list = pb + B_SLOT_RUNS;
    for (let t: u32 = 0; t < prevSlotRuns; t++) completeSlotRun(pb, ld16(list, t), stamp);
  }
}

/** The root of previous run k (row y - 1), which a run of row y touches: its slot opened if it was LONE. */
// @ts-ignore: decorator
@inline function joinPrevious(pb: usize, k: u32, y: u32): u32 {
  let r = labelOf(pb, k);
  if (r == LONE) {
    r = openSlot(startOf(pb, k), endOf(pb, k), greyOf(pb, k), y - 1);
    setLabel(pb, k, r);
  } else if (mergedCount != 0) {
    r = findRoot(r); // labels were roots when the row began; only a merge since can change that
  }
  return r;
}

/** Adds run i of row y (bank cb), [cs, ce], to object `root`. */
// @ts-ignore: decorator
@inline function growObject(root: u32, cb: usize, i: u32, cs: u32, ce: u32, y: u32): void {
  const p = slot(root);
  store<u32>(p, load<u32>(p, 0) + (ce - cs + 1), 0);
  store<u32>(p, load<u32>(p, 4) + greyOf(cb, i), 4);
  // Selects, not branches: whether a run widens its object is a coin toss on noise.
  store<u16>(p, <u16>min(cs, <u32>load<u16>(p, 8)), 8);
  store<u16>(p, <u16>max(ce, <u32>load<u16>(p, 10)), 10);
  store<u16>(p, <u16>y, 14);
  store<u16>(p, <u16>(y + 1), 18);
}

/** How many runs of a row start (or end: which `bits` and `before` say) before pixel x, off its masks. */
// @ts-ignore: decorator
@inline function prevRunsBefore(masks: usize, bits: u32, before: u32, x: u32): u32 {
  const block = <usize>(x >> 6);
  const below = load<u64>(masks + bits + (block << 3)) & ((<u64>1 << <u64>(x & 63)) - 1);
  return <u32>load<u16>(masks + before + (block << 1)) + <u32>popcnt<u64>(below);
}

/** Labels row `y` (pixels at `row`), completing the objects that the row does not continue. */
export function labelRow(row: usize, y: u32, width: u32, thr: u32): void {
  const pb = prevBank;
  const cb = curBank;
  const n = scanRow(row, width, thr, cb + B_START, cb + B_END, cb + B_GREY, cb + B_MASKS);
  const pm = pb + B_MASKS;
  rowForegroundPx = scanForegroundPx;
  const stamp = y + 1;
  let j: u32 = 0;
  // Previous runs touched so far, counted once each: when all are, no object of that row completes.
  let touched: u32 = 0;
  let touchedEnd: u32 = 0;
  const slotList = cb + B_SLOT_RUNS;
  let slotRuns: u32 = 0;
  let longestRunPx: u32 = 0;
  if (ASC_FEATURE_SIMD) {
    // 8-connectivity: a previous run [ps, pe] touches [cs, ce] when ps <= ce + 1 and pe + 1 >= cs. So the
    // runs it touches are j..k-1: j the previous runs whose end bit (pe + 1) lies before cs, k those whose
    // start lies before ce + 2, both counted off the previous row's masks, with no walk and no chain from
    // one run to the next (a walk's loads wait on each other, and its exits mispredict). Whether a run
    // touches the row above is a coin toss on noise: a first pass lists the runs that do, without a
    // branch, and a second joins only those to the objects above, in the same order as one pass would.
    for (let i: u32 = 0; i < n; i++) {
      const cs = startOf(cb, i);
      const ce = endOf(cb, i);
      longestRunPx = max(longestRunPx, ce - cs + 1);
      j = prevRunsBefore(pm, MASK_ENDS, MASK_ENDS_BEFORE, cs);
      const k = prevRunsBefore(pm, MASK_STARTS, MASK_STARTS_BEFORE, ce + 2);
      const from = max(j, touchedEnd);
      touched += k > from ? k - from : 0;
      touchedEnd = max(touchedEnd, k);
      setLabel(cb, i, LONE);
      st16(slotList, slotRuns, i);
      st16(touchFrom, slotRuns, j);
      st16(touchTo, slotRuns, k);
      slotRuns += <u32>(k > j);
    }
    for (let t: u32 = 0; t < slotRuns; t++) {
      const i = ld16(slotList, t);
      const kEnd = ld16(touchTo, t);
      let k = ld16(touchFrom, t);
      const root = joinPrevious(pb, k, y);
      for (k++; k < kEnd; k++) {
        const r = joinPrevious(pb, k, y);
        if (r != root) mergeInto(root, r);
      }
      growObject(root, cb, i, startOf(cb, i), endOf(cb, i), y);
      setLabel(cb, i, root);
    }
  } else {
    // One pass, walking the previous runs (the sentinel past the last stops both walks): a microcontroller
    // pays less for the walk than for two 64-bit population counts, and nothing for a branch it cannot
    // predict.
    for (let i: u32 = 0; i < n; i++) {
      const cs = startOf(cb, i);
      const ce = endOf(cb, i);
      j += <u32>(endOf(pb, j) + 1 < cs);
      j += <u32>(endOf(pb, j) + 1 < cs);
      while (endOf(pb, j) + 1 < cs) j++;
      let root = LONE;
      let k = j;
      for (; startOf(pb, k) <= ce + 1; k++) {
        const r = joinPrevious(pb, k, y);
        if (root == LONE) root = r;
        else if (r != root) mergeInto(root, r);
      }
      const from = max(j, touchedEnd);
      touched += k > from ? k - from : 0;
      touchedEnd = max(touchedEnd, k);
      if (root != LONE) growObject(root, cb, i, cs, ce, y);
      setLabel(cb, i, root);
      st16(slotList, slotRuns, i);
      slotRuns += <u32>(root != LONE);
    }
  }
  // Labels given before a later merge may name a slot that is no longer a root (none without merges).
  if (mergedCount != 0) {
    for (let t: u32 = 0; t < slotRuns; t++) {
      const i = ld16(slotList, t);
      setLabel(cb, i, findRoot(labelOf(cb, i)));
    }
  }
  if (touched != prevCount) completePrevious(pb, y - 1, stamp);
  // Merged slots were reachable only through the previous row's labels, now gone.
  for (let m: u32 = 0; m < mergedCount; m++) releaseSlot(ld16(mergedSlots, m));
  mergedCount = 0;
  prevBank = cb;
  curBank = pb;
  prevCount = n;
  prevSlotRuns = slotRuns;
  prevLongestRunPx = longestRunPx;
  prevY = y;
}

/** Completes every object still open after the last row, and empties the pool. */
export function finishLabelling(): void {
  // Labels are roots (resolved at the end of the row), and no stamp equals DONE.
  if (prevCount != 0) completePrevious(prevBank, prevY, DONE);
  prevCount = 0;
  prevSlotRuns = 0;
}
