// The numbers behind the taxa chart: classified objects per category and depth bin, per litre (or per image)
// of the TAXO records' own image counts, since a deep averaged slice holds far more images than a shallow one.
import { drawBottoms, groupByBin } from "./depthBins.js";
import { perVolume } from "./profileSeries.js";
import type { ReportData } from "./reportData.js";

/** One cell of the taxa heat map. */
export interface TaxoCell {
  topDbar: number;
  bottomDbar: number;
  /** Where the row is drawn down to (drawBottoms). */
  drawBottomDbar: number;
  index: number;
  category: string;
  objects: number;
  images: number;
  value: number;
}

/** Category label: its index, its taxon name when known, and its EcoTaxa id in brackets when TAXO_CONF is known. */
export function categoryLabel(data: ReportData, index: number): string {
  const id = data.taxoIds?.[index];
  const name = data.taxoNames?.[index];
  if (!id) return String(index);
  return name ? `${index} ${name} (${id})` : `${index} (${id})`;
}

/** NB_OBJECT_CATEGORY summed per category and depth bin, over NB_IMAGE_CATEGORY summed in the bin. */
export function taxoCells(data: ReportData): TaxoCell[] {
  const out: TaxoCell[] = [];
  const bins = groupByBin(data.taxo).filter((b) => b.items.reduce((a, r) => a + r.images, 0) > 0);
  const bottoms = drawBottoms(bins);
  for (const b of bins) {
    const images = b.items.reduce((a, r) => a + r.images, 0);
    const perCategory = new Map<number, number>();
    for (const r of b.items) for (const c of r.categories) perCategory.set(c.index, (perCategory.get(c.index) ?? 0) + c.objects);
    for (const [index, objects] of [...perCategory.entries()].sort((x, y) => x[0] - y[0])) {
      if (objects > 0) out.push({ topDbar: b.topDbar, bottomDbar: b.bottomDbar, drawBottomDbar: bottoms.get(b.topDbar)!, index, category: categoryLabel(data, index), objects, images, value: perVolume(data, objects, images) });
    }
  }
  return out;
}
