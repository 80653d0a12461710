// The vignette and its labelling: two-pass 8-connected labelling of grey > threshold that keeps only
// the largest region (ties: the region whose first pixel in raster order comes first).
//
// The union-find forest lives in the u16 label image, one entry per pixel, so no separate label table is
// needed (a vignette has at most VIGNETTE_MAX_PX = 2^15 pixels, so a pixel index fits in 15 bits):
//   entry < ROOT_FLAG   the index of a parent pixel, always smaller than the pixel's own index;
//   entry >= ROOT_FLAG  a root, holding ROOT_FLAG | (area - 1) (area <= 2^15 fits).
// Entries of background pixels are never read (the grey decides first), so the image is never cleared.
// Pass 1 (raster order): a foreground pixel with no foreground neighbour among W, NW, N, NE starts a
// root; otherwise it joins its neighbours' roots, merging them (the root with the larger index links to
// the smaller one, so a root is always its region's first pixel in raster order) and adds 1 to the area.
// Pass 2 (raster order): every non-root entry is pointed straight at its root (its parent, having a
// smaller index, is already resolved), and the largest root is chosen, the first one winning a tie.

import { LABEL_IMAGE_RESERVED_BYTES, VIGNETTE_MAX_PX, VIGNETTE_MAX_SIDE_PX, VIGNETTE_RESERVED_BYTES } from "./constants";
import { Status } from "../status";

/** Where the host writes the vignette: row-major grey bytes, width x height. */
export const vignetteBuffer: usize = memory.data(VIGNETTE_RESERVED_BYTES, 16);
/** Label image and union-find forest, one u16 per vignette pixel (encoding above). */
export const labelImage: usize = memory.data(LABEL_IMAGE_RESERVED_BYTES, 16);

/** Marks a root entry; the low 15 bits hold its area - 1. */
const ROOT_FLAG: u32 = 0x8000;
const AREA_MASK: u32 = 0x7fff;
const NONE: u32 = 0xffffffff;

/** Pixel index of the kept region's root (its first pixel in raster order). */
export let keptRoot: u32 = 0;
/** Pixels of the kept region. */
export let keptAreaPx: u32 = 0;
/** Bounding box of the kept region in vignette pixels (inclusive). */
export let keptLeft: u32 = 0;
export let keptTop: u32 = 0;
export let keptRight: u32 = 0;
export let keptBottom: u32 = 0;
/** 8-connected regions found in the last labelled vignette. */
export let regionCount: u32 = 0;

// @ts-ignore: decorator
@inline function grey(p: u32): u32 { return <u32>load<u8>(vignetteBuffer + <usize>p); }
// @ts-ignore: decorator
@inline function lab(p: u32): u32 { return <u32>load<u16>(labelImage + (<usize>p << 1)); }
// @ts-ignore: decorator
@inline function setLab(p: u32, v: u32): void { store<u16>(labelImage + (<usize>p << 1), <u16>v); }

/** Whether foreground pixel `p` belongs to the kept region (valid after labelVignette). */
// @ts-ignore: decorator
@inline export function inKeptRegion(p: u32, root: u32): bool {
  return p == root || lab(p) == root;
}

/** Root of pixel `p`'s tree, halving the path on the way. */
// @ts-ignore: decorator
@inline function findRoot(p: u32): u32 {
  while (true) {
    const parent = lab(p);
    if (parent >= ROOT_FLAG) return p;
    const grand = lab(parent);
    if (grand >= ROOT_FLAG) return parent;
    setLab(p, grand); // grand < parent < p: links still point to smaller indices
    p = grand;
  }
}

/** Merges the trees of roots `a` and `b` (or takes `b` when `a` is NONE); returns the surviving root. */
// @ts-ignore: decorator
@inline function joinRoots(a: u32, b: u32): u32 {
  if (a == NONE || a == b) return b;
  const lo = min(a, b);
  const hi = max(a, b);
  // (areaLo - 1) + (areaHi - 1) + 1 = areaLo + areaHi - 1 <= VIGNETTE_MAX_PX - 1: no carry into the flag.
  setLab(lo, ROOT_FLAG | ((lab(lo) & AREA_MASK) + (lab(hi) & AREA_MASK) + 1));
  setLab(hi, lo);
  return lo;
}

/** VIGNETTE_TOO_LARGE unless both sides are <= VIGNETTE_MAX_SIDE_PX and the area <= VIGNETTE_MAX_PX; OK otherwise. */
export function checkVignetteSize(widthPx: u32, heightPx: u32): Status {
  if (widthPx > VIGNETTE_MAX_SIDE_PX || heightPx > VIGNETTE_MAX_SIDE_PX) return Status.VIGNETTE_TOO_LARGE;
  if (widthPx * heightPx > VIGNETTE_MAX_PX) return Status.VIGNETTE_TOO_LARGE; // <= 2464^2: no overflow
  return Status.OK;
}

/** Labels the vignette (grey > thr, 8-connected) and keeps its largest region; VIGNETTE_EMPTY if none. */
export function labelVignette(widthPx: u32, heightPx: u32, thr: u32): Status {
  const size = checkVignetteSize(widthPx, heightPx);
  if (size != Status.OK) return size;
  regionCount = 0;
  keptAreaPx = 0;
  const w = widthPx;

  // Pass 1: provisional trees.
  let p: u32 = 0;
  for (let y: u32 = 0; y < heightPx; y++) {
    for (let x: u32 = 0; x < w; x++, p++) {
      if (grey(p) <= thr) continue;
      let r = NONE;
      if (y > 0 && grey(p - w) > thr) {
        // N is foreground: NW, NE and W, when foreground, all touch N and already share its tree.
        r = findRoot(p - w);
      } else {
        if (x > 0 && grey(p - 1) > thr) r = findRoot(p - 1); // W covers NW (NW is W's N)
        else if (y > 0 && x > 0 && grey(p - w - 1) > thr) r = findRoot(p - w - 1);
        if (y > 0 && x + 1 < w && grey(p - w + 1) > thr) r = joinRoots(r, findRoot(p - w + 1));
      }
      if (r == NONE) {
        setLab(p, ROOT_FLAG); // a new region of area 1
      } else {
        setLab(p, r);
        setLab(r, lab(r) + 1);
      }
    }
  }

  // Pass 2: point every entry at its root; choose the largest root, the first one on a tie.
  let best: u32 = 0;
  let bestRoot: u32 = 0;
  const n = w * heightPx;
  for (p = 0; p < n; p++) {
    if (grey(p) <= thr) continue;
    const v = lab(p);
    if (v >= ROOT_FLAG) {
      regionCount++;
      const area = (v & AREA_MASK) + 1;
      if (area > best) {
        best = area;
        bestRoot = p;
      }
    } else {
      const up = lab(v);
      if (up < ROOT_FLAG) setLab(p, up); // v is resolved already: up is the root
    }
  }
  if (best == 0) return Status.VIGNETTE_EMPTY;
  keptRoot = bestRoot;
  keptAreaPx = best;

  // Bounding box of the kept region, from its first row (the root's) down.
  let left = w;
  let right: u32 = 0;
  let bottom: u32 = 0;
  const top = bestRoot / w; // w >= 1: the vignette has a foreground pixel
  p = top * w;
  for (let y = top; y < heightPx; y++) {
    for (let x: u32 = 0; x < w; x++, p++) {
      if (grey(p) <= thr || !inKeptRegion(p, bestRoot)) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      bottom = y;
    }
  }
  keptLeft = left;
  keptTop = top;
  keptRight = right;
  keptBottom = bottom;
  return Status.OK;
}
