// Catalogue of named adversarial frames for cross-checking labellers (small, medium and a few
// full-width frames). Shapes are drawn with grey ADVERSARIAL_GREY on black at threshold
// ADVERSARIAL_THRESHOLD unless the name says otherwise. Where the object count follows from the
// construction it is given as expectedObjectCount.

import type { Rng } from "../random.js";
import { Canvas } from "./canvas.js";
import { randomBlobsFrame, randomFrame } from "./random-frames.js";
import {
  drawCascadeComb,
  drawCheckerboard,
  drawCircleRings,
  drawComb,
  drawDiagonalComb,
  drawDiagonals,
  drawInterleavedCombs,
  drawNestedUs,
  drawRingWithIsland,
  drawSquareRings,
  drawSquareSpiral,
  drawStaircase,
  drawU,
  drawV,
  drawVerticalStripes,
  drawW,
} from "./shapes.js";

/** Random frame generators, re-exported so the catalogue is one import. */
export { blockCarryFrame, randomBlobsFrame, randomFrame, rowMixFrame } from "./random-frames.js";

/** Threshold of the drawn adversarial frames (foreground is grey > 100). */
export const ADVERSARIAL_THRESHOLD = 100;
/** Grey of drawn foreground pixels. */
export const ADVERSARIAL_GREY = 200;
/** Widest frame the firmware accepts, used for the full-width frames. */
export const FULL_WIDTH_PX = 2464;
/** Tallest frame the firmware accepts, used for the full-height single column. */
export const FULL_HEIGHT_PX = 2056;

/** A named test frame; expectedObjectCount is set when the construction fixes it. */
export interface AdversarialFrame {
  name: string;
  widthPx: number;
  heightPx: number;
  threshold: number;
  pixels: Uint8Array;
  expectedObjectCount?: number;
}

/** Widths that are not (and a few that are) multiples of 8 or 16, for row-scan edge cases. */
export const AWKWARD_WIDTHS_PX: readonly number[] = [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 129];

const T = ADVERSARIAL_THRESHOLD;
const G = ADVERSARIAL_GREY;

// Builds a frame by drawing on a black canvas.
function drawn(name: string, w: number, h: number, draw: (c: Canvas) => unknown, expected?: number): AdversarialFrame {
  const c = new Canvas(w, h);
  draw(c);
  return { name, widthPx: w, heightPx: h, threshold: T, pixels: c.pixels, expectedObjectCount: expected };
}

// Builds a frame filled with one grey at a given threshold.
function flat(name: string, w: number, h: number, grey: number, threshold: number): AdversarialFrame {
  const pixels = new Uint8Array(w * h).fill(grey);
  return { name, widthPx: w, heightPx: h, threshold, pixels, expectedObjectCount: grey > threshold ? 1 : 0 };
}

// Builds a frame from random pixels (density of foreground) at the adversarial threshold.
function random(rng: Rng, name: string, w: number, h: number, density: number, threshold = T): AdversarialFrame {
  return { name, widthPx: w, heightPx: h, threshold, pixels: randomFrame(rng, w, h, density, threshold) };
}

// Number of objects of a checkerboard: one when both sides are >= 2, else isolated pixels.
function checkerCount(w: number, h: number, phase: number): number {
  if (w >= 2 && h >= 2) return 1;
  const n = w * h;
  return phase === 0 ? Math.ceil(n / 2) : Math.floor(n / 2);
}

function checkerboards(out: AdversarialFrame[]): void {
  const sizes: Array<[number, number]> = [[1, 1], [2, 2], [3, 3], [1, 6], [6, 1], [2, 7], [8, 8], [17, 9], [64, 33], [255, 7]];
  for (const [w, h] of sizes) {
    for (const phase of [0, 1]) {
      const expected = w * h === 1 && phase === 1 ? 0 : checkerCount(w, h, phase);
      out.push(drawn(`checkerboard-${w}x${h}-phase${phase}`, w, h, (c) => drawCheckerboard(c, G, phase), expected));
    }
  }
  for (const cell of [2, 3]) {
    out.push(drawn(`checkerboard-cells${cell}-33x20`, 33, 20, (c) => drawCheckerboard(c, G, 0, cell), 1));
    out.push(drawn(`checkerboard-cells${cell}-offset-33x20`, 33, 20, (c) => drawCheckerboard(c, G, 1, cell), 1));
  }
}

function lines(out: AdversarialFrame[]): void {
  out.push(drawn("hline-31x5", 31, 5, (c) => c.fillRect(0, 2, 30, 2, G), 1));
  out.push(drawn("hline-segments-31x3", 31, 3, (c) => [0, 4, 9, 20].forEach((x) => c.fillRect(x, 1, x + 2, 1, G)), 4));
  out.push(drawn("vline-7x31", 7, 31, (c) => c.fillRect(3, 0, 3, 30, G), 1));
  out.push(drawn("diagonal-16x16", 16, 16, (c) => c.line(0, 0, 15, 15, G), 1));
  out.push(drawn("anti-diagonal-16x16", 16, 16, (c) => c.line(15, 0, 0, 15, G), 1));
  out.push(drawn("diagonal-shallow-33x9", 33, 9, (c) => c.line(0, 0, 32, 8, G), 1));
  out.push(drawn("anti-diagonal-steep-9x33", 9, 33, (c) => c.line(8, 0, 0, 32, G), 1));
  out.push(drawn("x-cross-17x17", 17, 17, (c) => (c.line(0, 0, 16, 16, G), c.line(16, 0, 0, 16, G)), 1));
  out.push(drawn("zigzag-31x2", 31, 2, (c) => { for (let x = 0; x < 31; x++) c.set(x, x % 2, G); }, 1));
  out.push(drawn("zigzag-vertical-2x31", 2, 31, (c) => { for (let y = 0; y < 31; y++) c.set(y % 2, y, G); }, 1));
  out.push(drawn("diagonal-pair-touching-2x2", 2, 2, (c) => (c.set(1, 0, G), c.set(0, 1, G)), 1));
  for (const period of [2, 3, 4]) {
    for (const anti of [false, true]) {
      const name = `${anti ? "anti-" : ""}diagonals-period${period}-33x17`;
      out.push(drawn(name, 33, 17, (c) => drawDiagonals(c, G, anti, period), period === 2 ? 1 : undefined));
    }
  }
  out.push(drawn("star-65x65", 65, 65, (c) => {
    for (let k = 0; k <= 64; k += 4) {
      c.line(32, 32, k, 0, G);
      c.line(32, 32, 64 - k, 64, G);
      c.line(32, 32, 0, 64 - k, G);
      c.line(32, 32, 64, k, G);
    }
  }, 1));
}

function spiralsAndCombs(out: AdversarialFrame[]): void {
  for (const [w, h] of [[5, 5], [16, 16], [64, 64], [63, 31], [31, 63], [127, 129], [255, 200]]) {
    out.push(drawn(`spiral-${w}x${h}`, w, h, (c) => drawSquareSpiral(c, G), 1));
  }
  out.push(drawn("u-9x6", 9, 6, (c) => drawU(c, G, 0, 0, 8, 5), 1));
  out.push(drawn("u-inner-12x9", 12, 9, (c) => drawU(c, G, 2, 1, 9, 7), 1));
  out.push(drawn("w-17x9", 17, 9, (c) => drawW(c, G, 0, 0, 16, 8), 1));
  out.push(drawn("v-31x16", 31, 16, (c) => drawV(c, G), 1));
  for (const [w, h] of [[33, 33], [65, 40], [255, 130]]) {
    const n = drawNestedUs(new Canvas(w, h), G);
    out.push(drawn(`nested-us-${w}x${h}`, w, h, (c) => drawNestedUs(c, G), n));
  }
  for (const [w, h] of [[31, 8], [32, 8], [255, 64]]) {
    out.push(drawn(`comb-bottom-${w}x${h}`, w, h, (c) => drawComb(c, G, "bottom"), 1));
    out.push(drawn(`comb-top-${w}x${h}`, w, h, (c) => drawComb(c, G, "top"), 1));
    out.push(drawn(`comb-bottom-period3-${w}x${h}`, w, h, (c) => drawComb(c, G, "bottom", 3), 1));
    out.push(drawn(`comb-diagonal-join-${w}x${h}`, w, h, (c) => drawDiagonalComb(c, G), 1));
  }
  out.push(drawn("cascade-comb-65x40", 65, 40, (c) => drawCascadeComb(c, G), 1));
  out.push(drawn("cascade-comb-255x130", 255, 130, (c) => drawCascadeComb(c, G), 1));
  out.push(drawn("interleaved-combs-65x20", 65, 20, (c) => drawInterleavedCombs(c, G), 2));
  out.push(drawn("interleaved-combs-255x100", 255, 100, (c) => drawInterleavedCombs(c, G), 2));
}

function staircasesAndRings(out: AdversarialFrame[]): void {
  out.push(drawn("staircase-diagonal-40x15", 40, 15, (c) => drawStaircase(c, G, 0, 0, 3, true), 1));
  out.push(drawn("staircase-overlap-40x15", 40, 15, (c) => drawStaircase(c, G, 0, 0, 3, false), 1));
  out.push(drawn("staircases-parallel-64x20", 64, 20, (c) => {
    for (let x = 0; x < 64; x += 8) drawStaircase(c, G, x, 0, 2, true);
  }));
  out.push(drawn("staircase-ascending-40x15", 40, 15, (c) => {
    for (let y = 14, x = 0; y >= 0 && x < 40; y--, x += 3) c.fillRect(x, y, x + 2, y, G);
  }, 1));
  for (const [w, h] of [[33, 33], [64, 40], [255, 255]]) {
    const rings = Math.ceil(Math.min(w, h) / 4);
    out.push(drawn(`square-rings-${w}x${h}`, w, h, (c) => drawSquareRings(c, G), rings));
  }
  out.push(drawn("circle-rings-spacing3-65x65", 65, 65, (c) => drawCircleRings(c, G, 3)));
  out.push(drawn("circle-rings-spacing2-65x65", 65, 65, (c) => drawCircleRings(c, G, 2)));
  out.push(drawn("ring-with-island-9x9", 9, 9, (c) => drawRingWithIsland(c, G), 2));
  out.push(drawn("ring-with-island-31x17", 31, 17, (c) => drawRingWithIsland(c, G), 2));
}

function flatsAndThresholds(rng: Rng, out: AdversarialFrame[]): void {
  out.push(flat("white-37x23", 37, 23, 255, T));
  out.push(flat("white-255x255", 255, 255, 255, T));
  out.push(flat("black-37x23", 37, 23, 0, T));
  out.push(flat("all-at-threshold-20x20", 20, 20, T, T));
  out.push(flat("all-threshold-plus-1-20x20", 20, 20, T + 1, T));
  out.push(flat("one-px-0", 1, 1, 0, 21));
  out.push(flat("one-px-255", 1, 1, 255, 21));
  out.push(flat("one-px-255-threshold254", 1, 1, 255, 254));
  out.push(flat("one-px-1-threshold0", 1, 1, 1, 0));
  out.push(flat("one-px-0-threshold0", 1, 1, 0, 0));
  out.push(flat("one-px-255-threshold255", 1, 1, 255, 255));
  out.push(flat("all-254-threshold254-9x9", 9, 9, 254, 254));
  out.push(flat("all-255-threshold255-9x9", 9, 9, 255, 255));
  out.push(flat("all-1-threshold0-9x9", 9, 9, 1, 0));
  for (const [t, name] of [[T, "threshold-exact-33x17"], [0, "threshold0-33x17"], [254, "threshold254-33x17"]] as const) {
    const pixels = new Uint8Array(33 * 17);
    for (let i = 0; i < pixels.length; i++) pixels[i] = rng.chance(0.4) ? t + 1 : t;
    out.push({ name, widthPx: 33, heightPx: 17, threshold: t, pixels });
  }
}

function edgesAndCorners(rng: Rng, out: AdversarialFrame[]): void {
  const corners = (c: Canvas): void => {
    for (const [x, y] of [[0, 0], [c.widthPx - 1, 0], [0, c.heightPx - 1], [c.widthPx - 1, c.heightPx - 1]]) c.set(x, y, G);
  };
  out.push(drawn("corners-7x5", 7, 5, corners, 4));
  out.push(drawn("corners-3x3", 3, 3, corners, 4));
  out.push(drawn("corners-2x2", 2, 2, corners, 1));
  out.push(drawn("corners-65x3", 65, 3, corners, 4));
  out.push(drawn("border-17x9", 17, 9, (c) => drawSquareRings(c, G, 99), 1));
  out.push(drawn("edge-midpoints-9x9", 9, 9, (c) => [[4, 0], [0, 4], [8, 4], [4, 8]].forEach(([x, y]) => c.set(x, y, G)), 4));
  out.push(drawn("plus-17x11", 17, 11, (c) => (c.fillRect(0, 5, 16, 5, G), c.fillRect(8, 0, 8, 10, G)), 1));
  out.push(drawn("corner-to-corner-diagonal-20x20", 20, 20, (c) => c.line(0, 0, 19, 19, G), 1));
  out.push(drawn("edge-blobs-31x17", 31, 17, (c) => {
    c.fillRect(0, 0, 4, 2, G); c.fillRect(26, 0, 30, 3, G); c.fillRect(0, 14, 2, 16, G);
    c.fillRect(27, 13, 30, 16, G); c.fillRect(12, 0, 14, 1, G); c.fillRect(12, 15, 15, 16, G);
    c.fillRect(0, 7, 1, 9, G); c.fillRect(29, 7, 30, 8, G);
  }, 8));
  out.push(drawn("frame-filling-blob-31x17", 31, 17, (c) => {
    c.fillRect(0, 0, 30, 0, G); c.fillRect(0, 16, 30, 16, G); c.fillRect(15, 0, 15, 16, G);
    for (let i = 0; i < 60; i++) c.set(rng.int(0, 30), rng.int(1, 15), G);
  }));
}

function awkwardSizes(rng: Rng, out: AdversarialFrame[]): void {
  for (const w of AWKWARD_WIDTHS_PX) {
    out.push(random(rng, `random-w${w}x11-d0.5`, w, 11, 0.5));
    out.push(drawn(`stripes-w${w}x5`, w, 5, (c) => drawVerticalStripes(c, G), Math.ceil(w / 2)));
    out.push(drawn(`checkerboard-w${w}x4`, w, 4, (c) => drawCheckerboard(c, G), checkerCount(w, 4, 0)));
    out.push(drawn(`comb-bottom-w${w}x6`, w, 6, (c) => drawComb(c, G, "bottom"), 1));
  }
  for (const w of [1, 2, 3, 7, 17, 65, 1000, FULL_WIDTH_PX]) {
    out.push(random(rng, `single-row-${w}x1`, w, 1, 0.5));
    out.push(drawn(`single-row-stripes-${w}x1`, w, 1, (c) => drawVerticalStripes(c, G), Math.ceil(w / 2)));
  }
  for (const h of [2, 7, 65, 1000, FULL_HEIGHT_PX]) {
    out.push(random(rng, `single-column-1x${h}`, 1, h, 0.5));
    out.push(drawn(`single-column-alternating-1x${h}`, 1, h, (c) => drawCheckerboard(c, G), Math.ceil(h / 2)));
  }
  const W = FULL_WIDTH_PX;
  out.push(drawn(`full-width-stripes-${W}x3`, W, 3, (c) => drawVerticalStripes(c, G), W / 2));
  out.push(drawn(`full-width-checkerboard-${W}x4`, W, 4, (c) => drawCheckerboard(c, G), 1));
  out.push(flat(`full-width-white-${W}x2`, W, 2, 255, T));
  out.push(random(rng, `full-width-random-${W}x5-d0.5`, W, 5, 0.5));
  out.push(drawn(`full-width-comb-bottom-${W}x6`, W, 6, (c) => drawComb(c, G, "bottom"), 1));
  out.push(drawn(`full-width-comb-top-${W}x6`, W, 6, (c) => drawComb(c, G, "top"), 1));
  out.push(drawn(`full-width-comb-diagonal-join-${W}x4`, W, 4, (c) => drawDiagonalComb(c, G), 1));
  out.push(drawn(`full-width-interleaved-combs-${W}x8`, W, 8, (c) => drawInterleavedCombs(c, G), 2));
  out.push({ name: `full-width-blobs-${W}x16`, widthPx: W, heightPx: 16, threshold: T, pixels: randomBlobsFrame(rng, W, 16, 200, T) });
}

function randomMedium(rng: Rng, out: AdversarialFrame[]): void {
  for (const density of [0.05, 0.3, 0.45, 0.6, 0.9]) out.push(random(rng, `random-256x256-d${density}`, 256, 256, density));
  for (const [w, h, n] of [[64, 64, 10], [256, 200, 40], [333, 111, 80]]) {
    out.push({ name: `random-blobs-${w}x${h}-n${n}`, widthPx: w, heightPx: h, threshold: T, pixels: randomBlobsFrame(rng, w, h, n, T) });
  }
}

/** Every adversarial frame (deterministic given the rng's seed); names are unique. */
export function adversarialFrames(rng: Rng): AdversarialFrame[] {
  const out: AdversarialFrame[] = [];
  checkerboards(out);
  lines(out);
  spiralsAndCombs(out);
  staircasesAndRings(out);
  flatsAndThresholds(rng, out);
  edgesAndCorners(rng, out);
  awkwardSizes(rng, out);
  randomMedium(rng, out);
  return out;
}
