import { describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { computeFeatures, FEATURE_NAMES } from "../host/classify/features.js";
import { findRegions, largestRegion } from "../host/classify/regions.js";
import { esdOfAreaUm } from "../simulator/mission/sizeClasses.js";
import { Rng } from "../simulator/random.js";
import {
  INTRUDER_SHARE,
  minVignetteAreaPx,
  TAXA_CLASS_COUNT,
  TAXA_ECOTAXA_IDS,
  TAXA_NAMES,
  taxaAreaRangePx,
  taxaDataset,
  taxaVignette,
  VIGNETTE_MARGIN_PX,
  type TaxaVignette,
} from "../simulator/taxa/taxaDataset.js";

const profile = loadProfile("000118LP");
const threshold = profile.hw.thresholdGrey;
const F = (name: string): number => FEATURE_NAMES.indexOf(name);

describe("taxa dataset", () => {
  it("names four classes with illustrative ids, sizes from the 813 um vignetting limit", () => {
    expect(TAXA_NAMES).toEqual(["aggregate", "copepod", "fibre", "dark sphere"]);
    expect(TAXA_ECOTAXA_IDS).toHaveLength(TAXA_CLASS_COUNT);
    expect(profile.acq.vignettingLowerLimitUm).toBe(813);
    const min = minVignetteAreaPx(profile);
    expect(esdOfAreaUm(min, profile.hw.aaUm2, profile.hw.exp)).toBeGreaterThanOrEqual(813);
    expect(esdOfAreaUm(min - 1, profile.hw.aaUm2, profile.hw.exp)).toBeLessThan(813);
    expect(min).toBe(118);
    for (let c = 0; c < TAXA_CLASS_COUNT; c++) {
      const [lo, hi] = taxaAreaRangePx(c, profile);
      expect(lo).toBe(min);
      expect(hi).toBeGreaterThan(2 * lo);
    }
    expect(taxaAreaRangePx(2, profile)[1]).toBe(400); // fibres: the mission's FIBRE_MAX_AREA_PX
    expect(() => taxaVignette(new Rng(1), 4, profile)).toThrow(RangeError);
  });

  it("is deterministic: the same seed gives the same vignettes, another seed others", () => {
    const a = taxaDataset(42, 12, profile);
    const b = taxaDataset(42, 12, profile);
    expect(a).toHaveLength(48);
    expect(b).toEqual(a);
    const c = taxaDataset(43, 12, profile);
    expect(c.map((v) => v.areaPx)).not.toEqual(a.map((v) => v.areaPx));
    // Vignette k does not depend on the dataset's size (one forked stream per vignette).
    expect(taxaDataset(42, 3, profile)).toEqual(a.slice(0, 12));
    expect(a.map((v) => v.classIndex).slice(0, 8)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(taxaVignette(new Rng(9), 1, profile)).toEqual(taxaVignette(new Rng(9), 1, profile));
  });

  const dataset = taxaDataset(7, 60, profile);

  it("every vignette's largest region is the object, with exactly its area, boxed with a 2-px margin", () => {
    const m = VIGNETTE_MARGIN_PX;
    for (const v of dataset) {
      expect(v.threshold).toBe(threshold);
      expect(v.pixels).toHaveLength(v.widthPx * v.heightPx);
      const [lo, hi] = taxaAreaRangePx(v.classIndex, profile);
      expect(v.areaPx).toBeGreaterThanOrEqual(lo);
      expect(v.areaPx).toBeLessThanOrEqual(hi);
      expect(v.esdUm).toBeGreaterThanOrEqual(813);
      const region = largestRegion(v.pixels, v.widthPx, v.heightPx, threshold)!;
      expect(region.areaPx).toBe(v.areaPx);
      expect([region.xMinPx, region.yMinPx, region.xMaxPx, region.yMaxPx]).toEqual([m, m, v.widthPx - 1 - m, v.heightPx - 1 - m]);
      // Only an intruding neighbour puts other pixels above the threshold; it is always smaller.
      const regions = findRegions(v.pixels, v.widthPx, v.heightPx, threshold);
      if (v.intruded) {
        expect(regions.length).toBeGreaterThan(1);
        for (const r of regions) if (r !== region && r.pixelIndices[0] !== region.pixelIndices[0]) expect(r.areaPx).toBeLessThan(v.areaPx);
      } else {
        expect(regions).toHaveLength(1);
      }
    }
  });

  it("about a quarter of the vignettes have an intruding neighbour, in every class", () => {
    const intruded = dataset.filter((v) => v.intruded);
    expect(intruded.length / dataset.length).toBeGreaterThan(INTRUDER_SHARE - 0.1);
    expect(intruded.length / dataset.length).toBeLessThan(INTRUDER_SHARE + 0.1);
    for (let c = 0; c < TAXA_CLASS_COUNT; c++) expect(intruded.some((v) => v.classIndex === c)).toBe(true);
    // Asked for, an intruder is nearly always placed; never when told not to.
    const rng = new Rng(3);
    let placed = 0;
    for (let i = 0; i < 80; i++) if (taxaVignette(rng, i % 4, profile, { intruder: true }).intruded) placed++;
    expect(placed).toBeGreaterThan(60);
    for (let i = 0; i < 20; i++) expect(taxaVignette(rng, i % 4, profile, { intruder: false }).intruded).toBe(false);
  });

  // Ranges measured on 300 vignettes per class (seed 7): aggregate elongation 1.02-2.87, extent 0.49-0.86,
  // mean 81-97; copepod elongation 2.2-3.4, extent 0.12-0.26, min grey threshold + 8..10; fibre area / long
  // side 1.9-2.8, elongation 6-78; dark sphere elongation 1.00-1.15, extent 0.68-0.86, greys 23-26.
  it("each class looks like itself (features of the largest region)", () => {
    const byClass = (c: number): Float32Array[] =>
      dataset.filter((v: TaxaVignette) => v.classIndex === c).map((v) => computeFeatures(v.pixels, v.widthPx, v.heightPx, v.threshold)!);
    const elongation = (f: Float32Array): number => f[F("major")] / f[F("minor")];
    for (const f of byClass(0)) {
      // aggregate: a compact bright blob
      expect(elongation(f)).toBeLessThan(3.2);
      expect(f[F("extent")]).toBeGreaterThan(0.4);
      expect(f[F("mean")]).toBeGreaterThan(threshold + 30);
    }
    for (const f of byClass(1)) {
      // copepod: an elongated bright body with dim appendages sticking out of its ellipse
      expect(f[F("mean")]).toBeGreaterThan(threshold + 60);
      expect(f[F("min")]).toBeLessThanOrEqual(threshold + 20);
      expect(elongation(f)).toBeGreaterThan(2);
      expect(f[F("extent")]).toBeLessThan(0.35);
    }
    for (const f of byClass(2)) {
      // fibre: long and thin, greys 35-70
      expect(f[F("area")] / Math.max(f[F("width")], f[F("height")])).toBeLessThan(3.5);
      expect(elongation(f)).toBeGreaterThan(5);
      expect(f[F("max")]).toBeLessThanOrEqual(Math.ceil(70 * 1.1));
    }
    for (const f of byClass(3)) {
      // dark sphere: round, greys just above the threshold
      expect(elongation(f)).toBeLessThan(1.25);
      expect(f[F("extent")]).toBeGreaterThan(0.6);
      expect(f[F("min")]).toBeGreaterThanOrEqual(threshold + 1);
      expect(f[F("max")]).toBeLessThanOrEqual(threshold + 4);
    }
  });

  it("has no feature that is NaN, infinite or exactly -1 (what XGBoost would read as missing)", () => {
    for (const v of dataset) {
      const f = computeFeatures(v.pixels, v.widthPx, v.heightPx, v.threshold)!;
      for (let i = 0; i < f.length; i++) {
        expect(Number.isFinite(f[i])).toBe(true);
        expect(f[i]).not.toBe(-1);
      }
      expect(f[F("range")]).toBeGreaterThan(0);
    }
  });
});
