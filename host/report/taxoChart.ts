// The taxa chart: classified objects per category against depth (heat map), from TAXO records.
import { chartSpec, depthY, HEATMAP_SIZE, tip, type ChartDef } from "./chartCommon.js";
import { concentrationUnit, maxDepth } from "./profileSeries.js";
import type { ReportData } from "./reportData.js";
import { taxoCells } from "./taxoSeries.js";

/** Heat map of CONCENTRATION_CATEGORY (NB_OBJECT_CATEGORY per image and litre) per category and depth bin. */
export function taxoChart(data: ReportData): ChartDef {
  const cells = taxoCells(data);
  const unit = concentrationUnit(data);
  const named = data.taxoNames?.some((n) => n !== null) ?? false;
  const ids = !data.taxoIds
    ? "Categories are INDEX_CATEGORY into the camera's TAXO_CONF (give --profile to label them with EcoTaxa ids)."
    : named
      ? `Categories are INDEX_CATEGORY, the taxon's name (from ${data.taxoNamesFrom.join("; ")}) and the EcoTaxa id of the camera's TAXO_CONF in brackets.`
      : "Categories are INDEX_CATEGORY, with the EcoTaxa id of the camera's TAXO_CONF in brackets (give --taxa names.csv to name them).";
  const caption = `CONCENTRATION_CATEGORY (${unit}) = NB_OBJECT_CATEGORY summed per category and depth bin / (${unit === "#/L" ? "Image_volume x " : ""}NB_IMAGE_CATEGORY summed). ${ids} Only objects of ESD >= Vignetting_lower_limit_size are classified (at most 25 per image).`;
  const base = { id: "taxa", title: "Classified objects per category", caption };
  if (cells.length === 0) return { ...base, spec: null, empty: data.taxo.length === 0 ? "no TAXO records (classification off, or none transmitted)" : "the TAXO records hold no classified object" };
  const categories = [...new Map(cells.map((c) => [c.index, c.category])).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  return {
    ...base,
    spec: chartSpec(base.title, `CONCENTRATION_CATEGORY (${unit}), log colour scale`, {
      width: Math.max(160, Math.min(HEATMAP_SIZE.width, 28 * categories.length)), height: HEATMAP_SIZE.height,
      data: { values: cells },
      mark: { type: "rect" },
      encoding: {
        x: { field: "category", type: "ordinal", sort: categories, title: "category (INDEX_CATEGORY)", axis: { labelAngle: -45, labelLimit: 200 } },
        y: depthY(maxDepth(data), "topDbar"),
        y2: { field: "drawBottomDbar" },
        color: { field: "value", type: "quantitative", title: unit, scale: { type: "log", scheme: "magma", reverse: true } },
        tooltip: [
          tip("category", "INDEX_CATEGORY"), tip("topDbar", "bin top (dbar)"), tip("bottomDbar", "bin bottom (dbar)"),
          tip("value", `CONCENTRATION_CATEGORY (${unit})`, ".4~g"), tip("objects", "NB_OBJECT_CATEGORY (count)"), tip("images", "NB_IMAGE_CATEGORY"),
        ],
      },
    }),
  };
}
