// Golden-set files are read whole: a directory, device or FIFO in their place (a damaged checkout) is refused
// by name before it is opened, since /dev/zero would be read without end and a FIFO would block.
import { readFileSync, statSync } from "node:fs";
import { CheckError } from "./checkError.js";

/** Reads a golden-set file that must be a regular file; throws a CheckError ("input") naming it otherwise. */
export function readRegularFile(path: string): Buffer {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (err) {
    throw new CheckError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check its permissions`, "input");
  }
  if (!isFile) throw new CheckError(`${path}: not a regular file (a directory, device or FIFO); restore it from version control or re-record the set with --update`, "input");
  try {
    return readFileSync(path);
  } catch (err) {
    throw new CheckError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check its permissions`, "input");
  }
}
