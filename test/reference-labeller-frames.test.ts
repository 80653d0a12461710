// The seeded PRNG and the frame generators: deterministic, and they produce what they claim.

import { describe, expect, it } from "vitest";
import { labelFrame } from "../host/reference/labeller.js";
import { Rng } from "../simulator/random.js";
import { adversarialFrames, FULL_WIDTH_PX, FULL_HEIGHT_PX, randomBlobsFrame, randomFrame } from "../simulator/frames/adversarial.js";
import { noiseFrame } from "../simulator/frames/noise.js";
import { REALISTIC_THRESHOLD, realisticFrame, samplePowerLawAreaPx, worstCaseFrame } from "../simulator/frames/particles.js";

// Foreground runs (maximal horizontal segments) in row y.
function runsInRow(pixels: Uint8Array, widthPx: number, y: number, threshold: number): number {
  let runs = 0;
  for (let x = 0; x < widthPx; x++) {
    const on = pixels[y * widthPx + x] > threshold;
    const prevOn = x > 0 && pixels[y * widthPx + x - 1] > threshold;
    if (on && !prevOn) runs++;
  }
  return runs;
}

describe("Rng", () => {
  it("matches the canonical mulberry32 stream (platform-independent)", () => {
    const rng = new Rng(42);
    expect([1, 2, 3, 4, 5].map(() => rng.nextUint32())).toEqual([2581720956, 1925393290, 3661312704, 2876485805, 750819978]);
    const zero = new Rng(0);
    expect([1, 2, 3].map(() => zero.nextUint32())).toEqual([1144304738, 1416247, 958946056]);
    expect(new Rng(42).next()).toBe(2581720956 / 4294967296);
  });

  it("is deterministic per seed and differs across seeds", () => {
    const draw = (seed: number): number[] => {
      const r = new Rng(seed);
      return [r.next(), r.int(-5, 5), r.normal(), r.pick(["a", "b", "c"]) === "a" ? 1 : 0, r.fork().next()];
    };
    expect(draw(123)).toEqual(draw(123));
    expect(draw(123)).not.toEqual(draw(124));
  });

  it("keeps next() in [0, 1), int() in its inclusive bounds, and normal() near N(0, 1)", () => {
    const rng = new Rng(99);
    const seen = new Set<number>();
    let sum = 0;
    let sumSq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      seen.add(rng.int(3, 7));
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(Math.abs(sum / n)).toBeLessThan(0.05);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
    expect(rng.int(4, 4)).toBe(4);
    expect(() => rng.int(5, 4)).toThrow(RangeError);
    expect(() => rng.int(0.5, 4)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => new Rng(Number.NaN)).toThrow(RangeError);
  });
});

describe("worstCaseFrame", () => {
  it("stripes have ceil(w/2) runs per row and ceil(w/2) objects", () => {
    for (const w of [1, 2, 7, 64, 65, FULL_WIDTH_PX]) {
      const h = 5;
      const px = worstCaseFrame(w, h, "stripes");
      for (let y = 0; y < h; y++) expect(runsInRow(px, w, y, 254)).toBe(Math.ceil(w / 2));
      const objs = labelFrame(px, w, h, 21);
      expect(objs).toHaveLength(Math.ceil(w / 2));
      expect(objs.every((o) => o.areaPx === h && o.xMin === o.xMax)).toBe(true);
    }
  });

  it("checkerboard is one giant object and white is one full object", () => {
    for (const [w, h] of [[2, 2], [7, 3], [64, 65]]) {
      expect(labelFrame(worstCaseFrame(w, h, "checkerboard"), w, h, 21)).toEqual([
        { areaPx: Math.ceil((w * h) / 2), greySum: 255 * Math.ceil((w * h) / 2), xMin: 0, yMin: 0, xMax: w - 1, yMax: h - 1 },
      ]);
      expect(labelFrame(worstCaseFrame(w, h, "white"), w, h, 254)).toEqual([
        { areaPx: w * h, greySum: 255 * w * h, xMin: 0, yMin: 0, xMax: w - 1, yMax: h - 1 },
      ]);
    }
    expect(() => worstCaseFrame(4, 4, "zebra" as "white")).toThrow(RangeError);
  });

  it("labels the three full-size (2464 x 2056) worst cases", () => {
    const [w, h] = [FULL_WIDTH_PX, FULL_HEIGHT_PX];
    expect(labelFrame(worstCaseFrame(w, h, "stripes"), w, h, 21)).toHaveLength(w / 2);
    const checker = labelFrame(worstCaseFrame(w, h, "checkerboard"), w, h, 21);
    expect(checker).toHaveLength(1);
    expect(checker[0].areaPx).toBe((w * h) / 2);
    const white = labelFrame(worstCaseFrame(w, h, "white"), w, h, 21);
    expect(white).toEqual([{ areaPx: w * h, greySum: 255 * w * h, xMin: 0, yMin: 0, xMax: w - 1, yMax: h - 1 }]);
  });
});

describe("noiseFrame", () => {
  it("places exactly objectCount isolated 1- or 2-px objects on a sub-threshold background", () => {
    for (const [w, h, count] of [[64, 48, 40], [300, 200, 500], [7, 7, 4]]) {
      const px = noiseFrame(new Rng(w), w, h, { objectCount: count });
      const objs = labelFrame(px, w, h, 21);
      expect(objs).toHaveLength(count);
      expect(objs.every((o) => o.areaPx === 1 || o.areaPx === 2)).toBe(true);
      if (count >= 40) expect(objs.some((o) => o.areaPx === 2)).toBe(true);
    }
  });

  it("is deterministic, honours the threshold option and refuses impossible counts", () => {
    const a = noiseFrame(new Rng(5), 100, 80, { objectCount: 60, threshold: 40 });
    expect(noiseFrame(new Rng(5), 100, 80, { objectCount: 60, threshold: 40 })).toEqual(a);
    expect(noiseFrame(new Rng(6), 100, 80, { objectCount: 60, threshold: 40 })).not.toEqual(a);
    expect(labelFrame(a, 100, 80, 40)).toHaveLength(60);
    expect(() => noiseFrame(new Rng(1), 4, 4, { objectCount: 10 })).toThrow(/placed only/);
  });
});

describe("realisticFrame", () => {
  it("samples power-law areas within [minAreaPx, maxAreaPx], mostly small", () => {
    const rng = new Rng(3);
    const areas = Array.from({ length: 5000 }, () => samplePowerLawAreaPx(rng, 3, 5000, -3.5));
    expect(Math.min(...areas)).toBeGreaterThanOrEqual(3 - 1e-9);
    expect(Math.max(...areas)).toBeLessThanOrEqual(5000 + 1e-9);
    const small = areas.filter((a) => a < 12).length / areas.length;
    expect(small).toBeGreaterThan(0.6);
  });

  it("full-size frame has ~3000 one-pixel noise objects plus a few hundred particles up to ~5000 px", () => {
    const [w, h] = [FULL_WIDTH_PX, FULL_HEIGHT_PX];
    const px = realisticFrame(new Rng(2024), w, h);
    const objs = labelFrame(px, w, h, REALISTIC_THRESHOLD);
    const onePx = objs.filter((o) => o.areaPx === 1).length;
    expect(onePx).toBeGreaterThanOrEqual(3000);
    expect(objs.length).toBeGreaterThan(3100);
    expect(objs.length).toBeLessThan(3000 + 303 * 3); // particles may fragment at their jittered rims
    const maxArea = Math.max(...objs.map((o) => o.areaPx));
    expect(maxArea).toBeGreaterThan(1000);
    expect(maxArea).toBeLessThan(7000);
    const big = objs.filter((o) => o.areaPx >= 100);
    expect(big.length).toBeGreaterThan(3);
    // Grey rises with size: large particles are brighter on average than small ones.
    const meanGrey = (o: { greySum: number; areaPx: number }): number => o.greySum / o.areaPx;
    const smallMean = objs.filter((o) => o.areaPx >= 3 && o.areaPx < 10).map(meanGrey);
    const bigMean = big.map(meanGrey);
    const avg = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(avg(bigMean)).toBeGreaterThan(avg(smallMean));
  });

  it("is deterministic per seed", () => {
    const a = realisticFrame(new Rng(11), 640, 480, { noiseCount: 300, particleCount: 50 });
    expect(realisticFrame(new Rng(11), 640, 480, { noiseCount: 300, particleCount: 50 })).toEqual(a);
    expect(realisticFrame(new Rng(12), 640, 480, { noiseCount: 300, particleCount: 50 })).not.toEqual(a);
  });
});

describe("random and adversarial generators", () => {
  it("randomFrame hits its density and keeps greys on the right side of the threshold", () => {
    const px = randomFrame(new Rng(8), 200, 100, 0.3, 60);
    const fg = px.filter((g) => g > 60).length / px.length;
    expect(Math.abs(fg - 0.3)).toBeLessThan(0.02);
    expect(randomFrame(new Rng(8), 200, 100, 0.3, 60)).toEqual(px);
    expect(randomFrame(new Rng(8), 10, 10, 0, 0).every((g) => g === 0)).toBe(true);
    expect(randomFrame(new Rng(8), 10, 10, 1, 254).every((g) => g === 255)).toBe(true);
    expect(() => randomFrame(new Rng(8), 10, 10, 1.5, 20)).toThrow(RangeError);
  });

  it("randomBlobsFrame is deterministic and draws foreground", () => {
    const px = randomBlobsFrame(new Rng(9), 120, 90, 12, 50);
    expect(randomBlobsFrame(new Rng(9), 120, 90, 12, 50)).toEqual(px);
    expect(labelFrame(px, 120, 90, 50).length).toBeGreaterThan(0);
    expect(labelFrame(randomBlobsFrame(new Rng(9), 120, 90, 0, 50), 120, 90, 50)).toEqual([]);
  });

  it("adversarialFrames is deterministic per seed and covers the required cases", () => {
    const a = adversarialFrames(new Rng(77));
    const b = adversarialFrames(new Rng(77));
    expect(b.map((f) => f.name)).toEqual(a.map((f) => f.name));
    a.forEach((f, i) => expect(b[i].pixels).toEqual(f.pixels));
    const names = a.map((f) => f.name).join(" ");
    for (const part of ["checkerboard", "phase1", "hline", "vline", "diagonal", "anti-diagonal", "spiral", "u-", "w-",
      "nested-us", "comb-bottom", "comb-top", "staircase", "rings", "white", "black", "single-row", "single-column",
      "one-px-0", "one-px-255", "corners", "threshold-exact", "threshold0", "threshold254", "full-width", "random-blobs"]) {
      expect(names).toContain(part);
    }
    for (const w of [1, 7, 15, 17, 31, 33, 63, 65]) expect(a.some((f) => f.widthPx === w)).toBe(true);
    expect(a.filter((f) => f.widthPx === FULL_WIDTH_PX).length).toBeGreaterThanOrEqual(3);
    expect(a.every((f) => f.widthPx <= FULL_WIDTH_PX && f.heightPx <= FULL_HEIGHT_PX)).toBe(true);
  });
});
