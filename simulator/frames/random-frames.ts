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

/** Row patterns of rowMixFrame: rows of every density side by side. */
const ROW_PATTERNS = ["empty", "sparse", "noise", "full", "stripes", "long runs", "copy above"] as const;

/**
 * Each row one pattern drawn at random: empty, a few short runs, noise of a random density, all lit,
 * 1-px stripes, long runs across 64-px block edges, or the row above again. A labeller that picks its
 * method per pair of rows (by density) meets every switch between methods, and runs that cross blocks,
 * fill the row or end at its last pixel.
 */
export function rowMixFrame(rng: Rng, widthPx: number, heightPx: number, threshold: number): Uint8Array {
  checkSize(widthPx, heightPx);
  checkThreshold(threshold);
  if (threshold === 255) throw new RangeError("rowMixFrame: threshold 255 leaves no foreground grey");
  const pixels = new Uint8Array(widthPx * heightPx);
  for (let y = 0; y < heightPx; y++) {
    const row = pixels.subarray(y * widthPx, (y + 1) * widthPx);
    const pattern = y === 0 ? rng.pick(ROW_PATTERNS.slice(0, 6)) : rng.pick(ROW_PATTERNS);
    const density = rng.next();
    const phase = rng.int(0, 1);
    for (let x = 0; x < widthPx; x++) row[x] = backgroundGrey(rng, threshold);
    const light = (from: number, to: number) => {
      for (let x = Math.max(0, from); x <= Math.min(widthPx - 1, to); x++) row[x] = foregroundGrey(rng, threshold);
    };
    if (pattern === "sparse") for (let n = rng.int(1, 3); n > 0; n--) { const x = rng.int(0, widthPx - 1); light(x, x + rng.int(0, 3)); }
    else if (pattern === "noise") for (let x = 0; x < widthPx; x++) { if (rng.chance(density)) light(x, x); }
    else if (pattern === "full") light(0, widthPx - 1);
    else if (pattern === "stripes") for (let x = phase; x < widthPx; x += 2) light(x, x);
    else if (pattern === "long runs") for (let edge = 64; edge - 64 < widthPx; edge += 64) light(edge - rng.int(1, 70), edge + rng.int(-1, 70));
    else if (pattern === "copy above") row.set(pixels.subarray((y - 1) * widthPx, y * widthPx));
  }
  return pixels;
}

/**
 * Pairs of rows: in one, a run over one or more whole 64-px blocks with 1-px stripes well away from it; in
 * the other, a touch at one end of that run only (left or right, straight or diagonal) and stripes beyond
 * it. Whether the long run touches the other row is then carried through whole blocks (a labeller that
 * finds touching runs by addition on 64-px masks, as the firmware's SIMD build does, must carry it right).
 */
export function blockCarryFrame(rng: Rng, widthPx: number, heightPx: number, threshold: number): Uint8Array {
  checkSize(widthPx, heightPx);
  checkThreshold(threshold);
  if (threshold === 255) throw new RangeError("blockCarryFrame: threshold 255 leaves no foreground grey");
  const pixels = new Uint8Array(widthPx * heightPx);
  for (let i = 0; i < pixels.length; i++) pixels[i] = backgroundGrey(rng, threshold);
  const light = (y: number, from: number, to: number) => {
    for (let x = Math.max(0, from); x <= Math.min(widthPx - 1, to); x++) pixels[y * widthPx + x] = foregroundGrey(rng, threshold);
  };
  for (let y = 0; y + 1 < heightPx; y += 2) {
    const longFirst = rng.chance(0.5);
    const [longY, touchY] = longFirst ? [y, y + 1] : [y + 1, y];
    const x0 = rng.int(0, Math.max(0, widthPx - 130));
    const x1 = Math.min(widthPx - 1, x0 + rng.int(64 + (63 - (x0 & 63)), 300));
    light(longY, x0, x1);
    for (let x = x1 + rng.int(4, 70); x < widthPx; x += 2) light(longY, x, x);
    for (let x = rng.int(0, 1); x < x0 - 4; x += 2) if (rng.chance(0.8)) light(longY, x, x);
    const at = (rng.chance(0.5) ? x0 : x1) + rng.int(-1, 1);
    light(touchY, at - (rng.chance(0.3) ? rng.int(0, 5) : 0), at);
    for (let x = x1 + rng.int(8, 70); x < widthPx; x += 2) if (rng.chance(0.9)) light(touchY, x, x);
  }
  return pixels;
}
