// Concentration and slope from class counts, on spectra whose answer is known by construction.
import { describe, expect, it } from "vitest";
import { classEdgesUm, concentrationPerL, spectralSlope } from "../host/science/sizeSpectrum.js";

const BOUNDS = [50.8, 64, 80.6, 102, 128, 161, 203, 256, 323, 406, 512, 645, 813, 1020, 1290, 1630, 2050, 2580];

/** Expected counts per class of a power law n(d) = A d^-b integrated over each class. */
function powerLawCounts(b: number, scale: number): number[] {
  const edges = classEdgesUm(BOUNDS);
  const integral = (lo: number, hi: number) => (scale * (lo ** (1 - b) - hi ** (1 - b))) / (b - 1);
  return [...edges.map(([lo, hi]) => integral(lo, hi)), 0];
}

describe("size spectrum", () => {
  it("recovers the slope of an exact power law to within the class-binning bias", () => {
    for (const b of [2.5, 3, 3.5, 4]) expect(spectralSlope(powerLawCounts(b, 1e12), BOUNDS)).toBeCloseTo(b, 1);
  });

  it("ignores empty classes and needs three classes with counts", () => {
    const counts = powerLawCounts(3.5, 1e12);
    counts[8] = 0;
    expect(spectralSlope(counts, BOUNDS)).toBeCloseTo(3.5, 1);
    expect(spectralSlope(new Array(18).fill(0), BOUNDS)).toBeNaN();
  });

  it("gives concentrations per litre above a size", () => {
    const counts = new Array(18).fill(0);
    counts[3] = 72; // 102-128 um
    counts[10] = 36; // 512-645 um
    expect(concentrationPerL(counts, BOUNDS, 100, 0.72, 102)).toBeCloseTo(1.5, 12);
    expect(concentrationPerL(counts, BOUNDS, 100, 0.72, 512)).toBeCloseTo(0.5, 12);
    expect(concentrationPerL(counts, BOUNDS, 0, 0.72, 102)).toBeNaN();
  });
});
