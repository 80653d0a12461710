// The mission simulator's ground truth matches what an independent labelling of its frames finds.

import { describe, expect, it } from "vitest";
import { loadProfile, type Profile } from "../host/config/profile.js";
import { labelFrame, type FrameObject } from "../host/reference/labeller.js";
import type { FrameTruth, TruthObject } from "../host/formats/stream/streamTypes.js";
import { createFrameContext, drawMissionFrame, simulateMission, type MissionOptions } from "../simulator/mission/index.js";

const profile = loadProfile("000118LP");
const THRESHOLD = profile.hw.thresholdGrey;

const key = (o: FrameObject | TruthObject): string => `${o.areaPx},${o.greySum},${o.xMin},${o.yMin},${o.xMax},${o.yMax}`;

// Size class written out here, independently of the simulator: ESD = 2 sqrt(Aa area^Exp / pi) >= f32 bound.
function classOf(p: Profile, areaPx: number): number {
  const esd = 2 * Math.sqrt((p.hw.aaUm2 * areaPx ** p.hw.exp) / Math.PI);
  let k = -1;
  p.hw.classLowerBoundsUm.forEach((b, i) => {
    if (esd >= Math.fround(b)) k = i;
  });
  return k;
}

// Labelled objects not matched by a truth object (each truth object used once); and truth objects not found.
function match(labelled: FrameObject[], truthObjects: TruthObject[]): { leftovers: FrameObject[]; missing: TruthObject[] } {
  const pool = new Map<string, number>();
  for (const o of labelled) pool.set(key(o), (pool.get(key(o)) ?? 0) + 1);
  const missing: TruthObject[] = [];
  for (const t of truthObjects) {
    const n = pool.get(key(t)) ?? 0;
    if (n === 0) missing.push(t);
    else pool.set(key(t), n - 1);
  }
  const leftovers: FrameObject[] = [];
  for (const o of labelled) {
    const n = pool.get(key(o)) ?? 0;
    if (n > 0) {
      leftovers.push(o);
      pool.set(key(o), n - 1);
    }
  }
  return { leftovers, missing };
}

// Checks a frame without contacts: labelled objects = truth objects + noise objects, class counts agree.
function expectExactTruth(pixels: Uint8Array, widthPx: number, heightPx: number, truth: FrameTruth): void {
  expect(truth.touchingObjects).toBe(0);
  const labelled = labelFrame(pixels, widthPx, heightPx, THRESHOLD);
  const { leftovers, missing } = match(labelled, truth.objects);
  expect(missing).toEqual([]);
  expect(leftovers.length).toBe(truth.noiseObjects);
  for (const o of leftovers) expect(o.areaPx).toBeLessThanOrEqual(2);
  const counts = new Array<number>(18).fill(0);
  let below = 0;
  for (const o of labelled) {
    const k = classOf(profile, o.areaPx);
    if (k < 0) below++;
    else counts[k]++;
  }
  expect(counts).toEqual(truth.classCounts);
  expect(below).toBe(truth.belowFirstClass);
  // Grey mean sums: the same objects, so the same per-class sums of mean greys (up to float rounding).
  const sums = new Array<number>(18).fill(0);
  for (const o of labelled) {
    const k = classOf(profile, o.areaPx);
    if (k >= 0) sums[k] += o.greySum / o.areaPx;
  }
  sums.forEach((s, k) => expect(s).toBeCloseTo(truth.classGreyMeanSums[k], 6));
}

describe("mission frame truth", () => {
  it("with avoidTouching, every object of the truth is exactly one labelled object, and nothing else is there", () => {
    for (const [pressureDbar, scale, noise] of [
      [15, 0.5, false],
      [15, 0.25, true],
      [120, 0.5, true],
      [600, 1, false],
      [1800, 0.5, false],
    ] as const) {
      const options: MissionOptions = { seed: 11, frameScale: scale, avoidTouching: true, subThresholdNoise: noise };
      const ctx = createFrameContext(profile, options);
      for (let index = 0; index < 3; index++) {
        const { pixels, truth } = drawMissionFrame(ctx, { index, pressureDbar, kind: "lit" });
        expect(truth.overexposed).toBe(false);
        expect(truth.objects.length).toBeGreaterThan(0);
        expectExactTruth(pixels, ctx.widthPx, ctx.heightPx, truth);
      }
      const black = drawMissionFrame(ctx, { index: 99, pressureDbar, kind: "black" });
      expect(black.truth.objects).toEqual([]);
      expectExactTruth(black.pixels, ctx.widthPx, ctx.heightPx, black.truth);
    }
  });

  it("without avoidTouching, frames with no contacts match exactly and untouched objects are always found", () => {
    const options: MissionOptions = { seed: 5, parkDepthDbar: 40, profileDepthDbar: 40, frameScale: 0.2, phases: ["ascent"] };
    let exactFrames = 0;
    let touchingFrames = 0;
    let frames = 0;
    for (const f of simulateMission(profile, options)) {
      if (frames++ % 7 !== 0 || f.truth.overexposed) continue;
      const labelled = labelFrame(f.pixels, f.widthPx, f.heightPx, THRESHOLD);
      if (f.truth.touchingObjects === 0) {
        expectExactTruth(f.pixels, f.widthPx, f.heightPx, f.truth);
        exactFrames++;
        continue;
      }
      touchingFrames++;
      const untouched = f.truth.objects.filter((o) => !o.touching);
      expect(match(labelled, untouched).missing).toEqual([]);
      expect(f.truth.objects.filter((o) => o.touching).length).toBeLessThanOrEqual(f.truth.touchingObjects);
    }
    expect(exactFrames).toBeGreaterThan(5);
    expect(touchingFrames).toBeGreaterThan(5);
  });

  it("flags touching and overlapping objects", () => {
    // A dense surface frame without avoidance has contacts; each flagged object really has a neighbour.
    const ctx = createFrameContext(profile, { seed: 3, frameScale: 0.5 });
    const { pixels, truth } = drawMissionFrame(ctx, { index: 0, pressureDbar: 20, kind: "lit" });
    expect(truth.touchingObjects).toBeGreaterThan(0);
    const labelled = labelFrame(pixels, ctx.widthPx, ctx.heightPx, THRESHOLD);
    // Objects merged by contact: fewer labelled objects than placed ones.
    expect(labelled.length).toBeLessThan(truth.objects.length + truth.noiseObjects);
    // A touching object is seldom found alone: its labelled object holds its neighbour too. The exception
    // is a neighbour hidden inside it (a smaller object or noise placed later, all its pixels overlapping
    // and darker), which needs a host of a few pixels at least.
    const labelledKeys = new Set(labelled.map(key));
    const touching = truth.objects.filter((t) => t.touching);
    const alone = touching.filter((o) => labelledKeys.has(key(o)));
    expect(touching.length).toBeGreaterThan(10);
    expect(alone.length).toBeLessThanOrEqual(touching.length * 0.25);
    for (const o of alone) expect(o.areaPx).toBeGreaterThanOrEqual(3);
    // And every object not flagged is found alone.
    expect(match(labelled, truth.objects.filter((t) => !t.touching)).missing).toEqual([]);
  });

  it("draws the taxon-like shapes with their looks, each as one connected object of exactly its area", () => {
    const ctx = createFrameContext(profile, { seed: 8, frameScale: 1, avoidTouching: true });
    const shapes = new Map<string, TruthObject[]>();
    for (let index = 0; index < 3; index++) {
      const { pixels, truth } = drawMissionFrame(ctx, { index, pressureDbar: 15, kind: "lit" });
      expectExactTruth(pixels, ctx.widthPx, ctx.heightPx, truth);
      for (const o of truth.objects) shapes.set(o.shape, [...(shapes.get(o.shape) ?? []), o]);
    }
    expect([...shapes.keys()].sort()).toEqual(["copepod", "dark-sphere", "fibre", "particle"]);
    // Dark spheres: grey just above the threshold.
    for (const o of shapes.get("dark-sphere") ?? []) expect(o.greySum / o.areaPx).toBeLessThanOrEqual(THRESHOLD + 4);
    // Fibres: long and thin (the bounding box is much longer than the object is wide).
    for (const o of (shapes.get("fibre") ?? []).filter((f) => f.areaPx >= 20)) {
      const longSide = Math.max(o.xMax - o.xMin, o.yMax - o.yMin) + 1;
      expect(longSide).toBeGreaterThan(Math.sqrt(o.areaPx) * 1.8);
    }
    // Copepods: brighter than the round particles of their size.
    const copepods = shapes.get("copepod") ?? [];
    expect(copepods.length).toBeGreaterThan(0);
    for (const o of copepods) expect(o.areaPx).toBeGreaterThanOrEqual(30);
  });

  it("gives mean greys per class that rise with size (DOMAIN.md 9: ~32 / 39 / 47 / 54 for classes 1-4)", () => {
    const ctx = createFrameContext(profile, { seed: 9, frameScale: 0.5 });
    const counts = new Array<number>(18).fill(0);
    const sums = new Array<number>(18).fill(0);
    for (let index = 0; index < 10; index++) {
      const { truth } = drawMissionFrame(ctx, { index, pressureDbar: 50, kind: "lit" });
      truth.classCounts.forEach((c, k) => (counts[k] += c));
      truth.classGreyMeanSums.forEach((s, k) => (sums[k] += s));
    }
    const means = sums.map((s, k) => s / counts[k]);
    for (const [k, target] of [[0, 32], [1, 39], [2, 47], [3, 54]]) expect(Math.abs(means[k] - target)).toBeLessThan(7);
    for (let k = 3; k < 9; k++) expect(means[k + 1]).toBeGreaterThan(means[k] - 2);
  });

  it("over-exposes some lit frames near the surface: more than 10 % of the pixels bright", () => {
    const ctx = createFrameContext(profile, { seed: 2, frameScale: 0.2 });
    let over = 0;
    for (let index = 0; index < 200; index++) {
      const { pixels, truth } = drawMissionFrame(ctx, { index, pressureDbar: 1, kind: "lit" });
      let bright = 0;
      for (const g of pixels) if (g > THRESHOLD) bright++;
      expect(truth.overexposed).toBe(bright > 0.1 * pixels.length);
      if (truth.overexposed) over++;
    }
    // P(over-exposed) at 1 dbar = 0.3 x 9/10 = 0.27.
    expect(over).toBeGreaterThan(30);
    expect(over).toBeLessThan(80);
    for (let index = 0; index < 100; index++) {
      expect(drawMissionFrame(ctx, { index, pressureDbar: 10, kind: "lit" }).truth.overexposed).toBe(false);
      expect(drawMissionFrame(ctx, { index, pressureDbar: 0, kind: "black" }).truth.overexposed).toBe(false);
    }
  });
});
