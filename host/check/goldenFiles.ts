// The files of a golden set as golden.json lists them, read from its directory, with those that are absent
// or no longer match their recorded sha256 (files not listed, such as a README, are left alone).
import { existsSync } from "node:fs";
import { readRegularFile } from "./regularFile.js";
import { join } from "node:path";
import type { GoldenManifest } from "./goldenManifest.js";
import type { OutputSet } from "./outputSet.js";
import { sha256Hex } from "./sha256.js";

/** The golden files found, and the listed ones that are absent or differ from their sha256. */
export interface GoldenFiles {
  files: OutputSet;
  absent: string[];
  unlike: Set<string>;
}

/** Reads the files `manifest` lists from `dir`. */
export function readGoldenFiles(dir: string, manifest: GoldenManifest): GoldenFiles {
  const files: OutputSet = new Map();
  const absent: string[] = [];
  const unlike = new Set<string>();
  for (const f of manifest.files) {
    const path = join(dir, ...f.path.split("/"));
    if (!existsSync(path)) {
      absent.push(f.path);
      continue;
    }
    const bytes: Uint8Array = readRegularFile(path);
    files.set(f.path, bytes);
    if (sha256Hex(bytes) !== f.sha256) unlike.add(f.path);
  }
  return { files, absent, unlike };
}
