// The readable side of check and update: what differs, where, and what to do about it.
import { hexByte } from "./byteDiff.js";
import type { FileDifference } from "./compareFiles.js";
import type { DecodedSide } from "./recordDiff.js";
import type { CheckResult } from "./runCheck.js";
import type { UpdateResult } from "./updateGolden.js";

const DETAILED = 10;
const HEADS: Record<FileDifference["kind"], string> = {
  changed: "DIFFERS", missing: "MISSING", extra: "EXTRA", "golden-file-missing": "GOLDEN FILE MISSING", "golden-file-edited": "GOLDEN FILE EDITED",
};

function side(label: string, s: DecodedSide): string {
  const problems = s.problems.length > 0 ? `, ${s.problems.join("; ")}` : "";
  return `${label}: ${s.records} record(s)${problems}${s.crcRecomputed ? " (decoded with its CRC recomputed)" : ""}`;
}

/** One difference as indented lines; `detailed` false gives only its headline. */
export function differenceLines(d: FileDifference, detailed = true): string[] {
  const out = [`${HEADS[d.kind]} ${d.path} (${d.expectedLabel} vs ${d.actualLabel}): ${d.summary}`];
  if (!detailed) return out;
  if (d.note) out.push(`  note: ${d.note}`);
  if (d.fields && d.fields.length > 0) out.push("  figures that differ:", ...d.fields.slice(0, 12).map((f) => `    ${f}`));
  if (d.text) out.push(...d.text.excerpt.map((l) => `  ${l}`));
  if (d.bytes) out.push(`  byte ${d.bytes.offset}: ${d.expectedLabel} ${hexByte(d.bytes.expectedByte)}, ${d.actualLabel} ${hexByte(d.bytes.actualByte)}`);
  const r = d.records;
  if (r) {
    out.push(`  decoded: ${side(d.expectedLabel, r.expected)}; ${side(d.actualLabel, r.actual)}`);
    if (r.header.length > 0) out.push(`  message header: ${r.header.join(", ")}`);
    for (const c of r.records) {
      if (c.expected === c.actual) out.push(`  record ${c.index}: ${c.expected}`);
      else out.push(`  record ${c.index}: ${d.expectedLabel}: ${c.expected ?? "(none)"}; ${d.actualLabel}: ${c.actual ?? "(none)"}`);
      out.push(...c.fields.map((f) => `    ${f}`));
    }
    if (r.moreRecords > 0) out.push(`  ... ${r.moreRecords} more differing record(s)`);
    const decoded = (s: DecodedSide) => s.records > 0 || s.problems.length === 0;
    if (r.records.length === 0 && r.header.length === 0 && decoded(r.expected) && decoded(r.actual)) out.push("  the decoded records are the same (the difference is in padding, layout or framing)");
  }
  return out;
}

function listDifferences(ds: FileDifference[]): string[] {
  const out: string[] = [];
  ds.forEach((d, i) => out.push(...differenceLines(d, i < DETAILED).map((l) => `  ${l}`)));
  return out;
}

/** A check's outcome as a person reads it. */
export function checkReport(r: CheckResult, command: { stream: string; goldenDir: string }): string {
  const model = r.model ? `; model ${r.model.name}` : "";
  const stream = `stream ${r.stream.name}, sha256 ${r.stream.sha256.slice(0, 12)}...`;
  const same = r.streamMatch === "frames" ? " with other bytes (compressed differently) but the same frames" : "";
  if (r.ok) {
    return `uvp-float check: PASS: ${r.filesCompared} files identical to the golden set ${r.goldenDir} on both builds (${r.builds.join(", ")}), and the builds identical to each other (${stream}${same} as recorded${model})`;
  }
  const lines = [`uvp-float check: FAIL: ${r.stream.path} against ${r.goldenDir} (builds ${r.builds.join(", ")}${model})`];
  for (const i of r.inputs) lines.push(`  INPUT ${i.what}: ${i.message}`);
  if (r.streamMatch === "frames") lines.push("  note: the stream's bytes are not the recorded ones, but its frames are (pixels compressed differently, e.g. by another zlib)");
  const files = new Set(r.differences.map((d) => d.path)).size;
  if (r.differences.length > 0) lines.push(`  ${files} of ${r.filesCompared} files differ:`);
  else lines.push(`  the ${r.filesCompared} output files are identical nevertheless`);
  lines.push(...listDifferences(r.differences));
  const buildsDiffer = r.differences.some((d) => d.against === "builds");
  if (buildsDiffer) lines.push("  The builds disagree with each other: that is a firmware bug, not a golden set to update.");
  else if (r.inputs.length > 0) lines.push("  The inputs are not the recorded ones: use the recorded stream and model first; the output differences may follow from them.");
  else lines.push(`  If the change is intended, record it: uvp-float check ${command.stream} --expect ${command.goldenDir} --update`);
  return lines.join("\n");
}

/** An update's outcome as a person reads it. */
export function updateReport(u: UpdateResult): string {
  const total = `${u.manifest.files.length} files, ${u.totalBytes} bytes`;
  if (u.buildDifferences.length > 0) {
    return [`uvp-float check --update: NOT RECORDED: the builds (${u.builds.join(", ")}) disagree, so there is no one golden set to record; nothing was written`, ...listDifferences(u.buildDifferences)].join("\n");
  }
  if (!u.written) return `uvp-float check --update: ${u.goldenDir} is already up to date (${total}); nothing written`;
  const lines = [`uvp-float check --update: recorded ${u.goldenDir} from ${u.stream.path} (builds ${u.builds.join(", ")} agree; ${total})`];
  for (const c of u.changes) {
    if (c.kind === "extra") lines.push(`  added ${c.path} (${u.manifest.files.find((f) => f.path === c.path)?.bytes ?? 0} bytes)`);
    else if (c.kind === "missing") lines.push(`  removed ${c.path}`);
    else lines.push(`  changed ${c.path}: ${c.summary}`);
  }
  for (const m of u.manifestChanges) lines.push(`  ${"golden.json"} ${m}`);
  lines.push(`  ${u.unchanged} file(s) unchanged`);
  return lines.join("\n");
}
