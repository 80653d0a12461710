// Hover text for static charts. Vega-Lite's tooltip channel needs a script in the page; its `description`
// channel instead becomes each mark's aria-label in the SVG, which renderSvg.ts turns into a <title> (the
// browser's own tooltip). So each chart's tooltip list is written out here as one short line per datum:
// "title: value; title: value", with the list's number formats. Without this, Vega describes every
// encoded field at full precision and a 2,000-cell heat map weighs megabytes.
import type { TopLevelSpec } from "vega-lite";

type Obj = Record<string, unknown>;
interface TipField {
  field: string;
  title?: string;
  format?: string;
}

/** A number written with a d3-like format of the few kinds the charts use: ".4~g" (significant digits), ".1f". */
export function formatNumber(x: number, format: string | undefined): string {
  if (!Number.isFinite(x)) return String(x);
  const m = /^\.(\d+)(~?)([gf])$/u.exec(format ?? "");
  if (m && m[3] === "f") return x.toFixed(Number(m[1]));
  const digits = m ? Number(m[1]) : 8;
  const v = Number(x.toPrecision(digits));
  return v === 0 || (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e15) ? String(v) : v.toExponential();
}

function describe(datum: Obj, tips: TipField[]): string {
  return tips
    .filter((t) => datum[t.field] !== null && datum[t.field] !== undefined)
    .map((t) => {
      const v = datum[t.field];
      return `${t.title ?? t.field}: ${typeof v === "number" ? formatNumber(v, t.format) : String(v)}`;
    })
    .join("; ");
}

/** Replaces one unit's tooltip list by a description field written into its data values. */
function describeUnit(unit: Obj, fallbackData: Obj | undefined, key: string): void {
  const enc = unit.encoding as Obj | undefined;
  const tips = enc?.tooltip;
  if (!enc || !Array.isArray(tips)) return;
  const data = (unit.data as Obj | undefined) ?? fallbackData;
  const values = data?.values;
  if (!data || !Array.isArray(values)) return;
  data.values = values.map((d: Obj) => ({ ...d, [key]: describe(d, tips as TipField[]) }));
  delete enc.tooltip;
  enc.description = { field: key, type: "nominal" };
}

/** A copy of `spec` whose tooltip lists became description fields (top level and layers). */
export function withDescriptions(spec: TopLevelSpec): TopLevelSpec {
  const copy = structuredClone(spec) as unknown as Obj;
  const layers = copy.layer;
  if (Array.isArray(layers)) layers.forEach((l: Obj, i) => describeUnit(l, copy.data as Obj | undefined, `__description${i}`));
  else describeUnit(copy, undefined, "__description");
  return copy as unknown as TopLevelSpec;
}
