// Where completed objects go: the frame's per-class tallies and, when switched on, the debug log.

import { GREY_FIXED_BITS, NUM_CLASSES, OBJECT_LOG_CAPACITY, OBJECT_LOG_ENTRY_BYTES } from "./constants";
import { classBinOfArea, classOfArea, maxClassifyAreaPx, vignetteMinAreaPx } from "./config";
import { collectingCandidates, keepCandidate } from "./candidates";
import { storeObjectEntry } from "./objectEntry";

// One bin per class, and bin NUM_CLASSES for objects below the first class, so that tallying an object
// takes no branch on its class.
const BINS: u32 = NUM_CLASSES + 1;
/** Objects per class in the current frame (u32 x 18, then the objects in no class). */
export const frameClassCounts: usize = memory.data(BINS << 2, 8);
/** Per class, the sum over objects of floor(greySum * 2^24 / area): exact and order-free (u64 x 18, then no class). */
export const frameClassGreyFixed: usize = memory.data(BINS << 3, 8);
/** Debug log: OBJECT_LOG_ENTRY_BYTES per object (u32 area, u32 grey sum, u16 xMin, yMin, xMax, yMax). */
export const objectLog: usize = memory.data(OBJECT_LOG_CAPACITY * OBJECT_LOG_ENTRY_BYTES, 16);

/** Objects completed in the current frame, of any size. */
export let frameObjects: u32 = 0;
/** Entries in the debug log (objects completed by the last pushRow or endFrame). */
export let objectLogCount: u32 = 0;
/** Whether completed objects are written to the debug log. */
export let objectLogEnabled = false;

/** Switches the per-object debug log on or off. */
export function setObjectLogEnabled(on: bool): void {
  objectLogEnabled = on;
  objectLogCount = 0;
}

/** Forgets the debug log: each frame call starts it afresh. */
export function clearObjectLog(): void {
  objectLogCount = 0;
}

/** Zeroes the frame's tallies: call at the start of every frame. */
export function resetFrameSink(): void {
  for (let k: u32 = 0; k < BINS; k++) {
    store<u32>(frameClassCounts + (k << 2), 0);
    store<u64>(frameClassGreyFixed + (k << 3), 0);
  }
  frameObjects = 0;
  objectLogCount = 0;
}

/** Takes `count` objects of `areaPx` pixels whose mean grey is `greyFixed` / 2^24 each (no pixels: *_data.txt replay). */
export function addObjectsOfArea(areaPx: u32, count: u32, greyFixed: u64): void {
  frameObjects += count;
  const k = classOfArea(areaPx);
  if (k >= 0) {
    const c = frameClassCounts + (<usize>k << 2);
    store<u32>(c, load<u32>(c) + count);
    const g = frameClassGreyFixed + (<usize>k << 3);
    store<u64>(g, load<u64>(g) + greyFixed * <u64>count);
  }
}

/** floor(greySum * 2^GREY_FIXED_BITS / areaPx): a shift for areas that are powers of two (1-px dots). */
// @ts-ignore: decorator
@inline function greyFixed(greySum: u32, areaPx: u32): u64 {
  const n = <u64>greySum << GREY_FIXED_BITS;
  return (areaPx & (areaPx - 1)) == 0 ? n >> <u64>ctz<u32>(areaPx) : n / <u64>areaPx;
}

/** Adds `count` objects of `areaPx` pixels, their fixed-point mean greys summing to `greyFixedSum`, to the frame's tallies. */
// @ts-ignore: decorator
@inline function addToTallies(areaPx: u32, count: u32, greyFixedSum: u64): void {
  frameObjects += count;
  const bin = <usize>classBinOfArea(areaPx);
  const c = frameClassCounts + (bin << 2);
  store<u32>(c, load<u32>(c) + count);
  const g = frameClassGreyFixed + (bin << 3);
  store<u64>(g, load<u64>(g) + greyFixedSum);
}

/** Takes one object of `areaPx` pixels (grey sum `greySum`) into the tallies only: the caller makes sure that neither the debug log nor the candidates want it. */
// @ts-ignore: decorator
@inline export function tallyObject(areaPx: u32, greySum: u32): void {
  addToTallies(areaPx, 1, greyFixed(greySum, areaPx));
}

/** Takes `count` objects of `areaPx` (1 or 2) pixels whose grey sums add up to `greySum` into the tallies only (each one's fixed-point grey is a shift, so their sum is exact). */
// @ts-ignore: decorator
@inline export function tallyObjects(areaPx: u32, count: u32, greySum: u32): void {
  addToTallies(areaPx, count, (<u64>greySum << GREY_FIXED_BITS) >> <u64>(areaPx - 1));
}

/** Takes one complete object into the frame's tallies (and the candidates and the log). */
// @ts-ignore: decorator
@inline export function completeObject(areaPx: u32, greySum: u32, xMin: u32, yMin: u32, xMax: u32, yMax: u32): void {
  tallyObject(areaPx, greySum);
  if (collectingCandidates || objectLogEnabled) noteObject(areaPx, greySum, xMin, yMin, xMax, yMax);
}

/** The rarer destinations of a completed object: the classification candidates and the debug log. */
function noteObject(areaPx: u32, greySum: u32, xMin: u32, yMin: u32, xMax: u32, yMax: u32): void {
  if (collectingCandidates && areaPx >= vignetteMinAreaPx && areaPx <= maxClassifyAreaPx) {
    keepCandidate(areaPx, greySum, xMin, yMin, xMax, yMax);
  }
  if (objectLogEnabled && objectLogCount < OBJECT_LOG_CAPACITY) {
    storeObjectEntry(objectLog + <usize>objectLogCount * OBJECT_LOG_ENTRY_BYTES, areaPx, greySum, xMin, yMin, xMax, yMax);
    objectLogCount++;
  }
}
