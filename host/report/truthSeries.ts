// The numbers behind the replay's firmware-against-truth charts, from the lit blocs paired with their truth
// (replayTruth.ts): per depth bin the concentration above 102 um and the slope, from the firmware's counts,
// from the objects the simulator placed, and as the simulator drew them; per class, the whole replay's counts.
import { binMid, groupByBin } from "./depthBins.js";
import { classLabel, fitSlope } from "./classTable.js";
import type { ProfilePoint } from "./profileSeries.js";
import type { ReportData, TruthBlocPair } from "./reportData.js";

/** Series names, used as legend entries. */
export const TRUTH_SERIES = { firmware: "firmware (LPM_DATA)", placed: "truth: objects placed", drawn: "truth: as drawn" } as const;

function above(counts: readonly number[], boundsUm: readonly number[], minUm: number): number {
  let n = 0;
  counts.forEach((c, k) => (n += boundsUm[k] >= minUm * 0.99 ? c : 0));
  return n;
}

/** Per depth bin: summed firmware and truth counts, images, image-weighted drawn concentration and slope. */
function pooled(pairs: readonly TruthBlocPair[]) {
  return groupByBin(pairs).map((b) => {
    const fw = new Array(18).fill(0);
    const tr = new Array(18).fill(0);
    let images = 0;
    let conc = 0;
    let slope = 0;
    for (const p of b.items) {
      p.firmwareCounts.forEach((c, k) => (fw[k] += c));
      p.truthCounts.forEach((c, k) => (tr[k] += c));
      images += p.images;
      conc += p.drawnConcentrationPerL * p.images;
      slope += p.drawnSlope * p.images;
    }
    return { depthDbar: binMid(b), fw, tr, images, drawnConc: conc / images, drawnSlope: slope / images };
  });
}

/** Concentration above 102 um per depth bin: firmware, truth placed, and drawn (#/L; drawn needs the volume). */
export function truthConcentration(data: ReportData, pairs: readonly TruthBlocPair[]): ProfilePoint[] {
  const v = data.imageVolume.litres;
  const bounds = data.classes.boundsUm;
  return pooled(pairs).flatMap((b) => {
    const f = above(b.fw, bounds, 102);
    const t = above(b.tr, bounds, 102);
    const per = (n: number) => n / (b.images * (v ?? 1));
    const pts: ProfilePoint[] = [
      { depthDbar: b.depthDbar, series: TRUTH_SERIES.firmware, value: per(f), objects: f, images: b.images },
      { depthDbar: b.depthDbar, series: TRUTH_SERIES.placed, value: per(t), objects: t, images: b.images },
    ];
    if (v !== null) pts.push({ depthDbar: b.depthDbar, series: TRUTH_SERIES.drawn, value: b.drawnConc, objects: t, images: b.images });
    return pts.filter((p) => p.value > 0);
  });
}

/** Spectral slope per depth bin: fitted on the firmware's counts, on the placed objects, and as drawn. */
export function truthSlope(data: ReportData, pairs: readonly TruthBlocPair[]): ProfilePoint[] {
  return pooled(pairs).flatMap((b) => {
    const f = fitSlope(data.classes, b.fw);
    const t = fitSlope(data.classes, b.tr);
    const n = above(b.fw, data.classes.boundsUm, 102);
    const pts: ProfilePoint[] = [];
    if (f !== null) pts.push({ depthDbar: b.depthDbar, series: TRUTH_SERIES.firmware, value: f, objects: n, images: b.images });
    if (t !== null) pts.push({ depthDbar: b.depthDbar, series: TRUTH_SERIES.placed, value: t, objects: above(b.tr, data.classes.boundsUm, 102), images: b.images });
    if (f !== null || t !== null) pts.push({ depthDbar: b.depthDbar, series: TRUTH_SERIES.drawn, value: b.drawnSlope, objects: n, images: b.images });
    return pts;
  });
}

/** One class's whole-replay count, firmware or truth. */
export interface ClassTotal {
  classIndex: number;
  classLabel: string;
  series: string;
  count: number;
}

/** Counts per class over every paired lit bloc, firmware and truth (zeros left out: log axis). */
export function truthClassTotals(data: ReportData, pairs: readonly TruthBlocPair[]): ClassTotal[] {
  const fw = new Array(18).fill(0);
  const tr = new Array(18).fill(0);
  for (const p of pairs) {
    p.firmwareCounts.forEach((c, k) => (fw[k] += c));
    p.truthCounts.forEach((c, k) => (tr[k] += c));
  }
  const out: ClassTotal[] = [];
  for (let k = 0; k < 18; k++) {
    if (fw[k] > 0) out.push({ classIndex: k, classLabel: classLabel(data.classes, k), series: TRUTH_SERIES.firmware, count: fw[k] });
    if (tr[k] > 0) out.push({ classIndex: k, classLabel: classLabel(data.classes, k), series: TRUTH_SERIES.placed, count: tr[k] });
  }
  return out;
}
