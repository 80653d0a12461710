// Connected regions of a vignette, for the classifier's feature extraction (FEATURES.md "The object").
//
// A pixel is foreground when grey > threshold (strictly); regions are 8-connected. The labelling is a
// plain breadth-first flood fill started from each unlabelled foreground pixel in raster order (row by
// row, left to right), so regions are discovered in the raster order of their first pixel, which is the
// object's top-most, then left-most, pixel: the seed the camera's own flood fill uses.
//
// Largest-region rule (uvpec keeps "the largest region" of an offline vignette and does not say which
// one wins a tie): the region with the most pixels; among regions of equal size, the one whose first
// pixel comes first in raster order (top-most row, then left-most column).

import { validateFrameArgs } from "../reference/labeller.js";
/** A vignette's foreground region: its pixels (as row-major indices) and its inclusive bounding box. */
export interface Region {
  /** Row-major indices (y * widthPx + x) of the region's pixels, ascending (raster order). */
  pixelIndices: number[];
  areaPx: number;
  xMinPx: number;
  yMinPx: number;
  xMaxPx: number;
  yMaxPx: number;
}

/** Throws a TypeError/RangeError unless pixels, widthPx, heightPx and threshold describe a valid vignette. */
export function validateVignetteArgs(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number): void {
  validateFrameArgs(pixels, widthPx, heightPx, threshold, "classify");
}

/** All 8-connected regions with grey > threshold, in the raster order of their first pixel. */
export function findRegions(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number): Region[] {
  validateVignetteArgs(pixels, widthPx, heightPx, threshold);
  const visited = new Uint8Array(widthPx * heightPx);
  const regions: Region[] = [];
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const start = y * widthPx + x;
      if (visited[start] === 1 || pixels[start] <= threshold) continue;
      regions.push(floodFill(pixels, widthPx, heightPx, threshold, visited, x, y));
    }
  }
  return regions;
}

/** The largest region (ties: first pixel first in raster order), or null when no pixel is above threshold. */
export function largestRegion(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number): Region | null {
  let best: Region | null = null;
  for (const region of findRegions(pixels, widthPx, heightPx, threshold)) {
    // Strictly larger only: an equal later region never replaces an earlier one.
    if (best === null || region.areaPx > best.areaPx) best = region;
  }
  return best;
}

// Breadth-first flood fill of one region from (x0, y0); marks its pixels in `visited`.
function floodFill(
  pixels: Uint8Array,
  widthPx: number,
  heightPx: number,
  threshold: number,
  visited: Uint8Array,
  x0: number,
  y0: number,
): Region {
  const queue: number[] = [y0 * widthPx + x0];
  visited[queue[0]] = 1;
  let head = 0;
  let xMinPx = x0;
  let xMaxPx = x0;
  let yMinPx = y0;
  let yMaxPx = y0;
  while (head < queue.length) {
    const index = queue[head++];
    const x = index % widthPx;
    const y = (index - x) / widthPx;
    if (x < xMinPx) xMinPx = x;
    if (x > xMaxPx) xMaxPx = x;
    if (y < yMinPx) yMinPx = y;
    if (y > yMaxPx) yMaxPx = y;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= widthPx || ny >= heightPx) continue;
        const neighbour = ny * widthPx + nx;
        if (visited[neighbour] === 1 || pixels[neighbour] <= threshold) continue;
        visited[neighbour] = 1;
        queue.push(neighbour);
      }
    }
  }
  const pixelIndices = queue.slice().sort((a, b) => a - b);
  return { pixelIndices, areaPx: pixelIndices.length, xMinPx, yMinPx, xMaxPx, yMaxPx };
}

/** The region as a 0/1 mask with the vignette's layout (row-major, widthPx per row). */
export function regionMask(region: Region, widthPx: number, heightPx: number): Uint8Array {
  const mask = new Uint8Array(widthPx * heightPx);
  for (const index of region.pixelIndices) mask[index] = 1;
  return mask;
}
