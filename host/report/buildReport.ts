// From report data to the page: every chart specified, drawn to SVG, and set in sections under a summary.
import type { ChartDef } from "./chartCommon.js";
import { blackNoiseChart, sunlightChart } from "./noiseCharts.js";
import { sunlightOf } from "./noiseSeries.js";
import { concentrationHeatmap, greyChart, slopeChart, totalConcentrationChart } from "./profileCharts.js";
import type { ReportData } from "./reportData.js";
import { reportPage, type PageChart, type PageHead, type PageSection } from "./reportHtml.js";
import { renderSvg } from "./renderSvg.js";
import type { SunlightResult } from "./sunlight.js";
import { taxoChart } from "./taxoChart.js";
import { truthCharts } from "./truthCharts.js";
import { truthRows } from "./truthSummary.js";

/** A finished report. */
export interface BuiltReport {
  html: string;
  /** Every chart: id, title, and whether it drew (and why not). */
  charts: Array<{ id: string; title: string; drawn: boolean; empty?: string }>;
  sunlight: SunlightResult;
  /** Vega-Lite warnings, per chart id (none expected). */
  warnings: string[];
  /** Seconds spent drawing. */
  renderSeconds: number;
}

function range(xs: number[], fmt: (x: number) => string): string {
  const ok = xs.filter(Number.isFinite);
  if (ok.length === 0) return "none";
  return `${fmt(Math.min(...ok))} to ${fmt(Math.max(...ok))}`;
}

const utc = (t: number) => new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/u, "Z").replace("T", " ");

function facts(data: ReportData, s: SunlightResult): Array<[string, string]> {
  const all = [...data.lpm, ...data.black, ...data.taxo];
  const images = data.lpm.reduce((a, r) => a + r.images, 0);
  const id = data.identity;
  return [
    ["Float", id.float ?? (data.kind === "replay" ? "none: a camera replay (give --profile to name the float)" : "not given by the inputs (give --profile)")],
    ["Cycle", id.cycle ?? "not given by the inputs"],
    ["Camera", id.camera ?? "unknown: no HW_CONF (give --profile)"],
    ["Taxa", taxaFact(data)],
    ["Inputs", data.inputs.join("; ")],
    ["Records", `${data.lpm.length} LPM (${images} lit images), ${data.black.length} BLACK, ${data.taxo.length} TAXO`],
    ["Pressure (PRES)", `${range(all.map((r) => r.pressureDbar), (x) => x.toFixed(1))} dbar`],
    ["Time (UTC)", range(all.map((r) => r.timeS).filter((t) => t > 0), utc)],
    ["Image volume", data.imageVolume.litres !== null ? `${data.imageVolume.litres} L, from ${data.imageVolume.from}` : "unknown: values per image (give --profile or --image-volume)"],
    ["Size classes", data.classes.from],
    ["Sunlight", s.verdict],
  ];
}

function taxaFact(data: ReportData): string {
  if (!data.taxoIds) return "no TAXO_CONF known";
  const named = data.taxoIds.map((tid, k) => `${k} ${data.taxoNames?.[k] ?? "?"} (${tid})`).join(", ");
  return data.taxoNamesFrom.length > 0 ? `${named}; names from ${data.taxoNamesFrom.join("; ")}` : `${named}; no names known for these EcoTaxa ids (give --taxa names.csv)`;
}

/** "float WMO ..., cycle ..." for the page title, or "" when the inputs name neither. */
function titleSuffix(data: ReportData): string {
  const parts: string[] = [];
  const wmo = /WMO ([\d, ]+)/u.exec(data.identity.float ?? "");
  if (wmo) parts.push(`float ${wmo[1].trim()}`);
  if (data.identity.cycle) parts.push(`cycle ${data.identity.cycle}`);
  const camera = data.identity.camera?.split(",")[0];
  if (camera) parts.push(`camera ${camera}`);
  return parts.length > 0 ? `: ${parts.join(", ")}` : "";
}

async function draw(defs: ChartDef[], warnings: string[]): Promise<PageChart[]> {
  const out: PageChart[] = [];
  for (const def of defs) {
    if (!def.spec) {
      out.push({ def, svg: null });
      continue;
    }
    const r = await renderSvg(def.spec, def.id);
    warnings.push(...r.warnings.map((w) => `${def.id}: ${w}`));
    out.push({ def, svg: r.svg });
  }
  return out;
}

/** Builds the report page of `data`; `generatedAt` goes in the subtitle. */
export async function buildReport(data: ReportData, generatedAt = new Date()): Promise<BuiltReport> {
  const started = performance.now();
  const sunlight = sunlightOf(data);
  const warnings: string[] = [];
  const sections: PageSection[] = [
    { id: "particles", title: "Particles", charts: await draw([concentrationHeatmap(data), totalConcentrationChart(data), slopeChart(data), greyChart(data)], warnings) },
    { id: "noise", title: "Black frames and sunlight", intro: sunlight.verdict, charts: await draw([blackNoiseChart(data), sunlightChart(data, sunlight)], warnings) },
    { id: "taxa", title: "Classification", charts: await draw([taxoChart(data)], warnings) },
    { id: "truth", title: "Firmware against truth, per depth", intro: data.replay?.truthNote, charts: await draw(truthCharts(data), warnings) },
  ];
  const head: PageHead = {
    title: `${data.kind === "replay" ? "UVP6 replay report" : "UVP6 float data report"}${titleSuffix(data)}`,
    subtitle: `${data.kind === "replay" ? "Firmware replay (RS232 log) with its truth comparison" : "Decoded float telemetry"} - generated ${generatedAt.toISOString().replace(/\.\d{3}Z$/u, "Z")} by uvp-float report`,
    facts: facts(data, sunlight),
    truth: data.replay ? truthRows(data.replay) : null,
    notes: data.notes,
    problems: data.problems,
  };
  const footer = "Depth bins: 5 dbar to 100 dbar, 10 to 500, 20 to 1000, 40 below; a bin pools its records (counts and images summed, then divided). Hover a mark for its values. Names follow the Argo AUX variables (NB_SIZE_SPECTRA_PARTICLES, BLACK_NB_SIZE_SPECTRA_PARTICLES, NB_OBJECT_CATEGORY, CONCENTRATION_LPM, ...).";
  const html = reportPage(head, sections, footer);
  const charts = sections.flatMap((s) => s.charts.map((c) => ({ id: c.def.id, title: c.def.title, drawn: c.svg !== null, ...(c.def.empty ? { empty: c.def.empty } : {}) })));
  return { html, charts, sunlight, warnings, renderSeconds: (performance.now() - started) / 1000 };
}
