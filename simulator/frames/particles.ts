// Benchmark frames: a realistic UVP6-like image and the worst cases for a run-based labeller.
//
// Determinism: everything derives from the Rng stream; besides exact arithmetic this file uses
// Math.sqrt (correctly rounded by IEEE-754) and Math.pow / Math.log (V8's ports of fdlibm, the
// same on every platform Node runs on).

import type { Rng } from "../random.js";
import { Canvas, checkSize, checkThreshold, clampGrey, fillBackground } from "./canvas.js";

/** Default segmentation threshold of the realistic frame (foreground is grey > 21). */
export const REALISTIC_THRESHOLD = 21;

/** Options of realisticFrame; every field has a default. */
export interface RealisticFrameOptions {
  /** Foreground is grey > threshold (default 21). */
  threshold?: number;
  /** Isolated one-pixel noise objects (default 3000; fewer if the frame is too small to isolate them). */
  noiseCount?: number;
  /** Particles drawn from the power law (default 300). */
  particleCount?: number;
  /** Extra large particles, area log-uniform in [maxAreaPx / 4, maxAreaPx] (default 3). */
  largeParticleCount?: number;
  /** Smallest particle area (default 3 px). */
  minAreaPx?: number;
  /** Largest particle area (default 5000 px). */
  maxAreaPx?: number;
  /** Power-law exponent of the number density in ESD, n(d) ~ d^slope (default -3.5). */
  esdSlope?: number;
  /** Mean background grey (default 8), clamped to 0..threshold. */
  backgroundMeanGrey?: number;
  /** Standard deviation of background grey (default 3). */
  backgroundSdGrey?: number;
}

/** Equivalent spherical diameter (px) of a disc of the given area. */
export function esdPx(areaPx: number): number {
  return 2 * Math.sqrt(areaPx / Math.PI);
}

/** Samples a particle area (px) whose ESD follows a power law d^slope truncated to [minAreaPx, maxAreaPx]. */
export function samplePowerLawAreaPx(rng: Rng, minAreaPx: number, maxAreaPx: number, esdSlope: number): number {
  const k = esdSlope + 1; // exponent of the cumulative distribution (k !== 0 for slope -3.5)
  const lo = Math.pow(esdPx(minAreaPx), k);
  const hi = Math.pow(esdPx(maxAreaPx), k);
  const d = Math.pow(lo + rng.next() * (hi - lo), 1 / k);
  return (Math.PI * d * d) / 4;
}

// Draws one irregular particle: a rotated ellipse of about areaPx pixels with a jittered edge,
// grey peaking at 30..120 (rising with log area), darker towards the rim, with per-pixel texture.
// Every drawn pixel is > threshold; the centre pixel is always drawn so no particle vanishes.
function drawParticle(rng: Rng, canvas: Canvas, areaPx: number, threshold: number, maxAreaPx: number): void {
  const aspect = 0.45 + 0.55 * rng.next(); // minor / major axis
  const major = Math.sqrt(areaPx / (Math.PI * aspect));
  const minor = major * aspect;
  let cos = 0;
  let sin = 0;
  let norm2 = 0;
  do {
    cos = 2 * rng.next() - 1;
    sin = 2 * rng.next() - 1;
    norm2 = cos * cos + sin * sin;
  } while (norm2 > 1 || norm2 < 1e-4);
  const norm = Math.sqrt(norm2);
  cos /= norm;
  sin /= norm;
  const cx = rng.next() * canvas.widthPx;
  const cy = rng.next() * canvas.heightPx;
  const sizeFraction = Math.max(0, Math.min(1, Math.log(areaPx / 3) / Math.log(maxAreaPx / 3)));
  const peakGrey = 30 + 90 * sizeFraction;
  const roughness = 0.22;
  const reach = Math.ceil(major * (1 + roughness)) + 1;
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const lo = threshold + 1;
  for (let py = y0 - reach; py <= y0 + reach; py++) {
    for (let px = x0 - reach; px <= x0 + reach; px++) {
      if (!canvas.inside(px, py)) continue;
      const u = px + 0.5 - cx;
      const v = py + 0.5 - cy;
      const along = (u * cos + v * sin) / major;
      const across = (v * cos - u * sin) / minor;
      const r2 = along * along + across * across;
      const edge = 1 + roughness;
      if (r2 > edge * edge) continue;
      const jitteredEdge = 1 + roughness * (2 * rng.next() - 1);
      if (r2 > jitteredEdge * jitteredEdge && !(px === x0 && py === y0)) continue;
      const grey = peakGrey * (1 - 0.35 * r2) + rng.normal(0, 0.1 * peakGrey);
      canvas.setMax(px, py, clampGrey(grey, lo, 255));
    }
  }
  canvas.setMax(x0, y0, clampGrey(peakGrey, lo, 255));
}

/** Realistic benchmark frame: dark noisy background, ~3000 one-pixel noise objects, a few hundred power-law particles. */
export function realisticFrame(rng: Rng, widthPx: number, heightPx: number, opts: RealisticFrameOptions = {}): Uint8Array {
  checkSize(widthPx, heightPx);
  const threshold = opts.threshold ?? REALISTIC_THRESHOLD;
  checkThreshold(threshold);
  if (threshold > 200) throw new RangeError(`realisticFrame: threshold ${threshold} too high for particle greys`);
  const minAreaPx = opts.minAreaPx ?? 3;
  const maxAreaPx = opts.maxAreaPx ?? 5000;
  if (!(minAreaPx >= 1 && maxAreaPx > minAreaPx)) {
    throw new RangeError(`realisticFrame: need 1 <= minAreaPx < maxAreaPx, got ${minAreaPx}, ${maxAreaPx}`);
  }
  const esdSlope = opts.esdSlope ?? -3.5;
  if (esdSlope === -1) throw new RangeError("realisticFrame: esdSlope -1 is not supported");
  const canvas = new Canvas(widthPx, heightPx);
  fillBackground(rng, canvas, threshold, opts.backgroundMeanGrey ?? 8, opts.backgroundSdGrey ?? 3);

  const particleCount = opts.particleCount ?? 300;
  for (let i = 0; i < particleCount; i++) {
    drawParticle(rng, canvas, samplePowerLawAreaPx(rng, minAreaPx, maxAreaPx, esdSlope), threshold, maxAreaPx);
  }
  const largeCount = opts.largeParticleCount ?? 3;
  for (let i = 0; i < largeCount; i++) {
    const areaPx = (maxAreaPx / 4) * Math.pow(4, rng.next());
    drawParticle(rng, canvas, areaPx, threshold, maxAreaPx);
  }

  // One-pixel noise, faint, placed only where its whole 8-neighbourhood is background.
  const noiseCount = opts.noiseCount ?? 3000;
  const noiseMaxGrey = Math.min(255, threshold + 15);
  let placed = 0;
  for (let attempt = 0; placed < noiseCount && attempt < 20 * noiseCount; attempt++) {
    const x = rng.int(0, widthPx - 1);
    const y = rng.int(0, heightPx - 1);
    if (!canvas.isBackground(x, y, x, y, threshold)) continue;
    canvas.set(x, y, rng.int(threshold + 1, noiseMaxGrey));
    placed++;
  }
  return canvas.pixels;
}

/** Kinds of worst-case frame: 1-px vertical stripes, full checkerboard, all white. */
export type WorstCaseKind = "stripes" | "checkerboard" | "white";

/** Grey of foreground pixels in worst-case frames (background is 0; any threshold 0..254 works). */
export const WORST_CASE_GREY = 255;

/** Worst-case frame: stripes (ceil(w/2) runs per row), checkerboard (one 8-connected object when w, h >= 2) or all white. */
export function worstCaseFrame(widthPx: number, heightPx: number, kind: WorstCaseKind): Uint8Array {
  if (kind !== "white" && kind !== "stripes" && kind !== "checkerboard") {
    throw new RangeError(`worstCaseFrame: unknown kind ${String(kind)}`);
  }
  const canvas = new Canvas(widthPx, heightPx);
  const px = canvas.pixels;
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const on = kind === "white" || (kind === "stripes" ? x % 2 === 0 : (x + y) % 2 === 0);
      if (on) px[y * widthPx + x] = WORST_CASE_GREY;
    }
  }
  return px;
}
