// The numbers behind the black-frame charts: noise objects per black image per class, and the small-object
// counts (classes 1-2) of black and lit images that the sunlight depth is judged from (sunlight.ts).
import { lpmBins } from "./profileSeries.js";
import { classLabel } from "./classTable.js";
import type { ReportData } from "./reportData.js";
import { SMALL_CLASSES, sunlightDepth, type LitSmall, type SunlightResult } from "./sunlight.js";

/** Classes of black counts drawn: the 5 the float keeps (an RS232 log has 18; the others hold ~nothing). */
export const BLACK_CLASSES_DRAWN = 5;

/** One black record's count per image in one class. */
export interface BlackPoint {
  depthDbar: number;
  series: string;
  value: number;
  count: number;
  images: number;
}

/** BLACK_NB_SIZE_SPECTRA_PARTICLES / BLACK_NB_IMAGE_PARTICLES per record and class (zeros left out: log axis). */
export function blackNoisePoints(data: ReportData): BlackPoint[] {
  const out: BlackPoint[] = [];
  for (const r of data.black) {
    if (!(r.images > 0)) continue;
    for (let k = 0; k < Math.min(BLACK_CLASSES_DRAWN, r.counts.length); k++) {
      if (r.counts[k] > 0) out.push({ depthDbar: r.pressureDbar, series: `class ${k + 1} (${classLabel(data.classes, k)} µm)`, value: r.counts[k] / r.images, count: r.counts[k], images: r.images });
    }
  }
  return out;
}

function small(counts: readonly number[]): number {
  let n = 0;
  for (let k = 0; k < SMALL_CLASSES; k++) n += counts[k] ?? 0;
  return n;
}

/** Lit small objects per image per depth bin. */
export function litSmall(data: ReportData): LitSmall[] {
  return lpmBins(data).map((b) => ({ topDbar: b.topDbar, bottomDbar: b.bottomDbar, perImage: small(b.counts) / b.images }));
}

/** The sunlight verdict of the data's black and lit records. */
export function sunlightOf(data: ReportData): SunlightResult {
  const black = data.black.filter((r) => r.images > 0).map((r) => ({ pressureDbar: r.pressureDbar, perImage: small(r.counts) / r.images }));
  return sunlightDepth(black, litSmall(data));
}
