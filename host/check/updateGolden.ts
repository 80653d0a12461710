// uvp-float check --update: records a stream's outputs as the golden set, once both builds agree, and says
// what changed against the set it replaces. Files the old golden.json did not list are never touched, and a
// directory that is not a golden set is only written with --force.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Build } from "../firmware/index.js";
import { runBothBuilds } from "./bothBuilds.js";
import { CheckError } from "./checkError.js";
import { compareSets, type FileDifference } from "./compareFiles.js";
import { readGoldenFiles } from "./goldenFiles.js";
import { GOLDEN_MANIFEST, manifestText, readGoldenManifest, type GoldenManifest } from "./goldenManifest.js";
import { modelForRun } from "./modelFile.js";
import type { OutputSet } from "./outputSet.js";
import { prepareRun, type PreparedRun } from "./prepareRun.js";
import { manifestChanges, recordManifest } from "./recordManifest.js";

/** What to record. */
export interface UpdateOptions {
  stream: string;
  goldenDir: string;
  /** Default: the model the existing golden.json records, if any. */
  modelPath?: string;
  /** Allow recording into a non-empty directory that holds no golden set. */
  force: boolean;
  progress?: boolean;
}

/** The outcome of an update. */
export interface UpdateResult {
  /** Whether files were written (false when the builds disagree or the set was already up to date). */
  written: boolean;
  goldenDir: string;
  stream: PreparedRun["stream"];
  builds: Build[];
  /** When non-empty the builds disagree and nothing was written. */
  buildDifferences: FileDifference[];
  /** Against the previous set: changed files, "missing" = removed, "extra" = added. */
  changes: FileDifference[];
  unchanged: number;
  /** Manifest fields that changed (stream, model, version...), or that the previous one could not be read. */
  manifestChanges: string[];
  /** The set as recorded. */
  manifest: GoldenManifest;
  totalBytes: number;
}

function previousManifest(dir: string, force: boolean, notes: string[]): GoldenManifest | null {
  if (!existsSync(dir)) return null;
  if (!existsSync(join(dir, GOLDEN_MANIFEST))) {
    if (readdirSync(dir).length > 0 && !force) {
      throw new CheckError(`${dir} is not empty and holds no golden set (no ${GOLDEN_MANIFEST}); give --force to record one there, or choose a new or empty directory`, "output");
    }
    return null;
  }
  try {
    return readGoldenManifest(dir);
  } catch (err) {
    // A damaged golden.json is what --update is for: the set is re-recorded whole (its model, if any, must be given again).
    notes.push(`the previous ${GOLDEN_MANIFEST} could not be read (${(err as Error).message.split(": ").slice(1).join(": ")}): the set is recorded whole`);
    return null;
  }
}

function writeSet(dir: string, files: OutputSet, changes: FileDifference[], before: GoldenManifest | null, manifest: GoldenManifest): void {
  const at = (p: string) => join(dir, ...p.split("/"));
  let current = "";
  try {
    mkdirSync(dir, { recursive: true });
    const rewrite = new Set(changes.filter((c) => c.kind !== "missing").map((c) => c.path));
    for (const [p, bytes] of files) {
      // Unchanged files keep their bytes and times; a listed file absent from the directory is written again.
      if (!rewrite.has(p) && existsSync(at(p))) continue;
      current = at(p);
      mkdirSync(dirname(current), { recursive: true });
      writeFileSync(current, bytes);
    }
    for (const f of before?.files ?? []) {
      current = at(f.path);
      if (!files.has(f.path)) rmSync(current, { force: true });
    }
    current = join(dir, GOLDEN_MANIFEST);
    writeFileSync(current, manifestText(manifest));
  } catch (err) {
    throw new CheckError(`${current || dir}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the directory's permissions`, "output");
  }
}

/** Records `stream`'s outputs as the golden set in `goldenDir`. */
export function updateGolden(o: UpdateOptions): UpdateResult {
  const notes: string[] = [];
  const before = previousManifest(o.goldenDir, o.force, notes);
  const model = modelForRun(o.modelPath, before?.model ?? null, o.goldenDir);
  const run = prepareRun(o.stream, model, o.progress ?? false);
  const both = runBothBuilds(run);
  const builds = both.outputs.map((b) => b.build);
  const files = both.outputs[0].files;
  const manifest = recordManifest(run, builds, files, o.goldenDir);
  const totalBytes = [...files.values()].reduce((a, b) => a + b.length, 0);
  const base = { goldenDir: o.goldenDir, stream: run.stream, builds, manifest, totalBytes };
  if (both.differences.length > 0) {
    return { ...base, written: false, buildDifferences: both.differences, changes: [], unchanged: 0, manifestChanges: [] };
  }
  const old = before ? readGoldenFiles(o.goldenDir, before) : { files: new Map<string, Uint8Array>(), absent: [], unlike: new Set<string>() };
  const changes = compareSets(old.files, files, { against: "golden", builds, expectedLabel: "previous golden set", actualLabel: "new golden set" });
  const unchanged = [...files.keys()].filter((p) => old.files.has(p) && !changes.some((c) => c.path === p)).length;
  const manifestPath = join(o.goldenDir, GOLDEN_MANIFEST);
  const sameManifest = existsSync(manifestPath) && readFileSync(manifestPath, "utf8") === manifestText(manifest);
  const complete = old.absent.length === 0 && [...files.keys()].every((p) => existsSync(join(o.goldenDir, ...p.split("/"))));
  if (changes.length === 0 && sameManifest && complete) {
    return { ...base, written: false, buildDifferences: [], changes, unchanged, manifestChanges: [] };
  }
  writeSet(o.goldenDir, files, changes, before, manifest);
  return { ...base, written: true, buildDifferences: [], changes, unchanged, manifestChanges: [...notes, ...manifestChanges(before, manifest)] };
}
