// Classification candidates of the current frame and their TAXO triplets.
//
// A lit frame's candidates are the objects with ESD >= the vignette limit and area <= the maximum size
// for classification, at most 25, in the order the streaming labeller completes them: by the row after
// their last row, then left to right. (The camera's own order is not published; this one needs no
// sorting and is the same in both builds.) Objects beyond 25 are counted, not classified.

import { storeObjectEntry } from "./objectEntry";

/** Candidates kept per frame (the camera's TAXO_DATA limit). */
export const MAX_CANDIDATES: u32 = 25;
/** Bytes of one candidate entry: the object entry (objectEntry.ts), i32 class, u32 packed volume and grey. */
const CANDIDATE_BYTES: u32 = 24;
const candidates: usize = memory.data(MAX_CANDIDATES * CANDIDATE_BYTES, 16);

/** Candidates kept in the current frame. */
export let candidateCount: u32 = 0;
/** Objects that qualified beyond the 25 kept. */
export let candidatesBeyondLimit: u32 = 0;
/** Whether completed objects are examined as candidates (lit frames, classification on). */
export let collectingCandidates = false;

// @ts-ignore: decorator
@inline function entry(i: u32): usize { return candidates + <usize>i * CANDIDATE_BYTES; }

/** Forgets the candidates; `collect` says whether this frame gathers new ones. */
export function resetCandidates(collect: bool): void {
  candidateCount = 0;
  candidatesBeyondLimit = 0;
  collectingCandidates = collect;
}

/** Keeps a completed object as a candidate (the caller checked size limits). */
export function keepCandidate(areaPx: u32, greySum: u32, xMin: u32, yMin: u32, xMax: u32, yMax: u32): void {
  if (candidateCount >= MAX_CANDIDATES) {
    candidatesBeyondLimit++;
    return;
  }
  const e = entry(candidateCount);
  storeObjectEntry(e, areaPx, greySum, xMin, yMin, xMax, yMax);
  store<i32>(e, -1, 16); // class: not classified yet
  store<u32>(e, 0, 20);
  candidateCount++;
}

/** Address of candidate i's entry (layout above), for the host to read its bounding box. */
export function candidateEntry(i: u32): usize {
  return entry(i);
}

/** Bounding-box width of candidate i, px. */
export function candidateWidth(i: u32): u32 {
  const e = entry(i);
  return <u32>load<u16>(e, 12) - <u32>load<u16>(e, 8) + 1;
}

/** Bounding-box height of candidate i, px. */
export function candidateHeight(i: u32): u32 {
  const e = entry(i);
  return <u32>load<u16>(e, 14) - <u32>load<u16>(e, 10) + 1;
}

/**
 * The TAXO_DATA "volume" of an object of `areaPx` pixels: the volume, in pixel^3, of the sphere of the
 * same ESD, (4/3) pi (ESD_px / 2)^3 = (4 / (3 sqrt(pi))) area^1.5, rounded half up, at most 65535.
 */
export function objectVolumePx3(areaPx: u32): u32 {
  const v = (4.0 / (3.0 * Math.sqrt(Math.PI))) * Math.pow(<f64>areaPx, 1.5);
  return v >= 65534.5 ? 65535 : <u32>Math.floor(v + 0.5);
}

/** Records candidate i's class (or -1: not classified) with its volume and rounded mean grey. */
export function setCandidateClass(i: u32, classIndex: i32): void {
  const e = entry(i);
  const area = max<u32>(load<u32>(e, 0), 1); // >= 1 by construction; a host write must not trap
  const grey = load<u32>(e, 4);
  store<i32>(e, classIndex, 16);
  // Mean grey rounded half up, in integers: (2 sum + area) / (2 area).
  const meanGrey = <u32>((<u64>grey * 2 + <u64>area) / (<u64>area * 2));
  store<u32>(e, (objectVolumePx3(area) << 8) | min<u32>(meanGrey, 255), 20);
}

/** Class of candidate i (-1 when not classified). */
export function candidateClass(i: u32): i32 {
  return load<i32>(entry(i), 16);
}

/** Packed volume (high 16 bits of 24) and mean grey (low 8 bits) of candidate i. */
export function candidateVolumeGrey(i: u32): u32 {
  return load<u32>(entry(i), 20);
}
