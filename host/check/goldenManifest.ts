// golden.json: what a golden set was recorded from (stream, model, simulator options, uvp-float version)
// and the files it holds with their sizes and digests. Reading checks its shape and says how to fix it.
import { existsSync } from "node:fs";
import { readRegularFile } from "./regularFile.js";
import { join } from "node:path";
import type { Build } from "../firmware/index.js";
import { CheckError } from "./checkError.js";
import type { TelemetrySetup } from "./outputSet.js";

/** File name of the manifest inside a golden directory. */
export const GOLDEN_MANIFEST = "golden.json";
/** The manifest's `format` value. */
export const GOLDEN_FORMAT = "uvp-float-golden";
/** The manifest layout this code writes and reads. */
export const GOLDEN_VERSION = 1;

/** One file of the set. */
export interface GoldenFile {
  /** Path inside the golden directory, "/"-separated. */
  path: string;
  bytes: number;
  sha256: string;
}

/** How to regenerate a simulated stream: the simulator's resolved options and the command that gives them. */
export interface GoldenSimulate {
  /** The stream header's `metadata.options`, every default filled in. */
  options: Record<string, unknown>;
  /** `uvp-float` arguments that write the same bytes; "--out <stream>" is to be appended. */
  argv: string[];
  /** The same as one shell line, for people. */
  command: string;
}

/** The classifier model a set was recorded with. */
export interface GoldenModel {
  name: string;
  /** Path relative to the golden directory, so a check finds it from any working directory. */
  path: string;
  bytes: number;
  sha256: string;
}

/** The whole manifest. */
export interface GoldenManifest {
  format: typeof GOLDEN_FORMAT;
  version: typeof GOLDEN_VERSION;
  uvpFloatVersion: string;
  /** The stream's file digest, and the digest of the frames it holds (streamContent.ts), which does not depend
   *  on how the pixels were compressed. */
  stream: { name: string; bytes: number; sha256: string; contentSha256: string };
  /** Profile and seed from the stream's metadata (null for a stream the simulator did not write). */
  profile: string | null;
  seed: number | null;
  simulate: GoldenSimulate | null;
  model: GoldenModel | null;
  telemetry: TelemetrySetup;
  builds: Build[];
  files: GoldenFile[];
}

const isHex64 = (x: unknown): boolean => typeof x === "string" && /^[0-9a-f]{64}$/.test(x);
const isSize = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0;

// Paths come from a file anyone can edit: refuse ones that would reach outside the golden directory.
function safeRelativePath(p: unknown): boolean {
  return typeof p === "string" && p.length > 0 && !p.startsWith("/") && !p.includes("\\") && p.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

/** What is wrong with `m` as a manifest (empty when nothing is). */
export function manifestProblems(m: unknown): string[] {
  const problems: string[] = [];
  if (typeof m !== "object" || m === null || Array.isArray(m)) return ["not a JSON object"];
  const o = m as Record<string, unknown>;
  if (o.format !== GOLDEN_FORMAT) problems.push(`"format" must be "${GOLDEN_FORMAT}"`);
  if (o.version !== GOLDEN_VERSION) problems.push(`"version" must be ${GOLDEN_VERSION} (this uvp-float reads layout ${GOLDEN_VERSION})`);
  const s = o.stream as Record<string, unknown> | undefined;
  if (typeof s !== "object" || s === null || typeof s.name !== "string" || !isSize(s.bytes) || !isHex64(s.sha256) || !isHex64(s.contentSha256)) {
    problems.push(`"stream" must be {name, bytes, sha256, contentSha256}`);
  }
  const t = o.telemetry as Record<string, unknown> | undefined;
  // serialHex (the CTS5 file names' xxxx) came later: a set recorded before it names its files by the WMO id.
  const serialOk = (x: unknown): boolean => x === undefined || (typeof x === "string" && /^[0-9a-f]{4}$/u.test(x));
  if (typeof t !== "object" || t === null || !isSize(t.floatId) || !serialOk(t.serialHex) || !isSize(t.cycle) || !isSize(t.sbdMaxBytes)) {
    problems.push(`"telemetry" must be {floatId, serialHex (4 lower-case hex digits), cycle, sbdMaxBytes}`);
  }
  const model = o.model as Record<string, unknown> | null | undefined;
  if (model !== null && (typeof model !== "object" || typeof model.path !== "string" || !isHex64(model.sha256))) {
    problems.push(`"model" must be null or {name, path, bytes, sha256}`);
  }
  if (!Array.isArray(o.files)) problems.push(`"files" must be a list`);
  else {
    o.files.forEach((f: Record<string, unknown>, i) => {
      if (typeof f !== "object" || f === null || !safeRelativePath(f.path) || !isSize(f.bytes) || !isHex64(f.sha256)) {
        problems.push(`files[${i}] must be {path (relative, inside the set), bytes, sha256}`);
      }
    });
  }
  return problems;
}

/** Reads and checks `<dir>/golden.json`; throws a CheckError saying what to do when it is missing or wrong. */
export function readGoldenManifest(dir: string): GoldenManifest {
  const path = join(dir, GOLDEN_MANIFEST);
  if (!existsSync(path)) {
    throw new CheckError(`${path}: no golden set here (no ${GOLDEN_MANIFEST}); record one with --update, or check the --expect path`, "input");
  }
  const text = readRegularFile(path).toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CheckError(`${path}: not valid JSON (${(err as Error).message}); restore it from version control or re-record the set with --update`, "input");
  }
  const problems = manifestProblems(parsed);
  if (problems.length > 0) {
    throw new CheckError(`${path}: not a golden manifest: ${problems.join("; ")}; restore it from version control or re-record the set with --update`, "input");
  }
  return parsed as GoldenManifest;
}

/** The manifest as written: pretty JSON, files in path order. */
export function manifestText(m: GoldenManifest): string {
  return JSON.stringify(m, null, 2) + "\n";
}
