// Random frames for cross-checking labellers: independent pixels, and random overlapping blobs.

import type { Rng } from "../random.js";
import { Canvas, checkSize, checkThreshold } from "./canvas.js";

// Random grey strictly above threshold (foreground) or at most threshold (background).
function foregroundGrey(rng: Rng, threshold: number): number {
  return rng.int(threshold + 1, 255);
}

function backgroundGrey(rng: Rng, threshold: number): number {
  return rng.int(0, threshold);
}

/** Each pixel independently foreground with probability density; greys random on their side of threshold (< 255). */
export function randomFrame(rng: Rng, widthPx: number, heightPx: number, density: number, threshold: number): Uint8Array {
  checkSize(widthPx, heightPx);
  checkThreshold(threshold);
  if (threshold === 255) throw new RangeError("randomFrame: threshold 255 leaves no foreground grey");
  if (!(density >= 0 && density <= 1)) throw new RangeError(`randomFrame: density must be in [0, 1], got ${density}`);
  const pixels = new Uint8Array(widthPx * heightPx);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = rng.chance(density) ? foregroundGrey(rng, threshold) : backgroundGrey(rng, threshold);
  }
  return pixels;
}

/** Random background plus `count` random foreground blobs (rectangles, ellipses, lines, rings), possibly overlapping. */
export function randomBlobsFrame(rng: Rng, widthPx: number, heightPx: number, count: number, threshold: number): Uint8Array {
  checkSize(widthPx, heightPx);
  checkThreshold(threshold);
  if (threshold === 255) throw new RangeError("randomBlobsFrame: threshold 255 leaves no foreground grey");
  const c = new Canvas(widthPx, heightPx);
  for (let i = 0; i < c.pixels.length; i++) c.pixels[i] = backgroundGrey(rng, threshold);
  const maxSizePx = Math.max(1, Math.floor(Math.min(widthPx, heightPx) / 3));
  for (let n = 0; n < count; n++) {
    const kind = rng.int(0, 3);
    const cx = rng.int(0, widthPx - 1);
    const cy = rng.int(0, heightPx - 1);
    const rx = rng.int(0, maxSizePx);
    const ry = rng.int(0, maxSizePx);
    if (kind === 0) {
      for (let y = cy - ry; y <= cy + ry; y++) {
        for (let x = cx - rx; x <= cx + rx; x++) c.set(x, y, foregroundGrey(rng, threshold));
      }
    } else if (kind === 1 || kind === 3) {
      // Filled ellipse (kind 1) or its rim only (kind 3), radii rx + 0.5, ry + 0.5.
      const a = rx + 0.5;
      const b = ry + 0.5;
      for (let y = cy - ry; y <= cy + ry; y++) {
        for (let x = cx - rx; x <= cx + rx; x++) {
          const u = (x - cx) / a;
          const v = (y - cy) / b;
          const ui = (x - cx) / Math.max(0.5, a - 1);
          const vi = (y - cy) / Math.max(0.5, b - 1);
          const r2 = u * u + v * v;
          const inner = ui * ui + vi * vi;
          if (r2 <= 1 && (kind === 1 || inner > 1)) c.set(x, y, foregroundGrey(rng, threshold));
        }
      }
    } else {
      const x1 = cx + rng.int(-2 * maxSizePx, 2 * maxSizePx);
      const y1 = cy + rng.int(-2 * maxSizePx, 2 * maxSizePx);
      c.line(cx, cy, x1, y1, foregroundGrey(rng, threshold));
    }
  }
  return c.pixels;
}
