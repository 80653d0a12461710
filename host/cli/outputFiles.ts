// Output files: never overwrite one without --force, and say which file could not be written.
import { existsSync, writeFileSync } from "node:fs";
import { CliError, ExitCode } from "./cliError.js";

/** Throws an output error naming the first of `paths` that exists, unless `force`. */
export function refuseToOverwrite(paths: string[], force: boolean): void {
  if (force) return;
  const existing = paths.find((p) => existsSync(p));
  if (existing) throw new CliError(`${existing} exists; give --force to overwrite it, or another --out`, ExitCode.OUTPUT);
}

/** Writes a file, or an output error naming it. */
export function writeOutput(path: string, content: string | Uint8Array): void {
  try {
    writeFileSync(path, content);
  } catch (err) {
    throw new CliError(`${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, ExitCode.OUTPUT);
  }
}
