// The shards of a fleet replay (replay --shard i/n on n machines) merged into the summary one unsharded replay
// of the same list would give (timing aside): every shard must come from the same stream list (same count and
// sha256) and the same shard count, each shard once; missing and duplicated shards are named.

import { summarizeFleet, worstExitCode, type FleetStreamEntry, type FleetSummary } from "./fleetSummary.js";

/** One shard summary as read from its file. */
export interface ShardInput {
  file: string;
  summary: FleetSummary;
}

/** The merge, and everything that keeps it from standing for the whole fleet. */
export interface FleetMergeResult {
  summary: FleetSummary;
  /** Why the shards do not make one whole fleet (different lists or counts, missing or duplicated shards); empty when they do. */
  problems: string[];
  /** Shard indexes (0-based) not given. */
  missingShards: number[];
  /** Shard indexes given more than once, with their files. */
  duplicatedShards: { index: number; files: string[] }[];
}

/** "i/n" as numbers, or null. */
function parseShard(s: string | null | undefined): { index: number; count: number } | null {
  const m = /^(\d+)\/(\d+)$/u.exec(s ?? "");
  return m === null ? null : { index: Number(m[1]), count: Number(m[2]) };
}

/** Merges shard summaries; the result's exit code is the worst of the shards' (and of their streams'). */
export function mergeFleetShards(shards: readonly ShardInput[]): FleetMergeResult {
  const problems: string[] = [];
  const first = shards[0].summary.fleet;
  const count = parseShard(first.shard)?.count ?? null;
  const byIndex = new Map<number, string[]>();
  for (const { file, summary } of shards) {
    const f = summary.fleet;
    const shard = parseShard(f.shard);
    if (shard === null) {
      problems.push(`${file}: not a shard summary (fleet.shard is ${JSON.stringify(f.shard)}); give the fleet.shard-<i>-of-<n>.summary.json files`);
      continue;
    }
    if (shard.count !== count) problems.push(`${file}: shard ${f.shard} of a ${shard.count}-shard fleet, but ${shards[0].file} is of a ${count}-shard fleet`);
    if (f.listed !== first.listed || f.listSha256 !== first.listSha256) {
      problems.push(`${file}: a different stream list (${f.listed} streams, sha256 ${String(f.listSha256).slice(0, 12)}) from ${shards[0].file} (${first.listed}, ${String(first.listSha256).slice(0, 12)}); every shard must be given the same files or directories`);
    }
    if (f.build !== first.build) problems.push(`${file}: firmware build ${f.build}, but ${shards[0].file} used ${first.build}`);
    byIndex.set(shard.index, [...(byIndex.get(shard.index) ?? []), file]);
  }
  const missingShards = count === null ? [] : Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  const duplicatedShards = [...byIndex].filter(([, files]) => files.length > 1).map(([index, files]) => ({ index, files })).sort((a, b) => a.index - b.index);
  if (missingShards.length > 0) problems.push(`shard${missingShards.length === 1 ? "" : "s"} ${missingShards.map((i) => `${i}/${count}`).join(", ")} missing: their streams are not in the merge`);
  for (const d of duplicatedShards) problems.push(`shard ${d.index}/${count} given ${d.files.length} times (${d.files.join(", ")}): merged once`);

  // Each shard once (the first file given for it), streams in the list's codepoint order, as one fleet lists them.
  const taken = new Set<number>();
  const entries: FleetStreamEntry[] = [];
  for (const { summary } of shards) {
    const shard = parseShard(summary.fleet.shard);
    if (shard === null || taken.has(shard.index)) continue;
    taken.add(shard.index);
    entries.push(...summary.streams);
  }
  entries.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  const wallSeconds = Math.max(0, ...shards.map((s) => s.summary.totals?.timing?.wallSeconds ?? 0));
  const summary = summarizeFleet(entries, { listed: first.listed, listSha256: first.listSha256, shard: null, jobs: shards.reduce((a, s) => a + (s.summary.fleet.jobs ?? 0), 0), build: first.build }, wallSeconds);
  summary.fleet.merged = { shards: count ?? 0, files: shards.map((s) => s.file) };
  summary.fleet.exitCode = worstExitCode([summary.fleet.exitCode, ...shards.map((s) => s.summary.fleet.exitCode)]);
  return { summary, problems, missingShards, duplicatedShards };
}

/** Checks that parsed JSON looks like a fleet summary, or says what is wrong with it. */
export function fleetSummaryProblem(x: unknown): string | null {
  if (typeof x !== "object" || x === null) return "not a JSON object";
  const o = x as Partial<FleetSummary>;
  if (typeof o.fleet !== "object" || o.fleet === null || !Array.isArray(o.streams)) return "no fleet / streams: not a fleet summary written by 'uvp-float replay'";
  if (typeof o.fleet.listSha256 !== "string") return "no fleet.listSha256: written by an older uvp-float; replay the shard again";
  return null;
}
