// The TypeScript reference labellers: hand-checked tiny frames, argument validation, and the
// two-pass labeller cross-checked against the BFS flood fill on random and adversarial frames.

import { describe, expect, it } from "vitest";
import {
  compareObjects,
  floodFillLabel,
  labelFrame,
  sortObjects,
  type FrameObject,
} from "../host/reference/labeller.js";
import { Rng } from "../simulator/random.js";
import { adversarialFrames, randomBlobsFrame, randomFrame } from "../simulator/frames/adversarial.js";

// Frame from ASCII art: '#' = 200, '.' = 0, digits 0-9 = grey 10 * digit (threshold is up to the test).
function art(rows: string[]): { pixels: Uint8Array; widthPx: number; heightPx: number } {
  const widthPx = rows[0].length;
  const pixels = new Uint8Array(widthPx * rows.length);
  rows.forEach((row, y) => {
    expect(row.length).toBe(widthPx);
    for (let x = 0; x < widthPx; x++) {
      const ch = row[x];
      pixels[y * widthPx + x] = ch === "#" ? 200 : ch === "." ? 0 : 10 * Number(ch);
    }
  });
  return { pixels, widthPx, heightPx: rows.length };
}

function labelArt(rows: string[], threshold = 100): FrameObject[] {
  const f = art(rows);
  return labelFrame(f.pixels, f.widthPx, f.heightPx, threshold);
}

function obj(areaPx: number, greySum: number, xMin: number, yMin: number, xMax: number, yMax: number): FrameObject {
  return { areaPx, greySum, xMin, yMin, xMax, yMax };
}

// Checks both labellers agree exactly (same order too) and conserve foreground area and grey.
function crossCheck(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number): FrameObject[] {
  const twoPass = labelFrame(pixels, widthPx, heightPx, threshold);
  const bfs = floodFillLabel(pixels, widthPx, heightPx, threshold);
  expect(sortObjects(twoPass)).toEqual(sortObjects(bfs));
  expect(twoPass).toEqual(bfs); // both documented as raster order of first pixel
  let fgPx = 0;
  let fgGrey = 0;
  for (const g of pixels) {
    if (g > threshold) {
      fgPx++;
      fgGrey += g;
    }
  }
  expect(twoPass.reduce((s, o) => s + o.areaPx, 0)).toBe(fgPx);
  expect(twoPass.reduce((s, o) => s + o.greySum, 0)).toBe(fgGrey);
  for (const o of twoPass) {
    expect(o.xMin).toBeLessThanOrEqual(o.xMax);
    expect(o.yMin).toBeLessThanOrEqual(o.yMax);
    expect(o.areaPx).toBeLessThanOrEqual((o.xMax - o.xMin + 1) * (o.yMax - o.yMin + 1));
  }
  return twoPass;
}

describe("labelFrame on hand-checked tiny frames", () => {
  it("joins a 3x3 diagonal and anti-diagonal into one object each", () => {
    expect(labelArt(["#..", ".#.", "..#"])).toEqual([obj(3, 600, 0, 0, 2, 2)]);
    expect(labelArt(["..#", ".#.", "#.."])).toEqual([obj(3, 600, 0, 0, 2, 2)]);
  });

  it("joins both 2x2 checkerboards into one object", () => {
    expect(labelArt(["#.", ".#"])).toEqual([obj(2, 400, 0, 0, 1, 1)]);
    expect(labelArt([".#", "#."])).toEqual([obj(2, 400, 0, 0, 1, 1)]);
  });

  it("treats grey == threshold as background and threshold + 1 as foreground", () => {
    const pixels = Uint8Array.from([21, 22, 21, 21, 21, 21]);
    expect(labelFrame(pixels, 3, 2, 21)).toEqual([obj(1, 22, 1, 0, 1, 0)]);
    expect(labelFrame(Uint8Array.from([0, 1]), 2, 1, 0)).toEqual([obj(1, 1, 1, 0, 1, 0)]);
    expect(labelFrame(Uint8Array.from([254, 255]), 2, 1, 254)).toEqual([obj(1, 255, 1, 0, 1, 0)]);
    expect(labelFrame(Uint8Array.from([255, 255]), 2, 1, 255)).toEqual([]);
  });

  it("merges a U into one object with the right bbox and area", () => {
    expect(labelArt(["#...#", "#...#", "#...#", "#####"])).toEqual([obj(11, 2200, 0, 0, 4, 3)]);
  });

  it("merges a W and a comb joined only on the bottom row", () => {
    expect(labelArt(["#.#.#", "#.#.#", "#####"])).toEqual([obj(11, 2200, 0, 0, 4, 2)]);
    expect(labelArt(["#.#.#.#", "#.#.#.#", "#.#.#.#", ".#.#.#."])).toEqual([obj(15, 3000, 0, 0, 6, 3)]);
  });

  it("keeps objects separated by a one-pixel gap apart", () => {
    expect(labelArt(["#.#", "#.#"])).toHaveLength(2);
    expect(labelArt(["##", "..", "##"])).toHaveLength(2);
    expect(labelArt(["#..", "..#"])).toHaveLength(2);
  });

  it("sums grey per object and counts a ring and its island separately", () => {
    const objs = labelArt(["#####", "#...#", "#.9.#", "#...#", "#####"], 50);
    expect(objs).toEqual([obj(16, 3200, 0, 0, 4, 4), obj(1, 90, 2, 2, 2, 2)]);
  });

  it("returns raster order of first pixel; sortObjects gives (yMin, xMin, ...) order", () => {
    const objs = labelArt(["..#.#", "....#", "....#", "#####"]);
    const a = obj(1, 200, 2, 0, 2, 0);
    const b = obj(8, 1600, 0, 0, 4, 3);
    expect(objs).toEqual([a, b]);
    expect(sortObjects(objs)).toEqual([b, a]);
    expect(objs).toEqual([a, b]); // sortObjects does not mutate
  });

  it("handles 1x1, single-row and single-column frames", () => {
    expect(labelFrame(Uint8Array.of(0), 1, 1, 21)).toEqual([]);
    expect(labelFrame(Uint8Array.of(255), 1, 1, 21)).toEqual([obj(1, 255, 0, 0, 0, 0)]);
    expect(labelArt(["##.#..##"])).toEqual([obj(2, 400, 0, 0, 1, 0), obj(1, 200, 3, 0, 3, 0), obj(2, 400, 6, 0, 7, 0)]);
    expect(labelArt(["#", "#", ".", "#"])).toEqual([obj(2, 400, 0, 0, 0, 1), obj(1, 200, 0, 3, 0, 3)]);
  });
});

describe("argument validation", () => {
  const px = new Uint8Array(6);
  for (const label of [labelFrame, floodFillLabel]) {
    it(`${label.name} rejects inconsistent arguments with clear errors`, () => {
      expect(() => label(px, 4, 2, 21)).toThrow(/pixels.length \(6\) must equal widthPx \* heightPx/);
      expect(() => label(px, 3, 2, 21.5)).toThrow(/threshold must be an integer in 0..255/);
      expect(() => label(px, 3, 2, 256)).toThrow(RangeError);
      expect(() => label(px, 3, 2, -1)).toThrow(RangeError);
      expect(() => label(px, 3, 2, Number.NaN)).toThrow(RangeError);
      expect(() => label(px, 0, 2, 21)).toThrow(/widthPx must be a positive integer/);
      expect(() => label(px, 3, 2.5, 21)).toThrow(/heightPx must be a positive integer/);
      expect(() => label([0, 0, 0, 0, 0, 0] as unknown as Uint8Array, 3, 2, 21)).toThrow(TypeError);
      expect(label(px, 3, 2, 0)).toEqual([]);
      expect(label(px, 6, 1, 255)).toEqual([]);
    });
  }
});

describe("sortObjects / compareObjects", () => {
  it("is a total order over all six fields", () => {
    const base = obj(5, 500, 3, 2, 7, 4);
    const variants = [
      { ...base, yMin: 1 },
      { ...base, xMin: 2 },
      { ...base, yMax: 3 },
      { ...base, xMax: 6 },
      { ...base, areaPx: 4 },
      { ...base, greySum: 499 },
    ];
    for (const v of variants) {
      expect(compareObjects(v, base)).toBeLessThan(0);
      expect(compareObjects(base, v)).toBeGreaterThan(0);
      expect(sortObjects([base, v])).toEqual([v, base]);
    }
    expect(compareObjects(base, { ...base })).toBe(0);
  });
});

describe("two-pass labeller equals BFS flood fill", () => {
  it("on 600 random small frames of many densities and thresholds", () => {
    const rng = new Rng(20240611);
    const densities = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.97, 1];
    for (let i = 0; i < 600; i++) {
      const w = rng.int(1, 48);
      const h = rng.int(1, 48);
      const threshold = rng.int(0, 254);
      crossCheck(randomFrame(rng, w, h, densities[i % densities.length], threshold), w, h, threshold);
    }
  });

  it("on 150 random blob frames", () => {
    const rng = new Rng(7);
    for (let i = 0; i < 150; i++) {
      const w = rng.int(1, 96);
      const h = rng.int(1, 96);
      const threshold = rng.int(0, 254);
      crossCheck(randomBlobsFrame(rng, w, h, rng.int(0, 30), threshold), w, h, threshold);
    }
  });

  const frames = adversarialFrames(new Rng(1));
  it("adversarial frame names are unique and there are many", () => {
    expect(new Set(frames.map((f) => f.name)).size).toBe(frames.length);
    expect(frames.length).toBeGreaterThan(100);
  });

  it.each(frames.map((f) => [f.name, f] as const))("on adversarial frame %s", (_name, f) => {
    expect(f.pixels.length).toBe(f.widthPx * f.heightPx);
    const objs = crossCheck(f.pixels, f.widthPx, f.heightPx, f.threshold);
    if (f.expectedObjectCount !== undefined) expect(objs.length).toBe(f.expectedObjectCount);
  });
});
