// The labeller's objects: a fixed pool of slots joined by union-find. Slot bound: the live objects of the
// previous row (<= its runs) plus the new objects of the current row (<= its runs), hence
// 2 * MAX_RUNS_PER_ROW. Each slot: u32 area @0, u32 grey sum @4, u16 xMin @8, xMax @10, yMin @12, yMax @14
// (16 bytes); and apart, one u16 each, its parent and its seen stamp (row stamp y + 1 of the object's
// last row; DONE once handed to the sink), which the hot loops read alone. One spare slot past the pool
// catches an impossible overflow without writing out of bounds (counted in labellerOverflows, which tests
// assert is 0).

import { MAX_OBJECT_SLOTS } from "./constants";
import { completeObject } from "./objectsink";
import { greyOf, labelOf, ld16, LONE, endOf, setLabel, slotList, st16, startOf } from "./runBanks";

const SPARE: u32 = MAX_OBJECT_SLOTS;
const SLOTS: u32 = MAX_OBJECT_SLOTS + 1;
const SLOT_SHIFT: u32 = 4;
const slots: usize = memory.data(SLOTS << SLOT_SHIFT, 16);
const parents: usize = memory.data(SLOTS << 1, 16);
const seens: usize = memory.data(SLOTS << 1, 16);
const freeSlots: usize = memory.data(MAX_OBJECT_SLOTS << 1, 16);
const mergedSlots: usize = memory.data(SLOTS << 1, 16);

/** Seen stamp of an object handed to the sink; row stamps are y + 1 <= MAX_HEIGHT_PX < DONE, slots < SLOTS < LONE. */
export const DONE: u32 = 0xffff;

let freeTop: u32 = 0;
// Objects merged into another since the row began (their slots are released when it ends).
let mergedCount: u32 = 0;
/** Slot allocations that found the pool empty (must stay 0; the bound above proves it). */
export let labellerOverflows: u32 = 0;

// @ts-ignore: decorator
@inline function slot(i: u32): usize { return slots + (<usize>i << SLOT_SHIFT); }
// @ts-ignore: decorator
@inline function parentOf(s: u32): u32 { return ld16(parents, s); }
// @ts-ignore: decorator
@inline function seenOf(s: u32): u32 { return ld16(seens, s); }
// @ts-ignore: decorator
@inline function setSeen(s: u32, stamp: u32): void { st16(seens, s, stamp); }

/** Empties the pool: call at the start of every frame. */
export function resetSlots(): void {
  // Pop order gives slot 0 first: deterministic, and the same in both builds.
  for (let i: u32 = 0; i < MAX_OBJECT_SLOTS; i++) st16(freeSlots, i, MAX_OBJECT_SLOTS - 1 - i);
  freeTop = MAX_OBJECT_SLOTS;
  mergedCount = 0;
  labellerOverflows = 0;
}

/** The root of slot s, the path to it compressed. */
// @ts-ignore: decorator
@inline function findRoot(s: u32): u32 {
  let root = s;
  while (parentOf(root) != root) root = parentOf(root);
  while (s != root) {
    const next = parentOf(s);
    st16(parents, s, root);
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
@inline export function openSlot(x0: u32, x1: u32, grey: u32, y: u32): u32 {
  const s = allocSlot();
  const p = slot(s);
  store<u32>(p, x1 - x0 + 1, 0);
  store<u32>(p, grey, 4);
  store<u16>(p, <u16>x0, 8);
  store<u16>(p, <u16>x1, 10);
  store<u16>(p, <u16>y, 12);
  store<u16>(p, <u16>y, 14);
  st16(parents, s, s);
  setSeen(s, y + 1);
  return s;
}

/** Folds object `from` into object `into` (both roots), a run of the row with stamp `stamp` touching both. */
// @ts-ignore: decorator
@inline export function mergeInto(into: u32, from: u32, stamp: u32): void {
  const a = slot(into);
  const b = slot(from);
  st16(parents, from, into);
  // Continued by this row: its runs above read as such when the row's completions come, with no search
  // for their root.
  setSeen(from, stamp);
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
  setSeen(s, DONE);
  releaseSlot(s);
}

/** Hands the object of slot run k of the previous row (bank `pb`) to the sink unless the row with stamp `stamp` continued it (or it went already). */
// @ts-ignore: decorator
@inline export function completeSlotRun(pb: usize, k: u32, stamp: u32): void {
  // Its label is a root, or a slot merged since the row began, whose stamp says continued.
  const r = labelOf(pb, k);
  const seen = seenOf(r);
  if (seen != stamp && seen != DONE) emit(r);
}

/** The root of previous run k, which holds a slot. */
// @ts-ignore: decorator
@inline export function rootOfPrevious(pb: usize, k: u32): u32 {
  const r = labelOf(pb, k);
  // Labels were roots when the row began; only a merge since can change that.
  return parentOf(r) != r ? findRoot(r) : r;
}

/** The root of previous run k (row y - 1), which a run of row y touches: its slot opened if it was LONE. */
// @ts-ignore: decorator
@inline export function joinPrevious(pb: usize, k: u32, y: u32): u32 {
  let r = labelOf(pb, k);
  if (r == LONE) {
    r = openSlot(startOf(pb, k), endOf(pb, k), greyOf(pb, k), y - 1);
    setLabel(pb, k, r);
  } else if (mergedCount != 0) {
    // Labels were roots when the row began; only a merge since can change that. The walk (the plain build,
    // no branch predictor) tests the row's merge count, which spares most rows a load: rootOfPrevious's test
    // of the label's parent cost the Cortex-M up to 3.5 % more on the frames at the limit.
    r = findRoot(r);
  }
  return r;
}

/** Adds run i of row y (bank cb), [cs, ce], to object `root`. */
// @ts-ignore: decorator
@inline export function growObject(root: u32, cb: usize, i: u32, cs: u32, ce: u32, y: u32): void {
  const p = slot(root);
  store<u32>(p, load<u32>(p, 0) + (ce - cs + 1), 0);
  store<u32>(p, load<u32>(p, 4) + greyOf(cb, i), 4);
  // Selects, not branches: whether a run widens its object is a coin toss on noise.
  store<u16>(p, <u16>min(cs, <u32>load<u16>(p, 8)), 8);
  store<u16>(p, <u16>max(ce, <u32>load<u16>(p, 10)), 10);
  store<u16>(p, <u16>y, 14);
  setSeen(root, y + 1);
}

/** Makes the labels of the row's slot runs (bank `cb`, `slotRuns` of them in slotList) roots again. */
// @ts-ignore: decorator
@inline export function resolveLabels(cb: usize, slotRuns: u32): void {
  // Labels given before a later merge may name a slot that is no longer a root (none without merges).
  if (mergedCount == 0) return;
  for (let t: u32 = 0; t < slotRuns; t++) {
    const i = ld16(slotList, t);
    setLabel(cb, i, findRoot(labelOf(cb, i)));
  }
}

/** Releases the slots merged away this row: reachable only through the previous row's labels, now gone. */
// @ts-ignore: decorator
@inline export function releaseMergedSlots(): void {
  for (let m: u32 = 0; m < mergedCount; m++) releaseSlot(ld16(mergedSlots, m));
  mergedCount = 0;
}
