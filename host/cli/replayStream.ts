// One stream's replay as the CLI runs it: the replay, then its RS232 log, summary and telemetry files.
// The single-stream verb runs it in the main thread, a fleet in worker threads, so both write the same bytes.
import { DEFAULT_FLOAT_SERIAL, listProfiles, loadProfile, type Profile } from "../config/profile.js";
import type { Build } from "../firmware/index.js";
import { join } from "node:path";
import { openStream } from "../formats/stream/streamReader.js";
import type { StreamProblem } from "../formats/stream/streamTypes.js";
import { replayFile, type TelemetryOptions } from "../replay/replayFile.js";
import type { ReplaySummary } from "../replay/replaySummary.js";
import { partTotals, telemetryFiles, type CycleIds } from "../telemetry/partFiles.js";
import type { Cts5Phase } from "../telemetry/types.js";
import { CliError, ExitCode } from "./cliError.js";
import { profileOrFail } from "./common.js";
import { makeOutputDir, writeOutputs } from "./outputFiles.js";

/** What one stream's replay needs: plain data only, so that it can be posted to a worker thread. */
export interface ReplayStreamJob {
  input: string;
  logPath: string;
  summaryPath: string;
  build: Build | "auto";
  model?: { bytes: Uint8Array; taxoConf: string | null };
  /** Where the CTS5 files and SBD messages go when the float side runs too. */
  telemetryDir?: string;
  /** --profile: zone table, float id, serial and SBD limit for the telemetry (default: the profile the stream names). */
  profileName?: string;
  /** --cts5-part-bytes: largest CTS5 file; a larger one is written as parts #01, #02, ... */
  cts5PartBytes?: number;
  cycle: number;
  /** --phase: the float's phase for every bloc of the input (default: the stream's own; ASCENT for *_data.txt). */
  phase?: Cts5Phase;
  /** --sbd-noise: the SBD noise-bounded mode's fraction; default the profile's (0, lossless). */
  sbdNoise?: number;
  force: boolean;
}

/** What one stream's replay gave: its summary, the problems of the input file, the telemetry written, the exit code. */
export interface ReplayStreamResult {
  summary: ReplaySummary;
  inputProblems: StreamProblem[];
  telemetry: { cts5Files: number; cts5Bytes: number; sbdMessages: number; sbdBytes: number; files: number; dir: string } | null;
  exitCode: number;
}

/** Replays `job.input` and writes its outputs; throws a CliError (message names the file) when it cannot. */
export function replayStream(job: ReplayStreamJob, progress: boolean | ((done: number, total: number | undefined) => void)): ReplayStreamResult {
  const { input, telemetryDir, cycle } = job;
  const telemetryProfile = telemetryDir ? telemetryProfileFor(input, job.profileName) : undefined;
  const telemetry: TelemetryOptions | undefined = telemetryDir
    ? { floatId: telemetryProfile?.float.wmo ?? 0, cycle, sbdMaxBytes: telemetryProfile?.float.sbdMaxBytes, sbdNoiseFraction: job.sbdNoise ?? telemetryProfile?.float.sbdNoiseFraction, zones: job.profileName ? telemetryProfile?.zones : undefined, phase: job.phase, priorTable: telemetryProfile?.sbdPriorTable }
    : undefined;
  let out;
  try {
    out = replayFile(input, { build: job.build, progress: progress === true, onProgress: typeof progress === "function" ? progress : undefined, model: job.model, telemetry });
  } catch (err) {
    const message = (err as Error).message;
    throw new CliError(`${input}: ${message}`, /firmware refused/.test(message) ? ExitCode.FIRMWARE : ExitCode.INPUT);
  }
  // Log, summary and telemetry files together: checked, then written through temporary files, all or none.
  const entries: Array<readonly [string, string | Uint8Array]> = [
    [job.logPath, out.logLines.join("\n") + "\n"],
    [job.summaryPath, JSON.stringify({ ...out.summary, inputProblems: out.inputProblems }, null, 2) + "\n"],
  ];
  let written: ReplayStreamResult["telemetry"] = null;
  if (telemetryDir) {
    const ids: CycleIds = { floatId: telemetry?.floatId ?? 0, serialHex: telemetryProfile?.float.serialHex ?? DEFAULT_FLOAT_SERIAL, cycle, pattern: 1 };
    let files;
    try {
      files = telemetryFiles(out.telemetryParts, ids, { cts5PartBytes: job.cts5PartBytes });
    } catch (err) {
      throw new CliError((err as Error).message, err instanceof RangeError ? ExitCode.USAGE : ExitCode.OUTPUT);
    }
    const paths = files.map((f) => join(telemetryDir, f.name));
    files.forEach((f, i) => entries.push([paths[i], f.bytes]));
    makeOutputDir(telemetryDir);
    const t = partTotals(out.telemetryParts);
    written = { cts5Files: t.cts5.files, cts5Bytes: t.cts5.bytes, sbdMessages: t.sbd.messages, sbdBytes: t.sbd.bytes, files: paths.length, dir: telemetryDir };
  }
  writeOutputs(entries, job.force, "replay");
  const exitCode = out.inputProblems.length > 0 || out.summary.frames.skipped > 0 ? ExitCode.INPUT : out.summary.agreesWithTruth ? ExitCode.OK : ExitCode.TRUTH_MISMATCH;
  return { summary: out.summary, inputProblems: out.inputProblems, telemetry: written, exitCode };
}

/** The ids that name the telemetry files of `job` (for the checks before the run), or undefined without --telemetry. */
export function telemetryIdsOf(job: ReplayStreamJob): CycleIds | undefined {
  if (!job.telemetryDir) return undefined;
  const profile = telemetryProfileFor(job.input, job.profileName);
  return { floatId: profile?.float.wmo ?? 0, serialHex: profile?.float.serialHex ?? DEFAULT_FLOAT_SERIAL, cycle: job.cycle, pattern: 1 };
}

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
