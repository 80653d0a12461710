// Fleet replays through the compiled CLI: streams replayed in parallel on worker threads write the same
// bytes as one-at-a-time replays, a broken stream is reported without stopping the others, and --shard
// splits a list exactly.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { packageRoot } from "../host/paths.js";
import { replayFile } from "../host/replay/replayFile.js";
import { writeMissionStream } from "../simulator/writeMission.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const SEEDS = [1, 2, 3, 4, 5];

/** A summary without its wall-clock figures (every one sits under a `timing` key). */
function withoutTiming(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTiming);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "timing").map(([k, v]) => [k, withoutTiming(v)]));
  }
  return value;
}

let dir = "";
let streams = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-fleet-"));
  streams = join(dir, "streams");
  mkdirSync(streams);
  const profile = loadProfile("000118LP");
  for (const seed of SEEDS) {
    writeMissionStream(profile, { seed, parkDepthDbar: 40, profileDepthDbar: 40, parkDurationS: 600, frameScale: 0.1 }, join(streams, `float-${seed}.uvps`), false);
  }
  // A stream that is not one: the fleet must report it and go on.
  writeFileSync(join(streams, "float-9-broken.uvps"), "this is not a recorded stream\n");
});

describe("uvp-float replay, a fleet", () => {
  it("hears of every frame from a replay without a progress bar (what a worker forwards)", () => {
    const seen: Array<[number, number | undefined]> = [];
    const out = replayFile(join(streams, "float-1.uvps"), { build: "auto", onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toHaveLength(out.summary.frames.fed);
    expect(seen[seen.length - 1]).toEqual([out.summary.frames.fed, out.summary.frames.fed]);
    expect(seen.every(([d], i) => d === i + 1)).toBe(true);
  });

  it("writes with --jobs 2 the same logs and summaries as one-at-a-time replays, and reports the broken stream", () => {
    const single = join(dir, "single");
    mkdirSync(single);
    for (const seed of SEEDS) {
      const r = cli("replay", join(streams, `float-${seed}.uvps`), "--out", join(single, `float-${seed}.replay`));
      expect(r.status, r.stderr).toBe(0);
    }
    const fleetOut = join(dir, "fleet");
    const r = cli("replay", streams, "--jobs", "2", "--out", fleetOut);
    expect(r.status, r.stderr).toBe(65); // the broken stream's code, the worst
    expect(r.stderr).toMatch(/\[6\/6\]/); // a completion line per stream
    expect(r.stdout).toMatch(/float-9-broken\.uvps: .*not a readable uvp-float stream/);
    for (const seed of SEEDS) {
      const name = `float-${seed}.replay`;
      expect(readFileSync(join(fleetOut, `${name}.rs232.log`)).equals(readFileSync(join(single, `${name}.rs232.log`))), name).toBe(true);
      const a = JSON.parse(readFileSync(join(fleetOut, `${name}.summary.json`), "utf8"));
      const b = JSON.parse(readFileSync(join(single, `${name}.summary.json`), "utf8"));
      expect(withoutTiming(a)).toEqual(withoutTiming(b));
    }
    const fleet = JSON.parse(readFileSync(join(fleetOut, "fleet.summary.json"), "utf8"));
    expect(fleet.fleet).toMatchObject({ streams: 6, jobs: 2, exitCode: 65 });
    expect(fleet.streams.map((s: { exitCode: number }) => s.exitCode)).toEqual([0, 0, 0, 0, 0, 65]);
    expect(fleet.streams[5]).toMatchObject({ frames: null, problems: 1 });
    expect(fleet.totals).toMatchObject({ ok: 5, failed: 1 });
    expect(fleet.totals.truth.agrees).toBe(5);
    expect(existsSync(join(fleetOut, "float-9-broken.replay.rs232.log"))).toBe(false);

    // The fleet summary does not depend on the number of jobs either.
    const one = cli("replay", streams, "--jobs", "1", "--out", join(dir, "fleet-1"), "--json");
    const comparable = (f: { totals: object; streams: object[] }) => withoutTiming({ totals: f.totals, streams: f.streams.map((s) => ({ ...s, outputs: null })) });
    expect(comparable(JSON.parse(one.stdout))).toEqual(comparable(fleet));
  });

  it("never overwrites a fleet's outputs without --force", () => {
    const out = join(dir, "again");
    const files = SEEDS.slice(0, 2).map((s) => join(streams, `float-${s}.uvps`));
    expect(cli("replay", ...files, "--out", out).status).toBe(0);
    const again = cli("replay", ...files, "--out", out);
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/exists .*give --force/);
    expect(cli("replay", ...files, "--out", out, "--force").status).toBe(0);
  });

  it("refuses two streams that would write the same files", () => {
    const other = join(dir, "other");
    mkdirSync(other);
    copyFileSync(join(streams, "float-1.uvps"), join(other, "float-1.uvps"));
    const r = cli("replay", join(streams, "float-1.uvps"), join(other, "float-1.uvps"), "--out", join(dir, "clash"));
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/would both write/);
  });

  it("splits the sorted list exactly with --shard i/n", () => {
    const listed = readdirSync(streams).sort().map((n) => join(streams, n));
    const n = 3;
    const seen: string[] = [];
    for (let i = 0; i < n; i++) {
      const out = join(dir, `shard-${i}`);
      const r = cli("replay", streams, "--shard", `${i}/${n}`, "--jobs", "2", "--out", out, "--json");
      const fleet = JSON.parse(r.stdout);
      const mine = fleet.streams.map((s: { stream: string }) => s.stream);
      expect(mine).toEqual(listed.filter((_, k) => k % n === i));
      expect(fleet.fleet).toMatchObject({ shard: `${i}/${n}`, listed: listed.length });
      expect(existsSync(join(out, `fleet.shard-${i}-of-${n}.summary.json`))).toBe(true);
      seen.push(...mine);
    }
    expect(seen.sort()).toEqual(listed); // every stream once, none twice
    expect(cli("replay", streams, "--shard", "3/3").status).toBe(64);
  });
});
