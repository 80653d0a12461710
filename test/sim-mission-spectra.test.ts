// Particle concentrations and spectral slopes drawn by the mission simulator follow its depth profiles.

import { describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { effectiveClassEdgesUm, fitSlopeMaxLikelihood } from "../host/science/sizeSpectrum.js";
import {
  createFrameContext,
  drawMissionFrame,
  particleConcentrationAbovePerL,
  particleConcentrationPerL,
  particleSlope,
} from "../simulator/mission/index.js";

const profile = loadProfile("000118LP");
const { aaUm2, exp, classLowerBoundsUm } = profile.hw;
const FIRST = classLowerBoundsUm.indexOf(102); // class 4 (102 um)
const LAST = classLowerBoundsUm.indexOf(2050); // class 17 (2050-2580 um)

const esdOfArea = (areaPx: number): number => 2 * Math.sqrt((aaUm2 * areaPx ** exp) / Math.PI);

// Smallest pixel area whose ESD reaches boundUm.
function minArea(boundUm: number): number {
  let a = 1;
  while (esdOfArea(a) < Math.fround(boundUm)) a++;
  return a;
}

// Effective class edges (host/science/sizeSpectrum.ts explains why nominal bounds bias the slope).
function effectiveBoundsUm(): number[] {
  return effectiveClassEdgesUm(classLowerBoundsUm.map((b) => minArea(b)), aaUm2, exp, FIRST, LAST);
}

const fitSlope = fitSlopeMaxLikelihood;

// Sums class counts (from the truth) over `frames` lit frames at one pressure.
function classTotals(pressureDbar: number, scale: number, frames: number, seed: number): { counts: number[]; volumeL: number } {
  const ctx = createFrameContext(profile, { seed, frameScale: scale });
  const counts = new Array<number>(18).fill(0);
  for (let index = 0; index < frames; index++) {
    const { truth } = drawMissionFrame(ctx, { index, pressureDbar, kind: "lit" });
    expect(truth.concentrationPerL).toBe(particleConcentrationPerL(pressureDbar));
    expect(truth.slope).toBe(particleSlope(pressureDbar));
    truth.classCounts.forEach((c, k) => (counts[k] += c));
  }
  return { counts, volumeL: ctx.volumeL * frames };
}

describe("mission particle spectra", () => {
  it("has depth profiles in the ranges of DOMAIN.md 9 (deep > 512 um: in float 4903634's real range)", () => {
    expect(particleConcentrationPerL(0)).toBeGreaterThanOrEqual(400);
    expect(particleConcentrationPerL(0)).toBeLessThanOrEqual(1500);
    for (const p of [1000, 1500, 2000]) {
      expect(particleConcentrationPerL(p)).toBeGreaterThanOrEqual(10);
      expect(particleConcentrationPerL(p)).toBeLessThanOrEqual(40);
      // DOMAIN.md 9 gives 0.2-2.5 /L at depth in general; the real float these profiles are tuned on has
      // 0.058-0.35 /L (10th-90th percentile of its 1000-2100 dbar slices), the yardstick here.
      expect(particleConcentrationAbovePerL(p, 512)).toBeGreaterThanOrEqual(0.058);
      expect(particleConcentrationAbovePerL(p, 512)).toBeLessThanOrEqual(0.35);
    }
    expect(particleConcentrationAbovePerL(0, 512)).toBeGreaterThanOrEqual(8);
    expect(particleConcentrationAbovePerL(0, 512)).toBeLessThanOrEqual(30);
    for (let p = 0; p <= 2000; p += 50) {
      expect(particleSlope(p)).toBeGreaterThanOrEqual(3);
      expect(particleSlope(p)).toBeLessThanOrEqual(4);
      if (p > 0) {
        expect(particleSlope(p)).toBeGreaterThan(particleSlope(p - 50)); // steeper at depth
        expect(particleConcentrationPerL(p)).toBeLessThan(particleConcentrationPerL(p - 50));
      }
    }
  });

  for (const [pressureDbar, scale, frames] of [
    [20, 0.25, 300],
    [1000, 0.5, 300],
  ] as const) {
    it(`counts concentration x volume particles >= 102 um per frame, and the slope, at ${pressureDbar} dbar`, () => {
      const { counts, volumeL } = classTotals(pressureDbar, scale, frames, 17);
      // Concentration: the count of objects in the >= 102 um classes is Poisson with mean C x V.
      const observed = counts.slice(FIRST).reduce((a, b) => a + b, 0);
      const expected = particleConcentrationPerL(pressureDbar) * volumeL;
      expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(expected));
      // Slope over the 102-2050 um classes.
      const fitted = fitSlope(counts.slice(FIRST, LAST + 1), effectiveBoundsUm());
      console.log(`${pressureDbar} dbar: ${observed} objects >= 102 um (expected ${expected.toFixed(0)}), slope ${fitted.toFixed(3)} (truth ${particleSlope(pressureDbar).toFixed(3)})`);
      expect(Math.abs(fitted - particleSlope(pressureDbar))).toBeLessThan(0.2);
    });
  }
});
