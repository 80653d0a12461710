// Everything in a frame that is not an object: the dark background (a constant grey, or per-pixel sensor
// noise that stays at or below the threshold) and the sunlight glare of an over-exposed frame.

import type { Rng } from "../random.js";

/** Grey of the constant background (clamped to the threshold). */
export const BACKGROUND_GREY = 6;

// Sensor noise from one random byte: 2 + popcount(byte), a binomial(8, 1/2) around 6 (sd 1.4), range 2-10.
const NOISE_LUT = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  let bits = 0;
  for (let v = b; v !== 0; v >>= 1) bits += v & 1;
  NOISE_LUT[b] = 2 + bits;
}

/** Fills pixels with the background: constant min(6, threshold), or (noise) per-pixel 2-10 clamped to the threshold. */
export function fillBackground(pixels: Uint8Array, threshold: number, rng: Rng, noise: boolean): void {
  if (!noise) {
    pixels.fill(Math.min(BACKGROUND_GREY, threshold));
    return;
  }
  const lut = threshold >= 10 ? NOISE_LUT : NOISE_LUT.map((g) => Math.min(g, threshold));
  const n = pixels.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r = rng.nextUint32();
    pixels[i] = lut[r & 255];
    pixels[i + 1] = lut[(r >>> 8) & 255];
    pixels[i + 2] = lut[(r >>> 16) & 255];
    pixels[i + 3] = lut[r >>> 24];
  }
  for (; i < n; i++) pixels[i] = lut[rng.nextUint32() & 255];
}

/** Inclusive rectangle of a frame, px. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Smallest share of the frame a glare band covers (above the firmware's default 10 % over-exposure limit). */
export const GLARE_MIN_SHARE = 0.12;
/** Largest share of the frame a glare band covers. */
export const GLARE_MAX_SHARE = 0.4;

/**
 * Draws sunlight glare: a band along a random edge covering 12-40 % of the frame, grey falling from ~250 at
 * the edge to threshold + 20 inwards, with a soft ripple along the edge; every band pixel is above the
 * threshold. Returns the band.
 */
export function drawGlare(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number, rng: Rng): PixelRect {
  const edge = Math.floor(4 * rng.next()); // 0 top, 1 bottom, 2 left, 3 right
  const share = GLARE_MIN_SHARE + (GLARE_MAX_SHARE - GLARE_MIN_SHARE) * rng.next();
  const across = edge < 2 ? heightPx : widthPx;
  const along = edge < 2 ? widthPx : heightPx;
  const depth = Math.min(across, Math.ceil(share * across));
  const low = Math.min(255, threshold + 20);
  const span = Math.max(0, 250 - low);
  const depthFactor = new Float64Array(depth);
  for (let t = 0; t < depth; t++) depthFactor[t] = (1 - t / depth) ** 2;
  const ripple = new Float64Array(along);
  const period = along / (1 + 3 * rng.next());
  const phase = 2 * Math.PI * rng.next();
  for (let s = 0; s < along; s++) ripple[s] = 0.85 + 0.15 * Math.cos((2 * Math.PI * s) / period + phase);
  // t = distance from the lit edge, s = position along it.
  for (let t = 0; t < depth; t++) {
    for (let s = 0; s < along; s++) {
      const x = edge < 2 ? s : edge === 2 ? t : widthPx - 1 - t;
      const y = edge >= 2 ? s : edge === 0 ? t : heightPx - 1 - t;
      pixels[y * widthPx + x] = Math.round(low + span * depthFactor[t] * ripple[s]);
    }
  }
  if (edge === 0) return { x0: 0, y0: 0, x1: widthPx - 1, y1: depth - 1 };
  if (edge === 1) return { x0: 0, y0: heightPx - depth, x1: widthPx - 1, y1: heightPx - 1 };
  if (edge === 2) return { x0: 0, y0: 0, x1: depth - 1, y1: heightPx - 1 };
  return { x0: widthPx - depth, y0: 0, x1: widthPx - 1, y1: heightPx - 1 };
}
