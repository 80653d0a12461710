// Where two texts (RS232 log, budgets JSON) differ, as a person reads it: the first differing line with its
// number, column and comma-separated field, and a unified-diff-like excerpt of the differing block.
// The block runs from the first to the last differing line (common prefix and suffix removed): exact for
// one changed, added or removed line, and bounded in size for any change, with no quadratic diff to run
// on a long log.

/** A line range, 1-based, `count` lines from `start`. */
export interface LineRange {
  start: number;
  count: number;
}

/** How two texts differ. */
export interface TextDifference {
  expectedLines: number;
  actualLines: number;
  /** 1-based number of the first line that differs. */
  firstLine: number;
  /** 1-based column of the first differing character on that line, and its comma-separated field (1-based). */
  column: number;
  field: number;
  /** The differing block in each text. */
  expected: LineRange;
  actual: LineRange;
  /** `--- a` / `+++ b` / `@@ -s,n +s,n @@` then " ", "-", "+" lines; long blocks cut with a "..." line. */
  excerpt: string[];
}

const CONTEXT = 3;
const SHOWN = 8;

function lines(text: string): string[] {
  const l = text.split("\n");
  if (l.length > 0 && l[l.length - 1] === "") l.pop();
  return l;
}

/** How `actual` differs from `expected`, or null when they are equal. */
export function textDifference(expected: string, actual: string, labels: { expected: string; actual: string }): TextDifference | null {
  if (expected === actual) return null;
  const e = lines(expected);
  const a = lines(actual);
  let p = 0;
  while (p < e.length && p < a.length && e[p] === a[p]) p++;
  let s = 0;
  while (s < e.length - p && s < a.length - p && e[e.length - 1 - s] === a[a.length - 1 - s]) s++;
  const eEnd = e.length - s;
  const aEnd = a.length - s;
  // Same lines, different bytes: only the newline at the end differs.
  const newlineOnly = p === e.length && p === a.length;
  const el = e[p] ?? "";
  const al = a[p] ?? "";
  let c = 0;
  while (c < el.length && c < al.length && el[c] === al[c]) c++;
  const field = (el.slice(0, c).match(/,/g)?.length ?? 0) + 1;
  const from = Math.max(0, p - CONTEXT);
  const excerpt = [`--- ${labels.expected}`, `+++ ${labels.actual}`];
  const ctxAfter = Math.min(CONTEXT, s);
  excerpt.push(`@@ -${from + 1},${eEnd - from + ctxAfter} +${from + 1},${aEnd - from + ctxAfter} @@`);
  for (let i = from; i < p; i++) excerpt.push(` ${e[i]}`);
  const cut = (prefix: string, block: string[]) => {
    block.slice(0, SHOWN).forEach((l) => excerpt.push(`${prefix}${l}`));
    if (block.length > SHOWN) excerpt.push(`... ${block.length - SHOWN} more ${prefix === "-" ? "removed" : "added"} lines`);
  };
  cut("-", e.slice(p, eEnd));
  cut("+", a.slice(p, aEnd));
  if (newlineOnly) excerpt.push(expected.endsWith("\n") ? "\\ no newline at the end of this run's text" : "\\ no newline at the end of the expected text");
  for (let i = 0; i < ctxAfter; i++) excerpt.push(` ${e[eEnd + i]}`);
  return {
    expectedLines: e.length,
    actualLines: a.length,
    firstLine: p + 1,
    column: c + 1,
    field,
    expected: { start: p + 1, count: eEnd - p },
    actual: { start: p + 1, count: aEnd - p },
    excerpt,
  };
}
