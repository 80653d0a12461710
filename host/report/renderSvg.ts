// Vega-Lite specs drawn to SVG text in Node: compiled to Vega, run headless (renderer "none": no DOM, no canvas),
// serialised by Vega's own SVG renderer. The loader refuses every load, so a spec can never make the report
// (or its build) fetch anything. The SVG is then made fit to inline in HTML.
import { parse, View, type Loader } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { withDescriptions } from "./describeMarks.js";
import { installTextWidths } from "./textWidth.js";

/** A loader that loads nothing: every chart's data is inline. */
function noNetworkLoader(): Loader {
  const refuse = (uri: string): Promise<never> => Promise.reject(new Error(`report charts load nothing (asked for ${uri})`));
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** Warnings Vega-Lite gave while compiling (a spec mistake shows here; tests expect none). */
export interface RenderedSvg {
  svg: string;
  warnings: string[];
}

/** Draws one Vega-Lite spec to SVG text; its element ids (gradients, clip paths) get `idPrefix` in front. */
export async function renderSvg(spec: TopLevelSpec, idPrefix = "chart"): Promise<RenderedSvg> {
  installTextWidths();
  const warnings: string[] = [];
  const logger = {
    level: (_?: number) => logger,
    error: (...m: unknown[]) => (warnings.push(`error: ${m.join(" ")}`), logger),
    warn: (...m: unknown[]) => (warnings.push(m.join(" ")), logger),
    info: () => logger,
    debug: () => logger,
  };
  // Vega-Lite's logger type wants its own class; this one records instead of printing to the console.
  const compiled = compile(withDescriptions(spec), { logger: logger as never }).spec;
  const view = new View(parse(compiled), { renderer: "none", loader: noNetworkLoader(), logLevel: 0 });
  try {
    return { svg: inlineSvg(await view.toSVG(), idPrefix), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * SVG text made fit for inlining in HTML: the namespace declarations go (the HTML parser puts <svg> in its
 * namespace; this also leaves no URL in the page); each mark's description (aria-label) becomes a <title>
 * child, which browsers show as a tooltip on hover without any script; coordinates are cut to 2 decimals
 * (Vega writes 15 digits, a third of a heat map's bytes, for no visible difference); ids get `idPrefix`, so
 * two charts' gradients or clip paths can never share an id in one page.
 */
export function inlineSvg(svg: string, idPrefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/gu, (_m, id: string) => `id="${idPrefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/gu, (_m, id: string) => `url(#${idPrefix}-${id})`)
    .replace(/\s+xmlns(:xlink)?="[^"]*"/gu, "")
    .replace(/<(path|rect|line|text|circle)\b([^>]*?)\s+aria-label="([^"]*)"([^>]*?)\/>/gu, (_m, tag: string, before: string, label: string, after: string) => `<${tag}${before}${after}><title>${label}</title></${tag}>`)
    .replace(/\b(d|transform|x|y|x1|x2|y1|y2|width|height)="([^"]*)"/gu, (_m, name: string, value: string) => `${name}="${value.replace(/(\d+\.\d\d)\d+/gu, "$1")}"`);
}
