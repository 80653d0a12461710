// Reader of an XGBoost text dump (`booster.get_dump()` or `booster.dump_model("dump.txt")`) for
// conversion to uvpec. A text dump carries no class count and no base score: the caller gives
// classCount, tree i is class i % classCount (XGBoost's interleaving).
//
// Lines: "booster[k]:" starts tree k (a dump file); "id:[f12<0.5] yes=1,no=2,missing=1" is a split
// (x[f12] < 0.5 goes to "yes"); "id:leaf=0.123" a leaf. Extra ",gain=..,cover=.." (with_stats) are
// ignored; "missing=" is read only to warn where it is not "yes" (the camera sends NaN to "yes"). A feature may be "f<index>" or one
// of FEATURE_NAMES. Values are read as written: a dump printed with fewer than 9 significant digits
// (old XGBoost) is not bit-exact; prefer the JSON model.

import { FEATURE_NAMES } from "./features.js";
import { convertXgboostTrees, type ImportResult, type XgbNode, type XgbTree } from "./xgboostTrees.js";

const BOOSTER_LINE = /^booster\[(\d+)\]:?$/;
const SPLIT_LINE = /^(\d+):\[([^<\]]+)<([^\]]+)\]\s*(.*)$/;
const LEAF_LINE = /^(\d+):leaf=([^,\s]+)(,.*)?$/;

/** Converts an XGBoost text dump (file text, or get_dump()'s list of one string per tree) to uvpec. */
export function importXgboostDump(dump: string | readonly string[], classCount: number): ImportResult {
  const trees: XgbTree[] = [];
  const errors: string[] = [];
  const chunks = typeof dump === "string" ? splitDumpFile(dump) : dump.map((text, i) => ({ text, source: `dump[${i}]`, firstLine: 1 }));
  for (const chunk of chunks) {
    const tree = readTree(chunk.text, chunk.source, chunk.firstLine, errors);
    if (tree !== null) trees.push(tree);
  }
  if (errors.length > 0) return { warnings: [], errors };
  if (trees.length === 0) return { warnings: [], errors: ["the dump holds no tree"] };
  const classes = trees.map((_, i) => (Number.isInteger(classCount) && classCount > 0 ? i % classCount : 0));
  return convertXgboostTrees(trees, classes, classCount);
}

// A dump file split at its "booster[k]:" lines (text without them is one tree).
function splitDumpFile(text: string): { text: string; source: string; firstLine: number }[] {
  const lines = text.split(/\r?\n/);
  const chunks: { text: string; source: string; firstLine: number }[] = [];
  let current: { lines: string[]; source: string; firstLine: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const match = BOOSTER_LINE.exec(lines[i].trim());
    if (match !== null) {
      if (current !== null) chunks.push({ text: current.lines.join("\n"), source: current.source, firstLine: current.firstLine });
      current = { lines: [], source: `booster[${match[1]}] (line ${i + 1})`, firstLine: i + 2 };
    } else {
      if (current === null) current = { lines: [], source: "dump", firstLine: 1 };
      current.lines.push(lines[i]);
    }
  }
  if (current !== null) chunks.push({ text: current.lines.join("\n"), source: current.source, firstLine: current.firstLine });
  // A file starting with blank lines before its first booster header leaves an empty "dump" chunk.
  return chunks.filter((c) => c.text.trim() !== "" || c.source !== "dump");
}

function readTree(text: string, source: string, firstLine: number, errors: string[]): XgbTree | null {
  const nodes = new Map<number, XgbNode>();
  const lines = text.split(/\r?\n/);
  const before = errors.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const where = `${source} line ${firstLine + i}`;
    const node = parseNodeLine(line);
    if (typeof node === "string") {
      errors.push(`${where}: ${node}: ${JSON.stringify(line)}`);
      continue;
    }
    if (nodes.has(node.id)) errors.push(`${where}: node ${node.id} defined twice`);
    nodes.set(node.id, node.node);
  }
  if (errors.length > before) return null;
  return { nodes, source };
}

function parseNodeLine(line: string): { id: number; node: XgbNode } | string {
  const leaf = LEAF_LINE.exec(line);
  if (leaf !== null) {
    const value = Number(leaf[2]);
    if (!Number.isFinite(value)) return "leaf value is not a finite number";
    return { id: Number(leaf[1]), node: { kind: "leaf", value: Math.fround(value) } };
  }
  const split = SPLIT_LINE.exec(line);
  if (split === null) {
    return line.includes(":{") || line.includes("{") ? "categorical split, not supported by uvpec" : "not a split or leaf line";
  }
  const feature = featureIndex(split[2]);
  if (feature === null) return `unknown feature ${JSON.stringify(split[2])} (expected f<index> or a FEATURE_NAMES name)`;
  const threshold = Number(split[3]);
  if (!Number.isFinite(threshold)) return "split threshold is not a finite number";
  const keys = new Map<string, string>();
  for (const part of split[4].split(",")) {
    const [key, value] = part.split("=");
    if (key !== undefined && value !== undefined) keys.set(key.trim(), value.trim());
  }
  const yes = Number(keys.get("yes"));
  const no = Number(keys.get("no"));
  if (!Number.isInteger(yes) || !Number.isInteger(no)) return "split line without integer yes= and no=";
  const missingText = keys.get("missing");
  const missingYes = missingText === undefined ? undefined : Number(missingText) === yes;
  return { id: Number(split[1]), node: { kind: "split", feature, threshold: Math.fround(threshold), yes, no, missingYes } };
}

function featureIndex(name: string): number | null {
  const match = /^f(\d+)$/.exec(name);
  if (match !== null) return Number(match[1]);
  const index = FEATURE_NAMES.indexOf(name);
  return index >= 0 ? index : null;
}
