// The golden.json of a newly recorded set: where it came from and what it holds.
import { readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Build } from "../firmware/index.js";
import { packageRoot } from "../paths.js";
import { GOLDEN_FORMAT, GOLDEN_VERSION, type GoldenManifest } from "./goldenManifest.js";
import type { OutputSet } from "./outputSet.js";
import type { PreparedRun } from "./prepareRun.js";
import { sha256Hex } from "./sha256.js";
import { simulateFromHeader } from "./simulateCommand.js";
import { streamContentSha256 } from "./streamContent.js";

/** This package's version, as package.json gives it. */
export function uvpFloatVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** The manifest of the set `files` that `builds` made from `run`, to be written in `dir`. */
export function recordManifest(run: PreparedRun, builds: Build[], files: OutputSet, dir: string): GoldenManifest {
  const { profile, seed, simulate } = simulateFromHeader(run.header);
  const m = run.model;
  return {
    format: GOLDEN_FORMAT,
    version: GOLDEN_VERSION,
    uvpFloatVersion: uvpFloatVersion(),
    stream: { name: run.stream.name, bytes: run.stream.bytes, sha256: run.stream.sha256, contentSha256: streamContentSha256(run.stream.path) },
    profile,
    seed,
    simulate,
    // Relative to the set and "/"-separated, so the set can move with its model (e.g. a git checkout elsewhere).
    model: m ? { name: m.name, path: relative(resolve(dir), resolve(m.path)).split(sep).join("/"), bytes: m.bytes.length, sha256: m.sha256 } : null,
    telemetry: run.setup.telemetry,
    builds,
    files: [...files.keys()].sort().map((path) => ({ path, bytes: files.get(path)!.length, sha256: sha256Hex(files.get(path)!) })),
  };
}

/** What differs between two manifests besides the file list, one line each. */
export function manifestChanges(before: GoldenManifest | null, after: GoldenManifest): string[] {
  if (before === null) return [];
  const out: string[] = [];
  const cmp = (what: string, x: unknown, y: unknown) => {
    const a = JSON.stringify(x);
    const b = JSON.stringify(y);
    if (a !== b) out.push(`${what}: ${a} -> ${b}`);
  };
  cmp("stream", before.stream, after.stream);
  const model = (m: GoldenManifest["model"]) => m && { name: m.name, path: m.path, sha256: m.sha256 };
  cmp("model", model(before.model), model(after.model));
  cmp("simulate command", before.simulate?.command ?? null, after.simulate?.command ?? null);
  cmp("telemetry", before.telemetry, after.telemetry);
  cmp("uvpFloatVersion", before.uvpFloatVersion, after.uvpFloatVersion);
  return out;
}
