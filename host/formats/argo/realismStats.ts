// Realism statistics of LPM slices: particle concentrations above 102 and 512 um and the number-spectrum slope,
// per level, and their ranges by depth band over a set of real Argo AUX files (to check the simulator against).
//
// Concentration (#/L) above a size: counts summed over the classes from the one whose lower bound is that size
// upward (the last, open class included), divided by images * image volume (L). This is CONCENTRATION_LPM of the
// Argo decoder (NB / (Image_volume * NB_IMAGE)) summed over classes.
//
// Slope b of n(d) ~ d^-b: for each class k inside [102, 2050] um (lower bound >= 102, upper bound <= 2050, i.e.
// the 13 classes 102 ... 1630 um of the 2022.01 list; the last, open class never counts), the number density
// n_k / width_k (#/L/um, width = upper - lower bound) against the geometric middle sqrt(lower * upper); b is minus
// the ordinary least-squares slope of ln(density) on ln(middle). Classes with zero counts are left out (no log of
// 0), and a level needs at least 3 non-empty classes for a slope (else null). Unweighted: the sparse large
// classes (1-2 particles) weigh as much as the well-counted small ones.

import { readFileSync } from "node:fs";
import { concentrationPerL, fitSpectralSlope } from "../../science/sizeSpectrum.js";
import { basename } from "node:path";
import { readAuxProfile } from "./auxReader.js";
import type { LpmLevel } from "./auxTypes.js";

/** Lower ESD bounds (um) of the 18 classes, firmware >= 2022.01 (DOMAIN.md section 2); the last is open. */
export const CLASS_BOUNDS_2022_01_UM: readonly number[] = [
  50.8, 64, 80.6, 102, 128, 161, 203, 256, 323, 406, 512, 645, 813, 1020, 1290, 1630, 2050, 2580,
];

export interface RealismLevel {
  pressureDbar: number;
  timeS: number;
  images: number;
  /** Concentration of particles with ESD >= 102 um (#/L). */
  concGe102PerL: number;
  /** Concentration of particles with ESD >= 512 um (#/L). */
  concGe512PerL: number;
  /** b in n(d) ~ d^-b over the 102-2050 um classes; null with fewer than 3 non-empty classes. */
  slopeB: number | null;
  /** Number of classes the slope was fitted on. */
  slopeClasses: number;
}

export interface RealismOptions {
  /** Lower end of the slope fit (um), default 102. */
  slopeMinUm?: number;
  /** Upper end of the slope fit (um), default 2050. */
  slopeMaxUm?: number;
}

/** Per-level concentrations above 102 and 512 um and spectral slope (host/science/sizeSpectrum.ts defines
 *  both). Levels with no images are left out. */
export function realismStats(
  levels: readonly LpmLevel[],
  volumeL: number,
  boundsUm: readonly number[],
  options: RealismOptions = {},
): RealismLevel[] {
  if (!(volumeL > 0) || !Number.isFinite(volumeL)) throw new RangeError(`image volume ${volumeL} L must be positive`);
  if (boundsUm.length < 2 || boundsUm.some((b, k) => !(b > 0) || (k > 0 && b <= boundsUm[k - 1]))) {
    throw new RangeError(`class bounds must be positive and increasing: ${boundsUm.join(", ")}`);
  }
  const out: RealismLevel[] = [];
  for (const lv of levels) {
    if (lv.counts.length !== boundsUm.length) {
      throw new RangeError(`level at ${lv.pressureDbar} dbar has ${lv.counts.length} classes, bounds list ${boundsUm.length}`);
    }
    if (!(lv.images > 0)) continue;
    const fit = fitSpectralSlope(lv.counts, boundsUm, options.slopeMinUm ?? 102, options.slopeMaxUm ?? 2050);
    out.push({
      pressureDbar: lv.pressureDbar,
      timeS: lv.timeS,
      images: lv.images,
      concGe102PerL: concentrationPerL(lv.counts, boundsUm, lv.images, volumeL, 102),
      concGe512PerL: concentrationPerL(lv.counts, boundsUm, lv.images, volumeL, 512),
      slopeB: fit.slopeB,
      slopeClasses: fit.classes,
    });
  }
  return out;
}

/** Percentile p (0-1) of ascending-sorted values, linear interpolation between order statistics (R type 7,
 *  numpy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Spread {
  min: number;
  p10: number;
  p90: number;
  max: number;
}

export interface RealismBandRange {
  /** e.g. "0-100" (dbar); a level belongs to the band when minDbar <= pressure < maxDbar. */
  band: string;
  minDbar: number;
  maxDbar: number;
  /** LPM levels (with images) in the band. */
  levels: number;
  concGe102PerL: Spread | null;
  concGe512PerL: Spread | null;
  slopeB: Spread | null;
  /** Levels that had a slope (>= 3 non-empty classes). */
  slopeLevels: number;
}

export interface RealismRanges {
  description: string;
  files: string[];
  volumeL: number;
  boundsUm: number[];
  slopeRangeUm: [number, number];
  percentiles: string;
  bands: RealismBandRange[];
}

export interface RealismRangesOptions extends RealismOptions {
  /** Image volume (L), default 0.72 (UVP6-LP 000118LP of float 4903634). */
  volumeL?: number;
  /** Class lower bounds (um), default the 2022.01 list. */
  boundsUm?: readonly number[];
  /** Depth bands [min, max) in dbar, default 0-100, 100-500, 500-1000, 1000-2100. */
  bandsDbar?: readonly (readonly [number, number])[];
}

export const DEFAULT_DEPTH_BANDS_DBAR: readonly (readonly [number, number])[] = [
  [0, 100],
  [100, 500],
  [500, 1000],
  [1000, 2100],
];

/** Values are rounded to 6 significant digits so that the JSON stays small and stable. */
function sig(x: number): number {
  return Number(x.toPrecision(6));
}

function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return { min: sig(s[0]), p10: sig(percentile(s, 0.1)), p90: sig(percentile(s, 0.9)), max: sig(s[s.length - 1]) };
}

/** Ranges (min, 10th and 90th percentiles, max) of concentration >= 102 um, >= 512 um and slope b by depth band,
 *  over the LPM levels of the given Argo AUX profile files (paths). */
export function computeRealismRanges(files: readonly string[], options: RealismRangesOptions = {}): RealismRanges {
  const volumeL = options.volumeL ?? 0.72;
  const boundsUm = [...(options.boundsUm ?? CLASS_BOUNDS_2022_01_UM)];
  const bands = options.bandsDbar ?? DEFAULT_DEPTH_BANDS_DBAR;
  const slopeRangeUm: [number, number] = [options.slopeMinUm ?? 102, options.slopeMaxUm ?? 2050];
  const stats: RealismLevel[] = [];
  for (const f of files) {
    const profile = readAuxProfile(readFileSync(f), basename(f));
    stats.push(...realismStats(profile.lpm, volumeL, boundsUm, { slopeMinUm: slopeRangeUm[0], slopeMaxUm: slopeRangeUm[1] }));
  }
  return {
    description:
      "LPM slices of Argo AUX files: concentration (#/L) of particles with ESD >= 102 and >= 512 um, and slope b of " +
      "n(d) ~ d^-b fitted over the 102-2050 um classes (host/formats/argo/realismStats.ts), by depth band",
    files: files.map((f) => basename(f)),
    volumeL,
    boundsUm,
    slopeRangeUm,
    percentiles: "linear interpolation between order statistics (R type 7)",
    bands: bands.map(([minDbar, maxDbar]) => {
      const inBand = stats.filter((s) => s.pressureDbar >= minDbar && s.pressureDbar < maxDbar);
      const slopes = inBand.flatMap((s) => (s.slopeB === null ? [] : [s.slopeB]));
      return {
        band: `${minDbar}-${maxDbar}`,
        minDbar,
        maxDbar,
        levels: inBand.length,
        concGe102PerL: spread(inBand.map((s) => s.concGe102PerL)),
        concGe512PerL: spread(inBand.map((s) => s.concGe512PerL)),
        slopeB: spread(slopes),
        slopeLevels: slopes.length,
      };
    }),
  };
}

/** The JSON text of realism ranges as shipped in test/fixtures/argo-4903634/realism-ranges.json. */
export function realismRangesJson(ranges: RealismRanges): string {
  return JSON.stringify(ranges, null, 2) + "\n";
}
