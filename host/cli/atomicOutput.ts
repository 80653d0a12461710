// One output file written whole or not at all: into a registered temporary file beside it (removed on failure,
// exit, SIGINT and SIGTERM by host/cli/tempFiles.ts), then renamed over the target, so a failure or an
// interrupted run never leaves a half-written file under the name a user (or a CI job) reads. For outputs a
// library writes by path (h5wasm's NetCDF-4 files) or asynchronously; whole contents go through writeOutput.
import { CliError, ExitCode } from "./cliError.js";
import { openTempOutput } from "./outputFiles.js";

/** Writes `path` through `write(tempPath)` then a rename; on any failure removes the temporary file and throws an
 *  output error (73) naming `path`. */
export async function writeOutputAtomically(path: string, write: (tempPath: string) => void | Promise<void>): Promise<void> {
  const temp = openTempOutput(path);
  try {
    await write(temp.tempPath);
  } catch (err) {
    temp.discard();
    if (err instanceof CliError) throw err;
    throw new CliError(`${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); nothing was written`, ExitCode.OUTPUT);
  }
  temp.commit();
}
