// uvp-float replay: a recorded stream or *_data.txt through the firmware, to the camera's RS232 log.
import { existsSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { ReplaySummary } from "../replay/replaySummary.js";
import { CTS5_PHASES, type Cts5Phase } from "../telemetry/types.js";
import { CliError, ExitCode } from "./cliError.js";
import { buildOption, noiseOption, partBytesOption, profileOrFail } from "./common.js";
import { expandStreams, shardOption, shardStreams, streamListSha256 } from "./fleetStreams.js";
import { INPUT_LIMIT_BYTES, checkInputFile, readInputFile } from "./inputFiles.js";
import { checkOutputs } from "./outputFiles.js";
import { replayFleet } from "./replayFleet.js";
import { replayStream, telemetryIdsOf, type ReplayStreamJob } from "./replayStream.js";
import { refuseCycleFiles } from "./telemetryOutputs.js";
import { intOption, parseVerbArgs, type OptionValues, type Verb } from "./verb.js";

const help = `Usage: uvp-float replay <stream.uvps|*_data.txt> [options]
       uvp-float replay <streams and directories...> [--jobs n] [--shard i/n] [--out dir] [options]

Runs a recorded stream (uvp-float simulate, or imported PNG frames) or the camera's own per-image
*_data.txt through the firmware, and writes what the camera would send over RS232 (HW_CONF, ACQ_CONF,
[TAXO_CONF], then LPM_DATA and BLACK_DATA lines) plus a JSON summary: frames, records, and, for
simulated streams, the firmware's counts against the ground truth per frame and per bloc.

A fleet: give several files, or directories (their *.uvps, *_data.txt and EcoPart particules.csv files,
in sub-folders too, e.g. an EcoPart project's raw/<sample>/particules.csv), and the streams run in
parallel on worker threads, each writing the same files a single replay would; progress shows the frames
done across the fleet and a line as each stream ends; a broken stream is reported and the others go on.
A fleet summary (per stream: exit code, frames, records, truth, problems, frames/s; totals) is printed
and written as JSON.

Options:
  --build <b>       firmware build: simd, scalar or auto (default auto)
  --model <m.bin>   classify with this uvpec model: TAXO_DATA lines precede each LPM_DATA; its TAXO_CONF
                    line comes from <m>.json ("taxoConf") beside it when present, else from the input
  --out <prefix>    one stream: write <prefix>.rs232.log and <prefix>.summary.json (default: beside the
                    input, <name>.replay.*); a fleet: the directory for every stream's <name>.replay.*
  --telemetry <dir> run the float side too (slicing by depth zone, both encoders) and write its CTS5
                    files and SBD messages into <dir> (a fleet: into <dir>/<stream name>/); zones from
                    the stream (or --profile for *_data.txt)
  --profile <name>  zone table, float id, serial and SBD limit for --telemetry (default: the stream's profile)
  --sbd-noise <f>   with --telemetry: SBD noise-bounded mode, never the default (LPM and BLACK counts within
                    f x sqrt(count), f from 0.01 to 1 in hundredths; 0 = lossless; default: the profile's)
  --cycle <n>       cycle number for --telemetry file names and messages (default 1)
  --cts5-part-bytes <n>  with --telemetry: a CTS5 file over n bytes is written as parts xxxx_..._uvp6_lpm#01.hex,
                    #02, ... that concatenate to it, as the Coriolis decoder joins them (default: one file per kind)
  --phase <p>       the float's phase for every bloc with --telemetry: descent, park, deep-profile,
                    short-park, ascent or surface (default: each frame's own in a stream; ascent for a
                    *_data.txt, which carries none: give descent for a descent cast)
  --jobs <n>        a fleet: streams replayed at once, one worker thread each (default: the cores, ${availableParallelism()} here)
  --shard <i/n>     a fleet: replay only the streams whose index in the sorted list is i modulo n, so that
                    n machines given the same list share it (i from 0 to n-1); then
                    'uvp-float fleet merge' joins their summaries
  --summary <file>  a fleet: where the fleet summary goes (default: fleet.summary.json in --out, else
                    beside the first stream; fleet.shard-<i>-of-<n>.summary.json with --shard)
  --force           overwrite existing outputs
  --json            print the summary (a fleet's: the fleet summary) as JSON instead of a readable report
  -h, --help        this help

Examples:
  uvp-float simulate --profile 000118LP --seed 1 --out mission.uvps
  uvp-float replay mission.uvps --build scalar --out mission-scalar --telemetry mission-telemetry
  uvp-float replay missions/ --jobs 4 --out replays/ --json > fleet.json
  uvp-float replay cast_data.txt --profile legacy-40um --telemetry cast-telemetry --phase descent

Exit codes: 0 ok; 1 the firmware disagrees with the stream's ground truth (a frame without touching
objects whose class counts differ, or a bloc past the overlap bound); 65 the input is unreadable, or was
damaged or had frames that could not be used (the outputs hold everything else, the report lists each
problem with its byte offset or frame); 64 usage (an output that is an input included); 70 the firmware refused the configuration or model (or
a worker thread failed); 73 an output exists (use --force) or cannot be written. A fleet exits with the
worst of its streams' codes, from best to worst 0 < 1 < 65 < 70 < 73.`;

/** The replay verb. */
export const replayVerb: Verb = {
  name: "replay",
  summary: "run recorded streams or *_data.txt through the firmware (many in parallel): RS232 log + summary",
  help,
  async run(argv) {
    const { values, positionals } = parseVerbArgs("replay", argv, {
      build: { type: "string" }, out: { type: "string" }, force: { type: "boolean" }, json: { type: "boolean" }, model: { type: "string" },
      telemetry: { type: "string" }, profile: { type: "string" }, cycle: { type: "string" }, "cts5-part-bytes": { type: "string" }, phase: { type: "string" }, "sbd-noise": { type: "string" },
      jobs: { type: "string" }, shard: { type: "string" }, summary: { type: "string" },
    });
    if (positionals.length === 0) throw new CliError("uvp-float replay: give a stream or *_data.txt file, or several, or directories of them\nRun 'uvp-float replay --help' for usage.", ExitCode.USAGE);
    intOption("replay", "jobs", values.jobs as string | undefined, 1, 256); // checked even where one stream makes it moot
    // One stream file runs as it always has (in this thread, --out a prefix); --jobs alone changes nothing for it.
    const fleet = positionals.length > 1 || values.shard !== undefined || values.summary !== undefined || positionals.some((p) => existsSync(p) && statSync(p).isDirectory());
    if (fleet) return runFleet(values, positionals);
    const input = positionals[0];
    checkInputFile(input, STREAM_INPUT);
    const prefix = (values.out as string | undefined) ?? input.replace(/\.(uvps|cbor|txt)$/i, "") + ".replay";
    const logPath = `${prefix}.rs232.log`;
    const summaryPath = `${prefix}.summary.json`;
    const build = buildOption("replay", values.build as string | undefined);
    const cycle = intOption("replay", "cycle", values.cycle as string | undefined, 0, 999) ?? 1;
    const cts5PartBytes = partBytesOption("replay", values["cts5-part-bytes"] as string | undefined);
    const phase = phaseOption(values);
    if (values["sbd-noise"] !== undefined && values.telemetry === undefined) throw new CliError("uvp-float replay: --sbd-noise sets the float side's SBD mode: give --telemetry <dir> too", ExitCode.USAGE);
    const modelPath = values.model as string | undefined;
    const telemetryDir = values.telemetry as string | undefined;
    const force = Boolean(values.force);
    // Every output, the telemetry directory included, is checked before the replay runs.
    checkOutputs("replay", { files: [logPath, summaryPath], dirs: telemetryDir ? [telemetryDir] : [] }, { inputs: [input, ...(modelPath ? [modelPath, modelSidecar(modelPath)] : [])], force });
    const job: ReplayStreamJob = { input, logPath, summaryPath, build, model: loadModelOption(modelPath), telemetryDir, profileName: values.profile as string | undefined, cycle, cts5PartBytes, phase, sbdNoise: noiseOption("replay", values["sbd-noise"] as string | undefined), force };
    const ids = telemetryIdsOf(job);
    if (ids && telemetryDir) refuseCycleFiles(telemetryDir, ids, force);
    const out = replayStream(job, true);
    const t = out.telemetry;
    if (t && !values.json) console.log(`telemetry: ${t.cts5Files} CTS5 file(s), ${t.cts5Bytes} bytes; ${t.sbdMessages} SBD message(s), ${t.sbdBytes} bytes (${t.files} files in ${t.dir})`);
    if (values.json) console.log(JSON.stringify({ ...out.summary, inputProblems: out.inputProblems, outputs: { log: logPath, summary: summaryPath } }, null, 2));
    else console.log(readableReport(out.summary, out.inputProblems, logPath, summaryPath));
    return out.exitCode;
  },
};

/** Several streams (or a directory, or a shard of a list): checks the options once, then the pool runs them. */
async function runFleet(values: OptionValues, positionals: string[]): Promise<number> {
  const listed = expandStreams(positionals);
  const shard = shardOption(values.shard as string | undefined);
  const streams = shardStreams(listed, shard);
  const jobs = Math.max(1, Math.min(intOption("replay", "jobs", values.jobs as string | undefined, 1, 256) ?? availableParallelism(), streams.length));
  const build = buildOption("replay", values.build as string | undefined);
  const model = loadModelOption(values.model as string | undefined);
  const cycle = intOption("replay", "cycle", values.cycle as string | undefined, 0, 999) ?? 1;
  const cts5PartBytes = partBytesOption("replay", values["cts5-part-bytes"] as string | undefined);
  const phase = phaseOption(values);
  const profileName = values.profile as string | undefined;
  if (profileName) profileOrFail("replay", profileName); // a bad name is one usage error, not one failure per stream
  return replayFleet({
    streams, listed: listed.length, listSha256: streamListSha256(listed), shard, jobs, outDir: values.out as string | undefined, telemetryDir: values.telemetry as string | undefined,
    summaryPath: values.summary as string | undefined, json: Boolean(values.json),
    shared: { build, model, profileName, cycle, cts5PartBytes, phase, sbdNoise: noiseOption("replay", values["sbd-noise"] as string | undefined), force: Boolean(values.force) },
  });
}

/** --phase as a CTS5 phase (descent -> DESCENT, deep-profile -> DEEP_PROFILE), or a usage error; only with --telemetry. */
function phaseOption(values: OptionValues): Cts5Phase | undefined {
  const raw = values.phase as string | undefined;
  if (raw === undefined) return undefined;
  const phase = raw.trim().toUpperCase().replace(/-/g, "_");
  if (!(CTS5_PHASES as readonly string[]).includes(phase)) {
    throw new CliError(`uvp-float replay: --phase must be one of ${CTS5_PHASES.map((p) => p.toLowerCase().replace(/_/g, "-")).join(", ")}, got "${raw}"`, ExitCode.USAGE);
  }
  if (values.telemetry === undefined) throw new CliError("uvp-float replay: --phase labels the float side's blocs: give --telemetry <dir> too", ExitCode.USAGE);
  return phase as Cts5Phase;
}

/** What a replay input (a recorded stream or a *_data.txt) must be before it is opened. */
export const STREAM_INPUT = { what: "recorded stream (.uvps) or *_data.txt", maxBytes: Number.MAX_SAFE_INTEGER } as const;

/** The sidecar of a model: <m>.json beside <m>.bin, whose "taxoConf" gives the TAXO_CONF line. */
function modelSidecar(path: string): string {
  return path.replace(/\.bin$/i, "") + ".json";
}

/** Reads --model and its sidecar <m>.json TAXO_CONF line, or an input error naming the file. */
function loadModelOption(path: string | undefined): { bytes: Uint8Array; taxoConf: string | null } | undefined {
  if (!path) return undefined;
  const bytes = readInputFile(path, { what: "--model uvpec model", maxBytes: INPUT_LIMIT_BYTES.document });
  const sidecar = modelSidecar(path);
  let taxoConf: string | null = null;
  if (existsSync(sidecar)) {
    try {
      taxoConf = (JSON.parse(readFileSync(sidecar, "utf8")) as { taxoConf?: string }).taxoConf ?? null;
    } catch (err) {
      throw new CliError(`${sidecar}: not valid JSON (${(err as Error).message}); fix it, or move it away to keep the input's TAXO_CONF`, ExitCode.INPUT);
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
