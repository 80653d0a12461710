// Pieces every chart of the report shares: the chart definition, the depth axis, sizes and the look.
import type { TopLevelSpec } from "vega-lite";
import { binOf } from "./depthBins.js";

/** One chart of the report: a Vega-Lite spec, or why there is nothing to draw. */
export interface ChartDef {
  /** Stable id (the figure's id in the page, and what tests look for). */
  id: string;
  title: string;
  /** Plain text under the chart: what is drawn, Argo names, units and definitions. */
  caption: string;
  /** Null when the data hold nothing for this chart (`empty` says why). */
  spec: TopLevelSpec | null;
  empty?: string;
}

/** Width and height (px) of a depth-profile chart's plot area. */
export const PROFILE_SIZE = { width: 440, height: 400 } as const;
/** Width and height (px) of a heat map's plot area. */
export const HEATMAP_SIZE = { width: 400, height: 400 } as const;

/** Y axis title of depth charts. */
export const DEPTH_TITLE = "pressure (dbar)";

// Sea pressure is plotted downwards from 0; a square-root axis past 400 dbar keeps the busy upper ocean
// readable on a 2000 dbar profile without hiding the deep part, and the axis title says so.
/** The y encoding of a depth profile on `field`, 0 at the top, down to the bottom of the bin holding `maxDbar`. */
export function depthY(maxDbar: number, field = "depthDbar"): Record<string, unknown> {
  const sqrt = maxDbar > 400;
  return {
    field, type: "quantitative",
    title: sqrt ? `${DEPTH_TITLE}, square-root scale` : DEPTH_TITLE,
    scale: { type: sqrt ? "sqrt" : "linear", reverse: true, domain: [0, binOf(maxDbar).bottomDbar], nice: false, zero: true },
    axis: { grid: true, tickCount: 8 },
  };
}

/** A tooltip field: the value shown under its Argo name (and unit) when it has one. */
export function tip(field: string, title: string, format?: string): Record<string, unknown> {
  return format ? { field, title, type: "quantitative", format } : { field, title };
}

/** The colour legend of a chart with several series, below the plot so it does not narrow it. */
export function seriesColor(title: string | null = null, range?: string[]): Record<string, unknown> {
  return { field: "series", type: "nominal", title, legend: { orient: "bottom", direction: "vertical", labelLimit: 400 }, ...(range ? { scale: { range } } : {}) };
}

/** The same for a chart with one series: the colour stays, the legend goes (the title says what it is). */
export function singleSeriesColor(): Record<string, unknown> {
  return { field: "series", type: "nominal", legend: null };
}

/** Vega-Lite config shared by every chart: fonts, sizes, no border. */
export const CHART_CONFIG = {
  font: "Helvetica, Arial, sans-serif",
  view: { stroke: "#bbb" },
  title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: "#555", anchor: "start", offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e6e6e6" },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 400 },
} as const;

/** A top-level spec with the shared config, title and subtitle. */
export function chartSpec(title: string, subtitle: string, body: Record<string, unknown>): TopLevelSpec {
  return { config: CHART_CONFIG, title: { text: title, subtitle }, background: "white", padding: 8, ...body } as unknown as TopLevelSpec;
}
