// The camera's classifier arithmetic on hand-built objects (FEATURES.md "Evaluation order", DOMAIN.md 8):
// the expected float32 bits are derived here from closed-form or plainly counted sums and the camera's
// sequence of operations written out step by step, independently of host/classify; the old order
// (sum / N, / mass^k) is shown to give other bits, so the tests can fail. Host reference and both
// firmware builds must give the expected bits. Then the split rule: a NaN feature goes to next.
import { describe, expect, it } from "vitest";
import { computeFeatures } from "../host/classify/features.js";
import { predict } from "../host/classify/inference.js";
import { serializeModel } from "../host/classify/model.js";
import type { TreeModel } from "../host/classify/modelTypes.js";
import { BUILDS, Firmware, Status } from "../host/firmware/index.js";
import { leaf, split, tree } from "./support/trees.js";

const f32 = Math.fround;

/** Plain-number raw moments of the pixels above the threshold (coordinates from the box corner). */
function plainSums(px: Uint8Array, w: number, h: number, thr: number, weighted: boolean) {
  const m = { m00: 0, m10: 0, m01: 0, m20: 0, m11: 0, m02: 0, m30: 0, m21: 0, m12: 0, m03: 0 };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const g = px[y * w + x];
      if (g <= thr) continue;
      const v = weighted ? g : 1;
      m.m00 += v; m.m10 += v * x; m.m01 += v * y; m.m20 += v * x * x; m.m11 += v * x * y; m.m02 += v * y * y;
      m.m30 += v * x * x * x; m.m21 += v * x * x * y; m.m12 += v * x * y * y; m.m03 += v * y * y * y;
    }
  }
  return m;
}

/** The camera's centroid: r = 1 / m00 once, then x = r m10, y = r m01 (FEATURES.md). */
function cameraCentroid(m: ReturnType<typeof plainSums>) {
  const r = 1 / m.m00;
  return { r, x: r * m.m10, y: r * m.m01 };
}

/** The camera's order: centroid, mu20/mu11/mu02, eigenvalues, angle, eccentricity (FEATURES.md). */
function cameraShape(m: ReturnType<typeof plainSums>) {
  const { r, x, y } = cameraCentroid(m);
  const mu20 = m.m20 - x * m.m10;
  const mu11 = m.m11 - x * m.m01;
  const mu02 = m.m02 - y * m.m01;
  const s = mu20 - mu02;
  const a = mu20 + mu02;
  const d = Math.sqrt((4 * mu11) * mu11 + s * s);
  const q = r / 2;
  const l1 = (a + d) * q;
  const l2 = (a - d) * q;
  return { x, y, mu11, angle: 0.5 * Math.atan2(2 * mu11, s), eccentricity: Math.sqrt(1 - l2 / l1) };
}

/** The order used before (sum / N, / 2N): what the camera does not do. */
function oldShape(m: ReturnType<typeof plainSums>) {
  const xc = m.m10 / m.m00;
  const yc = m.m01 / m.m00;
  const mu20 = m.m20 - xc * m.m10;
  const mu11 = m.m11 - xc * m.m01;
  const mu02 = m.m02 - yc * m.m01;
  const root = Math.sqrt(4 * mu11 * mu11 + (mu20 - mu02) * (mu20 - mu02));
  const l1 = (mu20 + mu02 + root) / (2 * m.m00);
  const l2 = (mu20 + mu02 - root) / (2 * m.m00);
  return { mu11, angle: 0.5 * Math.atan2(2 * mu11, mu20 - mu02), eccentricity: Math.sqrt(1 - l2 / l1) };
}

/** Camera-order h7 and grey-weighted gmu03 / gh7 (FEATURES.md's A..F), for the grey object below. */
function cameraHu7(m: ReturnType<typeof plainSums>) {
  const { r, x, y } = cameraCentroid(m);
  const mu30 = m.m30 - (3 * x) * m.m20 + ((2 * x) * x) * m.m10;
  const mu21 = m.m21 - (2 * x) * m.m11 - y * m.m20 + ((2 * x) * x) * m.m01;
  const mu12 = m.m12 - (2 * y) * m.m11 - x * m.m02 + ((2 * y) * y) * m.m10;
  const mu03 = m.m03 - (3 * y) * m.m02 + ((2 * y) * y) * m.m01;
  const r2 = r * r;
  const r3 = r2 * Math.sqrt(r);
  const [n30, n21, n12, n03] = [mu30 * r3, mu21 * r3, mu12 * r3, mu03 * r3];
  const A = n30 + n12;
  const B = n21 + n03;
  const A2 = A * A;
  const B2 = B * B;
  const C = n30 - 3 * n12;
  const D = 3 * n21 - n03;
  return { mu03, h7: D * A * (A2 - 3 * B2) - C * B * (3 * A2 - B2) };
}

function oldHu7(m: ReturnType<typeof plainSums>) {
  const xc = m.m10 / m.m00;
  const yc = m.m01 / m.m00;
  const mu30 = m.m30 - 3 * xc * m.m20 + 2 * xc * xc * m.m10;
  const mu21 = m.m21 - 2 * xc * m.m11 - yc * m.m20 + 2 * xc * xc * m.m01;
  const mu12 = m.m12 - 2 * yc * m.m11 - xc * m.m02 + 2 * yc * yc * m.m10;
  const mu03 = m.m03 - 3 * yc * m.m02 + 2 * yc * yc * m.m01;
  const o3 = m.m00 * m.m00 * Math.sqrt(m.m00);
  const [n30, n21, n12, n03] = [mu30 / o3, mu21 / o3, mu12 / o3, mu03 / o3];
  const a = n30 - 3 * n12;
  const b = 3 * n21 - n03;
  const s = n30 + n12;
  const t = n21 + n03;
  return { mu03, h7: b * s * (s * s - 3 * t * t) - a * t * (3 * s * s - t * t) };
}

function fromRows(rows: string[], grey: (x: number, y: number) => number) {
  const h = rows.length;
  const w = rows[0].length;
  const px = new Uint8Array(w * h);
  rows.forEach((row, y) => [...row].forEach((c, x) => (px[y * w + x] = c === "#" ? grey(x, y) : 0)));
  return { px, w, h };
}

// A uniform-grey 14 x 14 square: 196 px, about 1,085 um ESD with 000118LP's Aa/Exp, above the 813 um vignetting
// limit (classifiable). Exact values: mu11 = 0, angle = 0 (atan2(0, 0)), eccentricity = 0.
const SQUARE = 14;
const square = { px: new Uint8Array(SQUARE * SQUARE).fill(90), w: SQUARE, h: SQUARE };
// Closed form: sums over 0..13 of k, k^2, k^3 = 91, 819, 8281.
const squareSums = { m00: 196, m10: 14 * 91, m01: 14 * 91, m20: 14 * 819, m11: 91 * 91, m02: 14 * 819, m30: 14 * 8281, m21: 819 * 91, m12: 91 * 819, m03: 14 * 8281 };

// A mirror-symmetric 7 x 25 object of 91 px (exact mu11 = 0, taller than wide: angle +-pi/2).
const TALL = [
  "##.#.##", ".#####.", "..###..", "...#...", ".#####.", "..###..", "...#...", "#..#..#", "#######", "#..#..#",
  "#..#..#", ".#####.", "##.#.##", ".#.#.#.", ".#####.", "#.###.#", "#######", "...#...", "...#...", "...#...",
  ".#.#.#.", "..###..", "...#...", "#######", "##.#.##",
];
const tall = fromRows(TALL, () => 50);

// A 7 x 7 grey object, mirror-symmetric in shape and grey: h7's exact value is 0 and it comes out as
// +-3.5e-24 depending on the order.
const GREY_ROWS = [
  [0, 54, 111, 96, 111, 54, 0], [0, 60, 0, 103, 0, 60, 0], [75, 82, 106, 74, 106, 82, 75], [0, 43, 44, 74, 44, 43, 0],
  [42, 88, 110, 106, 110, 88, 42], [52, 0, 38, 107, 38, 0, 52], [0, 126, 116, 93, 116, 126, 0],
];
const greyObject = { px: Uint8Array.from(GREY_ROWS.flat()), w: 7, h: 7 };

function firmwareFeatures(build: (typeof BUILDS)[number], v: { px: Uint8Array; w: number; h: number }, thr: number): Float32Array {
  const x = Firmware.create(build).raw;
  new Uint8Array(x.memory.buffer, x.vignetteBufferPtr(), v.px.length).set(v.px);
  expect(x.computeVignetteFeatures(v.w, v.h, thr)).toBe(Status.OK);
  return new Float32Array(x.memory.buffer, x.featuresPtr(), 55).slice();
}

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe("features in the camera's evaluation order", () => {
  it("a uniform 14 x 14 square: mu11, angle and eccentricity are the camera's non-zero bits; meanpos and sr NaN", () => {
    expect(plainSums(square.px, SQUARE, SQUARE, 20, false)).toEqual(squareSums);
    const cam = cameraShape(squareSums);
    const old = oldShape(squareSums);
    // The camera's (1/196) * 1274 is not 6.5 exactly: mu11 is not 0, so the angle is pi/4 and the
    // eccentricity 3.3e-8; the old order gives the exact 0, 0, 0.
    expect(cam.x).not.toBe(6.5);
    expect([old.mu11, old.angle, old.eccentricity]).toEqual([0, 0, 0]);
    expect(f32(cam.mu11)).not.toBe(0);
    expect(f32(cam.angle)).toBe(f32(Math.PI / 4));
    expect(f32(cam.eccentricity)).toBeGreaterThan(3e-8);
    const host = computeFeatures(square.px, SQUARE, SQUARE, 20) as Float32Array;
    for (const got of [host, ...BUILDS.map((b) => firmwareFeatures(b, square, 20))]) {
      expect(got[8]).toBe(f32(cam.x));
      expect(got[28]).toBe(f32(cam.mu11));
      expect(got[14]).toBe(f32(cam.angle));
      expect(got[15]).toBe(f32(cam.eccentricity));
      expect(got[21]).toBe(0); // range
      expect(got[22]).toBeNaN(); // meanpos = 0 / 0
      expect(got[24]).toBeNaN(); // sr = 100 * (0 / 0)
      expect(got[23]).toBe(0); // cv = 100 * (0 / 90)
    }
  });

  it("a symmetric tall object: the angle is -pi/2 as the camera computes it, not the old +pi/2", () => {
    const sums = plainSums(tall.px, tall.w, tall.h, 20, false);
    expect(sums.m00).toBe(91);
    const cam = cameraShape(sums);
    const old = oldShape(sums);
    expect(old.mu11).toBe(0);
    expect(f32(old.angle)).toBe(f32(Math.PI / 2));
    expect(cam.mu11).toBeLessThan(0);
    expect(f32(cam.angle)).toBe(f32(-Math.PI / 2));
    const host = computeFeatures(tall.px, tall.w, tall.h, 20) as Float32Array;
    for (const got of [host, ...BUILDS.map((b) => firmwareFeatures(b, tall, 20))]) {
      expect(got[0]).toBe(91);
      expect(got[28]).toBe(f32(cam.mu11));
      expect(got[14]).toBe(f32(cam.angle));
      expect(got[15]).toBe(f32(cam.eccentricity));
    }
  });

  it("a symmetric grey object: h7 (exactly 0) takes the camera's sign, gmu03 and gh7 its bits", () => {
    const binary = plainSums(greyObject.px, 7, 7, 20, false);
    const grey = plainSums(greyObject.px, 7, 7, 20, true);
    const cam = cameraHu7(binary);
    const old = oldHu7(binary);
    expect(Math.sign(f32(cam.h7))).toBe(-Math.sign(f32(old.h7)));
    const gcam = cameraHu7(grey);
    const host = computeFeatures(greyObject.px, 7, 7, 20) as Float32Array;
    for (const got of [host, ...BUILDS.map((b) => firmwareFeatures(b, greyObject, 20))]) {
      expect(got[0]).toBe(binary.m00);
      expect(got[40]).toBe(f32(cam.h7));
      expect(got[47]).toBe(f32(gcam.mu03));
      expect(got[54]).toBe(f32(gcam.h7));
    }
  });
});

describe("the split rule: x >= value goes to next + 1, so NaN goes to next", () => {
  // Class 0: meanpos (22) < 0.5 ? +2 : -2; class 1: sr (24) < 10 ? -1 : +1. A uniform-grey object has
  // both NaN: the camera takes next (+2, -1) and answers class 0; the old rule (NaN to next + 1) gave -2,
  // +1 and class 1.
  const model: TreeModel = {
    classCount: 2,
    treesPerClass: 1,
    trees: [tree([split(22, 2, 0.5), leaf(2), leaf(-2)]), tree([split(24, 2, 10), leaf(-1), leaf(1)])],
  };

  it("host reference and both builds send a uniform-grey object's NaN meanpos and sr to next", () => {
    const features = computeFeatures(square.px, SQUARE, SQUARE, 20) as Float32Array;
    const p = predict(model, features);
    expect([...p.sums]).toEqual([2, -1]);
    expect(p.classIndex).toBe(0);
    // A grey ramp has meanpos 0.5 and sr > 10: next + 1 on both trees.
    const ramp = Uint8Array.from({ length: 196 }, (_, i) => 40 + (i % 14) * 5);
    const q = predict(model, computeFeatures(ramp, 14, 14, 20) as Float32Array);
    expect([...q.sums]).toEqual([-2, 1]);
    const bytes = serializeModel(model);
    for (const build of BUILDS) {
      const x = Firmware.create(build).raw;
      new Uint8Array(x.memory.buffer, x.modelStagingPtr(), bytes.length).set(bytes);
      expect(x.loadModel(bytes.length)).toBe(Status.OK);
      new Uint8Array(x.memory.buffer, x.vignetteBufferPtr(), 196).set(square.px);
      expect(x.classifyVignette(14, 14, 20)).toBe(Status.OK);
      expect(x.resultClass()).toBe(0);
      expect(Array.from(new Float64Array(x.memory.buffer, x.classSumsPtr(), 2))).toEqual([2, -1]);
      expect(x.resultScore()).toBe(p.score);
      expect(same(x.resultScore(), f32(x.resultScore()))).toBe(true); // a float32 score
    }
  });
});
