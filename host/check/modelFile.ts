// The classifier model of a check: its bytes, the TAXO_CONF line of its <m>.json sidecar (as replay
// --model reads it) and its digest, which golden.json records.
import { existsSync, readFileSync } from "node:fs";
import { readRegularFile } from "./regularFile.js";
import { basename, join } from "node:path";
import { CheckError } from "./checkError.js";
import { sha256Hex } from "./sha256.js";

/** A model read for a run. */
export interface ModelFile {
  path: string;
  name: string;
  bytes: Uint8Array;
  taxoConf: string | null;
  sha256: string;
}

/** Reads the model at `path` and its sidecar, or a CheckError naming the file. */
export function readModelFile(path: string): ModelFile {
  const bytes: Uint8Array = readRegularFile(path);
  const sidecar = path.replace(/\.bin$/i, "") + ".json";
  let taxoConf: string | null = null;
  if (existsSync(sidecar)) {
    try {
      taxoConf = (JSON.parse(readFileSync(sidecar, "utf8")) as { taxoConf?: string }).taxoConf ?? null;
    } catch (err) {
      throw new CheckError(`${sidecar}: not valid JSON (${(err as Error).message}); fix the model's sidecar`, "input");
    }
  }
  return { path, name: basename(path), bytes, taxoConf, sha256: sha256Hex(bytes) };
}

/** The model of a run: --model when given, else the one golden.json records (its path is relative to the set). */
export function modelForRun(modelPath: string | undefined, recorded: { name: string; path: string } | null, goldenDir: string): ModelFile | null {
  if (modelPath !== undefined) return readModelFile(modelPath);
  if (recorded === null) return null;
  const path = join(goldenDir, recorded.path);
  if (!existsSync(path)) {
    throw new CheckError(`${path}: the model ${recorded.name} that golden.json records is not there; give --model <path to ${recorded.name}>`, "input");
  }
  return readModelFile(path);
}
