// Writes a rows file for the C host (targets/c/uvpf-replay) from a recorded stream or a *_data.txt, with the
// options `uvp-float replay` takes: node dist/scripts/writeRows.js <input> <out.rows> [--model m.bin]
// [--taxo-conf "TAXO_CONF,..."] [--float-id N] [--cycle N] [--sbd-bytes N] [--profile name] [--phase P] [--frames N] [--force].
// The float side is on unless --no-telemetry; a *_data.txt takes its zone table from --profile, which also
// gives the float's serial (CTS5 file names) and SBD prior table, as `replay --telemetry --profile` does.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadProfile } from "../host/config/profile.js";
import { writeRowsFile } from "../host/replay/rowsFile.js";
import { CTS5_PHASES, type Cts5Phase } from "../host/telemetry/types.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: "string" }, "taxo-conf": { type: "string" }, "float-id": { type: "string" }, cycle: { type: "string" },
    "sbd-bytes": { type: "string" }, profile: { type: "string" }, frames: { type: "string" }, force: { type: "boolean" },
    "no-telemetry": { type: "boolean" }, phase: { type: "string" },
  },
});
const [input, out] = positionals;
if (!input || !out || positionals.length !== 2) {
  console.error("usage: node dist/scripts/writeRows.js <stream|*_data.txt> <out.rows> [--model m.bin --taxo-conf line] [--float-id N] [--cycle N] [--sbd-bytes N] [--profile name] [--phase DESCENT|PARK|DEEP_PROFILE|ASCENT|SURFACE] [--frames N] [--no-telemetry] [--force]");
  process.exit(64);
}
if (existsSync(out) && !values.force) {
  console.error(`${out} exists; give --force to overwrite it`);
  process.exit(73);
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const profile = values.profile ? loadProfile(values.profile) : undefined;
const phase = values.phase as Cts5Phase | undefined;
if (phase !== undefined && !CTS5_PHASES.includes(phase)) {
  console.error(`--phase ${phase}: one of ${CTS5_PHASES.join(", ")} expected`);
  process.exit(64);
}
const frames = writeRowsFile(input, out, {
  model: values.model ? { bytes: readFileSync(values.model), taxoConf: values["taxo-conf"] ?? null } : undefined,
  telemetry: values["no-telemetry"] ? undefined : {
    floatId: num(values["float-id"]) ?? profile?.float.wmo ?? 0, cycle: num(values.cycle) ?? 1,
    sbdMaxBytes: num(values["sbd-bytes"]) ?? profile?.float.sbdMaxBytes ?? 340, zones: profile?.zones,
    phase, priorTable: profile?.sbdPriorTable,
  },
  serialHex: profile?.float.serialHex,
  maxFrames: num(values.frames),
});
console.log(`wrote ${out}: ${frames} frames`);
