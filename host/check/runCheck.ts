// uvp-float check without --update: a stream through both builds, the builds against each other, then
// their outputs against the golden set, file by file; and whether the stream and model are the recorded ones.
import type { Build } from "../firmware/index.js";
import { runBothBuilds } from "./bothBuilds.js";
import { compareSets, type FileDifference, type Sides } from "./compareFiles.js";
import { readGoldenFiles } from "./goldenFiles.js";
import { GOLDEN_MANIFEST, readGoldenManifest, type GoldenManifest } from "./goldenManifest.js";
import { modelForRun } from "./modelFile.js";
import { prepareRun, type PreparedRun } from "./prepareRun.js";
import { streamContentSha256 } from "./streamContent.js";

/** What to check. */
export interface CheckOptions {
  stream: string;
  goldenDir: string;
  /** Default: the model golden.json records, if any. */
  modelPath?: string;
  progress?: boolean;
}

/** An input that is not the one the golden set was recorded from. */
export interface InputDifference {
  what: "stream" | "model";
  message: string;
}

/** How a stream matches the recorded one. */
export type StreamMatch = "bytes" | "frames" | "different";

/** The outcome of a check. */
export interface CheckResult {
  ok: boolean;
  goldenDir: string;
  stream: PreparedRun["stream"];
  model: { name: string; sha256: string } | null;
  builds: Build[];
  /** Distinct file paths compared (golden set and outputs together). */
  filesCompared: number;
  /** "frames": other bytes (another zlib's compression) but the same frames, which is not a difference. */
  streamMatch: StreamMatch;
  inputs: InputDifference[];
  /** Builds against each other first, then against the golden set. */
  differences: FileDifference[];
  /** The command that regenerates the recorded stream, when the simulator wrote it. */
  regenerate: string | null;
}

/** Whether the stream is the recorded one: the same bytes, other bytes but the same frames, or another stream. */
export function streamMatch(run: PreparedRun, m: GoldenManifest): StreamMatch {
  if (run.stream.sha256 === m.stream.sha256) return "bytes";
  // Other bytes may still be the same frames, deflated by another zlib: only the frames decide the outputs.
  return streamContentSha256(run.stream.path) === m.stream.contentSha256 ? "frames" : "different";
}

/** How the inputs differ from those golden.json records. */
export function inputDifferences(run: PreparedRun, m: GoldenManifest, match: StreamMatch): InputDifference[] {
  const out: InputDifference[] = [];
  if (match === "different") {
    const how = m.simulate ? `regenerate it with: ${m.simulate.command}` : "check that it is the recorded stream";
    out.push({ what: "stream", message: `${run.stream.path} (${run.stream.bytes} bytes, sha256 ${run.stream.sha256.slice(0, 12)}...) is not the stream the golden set was recorded from (${m.stream.name}, ${m.stream.bytes} bytes, sha256 ${m.stream.sha256.slice(0, 12)}...); ${how}` });
  }
  const model = run.model;
  if (model && !m.model) out.push({ what: "model", message: `this run classifies with ${model.name}, but the golden set was recorded without a model` });
  else if (model && m.model && model.sha256 !== m.model.sha256) {
    out.push({ what: "model", message: `${model.path} (sha256 ${model.sha256.slice(0, 12)}...) is not the model the golden set was recorded with (${m.model.name}, sha256 ${m.model.sha256.slice(0, 12)}...)` });
  }
  return out;
}

// golden.json names the set's files; a listed file missing from the directory, or no longer matching its
// digest, is reported as such rather than as an output the builds should not have produced.
function reconcile(differences: FileDifference[], absent: string[], unlike: Set<string>, dir: string, sides: Sides): FileDifference[] {
  const out = differences.map((d): FileDifference => {
    if (d.kind === "extra" && absent.includes(d.path)) {
      return { ...d, kind: "golden-file-missing", summary: `listed in ${GOLDEN_MANIFEST} but absent from ${dir}; the ${sides.actualLabel} produced it: restore it (e.g. git checkout) or re-record with --update` };
    }
    if (d.kind === "changed" && unlike.has(d.path)) return { ...d, note: `the golden file does not match its sha256 in ${GOLDEN_MANIFEST} either (edited by hand?)` };
    return d;
  });
  const named = new Set(differences.map((d) => d.path));
  for (const path of absent) {
    if (!named.has(path)) out.push({ path, kind: "golden-file-missing", ...sides, summary: `listed in ${GOLDEN_MANIFEST} but absent from ${dir}, and the ${sides.actualLabel} did not produce it: re-record with --update` });
  }
  for (const path of unlike) {
    if (!named.has(path)) out.push({ path, kind: "golden-file-edited", ...sides, summary: `matches the ${sides.actualLabel} but not its sha256 in ${GOLDEN_MANIFEST}: re-record with --update to make them agree` });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Checks a stream against a golden set. */
export function runCheck(o: CheckOptions): CheckResult {
  const manifest = readGoldenManifest(o.goldenDir);
  const model = modelForRun(o.modelPath, manifest.model, o.goldenDir);
  const run = prepareRun(o.stream, model, o.progress ?? false);
  const match = streamMatch(run, manifest);
  const inputs = inputDifferences(run, manifest, match);
  const both = runBothBuilds(run);
  const golden = readGoldenFiles(o.goldenDir, manifest);
  const builds = both.outputs.map((b) => b.build);
  // Identical builds are compared once, so a change is reported once, for both.
  const groups = both.differences.length === 0 ? [{ files: both.outputs[0].files, builds }] : both.outputs.map((b) => ({ files: b.files, builds: [b.build] }));
  const differences = [...both.differences];
  const paths = new Set<string>([...golden.files.keys(), ...golden.absent]);
  for (const g of groups) {
    const sides: Sides = { against: "golden", builds: g.builds, expectedLabel: "golden set", actualLabel: `${g.builds.join(" and ")} build${g.builds.length > 1 ? "s" : ""}` };
    for (const p of g.files.keys()) paths.add(p);
    differences.push(...reconcile(compareSets(golden.files, g.files, sides), golden.absent, golden.unlike, o.goldenDir, sides));
  }
  return {
    ok: inputs.length === 0 && differences.length === 0,
    goldenDir: o.goldenDir,
    stream: run.stream,
    model: model ? { name: model.name, sha256: model.sha256 } : null,
    builds,
    filesCompared: paths.size,
    streamMatch: match,
    inputs,
    differences,
    regenerate: manifest.simulate?.command ?? null,
  };
}
