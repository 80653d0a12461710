// Where CTS5 files and SBD messages are written (encode, replay --telemetry): the directory is checked before
// the work, and the files, named only once the parts exist, are all checked before any is written.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TelemetryPart } from "../firmware/floatTelemetry.js";
import { isCycleFileName, telemetryFiles, type CycleIds, type FileOptions } from "../telemetry/partFiles.js";
import { CliError, ExitCode } from "./cliError.js";
import { makeOutputDir, writeOutputs } from "./outputFiles.js";

/** Refuses (exit 73) a directory that already holds files of this float's cycle, unless `force`; call after checkOutputs. */
export function refuseCycleFiles(dir: string, ids: CycleIds, force: boolean): void {
  if (force || !existsSync(dir) || !statSync(dir).isDirectory()) return;
  const taken = readdirSync(dir).filter((n) => isCycleFileName(n, ids)).sort();
  if (taken.length === 0) return;
  const more = taken.length > 1 ? ` (and ${taken.length - 1} more files of float ${ids.floatId} cycle ${ids.cycle})` : "";
  throw new CliError(`${join(dir, taken[0])} exists${more}; give --force to overwrite them, or another directory`, ExitCode.OUTPUT);
}

/** Writes the parts into `dir` (created), each under its file name; returns the paths. Nothing is written if any is refused. */
export function writeTelemetryParts(dir: string, parts: readonly TelemetryPart[], ids: CycleIds, force: boolean, opts: FileOptions = {}): string[] {
  let files;
  try {
    files = telemetryFiles(parts, ids, opts);
  } catch (err) {
    throw new CliError((err as Error).message, err instanceof RangeError ? ExitCode.USAGE : ExitCode.OUTPUT);
  }
  const paths = files.map((f) => join(dir, f.name));
  makeOutputDir(dir);
  writeOutputs(paths.map((p, i) => [p, files[i].bytes] as const), force);
  return paths;
}
