// The particle charts: concentration per size class against depth (heat map), total concentration and spectral
// slope profiles, and mean grey per class. Specs only; renderSvg.ts draws them.
import { chartSpec, depthY, HEATMAP_SIZE, PROFILE_SIZE, seriesColor, singleSeriesColor, tip, type ChartDef } from "./chartCommon.js";
import { classLabel, slopeMethod } from "./classTable.js";
import { concentrationCells, concentrationUnit, greyPerClass, maxDepth, slopeProfile, totalConcentration } from "./profileSeries.js";
import type { ReportData } from "./reportData.js";

const CLASS_AXIS_TITLE = "size class: lower ESD bound (µm)";

/** How values are normalised, for captions. */
function perWhat(data: ReportData): string {
  const v = data.imageVolume;
  return v.litres !== null
    ? `#/L = count / (Image_volume x images), Image_volume ${v.litres} L from ${v.from}`
    : "objects per image (no Image_volume known: give --profile or --image-volume for #/L)";
}

function classOrder(data: ReportData): string[] {
  return data.classes.boundsUm.map((_, k) => classLabel(data.classes, k));
}

/** Heat map of CONCENTRATION_LPM per class and depth bin. */
export function concentrationHeatmap(data: ReportData): ChartDef {
  const cells = concentrationCells(data);
  const unit = concentrationUnit(data);
  const caption = `CONCENTRATION_LPM (${unit}) per size class and depth bin: NB_SIZE_SPECTRA_PARTICLES summed over the bin's records, divided by their NB_IMAGE_PARTICLES; ${perWhat(data)}. Classes 1-2 (1-2 px) are mostly sensor noise. Empty cells: no object counted; a row reaches down to the next bin with data when the gap is at most two bins. Class bounds: ${data.classes.from}.`;
  const base = { id: "concentration-heatmap", title: "Particle concentration per size class", caption };
  if (cells.length === 0) return { ...base, spec: null, empty: "no lit-image (LPM) records with images" };
  return {
    ...base,
    spec: chartSpec(base.title, `CONCENTRATION_LPM (${unit}), log colour scale`, {
      ...HEATMAP_SIZE,
      data: { values: cells },
      mark: { type: "rect" },
      encoding: {
        x: { field: "classLabel", type: "ordinal", sort: classOrder(data), title: CLASS_AXIS_TITLE, axis: { labelAngle: -45 } },
        y: depthY(maxDepth(data), "topDbar"),
        y2: { field: "drawBottomDbar" },
        color: { field: "value", type: "quantitative", title: unit, scale: { type: "log", scheme: "viridis" } },
        tooltip: [
          tip("classLabel", "size class (µm)"), tip("topDbar", "bin top (dbar)"), tip("bottomDbar", "bin bottom (dbar)"),
          tip("value", `CONCENTRATION_LPM (${unit})`, ".4~g"), tip("count", "NB_SIZE_SPECTRA_PARTICLES (count)", ".8~g"), tip("images", "NB_IMAGE_PARTICLES"),
        ],
      },
    }),
  };
}

/** A depth profile line chart of ProfilePoint values. */
function profileLines(data: ReportData, values: unknown[], title: string, subtitle: string, xTitle: string, xScale: Record<string, unknown>, valueTip: string, range?: string[]) {
  return chartSpec(title, subtitle, {
    ...PROFILE_SIZE,
    data: { values },
    mark: { type: "line", point: { filled: true, size: 28 }, strokeWidth: 1.5 },
    encoding: {
      x: { field: "value", type: "quantitative", title: xTitle, scale: xScale, axis: { tickCount: 6 } },
      y: depthY(maxDepth(data)),
      color: new Set(values.map((v) => (v as { series: string }).series)).size > 1 ? seriesColor(null, range) : singleSeriesColor(),
      order: { field: "depthDbar", type: "quantitative" },
      tooltip: [tip("series", "series"), tip("depthDbar", "pressure (dbar)", ".1f"), tip("value", valueTip, ".4~g"), tip("objects", "objects"), tip("images", "images")],
    },
  });
}

/** Total concentration above 102 um and 512 um against depth. */
export function totalConcentrationChart(data: ReportData): ChartDef {
  const points = totalConcentration(data);
  const unit = concentrationUnit(data);
  const caption = `Sum of CONCENTRATION_LPM (${unit}) over the classes from 102 µm and from 512 µm, per depth bin (point at the bin's middle); ${perWhat(data)}. Typical: 400-1,500 /L above 102 µm near the surface, 10-40 /L at 1000-2000 dbar.`;
  const base = { id: "total-concentration", title: "Total particle concentration", caption };
  if (points.length === 0) return { ...base, spec: null, empty: "no particles of 102 µm or more in the lit-image records" };
  return { ...base, spec: profileLines(data, points, base.title, `CONCENTRATION_LPM summed (${unit}), log scale`, `concentration (${unit})`, { type: "log" }, `concentration (${unit})`) };
}

/** Spectral slope b against depth. */
export function slopeChart(data: ReportData): ChartDef {
  const points = slopeProfile(data);
  const caption = `Slope b of the number size spectrum n(d) ~ d^-b from NB_SIZE_SPECTRA_PARTICLES per depth bin: ${slopeMethod(data.classes)}. Typical b: 3-4.`;
  const base = { id: "spectral-slope", title: "Spectral slope", caption };
  if (points.length === 0) return { ...base, spec: null, empty: "no depth bin has enough particles of 102-2050 µm for a slope" };
  return { ...base, spec: profileLines(data, points, base.title, "b of n(d) ~ d^-b, 102-2050 µm", "spectral slope b (dimensionless)", { zero: false }, "slope b") };
}

/** Mean grey per size class, one line per depth band. */
export function greyChart(data: ReportData): ChartDef {
  const points = greyPerClass(data);
  const caption = "GREY_SIZE_SPECTRA_PARTICLES (grey level, 0-255): mean grey of the objects of each size class, averaged over the records of each depth band weighted by their counts (as the float merges greys). Grey rises with size (about 32-54 for classes 1-4, 60-100 for 1-2 mm objects).";
  const base = { id: "mean-grey", title: "Mean grey per size class", caption };
  if (points.length === 0) return { ...base, spec: null, empty: "no objects in the lit-image records" };
  const bands = [...new Map(points.map((p) => [p.bandOrder, p.band])).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  return {
    ...base,
    spec: chartSpec(base.title, "GREY_SIZE_SPECTRA_PARTICLES by depth band", {
      width: HEATMAP_SIZE.width, height: 300,
      data: { values: points },
      mark: { type: "line", point: { filled: true, size: 28 }, strokeWidth: 1.5 },
      encoding: {
        x: { field: "classLabel", type: "ordinal", sort: classOrder(data), title: CLASS_AXIS_TITLE, axis: { labelAngle: -45 } },
        y: { field: "grey", type: "quantitative", title: "mean grey level (0-255)", scale: { zero: false } },
        color: { field: "band", type: "nominal", title: "depth band", sort: bands, legend: { orient: "bottom", direction: "horizontal" } },
        order: { field: "classIndex", type: "quantitative" },
        tooltip: [tip("band", "depth band"), tip("classLabel", "size class (µm)"), tip("grey", "GREY_SIZE_SPECTRA_PARTICLES (grey level)", ".1f"), tip("objects", "NB_SIZE_SPECTRA_PARTICLES (count)", ".8~g")],
      },
    }),
  };
}
