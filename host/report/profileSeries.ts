// The numbers behind the particle charts, per depth bin: concentration per class, totals above 102 and 512 um,
// spectral slope, and mean grey per class per depth band. Records of a bin are pooled (counts and images
// summed, then divided), which is how the float itself merges blocs into a slice.
import { bandLabel, binMid, drawBottoms, GREY_BANDS_DBAR, groupByBin, type DepthBin } from "./depthBins.js";
import { classLabel, fitSlope } from "./classTable.js";
import type { ReportData, ReportLpm } from "./reportData.js";

/** Unit of the concentration values: per litre with an image volume, per image without. */
export function concentrationUnit(data: ReportData): "#/L" | "#/image" {
  return data.imageVolume.litres !== null ? "#/L" : "#/image";
}

/** Counts per (litre or image) of `count` objects over `images` images. */
export function perVolume(data: ReportData, count: number, images: number): number {
  return count / (images * (data.imageVolume.litres ?? 1));
}

/** The lit records pooled per depth bin: summed counts, grey x count and images; bins without images left out. */
export function lpmBins(data: ReportData): Array<DepthBin & { images: number; counts: number[]; greyWeighted: number[]; records: number }> {
  return groupByBin(data.lpm)
    .map((b) => {
      const counts = new Array(18).fill(0);
      const greyWeighted = new Array(18).fill(0);
      let images = 0;
      for (const r of b.items as ReportLpm[]) {
        images += r.images;
        r.counts.forEach((c, k) => {
          counts[k] += c;
          greyWeighted[k] += c * (r.grey[k] ?? 0);
        });
      }
      return { topDbar: b.topDbar, bottomDbar: b.bottomDbar, images, counts, greyWeighted, records: b.items.length };
    })
    .filter((b) => b.images > 0);
}

/** One cell of the concentration heat map. */
export interface ConcentrationCell {
  topDbar: number;
  bottomDbar: number;
  /** Where the row is drawn down to (drawBottoms). */
  drawBottomDbar: number;
  classIndex: number;
  classLabel: string;
  count: number;
  images: number;
  value: number;
}

/** CONCENTRATION_LPM per class and depth bin (cells with no object left out, so they show as background). */
export function concentrationCells(data: ReportData): ConcentrationCell[] {
  const bins = lpmBins(data);
  const bottoms = drawBottoms(bins);
  return bins.flatMap((b) =>
    b.counts.flatMap((c, k) => (c > 0 ? [{ topDbar: b.topDbar, bottomDbar: b.bottomDbar, drawBottomDbar: bottoms.get(b.topDbar)!, classIndex: k, classLabel: classLabel(data.classes, k), count: c, images: b.images, value: perVolume(data, c, b.images) }] : [])),
  );
}

/** One point of a profile line: its depth, its series and value. */
export interface ProfilePoint {
  depthDbar: number;
  series: string;
  value: number;
  /** Objects and images behind the value, for the tooltip. */
  objects: number;
  images: number;
}

/** Total concentration above 102 um and above 512 um per depth bin (DOMAIN.md section 9's two figures). */
export function totalConcentration(data: ReportData): ProfilePoint[] {
  const out: ProfilePoint[] = [];
  for (const b of lpmBins(data)) {
    for (const minUm of [102, 512]) {
      let n = 0;
      b.counts.forEach((c, k) => (n += data.classes.boundsUm[k] >= minUm * 0.99 ? c : 0));
      if (n > 0) out.push({ depthDbar: binMid(b), series: `ESD ≥ ${minUm} µm`, value: perVolume(data, n, b.images), objects: n, images: b.images });
    }
  }
  return out;
}

/** Spectral slope b per depth bin (bins with too few objects left out). */
export function slopeProfile(data: ReportData): ProfilePoint[] {
  const { fitFirst, fitLast } = data.classes;
  return lpmBins(data).flatMap((b) => {
    const slope = fitSlope(data.classes, b.counts);
    const objects = b.counts.slice(fitFirst, fitLast + 1).reduce((a, c) => a + c, 0);
    return slope === null ? [] : [{ depthDbar: binMid(b), series: "firmware (LPM)", value: slope, objects, images: b.images }];
  });
}

/** One point of the mean-grey chart. */
export interface GreyPoint {
  band: string;
  bandOrder: number;
  classIndex: number;
  classLabel: string;
  grey: number;
  objects: number;
}

/** Mean grey per class in each depth band, weighted by counts (as the float merges greys); empty classes left out. */
export function greyPerClass(data: ReportData): GreyPoint[] {
  const out: GreyPoint[] = [];
  GREY_BANDS_DBAR.forEach((band, order) => {
    const inBand = data.lpm.filter((r) => r.pressureDbar >= band[0] && r.pressureDbar < band[1]);
    for (let k = 0; k < 18; k++) {
      let n = 0;
      let g = 0;
      for (const r of inBand) {
        n += r.counts[k];
        g += r.counts[k] * (r.grey[k] ?? 0);
      }
      if (n > 0) out.push({ band: bandLabel(band), bandOrder: order, classIndex: k, classLabel: classLabel(data.classes, k), grey: g / n, objects: n });
    }
  });
  return out;
}

/** Deepest pressure of any record, for the depth axes (at least 10 dbar). */
export function maxDepth(data: ReportData): number {
  let m = 10;
  for (const r of [...data.lpm, ...data.black, ...data.taxo]) if (Number.isFinite(r.pressureDbar)) m = Math.max(m, r.pressureDbar);
  return m;
}
