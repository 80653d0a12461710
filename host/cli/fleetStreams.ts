// The streams of a fleet replay: files and directories expanded, sorted, sharded, and their output paths.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliError, ExitCode } from "./cliError.js";
import { checkInputFile } from "./inputFiles.js";

/** The files a directory contributes: recorded streams and the camera's per-image data files, under the
 *  camera's name (`*_data.txt`) or the one EcoPart projects give them (`particules.csv`, one per sample folder). */
const STREAM_FILE = /(\.uvps|_data\.txt|(^|[\\/])particules\.csv)$/i;
/** What a directory is searched for, as said when it holds none. */
export const STREAM_NAMES = "*.uvps, *_data.txt or particules.csv";
/** Sub-folder levels searched below a directory given (an EcoPart project: raw/<sample>/particules.csv). */
const MAX_FOLDER_DEPTH = 4;

/** The stream files in `dir` and its sub-folders (hidden folders skipped), up to MAX_FOLDER_DEPTH levels down. */
function streamsUnder(dir: string, depth: number, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth < MAX_FOLDER_DEPTH && !entry.name.startsWith(".")) streamsUnder(path, depth + 1, found);
    } else if (STREAM_FILE.test(entry.name)) {
      found.push(path);
    }
  }
}

/** The streams named by `paths` (files as given, directories by the stream files in them and their sub-folders), in codepoint order, without duplicates. */
export function expandStreams(paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new CliError(`${path}: no such file or directory; check the path`, ExitCode.INPUT);
    }
    if (!isDir) {
      checkInputFile(path, { what: "recorded stream (.uvps) or *_data.txt", maxBytes: Number.MAX_SAFE_INTEGER });
      found.add(path);
      continue;
    }
    const inDir: string[] = [];
    streamsUnder(path, 0, inDir);
    if (inDir.length === 0) {
      throw new CliError(
        `${path}: no stream file found: looked for ${STREAM_NAMES} in this directory and its sub-folders (${MAX_FOLDER_DEPTH} levels); give stream files or another directory`,
        ExitCode.INPUT,
      );
    }
    for (const f of inDir) found.add(f);
  }
  // Codepoint order, not locale order: every machine of a sharded fleet must sort the list the same way.
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Parses --shard i/n (0 <= i < n), or a usage error. */
export function shardOption(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) {
    throw new CliError(`uvp-float replay: --shard must be i/n with 0 <= i < n (e.g. 0/4), got "${value}"`, ExitCode.USAGE);
  }
  return { index, count };
}

/** The streams of shard `index` of `count`: those whose index in the sorted list is `index` modulo `count`. */
export function shardStreams(sorted: readonly string[], shard: { index: number; count: number } | undefined): string[] {
  return shard ? sorted.filter((_, i) => i % shard.count === shard.index) : [...sorted];
}

/** A stream's name for its outputs: the file name without .uvps / .cbor / .txt / .csv; an EcoPart
 *  `particules.csv` takes its sample folder's name (every sample's file has the same name). */
export function streamName(path: string): string {
  const name = basename(path);
  if (/^particules\.csv$/i.test(name)) return `${basename(dirname(path)) || "particules"}_particules`;
  return name.replace(/\.(uvps|cbor|txt|csv)$/i, "");
}

/** The output prefix of a stream: beside it (as a single replay writes), or in `outDir` under the same file name. */
export function streamPrefix(path: string, outDir: string | undefined): string {
  return outDir === undefined ? path.replace(/\.(uvps|cbor|txt|csv)$/i, "") + ".replay" : join(outDir, `${streamName(path)}.replay`);
}

/** Throws a usage error when two streams would write the same output (same name under --out or --telemetry). */
export function refuseSharedOutputs(streams: readonly string[], outputsOf: (stream: string) => string[]): void {
  const owner = new Map<string, string>();
  for (const s of streams) {
    for (const o of outputsOf(s)) {
      const other = owner.get(o);
      if (other !== undefined) throw new CliError(`uvp-float replay: ${other} and ${s} would both write ${o}; rename one, or replay them separately`, ExitCode.USAGE);
      owner.set(o, s);
    }
  }
}

/** The sha256 of the sorted stream list (one name a line): the shards of one fleet carry the same, and
 *  `fleet merge` refuses shards of different lists. */
export function streamListSha256(sorted: readonly string[]): string {
  return createHash("sha256").update(sorted.map((s) => `${s}\n`).join("")).digest("hex");
}
