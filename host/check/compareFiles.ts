// Compares two sets of output files path by path: the golden set against a run, or one build against the
// other. Text files get a line diff (and, for JSON, the figures that changed); telemetry files the first
// differing byte and the decoded records that differ.
import type { Build } from "../firmware/index.js";
import { byteDifference, type ByteDifference } from "./byteDiff.js";
import { jsonFieldDifferences } from "./jsonDiff.js";
import type { OutputSet } from "./outputSet.js";
import { recordDifference, type RecordDifference } from "./recordDiff.js";
import { textDifference, type TextDifference } from "./textDiff.js";

/**
 * changed: both have the file, bytes differ; missing: only the expected side has it; extra: only the
 * actual side; golden-file-missing: golden.json lists it but the golden directory lacks it;
 * golden-file-edited: the golden file matches this run but not its sha256 in golden.json.
 */
export type DifferenceKind = "changed" | "missing" | "extra" | "golden-file-missing" | "golden-file-edited";

/** One file that is not the same on both sides. */
export interface FileDifference {
  path: string;
  kind: DifferenceKind;
  /** The golden set against the builds' outputs, or the first build's outputs against the other's. */
  against: "golden" | "builds";
  /** The build(s) whose outputs this is about. */
  builds: Build[];
  /** Names of the two sides, as the report writes them. */
  expectedLabel: string;
  actualLabel: string;
  /** One line saying what differs. */
  summary: string;
  text?: TextDifference;
  /** For JSON files: "path: expected -> actual" per figure. */
  fields?: string[];
  bytes?: ByteDifference;
  records?: RecordDifference;
  /** Anything else worth knowing (e.g. the golden file does not match golden.json either). */
  note?: string;
}

/** Labels and builds of a comparison. */
export interface Sides {
  against: "golden" | "builds";
  builds: Build[];
  expectedLabel: string;
  actualLabel: string;
}

const isText = (path: string): boolean => /\.(log|json|txt)$/.test(path);
const decoder = new TextDecoder("utf-8", { fatal: false });

/** How the file at `path` differs between the two sides, or null when the bytes are equal. */
export function compareFile(path: string, expected: Uint8Array, actual: Uint8Array, sides: Sides): FileDifference | null {
  const bytes = byteDifference(expected, actual);
  if (bytes === null) return null;
  const base = { path, kind: "changed" as const, ...sides };
  if (isText(path)) {
    const e = decoder.decode(expected);
    const a = decoder.decode(actual);
    const text = textDifference(e, a, { expected: `${sides.expectedLabel}: ${path}`, actual: `${sides.actualLabel}: ${path}` });
    if (text) {
      const fields = path.endsWith(".json") ? jsonFieldDifferences(e, a) ?? undefined : undefined;
      // Comma-separated fields count in RS232 lines (LPM_DATA has 40), not in JSON.
      const field = path.endsWith(".json") ? "" : ` (field ${text.field})`;
      const where = `line ${text.firstLine}${text.expected.count + text.actual.count > 0 ? `, column ${text.column}${field}` : ""}`;
      const size = text.expectedLines === text.actualLines ? `${text.expectedLines} lines` : `${text.expectedLines} lines -> ${text.actualLines}`;
      return { ...base, summary: `text differs from ${where} (${size})`, text, fields };
    }
  }
  const records = recordDifference(path, expected, actual);
  const size = bytes.expectedBytes === bytes.actualBytes ? `${bytes.expectedBytes} bytes` : `${bytes.expectedBytes} bytes -> ${bytes.actualBytes}`;
  return { ...base, summary: `bytes differ from offset ${bytes.offset} (${size}, ${bytes.differingBytes} differing byte(s) in common)`, bytes, records };
}

/** Every file that differs, is missing or is extra between two sets, in path order. */
export function compareSets(expected: OutputSet, actual: OutputSet, sides: Sides): FileDifference[] {
  const paths = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  const out: FileDifference[] = [];
  for (const path of paths) {
    const e = expected.get(path);
    const a = actual.get(path);
    if (e && a) {
      const d = compareFile(path, e, a, sides);
      if (d) out.push(d);
    } else if (e) {
      out.push({ path, kind: "missing", ...sides, summary: `in the ${sides.expectedLabel} (${e.length} bytes) but not produced by the ${sides.actualLabel}` });
    } else if (a) {
      out.push({ path, kind: "extra", ...sides, summary: `produced by the ${sides.actualLabel} (${a.length} bytes) but not in the ${sides.expectedLabel}` });
    }
  }
  return out;
}
