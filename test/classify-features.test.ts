import { describe, expect, it } from "vitest";
import { computeFeatures, computeFeaturesOfMask, FEATURE_COUNT, FEATURE_NAMES } from "../host/classify/features.js";
import { findRegions, largestRegion } from "../host/classify/regions.js";
import { Rng } from "../simulator/random.js";

const f32 = Math.fround;
const at = (features: Float32Array, name: string): number => features[FEATURE_NAMES.indexOf(name)];

/** A vignette from rows of grey levels (row-major). */
function vignette(rows: number[][]): { pixels: Uint8Array; widthPx: number; heightPx: number } {
  const heightPx = rows.length;
  const widthPx = rows[0].length;
  return { pixels: Uint8Array.from(rows.flat()), widthPx, heightPx };
}

function features(rows: number[][], threshold: number): Float32Array {
  const v = vignette(rows);
  const result = computeFeatures(v.pixels, v.widthPx, v.heightPx, threshold);
  if (result === null) throw new Error("no object");
  return result;
}

/** Expect every named feature to equal float32(expected) exactly (NaN matches NaN). */
function expectFeatures(actual: Float32Array, expected: Record<string, number>): void {
  for (const [name, value] of Object.entries(expected)) {
    expect(FEATURE_NAMES).toContain(name);
    expect({ name, value: at(actual, name) }).toEqual({ name, value: f32(value) });
  }
}

/** Expect |actual - expected| <= rel * |expected| for the named features. */
function expectClose(actual: Float32Array, expected: Record<string, number>, rel = 1e-6): void {
  for (const [name, value] of Object.entries(expected)) {
    const got = at(actual, name);
    if (Math.abs(got - value) > rel * Math.abs(value)) {
      throw new Error(`${name}: got ${got}, expected ${value}`);
    }
  }
}

/** A random blob: a random walk of foreground pixels (grey 30..250) inside a size x size square. */
function randomBlob(rng: Rng, size: number, steps: number): number[][] {
  const rows = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let x = size >> 1;
  let y = size >> 1;
  for (let i = 0; i < steps; i++) {
    rows[y][x] = rng.int(30, 250);
    x = Math.min(size - 1, Math.max(0, x + rng.int(-1, 1)));
    y = Math.min(size - 1, Math.max(0, y + rng.int(-1, 1)));
  }
  return rows;
}

/** The rows rotated 90 degrees clockwise: new row y is old column y read bottom-up. */
function rotate90(rows: number[][]): number[][] {
  const h = rows.length;
  const w = rows[0].length;
  return Array.from({ length: w }, (_, y) => Array.from({ length: h }, (_, x) => rows[h - 1 - x][y]));
}

/** rows placed at (dx, dy) inside a background of the given size. */
function embed(rows: number[][], widthPx: number, heightPx: number, dx: number, dy: number, background = 0): number[][] {
  const out = Array.from({ length: heightPx }, () => new Array<number>(widthPx).fill(background));
  rows.forEach((row, y) => row.forEach((p, x) => (out[y + dy][x + dx] = p)));
  return out;
}

describe("FEATURE_NAMES", () => {
  it("lists the 55 features in FEATURES.md order", () => {
    expect(FEATURE_NAMES).toHaveLength(FEATURE_COUNT);
    expect(new Set(FEATURE_NAMES).size).toBe(55);
    expect(FEATURE_NAMES.slice(0, 8)).toEqual(["area", "width", "height", "mean", "stddev", "mode", "min", "max"]);
    expect(FEATURE_NAMES[16]).toBe("intden");
    expect(FEATURE_NAMES[20]).toBe("esd");
    expect(FEATURE_NAMES[26]).toBe("extent");
    expect(FEATURE_NAMES.slice(27, 34)).toEqual(["mu20", "mu11", "mu02", "mu30", "mu21", "mu12", "mu03"]);
    expect(FEATURE_NAMES[34]).toBe("h1");
    expect(FEATURE_NAMES[40]).toBe("h7");
    expect(FEATURE_NAMES[41]).toBe("gmu20");
    expect(FEATURE_NAMES[54]).toBe("gh7");
  });
});

describe("computeFeatures on hand-checked shapes", () => {
  it("single pixel: zero moments, NaN where a zero range or zero eigenvalue divides", () => {
    const f = features([[0, 0, 0], [0, 100, 0], [0, 0, 0]], 20);
    expectFeatures(f, {
      area: 1, width: 1, height: 1, mean: 100, stddev: 0, mode: 100, min: 100, max: 100,
      x: 0, y: 0, xm: 0, ym: 0,
      major: 0, minor: 0, angle: 0, // atan2(0, 0) = 0
      eccentricity: NaN, // sqrt(1 - 0/0)
      intden: 100, median: 100, histcum1: 100, histcum3: 100, esd: Math.sqrt(4 / Math.PI),
      range: 0, meanpos: NaN, cv: 0, sr: NaN, // (mean-min)/0 = 0/0, 100*0/0
      bbox_area: 1, extent: 1,
    });
    expect(at(f, "esd")).toBe(f32(1.1283791670955126));
    // Every central moment is 0; N = I^0... n_pq = 0 / N^k = 0, so all Hu invariants are exactly 0, not NaN.
    for (let i = 27; i < 55; i++) expect({ i, v: f[i] }).toEqual({ i, v: 0 });
  });

  it("2x1 bar with greys 50 and 150", () => {
    const f = features([[50, 150]], 20);
    // N = 2, M10 = 1, M20 = 1, M30 = 1; x = 0.5 -> mu20 = 1 - 0.5 = 0.5, mu30 = 1 - 1.5 + 0.5 = 0.
    // l1 = (0.5 + sqrt(0.25)) / 4 = 0.25, l2 = 0 -> major = 2, minor = 0, eccentricity = 1.
    // Grey: I = 200, G10 = G20 = G30 = 150 -> xm = 0.75, gmu20 = 150 - 112.5 = 37.5,
    // gmu30 = 150 - 3*0.75*150 + 2*0.5625*150 = -18.75 (= 50*(-0.75)^3 + 150*0.25^3).
    expectFeatures(f, {
      area: 2, width: 2, height: 1, mean: 100, stddev: 50, mode: 50, min: 50, max: 150,
      x: 0.5, y: 0, xm: 0.75, ym: 0,
      major: 2, minor: 0, angle: 0, eccentricity: 1,
      intden: 200,
      median: 150, // running count 1 at 50 is not > 1.0, 2 at 150 is
      histcum1: 50, // 1 > 0.5
      histcum3: 150, // 1 is not > 1.5
      esd: Math.sqrt(8 / Math.PI),
      range: 100, meanpos: 0.5, cv: 50, sr: 50, bbox_area: 2, extent: 1,
      mu20: 0.5, mu11: 0, mu02: 0, mu30: 0, mu21: 0, mu12: 0, mu03: 0,
      h1: 0.125, h2: 0.015625, h3: 0, h4: 0, h5: 0, h6: 0, h7: 0, // n20 = 0.5 / 2^2
      gmu20: 37.5, gmu11: 0, gmu02: 0, gmu30: -18.75, gmu21: 0, gmu12: 0, gmu03: 0,
      gh1: 37.5 / 40000, gh2: (37.5 / 40000) ** 2, gh7: 0,
    });
    const n30 = -18.75 / (200 * 200 * Math.sqrt(200));
    expectClose(f, { gh3: n30 * n30, gh4: n30 * n30, gh5: n30 ** 4, gh6: (37.5 / 40000) * n30 * n30 });
  });

  it("1x2 bar (the 2x1 bar rotated) swaps x/y quantities and keeps the invariants", () => {
    const f = features([[50], [150]], 20);
    expectFeatures(f, {
      area: 2, width: 1, height: 2, x: 0, y: 0.5, xm: 0, ym: 0.75, mu20: 0, mu02: 0.5,
      major: 2, minor: 0, eccentricity: 1,
      angle: 0.5 * Math.PI, // 0.5 * atan2(0, mu20 - mu02 = -0.5)
      h1: 0.125, h2: 0.015625, gmu02: 37.5, gmu03: -18.75,
    });
  });

  it("3x3 square with greys 10..90", () => {
    // p(x, y) = 10 + 10x + 30y; threshold 0 keeps all nine pixels.
    const f = features([[10, 20, 30], [40, 50, 60], [70, 80, 90]], 0);
    // Binary: M10 = M01 = 9, M20 = M02 = 15, M11 = 9 -> centre (1,1), mu20 = mu02 = 6, mu11 = 0, third order 0.
    // l1 = l2 = 12 / 18 -> major = minor = 4 sqrt(2/3), eccentricity sqrt(1 - 1) = 0.
    // Grey: I = 450, sum p^2 = 28500 -> variance 28500/9 - 2500 = 2000/3.
    // G10 = 120*0 + 150*1 + 180*2 = 510, G01 = 60*0 + 150*1 + 240*2 = 630.
    const sd = Math.sqrt(28500 / 9 - 2500);
    expectFeatures(f, {
      area: 9, width: 3, height: 3, mean: 50, stddev: sd, mode: 10, min: 10, max: 90,
      x: 1, y: 1, xm: 510 / 450, ym: 630 / 450,
      major: 4 * Math.sqrt(12 / 18), minor: 4 * Math.sqrt(12 / 18), angle: 0, eccentricity: 0,
      intden: 450,
      median: 50, // 5th grey: running count 5 > 4.5
      histcum1: 30, // 3 > 2.25
      histcum3: 70, // 7 > 6.75
      esd: Math.sqrt(36 / Math.PI),
      range: 80, meanpos: 0.5, cv: (100 * sd) / 50, sr: (100 * sd) / 80, bbox_area: 9, extent: 1,
      mu20: 6, mu11: 0, mu02: 6, mu30: 0, mu21: 0, mu12: 0, mu03: 0,
      h1: 12 / 81, h2: 0, h3: 0, h4: 0, h5: 0, h6: 0, h7: 0,
    });
    // Grey central moments straight from the definition sum p (x - xm)^i (y - ym)^j.
    const xm = 510 / 450;
    const ym = 630 / 450;
    const central = (i: number, j: number): number => {
      let s = 0;
      for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) s += (10 + 10 * x + 30 * y) * (x - xm) ** i * (y - ym) ** j;
      return s;
    };
    expectClose(f, {
      gmu20: central(2, 0), gmu11: central(1, 1), gmu02: central(0, 2),
      gmu30: central(3, 0), gmu21: central(2, 1), gmu12: central(1, 2), gmu03: central(0, 3),
    }, 1e-6);
    const n20 = central(2, 0) / 450 ** 2;
    const n02 = central(0, 2) / 450 ** 2;
    const n11 = central(1, 1) / 450 ** 2;
    expectClose(f, { gh1: n20 + n02, gh2: (n20 - n02) ** 2 + 4 * n11 ** 2 }, 1e-5);
  });

  it("mode is the smallest of the most frequent greys; uniform grey gives stddev 0 and NaN meanpos", () => {
    const f = features([[60, 40, 60, 40, 50]], 20);
    expectFeatures(f, { mode: 40, min: 40, max: 60, median: 50 });
    const g = features([[77, 77], [77, 77]], 20);
    expectFeatures(g, { stddev: 0, range: 0, meanpos: NaN, sr: NaN, cv: 0, mode: 77 });
  });
});

describe("computeFeatures: object selection", () => {
  it("returns null when no pixel is strictly above the threshold", () => {
    const v = vignette([[20, 20], [5, 0]]);
    expect(computeFeatures(v.pixels, v.widthPx, v.heightPx, 20)).toBeNull();
    expect(computeFeatures(v.pixels, v.widthPx, v.heightPx, 19)).not.toBeNull();
  });

  it("joins diagonal neighbours (8-connectivity)", () => {
    const f = features([[90, 0, 0], [0, 90, 0], [0, 0, 90]], 20);
    expectFeatures(f, { area: 3, width: 3, height: 3, bbox_area: 9, extent: 3 / 9 });
  });

  it("keeps the largest region when a smaller one is present", () => {
    const rng = new Rng(7);
    const big = randomBlob(rng, 9, 60);
    const alone = features(big, 20);
    const withSpeck = embed(big, 20, 14, 1, 4);
    withSpeck[0][15] = 200; // a 3-pixel speck above and to the right of the blob
    withSpeck[1][16] = 200;
    withSpeck[0][16] = 210;
    expect(at(alone, "area")).toBeGreaterThan(3);
    expect(features(withSpeck, 20)).toEqual(alone);
  });

  it("on a tie keeps the region whose first pixel comes first in raster order", () => {
    // Two 2-pixel regions: A starts at row 0 col 3, B at row 1 col 0.
    const rows = [
      [0, 0, 0, 100, 100],
      [200, 0, 0, 0, 0],
      [200, 0, 0, 0, 0],
    ];
    const v = vignette(rows);
    expect(findRegions(v.pixels, v.widthPx, v.heightPx, 20).map((r) => r.areaPx)).toEqual([2, 2]);
    expect(largestRegion(v.pixels, v.widthPx, v.heightPx, 20)?.xMinPx).toBe(3);
    expectFeatures(features(rows, 20), { mean: 100, width: 2, height: 1 });
  });

  it("gives identical features for the same object anywhere in a larger vignette", () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 10; trial++) {
      const blob = randomBlob(rng, 8, 40);
      const reference = features(blob, 25);
      const dx = rng.int(0, 12);
      const dy = rng.int(0, 12);
      const moved = features(embed(blob, 20, 20, dx, dy, rng.int(0, 25)), 25);
      expect(moved).toEqual(reference);
    }
  });

  it("computeFeaturesOfMask takes an explicit object mask", () => {
    const rows = [[0, 50, 0], [0, 0, 0], [0, 150, 0]];
    const v = vignette(rows);
    const mask = Uint8Array.from([0, 1, 0, 0, 0, 0, 0, 1, 0]); // two pixels, not connected
    const f = computeFeaturesOfMask(v.pixels, v.widthPx, v.heightPx, mask) as Float32Array;
    expectFeatures(f, { area: 2, width: 1, height: 3, mean: 100, y: 1, ym: 1.5 });
    expect(computeFeaturesOfMask(v.pixels, v.widthPx, v.heightPx, new Uint8Array(9))).toBeNull();
    expect(() => computeFeaturesOfMask(v.pixels, v.widthPx, v.heightPx, new Uint8Array(8))).toThrow(RangeError);
  });

  it("rejects inconsistent arguments", () => {
    expect(() => computeFeatures(new Uint8Array(5), 2, 2, 20)).toThrow(RangeError);
    expect(() => computeFeatures(new Uint8Array(4), 2, 2, 256)).toThrow(RangeError);
    expect(() => computeFeatures(new Uint8Array(0), 0, 0, 20)).toThrow(RangeError);
  });
});

describe("computeFeatures: invariances", () => {
  /** Relative closeness with a floor tied to the scale of the invariant's order. */
  function expectInvariantClose(a: number, b: number, scale: number, name: string): void {
    const tolerance = 1e-5 * Math.max(Math.abs(a), Math.abs(b)) + 1e-9 * scale;
    if (!(Math.abs(a - b) <= tolerance)) throw new Error(`${name}: ${a} vs ${b}`);
  }

  it("Hu invariants (binary and grey) are equal for a shape and its 90-degree rotation", () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 20; trial++) {
      const blob = randomBlob(rng, 12, 80);
      const f = features(blob, 20);
      const r = features(rotate90(blob), 20);
      expect(at(r, "area")).toBe(at(f, "area"));
      expect(at(r, "width")).toBe(at(f, "height"));
      expect(at(r, "height")).toBe(at(f, "width"));
      for (const name of ["major", "minor", "eccentricity", "mean", "stddev", "median", "intden"]) {
        expectInvariantClose(at(r, name), at(f, name), 1, name);
      }
      // Scale of each invariant: h1^k with k the invariant's order in n (h1: 1, h2: 2, h3..h4: 2.5 -> use h1^3 as a floor).
      const scaleBinary = [1, 2, 3, 3, 6, 4, 6].map((k) => Math.abs(at(f, "h1")) ** k);
      const scaleGrey = [1, 2, 3, 3, 6, 4, 6].map((k) => Math.abs(at(f, "gh1")) ** k);
      for (let i = 0; i < 7; i++) {
        expectInvariantClose(r[34 + i], f[34 + i], scaleBinary[i], `h${i + 1}`);
        expectInvariantClose(r[48 + i], f[48 + i], scaleGrey[i], `gh${i + 1}`);
      }
    }
  });

  it("a 90-degree rotation swaps mu20 and mu02 and negates mu11", () => {
    const rng = new Rng(5);
    const blob = randomBlob(rng, 10, 50);
    const f = features(blob, 20);
    const r = features(rotate90(blob), 20);
    expect(at(r, "mu20")).toBeCloseTo(at(f, "mu02"), 3);
    expect(at(r, "mu02")).toBeCloseTo(at(f, "mu20"), 3);
    expect(at(r, "mu11")).toBeCloseTo(-at(f, "mu11"), 3);
  });
});
