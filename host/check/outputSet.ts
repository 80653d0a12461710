// One build's outputs for a stream, as the files of a golden set: the RS232 log, the budgets and the
// telemetry parts (CTS5 files and SBD messages) under telemetry/, keyed by their path in the set.
import type { Build } from "../firmware/index.js";
import type { StreamProblem } from "../formats/stream/streamTypes.js";
import { replayFile } from "../replay/replayFile.js";
import { telemetryFiles } from "../telemetry/partFiles.js";
import { budgetsText, computeBudgets } from "./budgets.js";

/** Path of the RS232 log in a golden set. */
export const LOG_FILE = "rs232.log";
/** Path of the budgets file in a golden set. */
export const BUDGETS_FILE = "budgets.json";
/** Folder of the telemetry parts in a golden set. */
export const TELEMETRY_DIR = "telemetry";

/** Output files by their path in the set ("/"-separated), in a stable order. */
export type OutputSet = Map<string, Uint8Array>;

/** What the float side is told besides the stream (like `replay --telemetry`). */
export interface TelemetrySetup {
  floatId: number;
  /** The float's serial number, 4 hex digits: the `xxxx` of the CTS5 file names. */
  serialHex: string;
  cycle: number;
  sbdMaxBytes: number;
}

/** The inputs of a run besides the stream. */
export interface RunSetup {
  model?: { bytes: Uint8Array; taxoConf: string | null };
  telemetry: TelemetrySetup;
  progress?: boolean;
}

/** One build's outputs and the problems its replay met in the stream. */
export interface BuildOutputs {
  build: Build;
  files: OutputSet;
  inputProblems: StreamProblem[];
}

/** Replays `stream` through `build` with telemetry on (zones from the stream) and collects its output files. */
export function buildOutputs(stream: string, build: Build, setup: RunSetup): BuildOutputs {
  const out = replayFile(stream, { build, progress: setup.progress, model: setup.model, telemetry: setup.telemetry });
  const files: OutputSet = new Map();
  // The same bytes `replay --out` writes, so a golden log can be compared with a replay's by hand too.
  files.set(LOG_FILE, new TextEncoder().encode(out.logLines.join("\n") + "\n"));
  files.set(BUDGETS_FILE, new TextEncoder().encode(budgetsText(computeBudgets(build, out.telemetryParts))));
  const ids = { floatId: setup.telemetry.floatId, serialHex: setup.telemetry.serialHex, cycle: setup.telemetry.cycle, pattern: 1 };
  for (const f of telemetryFiles(out.telemetryParts, ids)) files.set(`${TELEMETRY_DIR}/${f.name}`, f.bytes);
  return { build, files, inputProblems: out.inputProblems };
}
