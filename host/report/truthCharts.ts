// A simulated replay's firmware result beside the ground truth: concentration above 102 um and spectral slope
// against depth, and counts per size class over the whole replay.
import { chartSpec, depthY, HEATMAP_SIZE, PROFILE_SIZE, seriesColor, tip, type ChartDef } from "./chartCommon.js";
import { classLabel, slopeMethod } from "./classTable.js";
import { concentrationUnit, maxDepth } from "./profileSeries.js";
import type { ReportData, TruthBlocPair } from "./reportData.js";
import { TRUTH_SERIES, truthClassTotals, truthConcentration, truthSlope } from "./truthSeries.js";

const DOMAIN = [TRUTH_SERIES.firmware, TRUTH_SERIES.placed, TRUTH_SERIES.drawn];
const COLOUR = { ...seriesColor(null), scale: { domain: DOMAIN, range: ["#4c78a8", "#f58518", "#7f7f7f"] } };
// Where the firmware matches the truth the lines coincide: the firmware's is drawn wide and pale beneath, the
// truth's thin on top, so both stay visible; the drawn model is dashed.
const STYLE = {
  strokeWidth: { field: "series", type: "nominal", sort: DOMAIN, title: null, scale: { domain: DOMAIN, range: [5, 1.5, 1.5] } },
  opacity: { field: "series", type: "nominal", sort: DOMAIN, title: null, scale: { domain: DOMAIN, range: [0.45, 1, 1] } },
  strokeDash: { field: "series", type: "nominal", sort: DOMAIN, title: null, scale: { domain: DOMAIN, range: [[1, 0], [1, 0], [5, 3]] } },
};

function lines(data: ReportData, values: unknown[], title: string, subtitle: string, xTitle: string, xScale: Record<string, unknown>) {
  return chartSpec(title, subtitle, {
    ...PROFILE_SIZE,
    data: { values },
    mark: { type: "line" },
    encoding: {
      x: { field: "value", type: "quantitative", title: xTitle, scale: xScale, axis: { tickCount: 6 } },
      y: depthY(maxDepth(data)),
      color: COLOUR,
      ...STYLE,
      order: { field: "depthDbar", type: "quantitative" },
      tooltip: [tip("series", "series"), tip("depthDbar", "pressure (dbar)", ".1f"), tip("value", xTitle, ".4~g"), tip("objects", "objects (ESD ≥ 102 µm)"), tip("images", "images")],
    },
  });
}

/** The three truth charts of a replay (nothing for decoded data); each says why when it cannot be drawn. */
export function truthCharts(data: ReportData): ChartDef[] {
  const replay = data.replay;
  if (!replay) return [];
  const pairs: TruthBlocPair[] | null = replay.truth;
  const unit = concentrationUnit(data);
  const why = replay.truthNote;
  const conc: ChartDef = {
    id: "truth-concentration", title: "Firmware against truth: particles of 102 µm and more",
    caption: `Concentration of objects of ESD ≥ 102 µm (${unit}) per depth bin over the lit blocs without over-exposure: from the firmware's LPM_DATA counts (NB_SIZE_SPECTRA_PARTICLES), from the objects the simulator placed in the same frames, and the concentration the simulator drew them from (dashed). Objects that touch merge into one in the firmware, so it may count a little fewer. ${why}.`,
    spec: null,
  };
  const slope: ChartDef = {
    id: "truth-slope", title: "Firmware against truth: spectral slope",
    caption: `Slope b per depth bin fitted the same way on the firmware's counts and on the placed objects (${slopeMethod(data.classes)}), and the slope the simulator drew from (dashed). ${why}.`,
    spec: null,
  };
  const perClass: ChartDef = {
    id: "truth-classes", title: "Firmware against truth: objects per size class",
    caption: `NB_SIZE_SPECTRA_PARTICLES summed over every lit bloc without over-exposure, from the firmware and from the simulator's truth (noise objects included in classes 1-2). The replay checks each bloc: |firmware - truth| <= touching objects, per class. ${why}.`,
    spec: null,
  };
  if (!pairs || pairs.length === 0) {
    const empty = pairs ? "no lit bloc without over-exposure to compare" : why;
    return [conc, slope, perClass].map((c) => ({ ...c, empty }));
  }
  const cPoints = truthConcentration(data, pairs);
  if (cPoints.length > 0) conc.spec = lines(data, cPoints, conc.title, `objects of ESD ≥ 102 µm (${unit}), log scale`, `concentration (${unit})`, { type: "log" });
  else conc.empty = "no object of 102 µm or more in the compared blocs";
  const sPoints = truthSlope(data, pairs);
  if (sPoints.length > 0) slope.spec = lines(data, sPoints, slope.title, "b of n(d) ~ d^-b, 102-2050 µm", "spectral slope b (dimensionless)", { zero: false });
  else slope.empty = "no depth bin has enough particles of 102-2050 µm for a slope";
  const totals = truthClassTotals(data, pairs);
  const x = { field: "classLabel", type: "ordinal", sort: data.classes.boundsUm.map((_, k) => classLabel(data.classes, k)), title: "size class: lower ESD bound (µm)", axis: { labelAngle: -45 } };
  const y = { field: "count", type: "quantitative", title: "objects (count)", scale: { type: "log" } };
  const tooltip = [tip("series", "series"), tip("classLabel", "size class (µm)"), tip("count", "NB_SIZE_SPECTRA_PARTICLES (count)")];
  const colour = { ...COLOUR, scale: { domain: DOMAIN.slice(0, 2), range: COLOUR.scale.range.slice(0, 2) } };
  perClass.spec = chartSpec(perClass.title, "whole replay, log scale", {
    width: HEATMAP_SIZE.width, height: 300,
    layer: [
      { data: { values: totals.filter((t) => t.series === TRUTH_SERIES.firmware) }, mark: { type: "point", filled: false, size: 130, strokeWidth: 2 }, encoding: { x, y, color: colour, tooltip } },
      { data: { values: totals.filter((t) => t.series === TRUTH_SERIES.placed) }, mark: { type: "line", point: { filled: true, size: 25 }, strokeWidth: 1.2 }, encoding: { x, y, color: colour, order: { field: "classIndex", type: "quantitative" }, tooltip } },
    ],
  });
  return [conc, slope, perClass];
}
