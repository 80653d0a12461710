// One output file written whole or not at all: into a temporary file beside it, then renamed over the target,
// so a failure or an interrupted run never leaves a half-written file under the name a user (or a CI job) reads.
// Every new output of decode (netcdf, ecopart) and fleet merge goes through here.
import { renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliError, ExitCode } from "./cliError.js";

/** Writes `path` through `write(tempPath)` then a rename; on any failure removes the temporary file and throws an
 *  output error (73) naming `path`. */
export async function writeOutputAtomically(path: string, write: (tempPath: string) => void | Promise<void>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await write(temp);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    if (err instanceof CliError) throw err;
    throw new CliError(`${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); nothing was written`, ExitCode.OUTPUT);
  }
}
