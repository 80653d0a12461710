// The report's depth bins. Records are pooled per bin (counts and images summed, then divided), so a profile
// drawn from a replay's thousand blocs and one drawn from the float's slices look alike. The bins follow
// the real float 4903634's zone table coarsened at the top (5 dbar to 100, 10 to 500, 20 to 1000, 40 below):
// one float slice falls in one bin, and a 2000 dbar profile stays around 130 rows.

/** Zone boundaries (dbar) of the report's bins; n boundaries make n + 1 zones. */
export const BIN_BOUNDARIES_DBAR: readonly number[] = [100, 500, 1000];
/** Bin thickness (dbar) in each zone, shallowest first. */
export const BIN_THICKNESS_DBAR: readonly number[] = [5, 10, 20, 40];

/** A depth bin [topDbar, bottomDbar). */
export interface DepthBin {
  topDbar: number;
  bottomDbar: number;
}

/** The bin holding `pressureDbar` (pressures above 0 dbar fall in bins of the first zone's thickness). */
export function binOf(pressureDbar: number): DepthBin {
  let zone = BIN_BOUNDARIES_DBAR.findIndex((b) => pressureDbar < b);
  if (zone < 0) zone = BIN_BOUNDARIES_DBAR.length;
  const zoneTop = zone === 0 ? 0 : BIN_BOUNDARIES_DBAR[zone - 1];
  const t = BIN_THICKNESS_DBAR[zone];
  const top = zoneTop + Math.floor((pressureDbar - zoneTop) / t) * t;
  return { topDbar: top, bottomDbar: top + t };
}

/** Records grouped by bin, shallowest bin first; empty bins are left out. */
export function groupByBin<T extends { pressureDbar: number }>(records: readonly T[]): Array<DepthBin & { items: T[] }> {
  const bins = new Map<number, DepthBin & { items: T[] }>();
  for (const r of records) {
    if (!Number.isFinite(r.pressureDbar)) continue;
    const b = binOf(r.pressureDbar);
    let entry = bins.get(b.topDbar);
    if (!entry) bins.set(b.topDbar, (entry = { ...b, items: [] }));
    entry.items.push(r);
  }
  return [...bins.values()].sort((a, b) => a.topDbar - b.topDbar);
}

/**
 * Where a heat map draws each bin's row down to, by bin top: the next bin with data when the gap is at most
 * two of the bin's thicknesses, else its own bottom. A float's slices need not fall on the report's bins
 * (float 4903634 averaged 20 dbar slices centred at 460, 480, 500 dbar, inside 10 dbar report bins), which
 * would otherwise leave white stripes that read as missing data; wider gaps are real and stay.
 */
export function drawBottoms(bins: readonly DepthBin[]): Map<number, number> {
  const sorted = [...bins].sort((a, b) => a.topDbar - b.topDbar);
  const out = new Map<number, number>();
  sorted.forEach((b, i) => {
    const next = sorted[i + 1];
    const gap = next ? next.topDbar - b.bottomDbar : Number.POSITIVE_INFINITY;
    out.set(b.topDbar, gap <= 2 * (b.bottomDbar - b.topDbar) ? next.topDbar : b.bottomDbar);
  });
  return out;
}

/** Middle of a bin, where a profile line puts its point. */
export function binMid(b: DepthBin): number {
  return (b.topDbar + b.bottomDbar) / 2;
}

/** Depth bands of the mean-grey chart: wide enough to hold many records each. */
export const GREY_BANDS_DBAR: ReadonlyArray<[number, number]> = [
  [Number.NEGATIVE_INFINITY, 100],
  [100, 500],
  [500, 1000],
  [1000, Number.POSITIVE_INFINITY],
];

/** A band's label, e.g. "100-500 dbar", "0-100 dbar", "below 1000 dbar". */
export function bandLabel([top, bottom]: [number, number]): string {
  if (bottom === Number.POSITIVE_INFINITY) return `below ${top} dbar`;
  return `${Math.max(top, 0)}-${bottom} dbar`;
}
