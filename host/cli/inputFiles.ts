// Input files of every verb, checked before they are read: a missing file, a directory, a device, FIFO or
// socket (/dev/zero would be read until memory runs out, a FIFO would block), an empty file, or a file beyond
// the size such an input can have are each refused with exit 65 and a message naming the file.
import { readFileSync, statSync, type Stats } from "node:fs";
import { CliError, ExitCode } from "./cliError.js";

const MiB = 1024 * 1024;

/** Largest input of each kind, bytes: far above any real one, well below what would exhaust memory. */
export const INPUT_LIMIT_BYTES = {
  /** A PNG or PGM frame: a full 2464 x 2056 frame is 5 MB raw; PNG overhead stays far below this. */
  frame: 64 * MiB,
  /** A CTS5 .hex file (NKE parts are 4 KiB; a whole cycle's file tens of KiB) or an SBD message (<= 340 B). */
  telemetry: 16 * MiB,
  /** An Argo AUX NetCDF file (the real ones are 0.4-0.5 MB), a model, a decode document, a CSV, an RS232 log. */
  document: 512 * MiB,
} as const;

/** What an input is, for messages ("frame", "model", ...) and its size limit. */
export interface InputKind {
  what: string;
  maxBytes: number;
  /** Whether a 0-byte file is acceptable (the caller reports it itself); default false. */
  allowEmpty?: boolean;
}

const code = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** Checks that `path` is a regular file that may be read whole; returns its stats, or throws a CliError 65 naming it. */
export function checkInputFile(path: string, kind: InputKind): Stats {
  let s: Stats;
  try {
    s = statSync(path);
  } catch (err) {
    const why = code(err) === "ENOENT" ? "no such file" : `cannot read (${code(err)})`;
    throw new CliError(`${path}: ${why}; check the path (the ${kind.what})`, ExitCode.INPUT);
  }
  if (s.isDirectory()) throw new CliError(`${path} is a directory; give the ${kind.what} file`, ExitCode.INPUT);
  if (!s.isFile()) throw new CliError(`${path} is not a regular file (a device, FIFO or socket): refused as the ${kind.what}`, ExitCode.INPUT);
  if (s.size === 0 && !kind.allowEmpty) throw new CliError(`${path}: empty file (0 bytes); give the ${kind.what}`, ExitCode.INPUT);
  if (s.size > kind.maxBytes) {
    throw new CliError(`${path}: ${s.size} bytes, more than the ${kind.maxBytes} bytes a ${kind.what} can have: refused`, ExitCode.INPUT);
  }
  return s;
}

/** Reads a whole input file after checkInputFile; throws a CliError 65 naming it. */
export function readInputFile(path: string, kind: InputKind): Uint8Array {
  checkInputFile(path, kind);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new CliError(`${path}: cannot read (${code(err)}); check the path (the ${kind.what})`, ExitCode.INPUT);
  }
}
