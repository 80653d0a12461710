// Small, valid inputs of every kind the CLI reads, made once for the CLI fuzz suite and the hardening tests:
// frames, a recorded stream, a *_data.txt, CTS5 files, SBD messages, an AUX file, a model, a decode document,
// a replay's log and summary, a PNG directory with its pressure CSV, and a golden set. All from the simulator,
// the fixtures in test/fixtures, or the CLI itself (nothing fetched).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadProfile } from "../../host/config/profile.js";
import { encodePgm } from "../../host/formats/pgm.js";
import { encodePng } from "../../host/formats/png.js";
import { packageRoot } from "../../host/paths.js";
import { Rng } from "../../simulator/random.js";
import { writeMissionStream } from "../../simulator/writeMission.js";

/** The CLI's bin, run with this Node. */
export const CLI_BIN = join(packageRoot(), "dist", "simulator", "cli", "main.js");

/** Runs the CLI with a time limit; never throws. */
export function runCli(args: readonly string[], timeoutMs = 30_000, cwd?: string) {
  return spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: "utf8", timeout: timeoutMs, cwd });
}

/** Paths of the valid inputs, by kind. */
export interface CliFixtures {
  dir: string;
  png: string;
  pgm: string;
  stream: string;
  dataTxt: string;
  hex: string;
  sbdDir: string;
  sbd: string;
  aux: string;
  model: string;
  doc: string;
  log: string;
  summary: string;
  pngDir: string;
  csv: string;
  golden: string;
  nc: string;
  shard: string;
}

function grey(seed: number, widthPx: number, heightPx: number): Uint8Array {
  const rng = new Rng(seed);
  const pixels = new Uint8Array(widthPx * heightPx).fill(10);
  for (let i = 0; i < 40; i++) pixels[rng.int(0, pixels.length - 1)] = rng.int(30, 200);
  return pixels;
}

function must(r: ReturnType<typeof runCli>, what: string): void {
  if (r.status !== 0) throw new Error(`fixture ${what}: exit ${r.status}\n${r.stderr}`);
}

/** Writes the fixtures into `dir` (about 5 s: a tiny mission, its replay, its golden set). */
export function makeCliFixtures(dir: string): CliFixtures {
  const root = packageRoot();
  const frame = { widthPx: 64, heightPx: 48, pixels: grey(1, 64, 48) };
  const f: CliFixtures = {
    dir, png: join(dir, "20220518-214011-120.png"), pgm: join(dir, "frame.pgm"), stream: join(dir, "tiny.uvps"),
    dataTxt: join(dir, "cam_data.txt"), hex: join(dir, "4a7e_010_01_uvp6_lpm.hex"), sbdDir: join(dir, "sbd"), sbd: "",
    aux: join(dir, "R4903634_010_aux.nc"), model: join(dir, "model.bin"), doc: join(dir, "decoded.json"),
    log: join(dir, "tiny.replay.rs232.log"), summary: join(dir, "tiny.replay.summary.json"), pngDir: join(dir, "pngs"),
    csv: join(dir, "pngs", "pressures.csv"), golden: join(dir, "golden"), nc: join(dir, "decoded.nc"),
    shard: join(dir, "fleet0", "fleet.shard-0-of-1.summary.json"),
  };
  writeFileSync(f.png, encodePng(frame));
  writeFileSync(f.pgm, encodePgm(frame));
  const profile = loadProfile("000118LP");
  writeMissionStream(profile, { seed: 3, profileDepthDbar: 4, parkDepthDbar: 4, parkDurationS: 0, phases: ["ascent"], frameScale: 0.05 }, f.stream, false);
  const images = ["20220518-214011-120,700.3,27.13,1:1,2589,31.4,9.5;2,176,37.9,15.9;3,45,47.8,24.4;", "20220518-214012-900,700.1,27.13,1:1,2601,31.0,9.1;2,170,37.0,15.0;", "20220518-214014-700,699.8,27.12,0:1,2400,20.0,3.0;"];
  writeFileSync(f.dataTxt, [profile.lines.hwConf, profile.lines.acqConf, ...images].join("\n") + "\n");
  copyFileSync(join(root, "test", "fixtures", "cts5", "4a7e_010_01_uvp6_lpm.hex"), f.hex);
  copyFileSync(join(root, "test", "fixtures", "argo-4903634", "R4903634_010_aux.nc"), f.aux);
  copyFileSync(join(root, "profiles", "models", "demo-taxa.bin"), f.model);
  must(runCli(["encode", f.aux, "--format", "sbd", "--out", f.sbdDir]), "encode");
  f.sbd = join(f.sbdDir, readdirSync(f.sbdDir).sort()[0]);
  must(runCli(["decode", f.sbdDir, "--out", f.doc]), "decode");
  must(runCli(["replay", f.stream, "--out", join(dir, "tiny.replay")]), "replay");
  must(runCli(["decode", f.sbdDir, "--format", "netcdf", "--out", f.nc], 60_000), "decode --format netcdf");
  must(runCli(["replay", f.stream, "--shard", "0/1", "--jobs", "1", "--out", join(dir, "fleet0")], 60_000), "replay --shard");
  mkdirSync(f.pngDir);
  writeFileSync(join(f.pngDir, "20220518-214011-120.png"), encodePng(frame));
  writeFileSync(join(f.pngDir, "20220518-214012-900.png"), encodePng({ ...frame, pixels: grey(2, 64, 48) }));
  writeFileSync(f.csv, "time,pressure_dbar\n20220518-214011-120,700.3\n20220518-214012-900,700.1\n");
  must(runCli(["check", f.stream, "--expect", f.golden, "--update"], 60_000), "check --update");
  return f;
}
