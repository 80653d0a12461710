// The 55 classification features of an object (FEATURES.md), the independent host reference.
//
// Pipeline: threshold (grey > threshold) -> largest 8-connected region (regions.ts; ties: the region
// whose first pixel comes first in raster order) -> exact integer sums over that region, coordinates
// relative to its bounding box (sums.ts) -> features in double -> stored as float32.
//
// Choices where FEATURES.md is silent, and its evaluation order:
// - Every formula is evaluated in double in the camera's order (FEATURES.md, "Evaluation order":
//   reciprocal multiplications, cv = 100 * (sd / mean), left-to-right products); nothing is clamped:
//   a zero range gives NaN/inf (meanpos, sr), l1 = 0 gives eccentricity NaN (0/0), and a variance or l2
//   that rounding made slightly negative would give NaN (exact sums make that practically impossible).
// - median / histcum1 / histcum3: threshold t = float32(fraction * N) (fraction 0.5, 0.25, 0.75; the
//   product is exact in double), then the first grey v whose running count (an exact integer) is > t.
//   Identical to float arithmetic on the camera for any N < 2^22.
// - Features 34-40 are named h1..h7 as in FEATURES.md; FEATURES.md gives no names for 41-54, so the grey
//   weighted ones are named gmu20..gmu03 and gh1..gh7 here.

import { centralMoments, centroidOf, huInvariants } from "./centralMoments.js";
import { largestRegion, regionMask, validateVignetteArgs } from "./regions.js";
import { type ObjectSums, sumsOfMask } from "./sums.js";

/** Names of the 55 features, in the model's feature order (FEATURES.md index = position). */
export const FEATURE_NAMES: readonly string[] = Object.freeze([
  "area", "width", "height", "mean", "stddev", "mode", "min", "max",
  "x", "y", "xm", "ym",
  "major", "minor", "angle", "eccentricity",
  "intden", "median", "histcum1", "histcum3", "esd",
  "range", "meanpos", "cv", "sr", "bbox_area", "extent",
  "mu20", "mu11", "mu02", "mu30", "mu21", "mu12", "mu03",
  "h1", "h2", "h3", "h4", "h5", "h6", "h7",
  "gmu20", "gmu11", "gmu02", "gmu30", "gmu21", "gmu12", "gmu03",
  "gh1", "gh2", "gh3", "gh4", "gh5", "gh6", "gh7",
]);

/** Number of features a model reads (55). */
export const FEATURE_COUNT = 55;

/** The 55 features (float32) of the largest 8-connected region with grey > threshold; null if none. */
export function computeFeatures(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number): Float32Array | null {
  validateVignetteArgs(pixels, widthPx, heightPx, threshold);
  const region = largestRegion(pixels, widthPx, heightPx, threshold);
  if (region === null) return null;
  return computeFeaturesOfMask(pixels, widthPx, heightPx, regionMask(region, widthPx, heightPx));
}

// The mask is meant to hold pixels above a threshold (grey >= 1); a mask over grey-0 pixels only has
// I = 0, and the grey-weighted features are then NaN/inf by IEEE division.
/** The 55 features (float32) of the pixels where mask != 0 (ROI = the mask's bounding box); null if empty. */
export function computeFeaturesOfMask(pixels: Uint8Array, widthPx: number, heightPx: number, mask: Uint8Array): Float32Array | null {
  validateVignetteArgs(pixels, widthPx, heightPx, 0);
  const sums = sumsOfMask(pixels, widthPx, heightPx, mask);
  return sums === null ? null : featuresFromSums(sums);
}

/** The 55 features (double values rounded once to float32) from an object's exact sums. */
export function featuresFromSums(sums: ObjectSums): Float32Array {
  const h = sums.histogram;
  const count = sums.binary.m00;
  if (count <= 0n) throw new RangeError("classify: an object needs at least one pixel");
  const N = Number(count);
  const I = Number(sums.grey.m00);

  // Grey statistics from the histogram.
  let sumOfSquares = 0n;
  let mode = 0;
  let min = -1;
  let max = -1;
  for (let v = 0; v < 256; v++) {
    if (h[v] === 0) continue;
    sumOfSquares += BigInt(h[v]) * BigInt(v * v);
    if (h[v] > h[mode]) mode = v; // strictly larger: the smallest grey wins a tie
    if (min < 0) min = v;
    max = v;
  }
  const mean = I / N;
  const stddev = Math.sqrt(Number(sumOfSquares) / N - mean * mean);
  const median = histogramWalk(h, N, 0.5);
  const histcum1 = histogramWalk(h, N, 0.25);
  const histcum3 = histogramWalk(h, N, 0.75);

  // Geometry.
  const width = sums.roiWidthPx;
  const height = sums.roiHeightPx;
  const centroid = centroidOf(sums.binary);
  const greyCentroid = centroidOf(sums.grey);
  const mu = centralMoments(sums.binary, centroid);
  const gmu = centralMoments(sums.grey, greyCentroid);
  const spread = mu.mu20 - mu.mu02;
  const trace = mu.mu20 + mu.mu02;
  const root = Math.sqrt(4 * mu.mu11 * mu.mu11 + spread * spread); // (4 * mu11) * mu11
  const half = centroid.reciprocal / 2; // the eigenvalue divider (1/N)/2
  const l1 = (trace + root) * half;
  const l2 = (trace - root) * half;
  const major = 4 * Math.sqrt(l1);
  const minor = 4 * Math.sqrt(l2);
  const angle = 0.5 * Math.atan2(2 * mu.mu11, spread);
  const eccentricity = Math.sqrt(1 - l2 / l1);
  const esd = Math.sqrt((4 * N) / Math.PI);
  const range = max - min;
  const bboxArea = width * height;

  const values: number[] = [
    N, width, height, mean, stddev, mode, min, max,
    centroid.x, centroid.y, greyCentroid.x, greyCentroid.y,
    major, minor, angle, eccentricity,
    I, median, histcum1, histcum3, esd,
    range, (mean - min) / range, 100 * (stddev / mean), 100 * (stddev / range), bboxArea, N / bboxArea,
    mu.mu20, mu.mu11, mu.mu02, mu.mu30, mu.mu21, mu.mu12, mu.mu03,
    ...huInvariants(mu, centroid.reciprocal),
    gmu.mu20, gmu.mu11, gmu.mu02, gmu.mu30, gmu.mu21, gmu.mu12, gmu.mu03,
    ...huInvariants(gmu, greyCentroid.reciprocal),
  ];
  if (values.length !== FEATURE_COUNT) throw new Error(`classify: internal error, ${values.length} features`);
  return Float32Array.from(values); // one round-to-nearest double -> float32 conversion per feature
}

// First grey v at which the running count of h[0..v] is > float32(fraction * N).
function histogramWalk(h: readonly number[], N: number, fraction: number): number {
  const limit = Math.fround(fraction * N);
  let running = 0;
  for (let v = 0; v < 256; v++) {
    running += h[v];
    if (running > limit) return v;
  }
  return 255; // unreachable: the running count ends at N > fraction * N
}
