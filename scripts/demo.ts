// npm run demo: simulate a short float profile, replay it through the firmware (both builds, with the
// demonstration classifier of profiles/models, and the float side's slicing and telemetry encoders), decode
// the telemetry into Argo-named records, draw a report, and say where the outputs are. Everything lands in demo-out/ and is
// rewritten on every run.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { hostVerbs, runCli } from "../host/cli/main.js";
import { packageRoot } from "../host/paths.js";
import { simulateVerb } from "../simulator/cli/simulateVerb.js";

const out = join(packageRoot(), "demo-out");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const verbs = [simulateVerb, ...hostVerbs];
const run = async (...argv: string[]) => {
  const code = await runCli(verbs, argv);
  if (code !== 0) throw new Error(`uvp-float ${argv.join(" ")} exited ${code}`);
};

const stream = join(out, "mission.uvps");
console.log("1. Simulating a 200 dbar profile of float unit 000118LP (park 30 min, ascent at 0.1 m/s, quarter-size frames)...");
await run("simulate", "--profile", "000118LP", "--seed", "1", "--out", stream, "--profile-depth", "200", "--park-hours", "0.5", "--frame-scale", "0.25");
const model = join(packageRoot(), "profiles", "models", "demo-taxa.bin");
console.log("\n2. Replaying it through the SIMD firmware build, classifying large objects with the demonstration model...");
await run("replay", stream, "--build", "simd", "--model", model, "--out", join(out, "mission"), "--telemetry", join(out, "telemetry"));
console.log("\n3. And through the plain (MVP) build: its RS232 log and telemetry must be byte-identical.");
await run("replay", stream, "--build", "scalar", "--model", model, "--out", join(out, "mission-scalar"), "--telemetry", join(out, "telemetry-scalar"));
console.log("\n4. Decoding the float's compact SBD messages into Argo-named records, as an operator would...");
const sbdOnly = join(out, "telemetry-sbd");
mkdirSync(sbdOnly);
for (const f of readdirSync(join(out, "telemetry")).filter((f) => f.endsWith(".sbd"))) copyFileSync(join(out, "telemetry", f), join(sbdOnly, f));
await run("decode", sbdOnly, "--profile", "000118LP", "--format", "csv", "--out", join(out, "decoded.csv"));
console.log("\n5. Drawing the replay (firmware beside the truth) as a self-contained HTML report...");
await run("report", join(out, "mission.summary.json"), "--out", join(out, "report.html"));
console.log(`\nOutputs in ${out}:
  mission.uvps              the recorded stream (CBOR sequence, frames with ground truth)
  mission.rs232.log         what the camera sends: HW_CONF, ACQ_CONF, TAXO_CONF, then TAXO_DATA + LPM_DATA per bloc, BLACK_DATA
  mission.summary.json      frames, records, firmware against truth, slope, frames/s
  telemetry/                what the float sends: CTS5 files (xxxx_ccc_mm_uvp6_lpm.hex, _uvp6_txo, _uvp6_blk) and SBD messages (*.sbd)
  decoded.csv               the SBD messages decoded: Argo AUX names, one row per slice, concentrations in #/L
  report.html               the profile drawn (spectra, slope, greys, black noise, taxa, truth beside firmware); opens offline
Compare the builds with: cmp demo-out/mission.rs232.log demo-out/mission-scalar.rs232.log; diff -r demo-out/telemetry demo-out/telemetry-scalar`);
