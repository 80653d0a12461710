// A fleet split across machines as the CI workflow (.github/workflows/fleet.yml) runs it: the workflow's own
// replay and merge commands, taken from the file and run here in separate processes (n shards, then the merge),
// give the summary of one unsharded replay of the same list (timing aside) and the same output files; missing,
// duplicated and foreign shards are named.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { packageRoot } from "../host/paths.js";
import { writeMissionStream } from "../simulator/writeMission.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd });
const N = 3;
const WORKFLOW = readFileSync(join(packageRoot(), ".github", "workflows", "fleet.yml"), "utf8");

/** The workflow's `run:` line that starts with `npx uvp-float <verb>`, run with bash in `cwd` as a CI job would
 *  (npx uvp-float -> this checkout's bin, the matrix index given). */
function workflowStep(verb: string, cwd: string, shard?: number) {
  const line = WORKFLOW.split("\n").map((l) => l.trim().replace(/^run: /u, "")).find((l) => l.startsWith(`npx uvp-float ${verb}`));
  if (line === undefined) throw new Error(`fleet.yml has no 'npx uvp-float ${verb}' step`);
  const command = line.replace("npx uvp-float", `"${process.execPath}" "${bin}"`).replace("${{ matrix.shard }}", String(shard));
  return spawnSync("bash", ["-c", command], { encoding: "utf8", cwd, env: { ...process.env, STREAMS: "../streams", SHARDS: String(N) } });
}

/** A summary without wall-clock figures (under `timing`) and what only says how the work was spread. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === "object") {
    const drop = new Set(["timing", "jobs", "merged", "mergeProblems"]);
    return Object.fromEntries(Object.entries(value).filter(([k]) => !drop.has(k)).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}

let dir = "";
let sharded = "";
let whole = "";
const shardFile = (i: number) => join(sharded, "fleet-out", `fleet.shard-${i}-of-${N}.summary.json`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-fleet-merge-"));
  mkdirSync(join(dir, "streams"));
  const profile = loadProfile("000118LP");
  for (const seed of [1, 2, 3, 4]) {
    writeMissionStream(profile, { seed, parkDepthDbar: 30, profileDepthDbar: 30, parkDurationS: 300, frameScale: 0.1 }, join(dir, "streams", `float-${seed}.uvps`), false);
  }
  writeFileSync(join(dir, "streams", "float-9-broken.uvps"), "not a recorded stream\n");
  // Two working directories with the same relative paths, as two CI checkouts have.
  sharded = join(dir, "sharded");
  whole = join(dir, "whole");
  mkdirSync(sharded);
  mkdirSync(whole);
  for (let i = 0; i < N; i++) {
    const r = workflowStep("replay", sharded, i);
    expect([0, 65], r.stderr).toContain(r.status);
  }
  const r = run(whole, "replay", "../streams", "--out", "fleet-out");
  expect(r.status, r.stderr).toBe(65); // the broken stream
}, 240_000);

describe("uvp-float fleet merge", () => {
  it("runs the workflow's matrix: as many shards as its matrix lists, one merge job after them", () => {
    const matrix = /shard: \[([\d, ]+)\]/u.exec(WORKFLOW)?.[1].split(",").map(Number);
    const shards = Number(/SHARDS: (\d+)/u.exec(WORKFLOW)?.[1]);
    expect(matrix).toEqual(Array.from({ length: shards }, (_, i) => i));
    expect(WORKFLOW).toMatch(/merge:\n\s+needs: replay/u);
  });

  it("merges n shards run in separate processes into the result of one unsharded fleet", () => {
    const r = workflowStep("fleet merge", sharded);
    expect(r.status, r.stdout + r.stderr).toBe(65); // the worst of the shards': the broken stream's
    const merged = JSON.parse(readFileSync(join(sharded, "fleet.summary.json"), "utf8"));
    const one = JSON.parse(readFileSync(join(whole, "fleet-out", "fleet.summary.json"), "utf8"));
    expect(merged.mergeProblems).toEqual([]);
    expect(merged.fleet.merged.shards).toBe(N);
    expect(comparable(merged)).toEqual(comparable(one));
    expect(merged.streams.map((s: { stream: string }) => s.stream)).toEqual(one.streams.map((s: { stream: string }) => s.stream));
    // And the streams' own outputs: the same RS232 bytes, the same summaries but for their timing.
    const files = readdirSync(join(whole, "fleet-out")).filter((f) => f.startsWith("float-"));
    expect(files.length).toBe(8); // 4 streams x (log + summary); the broken one writes nothing
    for (const f of files.filter((x) => x.endsWith(".log"))) expect(readFileSync(join(sharded, "fleet-out", f)), f).toEqual(readFileSync(join(whole, "fleet-out", f)));
    for (const f of files.filter((x) => x.endsWith(".json"))) {
      expect(comparable(JSON.parse(readFileSync(join(sharded, "fleet-out", f), "utf8"))), f).toEqual(comparable(JSON.parse(readFileSync(join(whole, "fleet-out", f), "utf8"))));
    }
  });

  it("names a missing shard and a duplicated one, and exits 65 while still writing the merge", () => {
    const r = run(sharded, "fleet", "merge", shardFile(0), shardFile(2), shardFile(2), "--out", "partial.json");
    expect(r.status).toBe(65);
    expect(r.stdout).toMatch(/shard 1\/3 missing/);
    expect(r.stdout).toMatch(/shard 2\/3 given 2 times/);
    const merged = JSON.parse(readFileSync(join(sharded, "partial.json"), "utf8"));
    expect(merged.mergeProblems).toHaveLength(2);
    expect(new Set(merged.streams.map((s: { stream: string }) => s.stream)).size).toBe(merged.streams.length);
  });

  it("refuses shards of another stream list or shard count, an unreadable summary, and an existing --out", () => {
    const other = join(dir, "other");
    mkdirSync(other);
    const r1 = run(other, "replay", "../streams/float-1.uvps", "../streams/float-2.uvps", "--shard", `1/${N}`, "--out", "out");
    expect(r1.status, r1.stderr).toBe(0);
    const r2 = run(other, "replay", "../streams", "--shard", "0/2", "--out", "out2");
    expect([0, 65]).toContain(r2.status);
    writeFileSync(join(other, "junk.json"), "{ not json");
    const r = run(sharded, "fleet", "merge", shardFile(0), join(other, "out", `fleet.shard-1-of-${N}.summary.json`), join(other, "out2", "fleet.shard-0-of-2.summary.json"), shardFile(2), join(other, "junk.json"), "--out", "mixed.json", "--json");
    expect(r.status).toBe(65);
    const problems: string[] = JSON.parse(r.stdout).mergeProblems;
    expect(problems.some((p) => /junk\.json: not JSON/.test(p))).toBe(true);
    expect(problems.some((p) => /a different stream list \(2 streams/.test(p))).toBe(true);
    expect(problems.some((p) => /of a 2-shard fleet, but/.test(p))).toBe(true);
    expect(run(sharded, "fleet", "merge", shardFile(0), "--out", "mixed.json").status).toBe(73);
    expect(run(sharded, "fleet", "merge", shardFile(0), "--out", "mixed.json", "--force").status).toBe(65); // shards 1, 2 missing
    expect(run(sharded, "fleet", "merge", "--out", "x.json").status).toBe(64);
    expect(run(sharded, "fleet", "split", shardFile(0), "--out", "x.json").status).toBe(64);
  });
});
