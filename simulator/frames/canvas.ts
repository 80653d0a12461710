// Drawing helpers shared by the frame generators: a mutable row-major 8-bit grey frame.

import type { Rng } from "../random.js";

/** Throws a RangeError unless widthPx and heightPx are positive integers. */
export function checkSize(widthPx: number, heightPx: number): void {
  if (!Number.isInteger(widthPx) || widthPx < 1 || !Number.isInteger(heightPx) || heightPx < 1) {
    throw new RangeError(`frame size must be positive integers, got ${widthPx} x ${heightPx}`);
  }
}

/** Throws a RangeError unless threshold is an integer in 0..255. */
export function checkThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 255) {
    throw new RangeError(`threshold must be an integer in 0..255, got ${threshold}`);
  }
}

/** Rounds and clamps a grey value into [lo, hi] (defaults 0..255). */
export function clampGrey(value: number, lo = 0, hi = 255): number {
  const v = Math.round(value);
  return v < lo ? lo : v > hi ? hi : v;
}

/** Mutable row-major 8-bit grey frame; every setter silently ignores out-of-frame coordinates. */
export class Canvas {
  /** Row-major pixels, widthPx * heightPx bytes. */
  readonly pixels: Uint8Array;

  /** Creates a frame filled with one grey level. */
  constructor(
    readonly widthPx: number,
    readonly heightPx: number,
    fillGrey = 0,
  ) {
    checkSize(widthPx, heightPx);
    this.pixels = new Uint8Array(widthPx * heightPx);
    if (fillGrey !== 0) this.pixels.fill(fillGrey);
  }

  /** True when (x, y) lies inside the frame. */
  inside(x: number, y: number): boolean {
    return x >= 0 && y >= 0 && x < this.widthPx && y < this.heightPx;
  }

  /** Grey at (x, y); 0 outside the frame. */
  get(x: number, y: number): number {
    return this.inside(x, y) ? this.pixels[y * this.widthPx + x] : 0;
  }

  /** Sets (x, y) to grey. */
  set(x: number, y: number, grey: number): void {
    if (this.inside(x, y)) this.pixels[y * this.widthPx + x] = grey;
  }

  /** Raises (x, y) to grey if it is darker (keeps the brighter of overlapping shapes). */
  setMax(x: number, y: number, grey: number): void {
    if (!this.inside(x, y)) return;
    const i = y * this.widthPx + x;
    if (this.pixels[i] < grey) this.pixels[i] = grey;
  }

  /** Fills the inclusive rectangle [x0, x1] x [y0, y1] (corners in any order). */
  fillRect(x0: number, y0: number, x1: number, y1: number, grey: number): void {
    for (let y = Math.min(y0, y1); y <= Math.max(y0, y1); y++) {
      for (let x = Math.min(x0, x1); x <= Math.max(x0, x1); x++) this.set(x, y, grey);
    }
  }

  /** Draws an 8-connected Bresenham line between two pixels, both ends included. */
  line(x0: number, y0: number, x1: number, y1: number, grey: number): void {
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.set(x0, y0, grey);
      if (x0 === x1 && y0 === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }

  /** True when every pixel of the inclusive rectangle grown by `marginPx` is <= threshold. */
  isBackground(x0: number, y0: number, x1: number, y1: number, threshold: number, marginPx = 1): boolean {
    for (let y = y0 - marginPx; y <= y1 + marginPx; y++) {
      for (let x = x0 - marginPx; x <= x1 + marginPx; x++) {
        if (this.get(x, y) > threshold) return false;
      }
    }
    return true;
  }
}

/** Fills every pixel with dark noise: normal(meanGrey, sdGrey) rounded and clamped to 0..threshold. */
export function fillBackground(rng: Rng, canvas: Canvas, threshold: number, meanGrey: number, sdGrey: number): void {
  const px = canvas.pixels;
  for (let i = 0; i < px.length; i++) px[i] = clampGrey(rng.normal(meanGrey, sdGrey), 0, threshold);
}
