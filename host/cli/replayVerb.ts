// uvp-float replay: a recorded stream or *_data.txt through the firmware, to the camera's RS232 log.
import { existsSync, readFileSync } from "node:fs";
import { replayFile } from "../replay/replayFile.js";
import type { ReplaySummary } from "../replay/replaySummary.js";
import { CliError, ExitCode } from "./cliError.js";
import { buildOption, profileOrFail } from "./common.js";
import { listProfiles, loadProfile, type Profile } from "../config/profile.js";
import { openStream } from "../formats/stream/streamReader.js";
import { partTotals, writeParts } from "../telemetry/partFiles.js";
import { refuseToOverwrite, writeOutput } from "./outputFiles.js";
import { intOption, parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float replay <stream.uvps|*_data.txt> [options]

Runs a recorded stream (uvp-float simulate, or imported PNG frames) or the camera's own per-image
*_data.txt through the firmware, and writes what the camera would send over RS232 (HW_CONF, ACQ_CONF,
[TAXO_CONF], then LPM_DATA and BLACK_DATA lines) plus a JSON summary: frames, records, and, for
simulated streams, the firmware's counts against the ground truth per frame and per bloc.

Options:
  --build <b>       firmware build: simd, scalar or auto (default auto)
  --model <m.bin>   classify with this uvpec model: TAXO_DATA lines precede each LPM_DATA; its TAXO_CONF
                    line comes from <m>.json ("taxoConf") beside it when present, else from the input
  --out <prefix>    write <prefix>.rs232.log and <prefix>.summary.json (default: beside the input)
  --telemetry <dir> run the float side too (slicing by depth zone, both encoders) and write its CTS5
                    files and SBD messages into <dir>; zones from the stream (or --profile for *_data.txt)
  --profile <name>  zone table, float id and SBD limit for --telemetry (default: the stream's profile)
  --cycle <n>       cycle number for --telemetry file names and messages (default 1)
  --force           overwrite existing outputs
  --json            print the summary as JSON instead of a readable report
  -h, --help        this help

Example:
  uvp-float simulate --profile 000118LP --seed 1 --out mission.uvps
  uvp-float replay mission.uvps --build scalar --out mission-scalar --telemetry mission-telemetry

Exit codes: 0 ok; 1 the firmware disagrees with the stream's ground truth (a frame without touching
objects whose class counts differ, or a bloc past the overlap bound); 65 the input is unreadable, or was
damaged or had frames that could not be used (the outputs hold everything else, the report lists each
problem with its byte offset or frame); 64 usage; 70 the firmware refused the configuration or model;
73 an output exists (use --force) or cannot be written.`;

/** The replay verb. */
export const replayVerb: Verb = {
  name: "replay",
  summary: "run a recorded stream or *_data.txt through the firmware: RS232 log + summary",
  help,
  run(argv) {
    const { values, positionals } = parseVerbArgs("replay", argv, {
      build: { type: "string" }, out: { type: "string" }, force: { type: "boolean" }, json: { type: "boolean" }, model: { type: "string" },
      telemetry: { type: "string" }, profile: { type: "string" }, cycle: { type: "string" },
    });
    if (positionals.length !== 1) throw new CliError("uvp-float replay: give one stream or *_data.txt file\nRun 'uvp-float replay --help' for usage.", ExitCode.USAGE);
    const input = positionals[0];
    if (!existsSync(input)) throw new CliError(`${input}: no such file; check the path`, ExitCode.INPUT);
    const prefix = (values.out as string | undefined) ?? input.replace(/\.(uvps|cbor|txt)$/i, "") + ".replay";
    const logPath = `${prefix}.rs232.log`;
    const summaryPath = `${prefix}.summary.json`;
    refuseToOverwrite([logPath, summaryPath], Boolean(values.force));
    const build = buildOption("replay", values.build as string | undefined);
    const model = loadModelOption(values.model as string | undefined);
    const telemetryDir = values.telemetry as string | undefined;
    const cycle = intOption("replay", "cycle", values.cycle as string | undefined, 0, 999) ?? 1;
    const telemetryProfile = telemetryDir ? telemetryProfileFor(input, values.profile as string | undefined) : undefined;
    const telemetry = telemetryDir
      ? { floatId: telemetryProfile?.float.wmo ?? 0, cycle, sbdMaxBytes: telemetryProfile?.float.sbdMaxBytes, zones: values.profile ? telemetryProfile?.zones : undefined }
      : undefined;
    let out;
    try {
      out = replayFile(input, { build, progress: true, model, telemetry });
    } catch (err) {
      const message = (err as Error).message;
      throw new CliError(`${input}: ${message}`, /firmware refused/.test(message) ? ExitCode.FIRMWARE : ExitCode.INPUT);
    }
    writeOutput(logPath, out.logLines.join("\n") + "\n");
    writeOutput(summaryPath, JSON.stringify({ ...out.summary, inputProblems: out.inputProblems }, null, 2) + "\n");
    if (telemetryDir) {
      try {
        const paths = writeParts(telemetryDir, out.telemetryParts, { floatId: telemetry?.floatId ?? 0, cycle, pattern: 1 }, Boolean(values.force));
        const t = partTotals(out.telemetryParts);
        if (!values.json) console.log(`telemetry: ${t.cts5.files} CTS5 file(s), ${t.cts5.bytes} bytes; ${t.sbd.messages} SBD message(s), ${t.sbd.bytes} bytes (${paths.length} files in ${telemetryDir})`);
      } catch (err) {
        throw new CliError((err as Error).message, ExitCode.OUTPUT);
      }
    }
    if (values.json) console.log(JSON.stringify({ ...out.summary, inputProblems: out.inputProblems, outputs: { log: logPath, summary: summaryPath } }, null, 2));
    else console.log(readableReport(out.summary, out.inputProblems, logPath, summaryPath));
    if (out.inputProblems.length > 0 || out.summary.frames.skipped > 0) return ExitCode.INPUT;
    return out.summary.agreesWithTruth ? ExitCode.OK : ExitCode.TRUTH_MISMATCH;
  },
};

/** The profile that gives --telemetry its float id and limits: --profile, else the one a simulated stream names. */
function telemetryProfileFor(input: string, name: string | undefined): Profile | undefined {
  if (name) return profileOrFail("replay", name);
  try {
    const header = openStream(input).header;
    const named = header?.metadata.profile;
    return typeof named === "string" && listProfiles().includes(named) ? loadProfile(named) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads --model and its sidecar <m>.json TAXO_CONF line, or an input error naming the file. */
function loadModelOption(path: string | undefined): { bytes: Uint8Array; taxoConf: string | null } | undefined {
  if (!path) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new CliError(`${path}: cannot read the model (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, ExitCode.INPUT);
  }
  const sidecar = path.replace(/\.bin$/i, "") + ".json";
  let taxoConf: string | null = null;
  if (existsSync(sidecar)) {
    try {
      taxoConf = (JSON.parse(readFileSync(sidecar, "utf8")) as { taxoConf?: string }).taxoConf ?? null;
    } catch (err) {
      throw new CliError(`${sidecar}: not valid JSON (${(err as Error).message})`, ExitCode.INPUT);
    }
  }
  return { bytes, taxoConf };
}

/** The summary as a person reads it. */
function readableReport(s: ReplaySummary, inputProblems: Array<{ offset: number; message: string }>, logPath: string, summaryPath: string): string {
  const lines = [
    `replay of ${s.source} (firmware ${s.build})`,
    `  frames: ${s.frames.fed} run (${s.frames.lit} lit, ${s.frames.black} black, ${s.frames.overexposed} over-exposed), ${s.frames.skipped} skipped`,
    `  records: ${s.records.lpm} LPM_DATA, ${s.records.black} BLACK_DATA (${s.records.overexposedBlocs} over-exposed blocs)`,
  ];
  if (s.frames.classifiedObjects + s.frames.unclassifiedObjects > 0) {
    lines.push(`  classified objects: ${s.frames.classifiedObjects} (${s.frames.unclassifiedObjects} candidates the classifier could not take)`);
  }
  if (s.taxo) {
    const truth = Object.entries(s.taxo.truthByShape).map(([shape, n]) => `${shape} ${n}`).join(", ");
    lines.push(`  objects per model class: ${s.taxo.classCounts.join(" / ")}${truth ? `; classifiable objects in the truth: ${truth} (untouched only)` : ""}`);
  }
  if (s.perFrame.compared > 0) lines.push(`  truth per frame (no touching objects): ${s.perFrame.matching}/${s.perFrame.compared} frames with identical class counts`);
  if (!s.agreesWithTruth) lines.push("  THE FIRMWARE DISAGREES WITH THE TRUTH (see perFrame.mismatches and perBloc.worst in the summary)");
  if (s.perBloc.compared > 0) lines.push(`  truth per bloc: ${s.perBloc.withinBound}/${s.perBloc.compared} blocs within the overlap bound (largest class difference ${s.perBloc.maxAbsDiff})`);
  if (Number.isFinite(s.spectrum.firmwareSlope)) {
    lines.push(`  spectral slope 102-2050 um: ${s.spectrum.firmwareSlope.toFixed(2)} from the firmware${s.spectrum.truthMeanSlope !== null ? `, ${s.spectrum.truthMeanSlope.toFixed(2)} simulated` : ""}; ${s.spectrum.concentrationAbove102PerL.toFixed(1)} particles/L above 102 um`);
  }
  lines.push(`  ${s.timing.framesPerSecond.toFixed(0)} frames/s`);
  for (const p of inputProblems) lines.push(`  input problem at byte ${p.offset}: ${p.message}`);
  for (const p of s.problems.slice(0, 10)) lines.push(`  frame ${p.frameIndex}: ${p.message}`);
  if (s.problems.length > 10) lines.push(`  ... ${s.problems.length - 10} more frame problems in the summary`);
  lines.push(`  wrote ${logPath}`, `  wrote ${summaryPath}`);
  return lines.join("\n");
}
