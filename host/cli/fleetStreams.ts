// The streams of a fleet replay: files and directories expanded, sorted, sharded, and their output paths.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { CliError, ExitCode } from "./cliError.js";

/** The files a directory contributes: recorded streams and the camera's per-image text files. */
const STREAM_FILE = /(\.uvps|_data\.txt)$/i;

/** The streams named by `paths` (files as given, directories by their *.uvps and *_data.txt), in codepoint order, without duplicates. */
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
      found.add(path);
      continue;
    }
    const inDir = readdirSync(path).filter((n) => STREAM_FILE.test(n)).map((n) => join(path, n));
    if (inDir.length === 0) throw new CliError(`${path}: no *.uvps or *_data.txt file in this directory; give stream files or another directory`, ExitCode.INPUT);
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

/** A stream's name for its outputs: the file name without .uvps / .cbor / .txt. */
export function streamName(path: string): string {
  return basename(path).replace(/\.(uvps|cbor|txt)$/i, "");
}

/** The output prefix of a stream: beside it (as a single replay writes), or in `outDir` under the same file name. */
export function streamPrefix(path: string, outDir: string | undefined): string {
  return outDir === undefined ? path.replace(/\.(uvps|cbor|txt)$/i, "") + ".replay" : join(outDir, `${streamName(path)}.replay`);
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
