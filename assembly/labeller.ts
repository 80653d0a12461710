// Streaming 8-connected labelling, one row at a time, with union-find over a fixed pool of object
// slots. Only two rows of runs are kept; an object is complete (and handed to the sink) as soon as
// a row passes with none of its pixels. Slot bound: the live objects of the previous row (<= its
// runs) plus the new objects of the current row (<= its runs), hence 2 * MAX_RUNS_PER_ROW.

import { MAX_OBJECT_SLOTS, MAX_RUNS_PER_ROW } from "./constants";
import { scanRow, scanForegroundPx } from "./rowscan";
import { completeObject } from "./objectsink";

// Object slots, structure of arrays. One spare slot past the pool catches an impossible overflow
// without writing out of bounds (counted in labellerOverflows, which tests assert is 0).
const SLOTS: u32 = MAX_OBJECT_SLOTS + 1;
const slotAreaPx: usize = memory.data(SLOTS << 2, 16);
const slotGreySum: usize = memory.data(SLOTS << 2, 16);
const slotXMin: usize = memory.data(SLOTS << 1, 16);
const slotXMax: usize = memory.data(SLOTS << 1, 16);
const slotYMin: usize = memory.data(SLOTS << 1, 16);
const slotYMax: usize = memory.data(SLOTS << 1, 16);
const slotParent: usize = memory.data(SLOTS << 1, 16);
// Row stamp (y + 1) of the last row the object had pixels in; DONE once handed to the sink.
const slotSeen: usize = memory.data(SLOTS << 2, 16);
const freeSlots: usize = memory.data(SLOTS << 1, 16);
const mergedSlots: usize = memory.data(SLOTS << 1, 16);

// Two banks of runs: the previous row's and the current row's, swapped after each row.
const runStartA: usize = memory.data(MAX_RUNS_PER_ROW << 1, 16);
const runEndA: usize = memory.data(MAX_RUNS_PER_ROW << 1, 16);
const runLabelA: usize = memory.data(MAX_RUNS_PER_ROW << 1, 16);
const runStartB: usize = memory.data(MAX_RUNS_PER_ROW << 1, 16);
const runEndB: usize = memory.data(MAX_RUNS_PER_ROW << 1, 16);
const runLabelB: usize = memory.data(MAX_RUNS_PER_ROW << 1, 16);
const runGreySum: usize = memory.data(MAX_RUNS_PER_ROW << 2, 16);

const DONE: u32 = 0xffffffff;
const NONE: u32 = 0xffffffff;

let prevStart = runStartA;
let prevEnd = runEndA;
let prevLabel = runLabelA;
let curStart = runStartB;
let curEnd = runEndB;
let curLabel = runLabelB;
let prevCount: u32 = 0;
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
@inline function ld32(base: usize, i: u32): u32 { return load<u32>(base + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function st32(base: usize, i: u32, v: u32): void { store<u32>(base + (<usize>i << 2), v); }

/** Empties the slot pool and forgets the previous row: call at the start of every frame. */
export function resetLabeller(): void {
  // Pop order gives slot 0 first: deterministic, and the same in both builds.
  for (let i: u32 = 0; i < MAX_OBJECT_SLOTS; i++) st16(freeSlots, i, MAX_OBJECT_SLOTS - 1 - i);
  freeTop = MAX_OBJECT_SLOTS;
  prevCount = 0;
  mergedCount = 0;
  labellerOverflows = 0;
}

// @ts-ignore: decorator
@inline function findRoot(slot: u32): u32 {
  let root = slot;
  while (ld16(slotParent, root) != root) root = ld16(slotParent, root);
  while (slot != root) {
    const next = ld16(slotParent, slot);
    st16(slotParent, slot, root);
    slot = next;
  }
  return root;
}

// @ts-ignore: decorator
@inline function allocSlot(): u32 {
  if (freeTop == 0) {
    labellerOverflows++;
    return MAX_OBJECT_SLOTS; // the spare slot
  }
  freeTop--;
  return ld16(freeSlots, freeTop);
}

// @ts-ignore: decorator
@inline function releaseSlot(slot: u32): void {
  if (slot < MAX_OBJECT_SLOTS) {
    st16(freeSlots, freeTop, slot);
    freeTop++;
  }
}

/** Folds object `from` into object `into` (both roots). */
// @ts-ignore: decorator
@inline function mergeInto(into: u32, from: u32): void {
  st16(slotParent, from, into);
  st32(slotAreaPx, into, ld32(slotAreaPx, into) + ld32(slotAreaPx, from));
  st32(slotGreySum, into, ld32(slotGreySum, into) + ld32(slotGreySum, from));
  st16(slotXMin, into, min(ld16(slotXMin, into), ld16(slotXMin, from)));
  st16(slotXMax, into, max(ld16(slotXMax, into), ld16(slotXMax, from)));
  st16(slotYMin, into, min(ld16(slotYMin, into), ld16(slotYMin, from)));
  st16(slotYMax, into, max(ld16(slotYMax, into), ld16(slotYMax, from)));
  st16(mergedSlots, mergedCount, from);
  mergedCount++;
}

// @ts-ignore: decorator
@inline function emit(slot: u32): void {
  completeObject(
    ld32(slotAreaPx, slot), ld32(slotGreySum, slot),
    ld16(slotXMin, slot), ld16(slotYMin, slot), ld16(slotXMax, slot), ld16(slotYMax, slot),
  );
  st32(slotSeen, slot, DONE);
  releaseSlot(slot);
}

/** Labels row `y` (pixels at `row`), completing the objects that the row does not continue. */
export function labelRow(row: usize, y: u32, width: u32, thr: u32): void {
  const n = scanRow(row, width, thr, curStart, curEnd, runGreySum);
  rowForegroundPx = scanForegroundPx;
  const stamp = y + 1;
  let j: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const cs = ld16(curStart, i);
    const ce = ld16(curEnd, i);
    // 8-connectivity: a previous run [ps, pe] touches [cs, ce] when ps <= ce + 1 and pe + 1 >= cs.
    while (j < prevCount && ld16(prevEnd, j) + 1 < cs) j++;
    let root = NONE;
    for (let k = j; k < prevCount && ld16(prevStart, k) <= ce + 1; k++) {
      const r = findRoot(ld16(prevLabel, k));
      if (root == NONE) root = r;
      else if (r != root) mergeInto(root, r);
    }
    const lengthPx = ce - cs + 1;
    const grey = ld32(runGreySum, i);
    if (root == NONE) {
      root = allocSlot();
      st16(slotParent, root, root);
      st32(slotAreaPx, root, lengthPx);
      st32(slotGreySum, root, grey);
      st16(slotXMin, root, cs);
      st16(slotXMax, root, ce);
      st16(slotYMin, root, y);
      st16(slotYMax, root, y);
    } else {
      st32(slotAreaPx, root, ld32(slotAreaPx, root) + lengthPx);
      st32(slotGreySum, root, ld32(slotGreySum, root) + grey);
      if (cs < ld16(slotXMin, root)) st16(slotXMin, root, cs);
      if (ce > ld16(slotXMax, root)) st16(slotXMax, root, ce);
      st16(slotYMax, root, y);
    }
    st32(slotSeen, root, stamp);
    st16(curLabel, i, root);
  }
  // Labels given before a later merge may name a slot that is no longer a root.
  for (let i: u32 = 0; i < n; i++) st16(curLabel, i, findRoot(ld16(curLabel, i)));
  // Objects of the previous row that this row did not reach are complete.
  for (let k: u32 = 0; k < prevCount; k++) {
    const r = findRoot(ld16(prevLabel, k));
    const seen = ld32(slotSeen, r);
    if (seen != stamp && seen != DONE) emit(r);
  }
  // Merged slots were reachable only through the previous row's labels, now gone.
  for (let m: u32 = 0; m < mergedCount; m++) releaseSlot(ld16(mergedSlots, m));
  mergedCount = 0;

  const s = prevStart; prevStart = curStart; curStart = s;
  const e = prevEnd; prevEnd = curEnd; curEnd = e;
  const l = prevLabel; prevLabel = curLabel; curLabel = l;
  prevCount = n;
}

/** Completes every object still open after the last row, and empties the pool. */
export function finishLabelling(): void {
  for (let k: u32 = 0; k < prevCount; k++) {
    const r = ld16(prevLabel, k); // already roots: resolved at the end of the row
    if (ld32(slotSeen, r) != DONE) emit(r);
  }
  prevCount = 0;
}
