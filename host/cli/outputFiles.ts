// Output safety for every verb, in one place. A verb that writes files:
//   1. calls checkOutputs(verb, { files, dirs }, { inputs, force }) BEFORE any work: an output that is one of
//      the inputs (same device and inode, through links too) is refused with exit 64 whatever --force says;
//      an existing output without --force, a directory where a file goes (or the reverse), a non-regular file
//      (/dev/null, a FIFO), a missing parent directory, or a place where nothing can be created (/proc, a
//      read-only or full file system, a path under a file) is refused with exit 73, naming the path, at once;
//   2. writes with writeOutput / writeOutputs (whole contents: a temporary file beside the target, renamed over
//      it, so a reader never sees half a file), or openTempOutput for a file written piece by piece;
//   3. files whose names are known only after the work (telemetry parts) go through writeOutputs too, which
//      checks each of them again (input, existing file) before writing any.
// Temporary files are removed on failure, exit, SIGINT and SIGTERM (tempFiles.ts). Directories are created
// with makeOutputDir, which fails at once where Node's recursive mkdirSync spins forever (/proc/x on Node 20).
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CliError, ExitCode } from "./cliError.js";
import { registerTempFile, releaseTempFile, tempPathFor } from "./tempFiles.js";

/** What a verb will write: files, and directories that files go into. */
export interface PlannedOutputs {
  files?: readonly string[];
  dirs?: readonly string[];
}

/** What the outputs are checked against. */
export interface OutputCheckOptions {
  /** Every input file or directory of the run (a directory stands for the files directly in it). */
  inputs: readonly string[];
  /** --force: existing outputs may be replaced (never an input). */
  force: boolean;
}

/** Identities (device:inode) of the inputs of the last checkOutputs, for the files written later. */
let inputIds = new Map<string, string>();

const code = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null; // absent, a dangling link, or unreachable: what is written there is checked by the probe
  }
}

function idOf(s: Stats): string {
  return `${s.dev}:${s.ino}`;
}

function collectInputIds(inputs: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const input of inputs) {
    const s = statOrNull(input);
    if (!s) continue;
    ids.set(idOf(s), input);
    if (!s.isDirectory()) continue;
    let names: string[] = [];
    try {
      names = readdirSync(input);
    } catch {
      continue;
    }
    for (const n of names) {
      const f = statOrNull(join(input, n));
      if (f && f.isFile()) ids.set(idOf(f), join(input, n));
    }
  }
  return ids;
}

/** Throws the usage error when `path` is one of the inputs. */
function refuseInput(verb: string, path: string, s: Stats | null): void {
  const input = s ? inputIds.get(idOf(s)) : undefined;
  if (input === undefined) return;
  const same = input === path ? "" : ` (the same file as the input ${input})`;
  throw new CliError(`uvp-float ${verb}: ${path} is an input of this run${same}; an input is never overwritten, --force or not: write the output elsewhere`, ExitCode.USAGE);
}

/**
 * Creates `path` and its missing parents; returns the directories it created, deepest last. Each level is
 * created on its own, so a file system that refuses (ENOENT under /proc) gives an error instead of a loop.
 */
export function makeOutputDir(path: string): string[] {
  const missing: string[] = [];
  let p = resolve(path);
  for (;;) {
    let s: Stats;
    try {
      s = statSync(p);
    } catch (err) {
      if (code(err) !== "ENOENT" || dirname(p) === p) throw new CliError(`${p}: cannot create the output directory (${code(err)})`, ExitCode.OUTPUT);
      missing.push(p);
      p = dirname(p);
      continue;
    }
    if (!s.isDirectory()) throw new CliError(`${p} is not a directory, so ${path} cannot be created under it; give another output path`, ExitCode.OUTPUT);
    break;
  }
  const created: string[] = [];
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      removeEmptyDirs(created);
      throw new CliError(`${d}: cannot create the output directory (${code(err)}); this file system does not take new files here`, ExitCode.OUTPUT);
    }
    created.push(d);
  }
  return created;
}

/** Removes directories makeOutputDir created (deepest first), if they are still empty. */
function removeEmptyDirs(created: readonly string[]): void {
  for (const d of [...created].reverse()) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}

/** Creates and removes a file in `dir`: the only sure test that outputs can be created there (even as root, /proc refuses). */
function probe(dir: string, forPath: string): void {
  const p = join(dir, `.uvp-float-probe.${process.pid}`);
  try {
    closeSync(openSync(p, "wx"));
    unlinkSync(p);
  } catch (err) {
    throw new CliError(`${forPath}: cannot be written (${code(err)} creating a file in ${dir}); give another output path`, ExitCode.OUTPUT);
  }
}

/** Checks one output file; returns whether it exists (refused later, all together, unless --force). */
function checkFile(verb: string, path: string): boolean {
  const s = statOrNull(path);
  refuseInput(verb, path, s);
  if (s?.isDirectory()) throw new CliError(`${path} is a directory; give a file name for this output`, ExitCode.OUTPUT);
  if (s && !s.isFile()) throw new CliError(`${path} is not a regular file (a device, FIFO or socket); give a file path for this output`, ExitCode.OUTPUT);
  const dir = dirname(resolve(path));
  const d = statOrNull(dir);
  if (!d) throw new CliError(`${path}: its directory ${dirname(path)} does not exist; create it first or give another output path`, ExitCode.OUTPUT);
  if (!d.isDirectory()) throw new CliError(`${path}: ${dirname(path)} is not a directory; give another output path`, ExitCode.OUTPUT);
  probe(dir, path);
  return s !== null;
}

function checkDir(verb: string, path: string): void {
  const s = statOrNull(path);
  refuseInput(verb, path, s);
  if (s && !s.isDirectory()) throw new CliError(`${path} exists and is not a directory; give a directory for this output`, ExitCode.OUTPUT);
  if (s) {
    probe(path, path);
    return;
  }
  // Created and removed again: the check leaves nothing behind if the run fails before writing.
  const created = makeOutputDir(path);
  try {
    probe(path, path);
  } finally {
    removeEmptyDirs(created);
  }
}

/** Checks every output of a run before any work (see the top of this file); throws a CliError (64 or 73) naming the path. */
export function checkOutputs(verb: string, outputs: PlannedOutputs, o: OutputCheckOptions): void {
  inputIds = collectInputIds(o.inputs);
  const seen = new Set<string>();
  const existing: string[] = [];
  for (const f of outputs.files ?? []) {
    const key = resolve(f);
    if (seen.has(key)) throw new CliError(`uvp-float ${verb}: ${f} is given for two outputs; give each its own path`, ExitCode.USAGE);
    seen.add(key);
    if (checkFile(verb, f)) existing.push(f);
  }
  for (const d of outputs.dirs ?? []) checkDir(verb, d);
  if (existing.length > 0 && !o.force) {
    const more = existing.length > 1 ? ` (and ${existing.length - 1} more outputs)` : "";
    throw new CliError(`${existing[0]} exists${more}; give --force to overwrite, or another output path`, ExitCode.OUTPUT);
  }
}

/** Writes whole outputs: each to a temporary file beside it, then all renamed into place; throws a CliError naming the path. */
export function writeOutputs(entries: ReadonlyArray<readonly [path: string, content: string | Uint8Array]>, force: boolean, verb = "output"): void {
  for (const [p] of entries) {
    const s = statOrNull(p);
    refuseInput(verb, p, s);
    if (s && (!force || !s.isFile())) throw new CliError(`${p} exists${s.isFile() ? "; give --force to overwrite it" : " and is not a regular file"}, or another output path`, ExitCode.OUTPUT);
  }
  const temps: string[] = [];
  const discard = () => {
    for (const t of temps) {
      rmSync(t, { force: true });
      releaseTempFile(t);
    }
  };
  for (const [p, content] of entries) {
    const t = tempPathFor(p);
    registerTempFile(t);
    temps.push(t);
    try {
      writeFileSync(t, content, { flag: "wx" });
    } catch (err) {
      discard();
      throw new CliError(`${p}: cannot write (${code(err)}); nothing was written`, ExitCode.OUTPUT);
    }
  }
  entries.forEach(([p], i) => {
    try {
      renameSync(temps[i], p);
    } catch (err) {
      discard();
      throw new CliError(`${p}: cannot write (${code(err)} renaming its temporary file)`, ExitCode.OUTPUT);
    }
    releaseTempFile(temps[i]);
  });
}

/** Writes one whole output atomically (see writeOutputs); checked already by checkOutputs, hence replaced freely. */
export function writeOutput(path: string, content: string | Uint8Array): void {
  writeOutputs([[path, content]], true);
}

/** An output written piece by piece: write to `tempPath`, then commit() renames it into place, or discard() removes it. */
export interface TempOutput {
  tempPath: string;
  commit(): void;
  discard(): void;
}

/** Starts an output written piece by piece (a stream); its temporary file is removed on failure, exit and signals. */
export function openTempOutput(path: string): TempOutput {
  const tempPath = tempPathFor(path);
  registerTempFile(tempPath);
  const discard = () => {
    rmSync(tempPath, { force: true });
    releaseTempFile(tempPath);
  };
  return {
    tempPath,
    discard,
    commit() {
      try {
        renameSync(tempPath, path);
      } catch (err) {
        discard();
        throw new CliError(`${path}: cannot write (${code(err)} renaming ${tempPath})`, ExitCode.OUTPUT);
      }
      releaseTempFile(tempPath);
    },
  };
}

/** The older call (before checkOutputs): checks `paths` as outputs with no inputs. Prefer checkOutputs, which also refuses an input. */
export function refuseToOverwrite(paths: string[], force: boolean): void {
  checkOutputs("output", { files: paths }, { inputs: [], force });
}
