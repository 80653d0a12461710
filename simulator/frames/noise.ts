// Dark frames with isolated one- and two-pixel noise objects (sensor noise / hot pixels).

import type { Rng } from "../random.js";
import { Canvas, checkSize, checkThreshold, fillBackground } from "./canvas.js";

/** Options of noiseFrame; every field has a default. */
export interface NoiseFrameOptions {
  /** Number of noise objects placed (exact; default 100). */
  objectCount?: number;
  /** Foreground is grey > threshold (default 21). */
  threshold?: number;
  /** Fraction of noise objects that are 2-pixel pairs (horizontal, vertical or diagonal; default 0.3). */
  twoPixelFraction?: number;
  /** Mean background grey (default 8); background is clamped to 0..threshold. */
  backgroundMeanGrey?: number;
  /** Standard deviation of background grey (default 3). */
  backgroundSdGrey?: number;
  /** Highest grey of a noise pixel (default threshold + 40, capped at 255). */
  maxNoiseGrey?: number;
}

// Offsets of the second pixel of a 2-pixel object: E, S, SE, SW.
const PAIR_OFFSETS: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 1],
];

/** Dark frame with exactly objectCount isolated 1- or 2-px objects above threshold; throws if they do not fit. */
export function noiseFrame(rng: Rng, widthPx: number, heightPx: number, opts: NoiseFrameOptions = {}): Uint8Array {
  checkSize(widthPx, heightPx);
  const threshold = opts.threshold ?? 21;
  checkThreshold(threshold);
  if (threshold === 255) throw new RangeError("noiseFrame: threshold 255 leaves no foreground grey");
  const objectCount = opts.objectCount ?? 100;
  const twoPixelFraction = opts.twoPixelFraction ?? 0.3;
  const maxGrey = Math.min(255, Math.max(threshold + 1, opts.maxNoiseGrey ?? threshold + 40));
  const canvas = new Canvas(widthPx, heightPx);
  fillBackground(rng, canvas, threshold, opts.backgroundMeanGrey ?? 8, opts.backgroundSdGrey ?? 3);

  const maxAttempts = 50 * objectCount + 1000;
  let placed = 0;
  for (let attempt = 0; placed < objectCount && attempt < maxAttempts; attempt++) {
    const x = rng.int(0, widthPx - 1);
    const y = rng.int(0, heightPx - 1);
    let x2 = x;
    let y2 = y;
    if (rng.chance(twoPixelFraction)) {
      const [dx, dy] = rng.pick(PAIR_OFFSETS);
      x2 = x + dx;
      y2 = y + dy;
      if (!canvas.inside(x2, y2)) continue;
    }
    // Isolation: nothing above threshold within one pixel (8-neighbourhood) of the object.
    if (!canvas.isBackground(Math.min(x, x2), y, Math.max(x, x2), y2, threshold)) continue;
    canvas.set(x, y, rng.int(threshold + 1, maxGrey));
    if (x2 !== x || y2 !== y) canvas.set(x2, y2, rng.int(threshold + 1, maxGrey));
    placed++;
  }
  if (placed < objectCount) {
    throw new RangeError(`noiseFrame: placed only ${placed} of ${objectCount} isolated objects in ${widthPx} x ${heightPx}`);
  }
  return canvas.pixels;
}
