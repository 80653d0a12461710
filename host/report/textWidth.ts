// Text widths for Vega's layout in Node. Without a canvas Vega guesses 0.8 em per character, about 1.5x the
// real width of Helvetica/Arial text: a long chart title then widens the SVG with empty space and the page
// shrinks the whole chart to fit. Vega lets a caller set `textMetrics.width` (vl-convert does the same);
// this one sums Helvetica's character widths (its AFM metrics, which Arial and Liberation Sans share) with
// a 5 % margin, so labels are never clipped.
import * as vega from "vega";

// Advance widths in 1/1000 em of ASCII 32..126, from the Helvetica AFM file.
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const OTHER: Record<string, number> = { "µ": 556, "≥": 549, "≤": 549, "°": 400, "×": 584, "…": 1000, "–": 556, "—": 1000 };

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

/** Estimated width (px) of `text` in a Helvetica-like font of `fontSize` px. */
export function helveticaWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    em += c >= 32 && c <= 126 ? ASCII[c - 32] : (OTHER[ch] ?? 600);
  }
  return (em / 1000) * fontSize * (bold ? 1.1 : 1) * 1.05;
}

let installed = false;

/** Makes Vega measure text with helveticaWidth (once per process). */
export function installTextWidths(): void {
  if (installed) return;
  installed = true;
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const s = String(text ?? (Array.isArray(item.text) ? item.text.join(" ") : (item.text ?? ""))).trim();
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const w = helveticaWidth(s, size, item.fontWeight === "bold" || Number(item.fontWeight) >= 600);
    return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
}
