// Realism statistics of real LPM slices (float 4903634): per-level definitions on hand-made levels, then the
// ranges by depth band over the six fixture profiles, checked for sanity against DOMAIN.md section 9 and against
// the shipped test/fixtures/argo-4903634/realism-ranges.json (regenerate it with UPDATE_ARGO_REALISM=1).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LpmLevel } from "../host/formats/argo/auxTypes.js";
import {
  CLASS_BOUNDS_2022_01_UM,
  computeRealismRanges,
  percentile,
  realismRangesJson,
  realismStats,
  type Spread,
} from "../host/formats/argo/realismStats.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "argo-4903634");
const FILES = readdirSync(FIXTURES)
  .filter((f) => /^R4903634_\d{3}_aux\.nc$/u.test(f))
  .sort()
  .map((f) => join(FIXTURES, f));
const RANGES_JSON = join(FIXTURES, "realism-ranges.json");
const B = CLASS_BOUNDS_2022_01_UM;

const level = (counts: number[], images = 10): LpmLevel => ({
  pressureDbar: 500,
  timeS: 0,
  images,
  temperatureC: 5,
  counts,
  grey: new Array<number>(18).fill(0),
});

describe("realismStats definitions", () => {
  it("divides the counts from the 102 and 512 um classes upward by images x volume", () => {
    const [s] = realismStats([level(new Array<number>(18).fill(1))], 0.5, B);
    expect(s.concGe102PerL).toBeCloseTo(15 / 5, 12); // classes 102 ... 2580 (open) = 15 classes
    expect(s.concGe512PerL).toBeCloseTo(8 / 5, 12); // classes 512 ... 2580 = 8 classes
  });

  it("recovers the exponent of a power-law spectrum over the 102-2050 um classes", () => {
    const counts = B.map((lo, k) => {
      const hi = B[k + 1] ?? 2 * lo;
      return 1e6 * (hi - lo) * Math.sqrt(lo * hi) ** -3.5;
    });
    counts[0] = 1e9; // outside the fit range: no effect
    counts[17] = 0;
    const [s] = realismStats([level(counts)], 0.72, B);
    expect(s.slopeClasses).toBe(13); // 102, 128, ..., 1630 (upper bound 2050)
    expect(s.slopeB).toBeCloseTo(3.5, 10);
  });

  it("leaves out empty classes, needs 3 classes for a slope, and skips levels without images", () => {
    const sparse = new Array<number>(18).fill(0);
    sparse[3] = 100;
    sparse[5] = 10;
    const stats = realismStats([level(sparse), level(new Array<number>(18).fill(1), 0)], 0.72, B);
    expect(stats).toHaveLength(1);
    expect(stats[0].slopeB).toBeNull();
    expect(stats[0].slopeClasses).toBe(2);
  });

  it("refuses bad volumes and class lists", () => {
    expect(() => realismStats([], 0, B)).toThrow(/volume/u);
    expect(() => realismStats([], 0.7, [...B].reverse())).toThrow(/increasing/u);
    expect(() => realismStats([level([1, 2, 3])], 0.7, B)).toThrow(/classes/u);
  });

  it("interpolates percentiles between order statistics", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.1)).toBe(2);
    expect(percentile([0, 10], 0.9)).toBe(9);
    expect(percentile([7], 0.1)).toBe(7);
  });
});

describe("realism ranges of float 4903634 (6 ascents, 0.72 L, 2022.01 classes)", () => {
  const ranges = computeRealismRanges(FILES, { volumeL: 0.72, boundsUm: B });
  if (process.env.UPDATE_ARGO_REALISM === "1") writeFileSync(RANGES_JSON, realismRangesJson(ranges));

  it("matches the shipped realism-ranges.json", () => {
    expect(JSON.parse(readFileSync(RANGES_JSON, "utf8"))).toEqual(JSON.parse(realismRangesJson(ranges)));
  });

  const band = (name: string) => {
    const b = ranges.bands.find((x) => x.band === name);
    if (b === undefined) throw new Error(`no band ${name}`);
    return b;
  };
  const ordered = (s: Spread | null): Spread => {
    expect(s).not.toBeNull();
    const v = s as Spread;
    for (const x of [v.min, v.p10, v.p90, v.max]) expect(Number.isFinite(x)).toBe(true);
    expect(v.min <= v.p10 && v.p10 <= v.p90 && v.p90 <= v.max).toBe(true);
    return v;
  };
  /** Within an order of magnitude of a DOMAIN.md range [lo, hi]. */
  const within = (x: number, lo: number, hi: number) => {
    expect(x).toBeGreaterThanOrEqual(lo / 10);
    expect(x).toBeLessThanOrEqual(hi * 10);
  };

  it("covers every depth band with finite, ordered values", () => {
    expect(ranges.bands.map((b) => b.band)).toEqual(["0-100", "100-500", "500-1000", "1000-2100"]);
    for (const b of ranges.bands) {
      expect(b.levels).toBeGreaterThan(50);
      expect(b.slopeLevels).toBeGreaterThan(0.9 * b.levels);
      expect(ordered(b.concGe102PerL).min).toBeGreaterThan(0);
      expect(ordered(b.concGe512PerL).min).toBeGreaterThanOrEqual(0);
      ordered(b.slopeB);
      expect(b.concGe512PerL?.max ?? 0).toBeLessThan(b.concGe102PerL?.max ?? 0);
    }
  });

  it("is within DOMAIN.md section 9 orders of magnitude", () => {
    // Near the surface (the upper decile of 0-100 dbar: deeper slices and winter profiles are much lower).
    within(band("0-100").concGe102PerL?.p90 ?? 0, 400, 1500);
    within(band("0-100").concGe512PerL?.p90 ?? 0, 8, 30);
    // At 1000-2000 m, the whole 10-90 % range.
    const deep = band("1000-2100");
    for (const x of [deep.concGe102PerL?.p10 ?? 0, deep.concGe102PerL?.p90 ?? 0]) within(x, 10, 40);
    for (const x of [deep.concGe512PerL?.p10 ?? 0, deep.concGe512PerL?.p90 ?? 0]) within(x, 0.2, 2.5);
    // Slope b ~ 3-4: the 10-90 % range of every band within 2.5-5, every level within 2-6.
    for (const b of ranges.bands) {
      const s = b.slopeB as Spread;
      expect(s.p10).toBeGreaterThanOrEqual(2.5);
      expect(s.p90).toBeLessThanOrEqual(5);
      expect(s.min).toBeGreaterThanOrEqual(2);
      expect(s.max).toBeLessThanOrEqual(6);
    }
    // Fewer particles at depth.
    expect(deep.concGe102PerL?.p90 ?? Infinity).toBeLessThan(band("0-100").concGe102PerL?.p90 ?? 0);
    expect(deep.concGe512PerL?.p90 ?? Infinity).toBeLessThan(band("0-100").concGe512PerL?.p90 ?? 0);
  });
});
