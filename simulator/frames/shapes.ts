// Shape primitives for adversarial frames. Each draws `grey` onto a Canvas, clipping at edges.

import { Canvas } from "./canvas.js";

/** Checkerboard of square cells cellPx wide; cells with (cx + cy + phase) even are drawn. */
export function drawCheckerboard(c: Canvas, grey: number, phase = 0, cellPx = 1): void {
  for (let y = 0; y < c.heightPx; y++) {
    for (let x = 0; x < c.widthPx; x++) {
      if ((Math.floor(x / cellPx) + Math.floor(y / cellPx) + phase) % 2 === 0) c.set(x, y, grey);
    }
  }
}

/** Vertical stripes 1 px wide every periodPx columns starting at column offsetPx. */
export function drawVerticalStripes(c: Canvas, grey: number, periodPx = 2, offsetPx = 0): void {
  for (let x = offsetPx; x < c.widthPx; x += periodPx) c.fillRect(x, 0, x, c.heightPx - 1, grey);
}

/** Diagonal lines x - y = k (anti = false) or x + y = k (anti = true) for every k = offset mod periodPx. */
export function drawDiagonals(c: Canvas, grey: number, anti: boolean, periodPx: number, offsetPx = 0): void {
  for (let y = 0; y < c.heightPx; y++) {
    for (let x = 0; x < c.widthPx; x++) {
      const k = anti ? x + y : x - y + c.heightPx * periodPx;
      if (k % periodPx === offsetPx % periodPx) c.set(x, y, grey);
    }
  }
}

/** 1-px square spiral (top-left corner inwards, clockwise, 1-px gaps) on a black canvas, grey > 0; returns pixels drawn. */
export function drawSquareSpiral(c: Canvas, grey: number): number {
  const dirs = [
    [1, 0],
    [0, 1],
    [-1, 0],
    [0, -1],
  ];
  let x = 0;
  let y = 0;
  let d = 0;
  let drawn = 1;
  c.set(x, y, grey);
  // A step is allowed into an unset in-frame pixel whose own next pixel (same direction) is unset.
  const canStep = (dir: number): boolean => {
    const [dx, dy] = dirs[dir];
    const nx = x + dx;
    const ny = y + dy;
    return c.inside(nx, ny) && c.get(nx, ny) !== grey && c.get(nx + dx, ny + dy) !== grey;
  };
  for (;;) {
    if (!canStep(d)) {
      d = (d + 1) % 4;
      if (!canStep(d)) return drawn;
    }
    x += dirs[d][0];
    y += dirs[d][1];
    c.set(x, y, grey);
    drawn++;
  }
}

/** Comb: teeth every periodPx columns from column 0, joined by one full row at the top or the bottom. */
export function drawComb(c: Canvas, grey: number, joinAt: "top" | "bottom", periodPx = 2): void {
  drawVerticalStripes(c, grey, periodPx);
  const y = joinAt === "top" ? 0 : c.heightPx - 1;
  c.fillRect(0, y, c.widthPx - 1, y, grey);
}

/** Comb whose teeth (even columns, rows 0..h-2) join only diagonally through odd columns of the last row. */
export function drawDiagonalComb(c: Canvas, grey: number): void {
  for (let x = 0; x < c.widthPx; x += 2) c.fillRect(x, 0, x, c.heightPx - 2, grey);
  for (let x = 1; x < c.widthPx; x += 2) c.set(x, c.heightPx - 1, grey);
}

/** Cascade: tooth i at column 2i ends one row lower than tooth i-1; a diagonal joins each end to the next tooth. */
export function drawCascadeComb(c: Canvas, grey: number): void {
  for (let i = 0; 2 * i < c.widthPx; i++) {
    const x = 2 * i;
    const bottom = Math.min(c.heightPx - 1, i + 1);
    c.fillRect(x, 0, x, bottom, grey);
    if (bottom + 1 < c.heightPx) c.set(x + 1, bottom + 1, grey);
  }
}

/** U shape: two vertical bars joined by the bottom row of the inclusive box. */
export function drawU(c: Canvas, grey: number, x0: number, y0: number, x1: number, y1: number): void {
  c.fillRect(x0, y0, x0, y1, grey);
  c.fillRect(x1, y0, x1, y1, grey);
  c.fillRect(x0, y1, x1, y1, grey);
}

/** W shape: three vertical bars (left, middle, right) joined by the bottom row. */
export function drawW(c: Canvas, grey: number, x0: number, y0: number, x1: number, y1: number): void {
  drawU(c, grey, x0, y0, x1, y1);
  const mid = Math.floor((x0 + x1) / 2);
  c.fillRect(mid, y0, mid, y1, grey);
}

/** Nested Us, 2 px apart, outermost filling the canvas; returns how many were drawn. */
export function drawNestedUs(c: Canvas, grey: number): number {
  let n = 0;
  for (let k = 0; 2 * k + 2 < c.widthPx && k < c.heightPx - 1; k += 2, n++) {
    drawU(c, grey, k, 0, c.widthPx - 1 - k, c.heightPx - 1 - k);
  }
  return n;
}

/** V: two diagonals meeting at the bottom centre (a U whose merge is a diagonal step). */
export function drawV(c: Canvas, grey: number): void {
  const h = c.heightPx;
  for (let y = 0; y < h; y++) {
    c.set(y, y, grey);
    c.set(2 * (h - 1) - y, y, grey);
  }
}

/** Staircase of steps stepPx long going down-right; diagonal = true joins steps only at corners. */
export function drawStaircase(c: Canvas, grey: number, x0: number, y0: number, stepPx: number, diagonal: boolean): void {
  let x = x0;
  for (let y = y0; y < c.heightPx && x < c.widthPx; y++) {
    c.fillRect(x, y, x + stepPx - 1, y, grey);
    x += diagonal ? stepPx : stepPx - 1;
  }
}

/** Concentric square rings 1 px wide around the centre, spacingPx apart, outermost on the frame edge. */
export function drawSquareRings(c: Canvas, grey: number, spacingPx = 2): void {
  for (let k = 0; 2 * k < Math.min(c.widthPx, c.heightPx); k += spacingPx) {
    const x1 = c.widthPx - 1 - k;
    const y1 = c.heightPx - 1 - k;
    c.fillRect(k, k, x1, k, grey);
    c.fillRect(k, y1, x1, y1, grey);
    c.fillRect(k, k, k, y1, grey);
    c.fillRect(x1, k, x1, y1, grey);
  }
}

/** Concentric digital circles (|distance - r| < 0.5) with radii spacingPx apart around the centre. */
export function drawCircleRings(c: Canvas, grey: number, spacingPx = 3): void {
  const cx = (c.widthPx - 1) / 2;
  const cy = (c.heightPx - 1) / 2;
  for (let y = 0; y < c.heightPx; y++) {
    for (let x = 0; x < c.widthPx; x++) {
      const dist = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
      const r = Math.round(dist / spacingPx) * spacingPx;
      if (r > 0 && Math.abs(dist - r) < 0.5) c.set(x, y, grey);
    }
  }
}

/** Interleaved combs: teeth at x = 0 mod 4 hang from the top row, teeth at x = 2 mod 4 rise from the bottom row. */
export function drawInterleavedCombs(c: Canvas, grey: number): void {
  const w = c.widthPx;
  const h = c.heightPx;
  c.fillRect(0, 0, w - 1, 0, grey);
  c.fillRect(0, h - 1, w - 1, h - 1, grey);
  for (let x = 0; x < w; x += 4) c.fillRect(x, 0, x, h - 3, grey);
  for (let x = 2; x < w; x += 4) c.fillRect(x, 2, x, h - 1, grey);
}

/** Hollow square (frame edge) with a one-pixel island in the middle of its hole. */
export function drawRingWithIsland(c: Canvas, grey: number): void {
  drawSquareRings(c, grey, Math.max(c.widthPx, c.heightPx));
  c.set(Math.floor(c.widthPx / 2), Math.floor(c.heightPx / 2), grey);
}
