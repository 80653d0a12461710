// The report page: one HTML file with its style inline and every chart as inline SVG, so it opens offline,
// from a mail attachment or a USB stick, and fetches nothing (no script, font, stylesheet or image link).
import type { ChartDef } from "./chartCommon.js";

/** One drawn (or not drawable) chart, ready for the page. */
export interface PageChart {
  def: ChartDef;
  /** Inline SVG, or null when the chart had nothing to draw. */
  svg: string | null;
}

/** A titled group of charts. */
export interface PageSection {
  id: string;
  title: string;
  intro?: string;
  charts: PageChart[];
}

/** What goes above the charts. */
export interface PageHead {
  title: string;
  subtitle: string;
  /** Label and value rows of the summary table (values are plain text). */
  facts: Array<[string, string]>;
  /** Rows of the replay-against-truth table, with a verdict; null for decoded data. */
  truth: { verdict: string; ok: boolean | null; rows: Array<[string, string]> } | null;
  notes: string[];
  problems: string[];
}

/** Text escaped for HTML. */
export function esc(s: string): string {
  return s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");
}

/** Escaped text with Argo variable names (NB_SIZE_SPECTRA_PARTICLES...) set as code. */
function withNames(s: string): string {
  return esc(s).replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/gu, (n) => `<code>${n}</code>`);
}

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1f; margin: 0; background: #f5f6f8; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid #d0d4da; padding-bottom: 4px; }
.sub { color: #555; margin: 0 0 18px; }
table.facts { border-collapse: collapse; background: #fff; border: 1px solid #d0d4da; width: 100%; }
table.facts th, table.facts td { text-align: left; vertical-align: top; padding: 5px 10px; border-top: 1px solid #e6e8eb; }
table.facts th { width: 240px; font-weight: 600; color: #333; }
.verdict { display: inline-block; padding: 3px 10px; border-radius: 4px; font-weight: 600; margin: 4px 0 8px; }
.ok { background: #e3f4e6; color: #1b6b2c; } .bad { background: #fde8e8; color: #a11d1d; } .neutral { background: #eceff3; color: #333; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 16px; }
figure { margin: 0; background: #fff; border: 1px solid #d0d4da; border-radius: 6px; padding: 12px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: #444; margin-top: 8px; }
.empty { padding: 40px 12px; color: #777; font-style: italic; text-align: center; border: 1px dashed #ccc; }
code { font: 12px ui-monospace, Menlo, Consolas, monospace; background: #f0f2f5; padding: 0 3px; border-radius: 3px; }
ul.notes { margin: 8px 0 0; padding-left: 20px; color: #444; }
details { margin-top: 8px; } summary { cursor: pointer; color: #a11d1d; }
footer { color: #666; font-size: 13px; margin-top: 28px; }
`;

function figure(c: PageChart): string {
  const body = c.svg ?? `<div class="empty">${esc(c.def.title)}: nothing to draw (${esc(c.def.empty ?? "no data")}).</div>`;
  return `<figure id="chart-${esc(c.def.id)}" data-chart="${esc(c.def.id)}" data-drawn="${c.svg ? "yes" : "no"}">
${body}
<figcaption>${withNames(c.def.caption)}</figcaption>
</figure>`;
}

function rows(r: Array<[string, string]>): string {
  return r.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${withNames(v)}</td></tr>`).join("\n");
}

/** The whole page. */
export function reportPage(head: PageHead, sections: PageSection[], footer: string): string {
  const truth = head.truth
    ? `<h2 id="truth-summary">Firmware against truth</h2>
<div class="verdict ${head.truth.ok === null ? "neutral" : head.truth.ok ? "ok" : "bad"}">${esc(head.truth.verdict)}</div>
<table class="facts">${rows(head.truth.rows)}</table>`
    : "";
  const notes = head.notes.length > 0 ? `<ul class="notes">${head.notes.map((n) => `<li>${withNames(n)}</li>`).join("")}</ul>` : "";
  const problems = head.problems.length > 0
    ? `<details open><summary>${head.problems.length} problem${head.problems.length === 1 ? "" : "s"} reading the inputs (the charts use every record that could be read)</summary><ul class="notes">${head.problems.slice(0, 200).map((p) => `<li>${esc(p)}</li>`).join("")}${head.problems.length > 200 ? `<li>... ${head.problems.length - 200} more</li>` : ""}</ul></details>`
    : "";
  const body = sections
    .filter((s) => s.charts.length > 0)
    .map((s) => `<h2 id="${esc(s.id)}">${esc(s.title)}</h2>\n${s.intro ? `<p>${withNames(s.intro)}</p>\n` : ""}<div class="grid">\n${s.charts.map(figure).join("\n")}\n</div>`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(head.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(head.title)}</h1>
<p class="sub">${esc(head.subtitle)}</p>
<table class="facts">${rows(head.facts)}</table>
${notes}
${problems}
${truth}
${body}
<footer>${withNames(footer)}</footer>
</main>
</body>
</html>
`;
}
