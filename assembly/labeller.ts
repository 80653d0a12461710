// Streaming 8-connected labelling, one row at a time, with union-find over a fixed pool of object slots
// (objectSlots.ts). Only two rows of runs are kept (runBanks.ts); an object is complete (and handed to
// the sink) as soon as a row passes with none of its pixels.
//
// Slots are taken lazily: a run that touches nothing in the row above is an object of its own,
// described by the run itself (label LONE), and gets a slot only when a run of the next row touches
// it. An object of one run (a dot, a speck, a horizontal dash) is completed straight from its run and
// never costs a slot. The objects, and the order they complete in, are those of eager slots.

import { MASK_BYTES, RUN_SENTINEL, scanRow, scanForegroundPx } from "./rowscan";
import { completeObject, objectLogEnabled } from "./objectsink";
import { collectingCandidates } from "./candidates";
import { vignetteMinAreaPx } from "./config";
import { B_END, B_GREY, B_MASKS, B_START, BANK_BYTES, LONE, banks, endOf, greyOf, labelOf, setLabel, slotList, st16, startOf } from "./runBanks";
import { DONE, completeSlotRun, growObject, joinPrevious, mergeInto, releaseMergedSlots, resetSlots, resolveLabels } from "./objectSlots";
import { isDensePair, labelDensePair, pairSlotRuns } from "./densePairs";

let prevBank: usize = banks;
let curBank: usize = banks + BANK_BYTES;
let prevCount: u32 = 0;
let prevY: u32 = 0;
// SIMD build: the previous row's runs that hold a slot, whether its masks were completed, and its
// longest run (px; asked only when collecting classification candidates).
let prevSlotRuns: u32 = 0;
let prevMasksComplete = true;
let prevLongestRunPx: u32 = 0;

/** Foreground pixels of the row just labelled. */
export let rowForegroundPx: u32 = 0;

/** Empties the slot pool and forgets the previous row: call at the start of every frame. */
export function resetLabeller(): void {
  resetSlots();
  // No previous row: its sentinel stops the walks over it at once, its masks have no bits.
  store<u16>(prevBank, <u16>RUN_SENTINEL, B_START);
  store<u16>(prevBank, <u16>RUN_SENTINEL, B_END);
  memory.fill(prevBank + B_MASKS, 0, MASK_BYTES);
  prevMasksComplete = true;
  prevCount = 0;
  prevSlotRuns = 0;
  prevLongestRunPx = 0;
}

/**
 * Hands the objects of the previous row (row `y`, in bank `pb`) that the current row did not continue
 * to the sink, left to right, so that objects complete in the same order as with eager slots: a LONE run
 * is a whole object; a slot whose stamp is not `stamp` is complete.
 */
// @ts-ignore: decorator
@inline function completePrevious(pb: usize, y: u32, stamp: u32): void {
  for (let k: u32 = 0; k < prevCount; k++) {
    if (labelOf(pb, k) == LONE) {
      const x0 = startOf(pb, k);
      const x1 = endOf(pb, k);
      completeObject(x1 - x0 + 1, greyOf(pb, k), x0, y, x1, y);
    } else {
      completeSlotRun(pb, k, stamp);
    }
  }
}

/** Labels row `y` (pixels at `row`), completing the objects that the row does not continue. */
export function labelRow(row: usize, y: u32, width: u32, thr: u32): void {
  const pb = prevBank;
  const cb = curBank;
  const n = scanRow(row, width, thr, cb + B_START, cb + B_END, cb + B_GREY, cb + B_MASKS);
  rowForegroundPx = scanForegroundPx;
  const stamp = y + 1;
  // Previous runs touched, counted once each: when all are, no object of that row completes.
  let touched: u32 = 0;
  let completed = false; // the objects the row ends already handed over (a dense pair, unordered)
  let slotRuns: u32 = 0;
  let longestRunPx: u32 = 0;
  if (ASC_FEATURE_SIMD && collectingCandidates) {
    for (let i: u32 = 0; i < n; i++) longestRunPx = max(longestRunPx, endOf(cb, i) - startOf(cb, i) + 1);
  }
  const dense = ASC_FEATURE_SIMD && isDensePair(cb, pb, n, prevCount);
  if (dense) {
    // The debug log sees every object in order, and so does classification once a run above is long enough
    // to be a candidate by itself: then they complete below, in order. Otherwise labelDensePair completes
    // them, the slot objects (which may be candidates) still left to right.
    const ordered = objectLogEnabled || (collectingCandidates && prevLongestRunPx >= vignetteMinAreaPx);
    touched = labelDensePair(cb, pb, n, prevCount, prevSlotRuns, prevMasksComplete, y, width, ordered);
    completed = !ordered;
    slotRuns = pairSlotRuns;
  } else {
    // One pass, walking the previous runs (the sentinel past the last stops both walks): a microcontroller
    // pays less for the walk than for two 64-bit population counts, and nothing for a branch it cannot
    // predict; so does any processor on a sparse row.
    let j: u32 = 0;
    let touchedEnd: u32 = 0;
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
        else if (r != root) mergeInto(root, r, stamp);
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
  resolveLabels(cb, slotRuns);
  if (!completed && touched != prevCount) completePrevious(pb, y - 1, stamp);
  releaseMergedSlots();
  prevBank = cb;
  curBank = pb;
  prevCount = n;
  prevLongestRunPx = longestRunPx;
  prevSlotRuns = slotRuns;
  prevMasksComplete = dense;
  prevY = y;
}

/** Completes every object still open after the last row, and empties the pool. */
export function finishLabelling(): void {
  // Labels are roots (resolved at the end of the row), and no stamp equals DONE.
  if (prevCount != 0) completePrevious(prevBank, prevY, DONE);
  prevCount = 0;
}
