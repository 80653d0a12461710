// Reports built the way a user builds them (the compiled bin; npm test builds first), from data made here:
// - decoded: the real AUX profile of float 4903634 cycle 10 encoded to CTS5 files by `uvp-float encode`
//   (the firmware's own encoders), decoded by `uvp-float decode`, then drawn by `uvp-float report`;
// - replay: a short simulated mission (120 dbar, frames at 0.15 scale) replayed with the demonstration
//   classifier, then drawn from its summary (the log and the stream are found from it).
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";
import { loadProfile } from "../../host/config/profile.js";
import { packageRoot } from "../../host/paths.js";
import { writeMissionStream } from "../../simulator/writeMission.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");

/** Runs the uvp-float bin. */
export const cli = (...args: string[]): SpawnSyncReturns<string> => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

/** The real AUX file the decoded report starts from. */
export const AUX_010 = join(packageRoot(), "test", "fixtures", "argo-4903634", "R4903634_010_aux.nc");

function ok(r: SpawnSyncReturns<string>, what: string): void {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stderr}${r.stdout}`);
}

/** Paths of the decoded-data report and what it came from. */
export interface DecodedReport {
  cts5Dir: string;
  decodedJson: string;
  html: string;
}

/** Encodes, decodes and reports the AUX profile into `dir`. */
export function makeDecodedReport(dir: string): DecodedReport {
  const cts5Dir = join(dir, "cts5");
  const decodedJson = join(dir, "4903634_010.json");
  const html = join(dir, "decoded.html");
  ok(cli("encode", AUX_010, "--format", "cts5", "--out", cts5Dir), "encode");
  ok(cli("decode", cts5Dir, "--profile", "000118LP", "--out", decodedJson), "decode");
  ok(cli("report", decodedJson, "--profile", "000118LP", "--out", html), "report");
  return { cts5Dir, decodedJson, html };
}

/** Paths of the replay report and what it came from. */
export interface ReplayReport {
  stream: string;
  prefix: string;
  html: string;
}

/** Simulates, replays and reports a short mission into `dir`. */
export function makeReplayReport(dir: string): ReplayReport {
  const stream = join(dir, "mission.uvps");
  const prefix = join(dir, "mission");
  const html = join(dir, "replay.html");
  writeMissionStream(loadProfile("000118LP"), { seed: 5, parkDepthDbar: 120, profileDepthDbar: 120, parkDurationS: 600, frameScale: 0.15 }, stream, false);
  ok(cli("replay", stream, "--model", join(packageRoot(), "profiles", "models", "demo-taxa.bin"), "--out", prefix), "replay");
  ok(cli("report", `${prefix}.summary.json`, "--out", html), "report");
  return { stream, prefix, html };
}

/** Every chart of a full report: id, title, and axis titles its SVG must show. */
export const CHARTS: ReadonlyArray<{ id: string; title: string; axes: string[]; replayOnly?: boolean }> = [
  { id: "concentration-heatmap", title: "Particle concentration per size class", axes: ["size class: lower ESD bound (µm)", "pressure (dbar"] },
  { id: "total-concentration", title: "Total particle concentration", axes: ["concentration (#/L)", "pressure (dbar"] },
  { id: "spectral-slope", title: "Spectral slope", axes: ["spectral slope b (dimensionless)", "pressure (dbar"] },
  { id: "mean-grey", title: "Mean grey per size class", axes: ["size class: lower ESD bound (µm)", "mean grey level (0-255)"] },
  { id: "black-noise", title: "Black-frame noise", axes: ["objects per black image", "pressure (dbar"] },
  { id: "sunlight", title: "Sunlight contamination of small objects", axes: ["1-2 px objects per image", "pressure (dbar"] },
  { id: "taxa", title: "Classified objects per category", axes: ["category (INDEX_CATEGORY)", "pressure (dbar"] },
  { id: "truth-concentration", title: "Firmware against truth: particles of 102 µm and more", axes: ["concentration (#/L)", "pressure (dbar"], replayOnly: true },
  { id: "truth-slope", title: "Firmware against truth: spectral slope", axes: ["spectral slope b (dimensionless)", "pressure (dbar"], replayOnly: true },
  { id: "truth-classes", title: "Firmware against truth: objects per size class", axes: ["size class: lower ESD bound (µm)", "objects (count)"], replayOnly: true },
];
