// Simulated profiles against the real float's: the firmware's records of a replayed mission are
// summed into depth slices like the float's (thin near the surface, thick at depth) and put through
// the same statistics as the real Argo slices (host/formats/argo/realismStats.ts).
import type { RealismRanges } from "../host/formats/argo/realismStats.js";
import { realismStats, type RealismLevel } from "../host/formats/argo/realismStats.js";
import type { LpmLevel } from "../host/formats/argo/auxTypes.js";
import type { BlocRecord } from "../host/firmware/index.js";

/** Slice thickness (dbar) by depth, like float 4903634's zones: 10 / 20 / 50 / 100 dbar below 0 / 100 / 500 / 1000. */
export function sliceThicknessDbar(pressureDbar: number): number {
  return pressureDbar < 100 ? 10 : pressureDbar < 500 ? 20 : pressureDbar < 1000 ? 50 : 100;
}

/** Sums lit, not over-exposed records into depth slices (counts and images summed, P averaged). */
export function sliceRecords(records: readonly BlocRecord[]): LpmLevel[] {
  const slices = new Map<number, { p: number; n: number; images: number; counts: number[]; t: number }>();
  for (const r of records) {
    if (r.kind !== "LPM" || r.overexposed || r.images === 0) continue;
    const thick = sliceThicknessDbar(r.pressureDbar);
    const key = Math.floor(r.pressureDbar / thick) * thick;
    const s = slices.get(key) ?? { p: 0, n: 0, images: 0, counts: new Array(18).fill(0), t: r.timeS };
    s.p += r.pressureDbar;
    s.n++;
    s.images += r.images;
    r.counts.forEach((c, k) => (s.counts[k] += c));
    slices.set(key, s);
  }
  return [...slices.values()].map((s) => ({ pressureDbar: s.p / s.n, timeS: s.t, images: s.images, temperatureC: 0, counts: s.counts, grey: new Array(18).fill(0) }));
}

/** One depth band's simulated slices beside the real float's ranges for that band. */
export interface BandComparison {
  band: string;
  slices: number;
  median: { concGe102PerL: number; concGe512PerL: number; slopeB: number };
  real: RealismRanges["bands"][number];
  /** Simulated slices whose concentration >102 um lies within the real band's min-max. */
  slicesWithin102: number;
  /** Band medians within the real band's 10th-90th percentiles. */
  medianWithinP10P90: { concGe102PerL: boolean; concGe512PerL: boolean; slopeB: boolean };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const within = (x: number, lo: number, hi: number) => x >= lo && x <= hi;

/** Compares the slices of a replayed simulated mission with the real ranges, band by band. */
export function compareWithReal(records: readonly BlocRecord[], volumeL: number, boundsUm: readonly number[], ranges: RealismRanges): BandComparison[] {
  const levels: RealismLevel[] = realismStats(sliceRecords(records), volumeL, boundsUm);
  return ranges.bands.map((real) => {
    const inBand = levels.filter((l) => l.pressureDbar >= real.minDbar && l.pressureDbar < real.maxDbar);
    const m = {
      concGe102PerL: median(inBand.map((l) => l.concGe102PerL)),
      concGe512PerL: median(inBand.map((l) => l.concGe512PerL)),
      slopeB: median(inBand.flatMap((l) => (l.slopeB === null ? [] : [l.slopeB]))),
    };
    return {
      band: real.band,
      slices: inBand.length,
      median: m,
      real,
      slicesWithin102: real.concGe102PerL === null ? 0 : inBand.filter((l) => within(l.concGe102PerL, real.concGe102PerL!.min, real.concGe102PerL!.max)).length,
      medianWithinP10P90: {
        concGe102PerL: real.concGe102PerL !== null && within(m.concGe102PerL, real.concGe102PerL.p10, real.concGe102PerL.p90),
        concGe512PerL: real.concGe512PerL !== null && within(m.concGe512PerL, real.concGe512PerL.p10, real.concGe512PerL.p90),
        slopeB: real.slopeB !== null && within(m.slopeB, real.slopeB.p10, real.slopeB.p90),
      },
    };
  });
}
