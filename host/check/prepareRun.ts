// Everything a check or an update needs before replaying: the stream's identity and header, the float
// side's ids and limit (from the profile the stream names, as `replay --telemetry` takes them) and the model.
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { DEFAULT_FLOAT_SERIAL, listProfiles, loadProfile } from "../config/profile.js";
import { openStream } from "../formats/stream/streamReader.js";
import type { StreamHeader } from "../formats/stream/streamTypes.js";
import { CheckError } from "./checkError.js";
import type { ModelFile } from "./modelFile.js";
import type { RunSetup, TelemetrySetup } from "./outputSet.js";
import { sha256File } from "./sha256.js";

/** The cycle number the golden outputs are made with (file names and SBD headers carry it). */
export const GOLDEN_CYCLE = 1;
const DEFAULT_SBD_MAX_BYTES = 340;

/** A stream ready to replay, and what it is replayed with. */
export interface PreparedRun {
  stream: { path: string; name: string; bytes: number; sha256: string };
  header: StreamHeader;
  setup: RunSetup;
  model: ModelFile | null;
}

/** The float's ids and limit from the profile a stream names; 0, the default serial and limit for another stream. */
export function telemetrySetupFor(header: StreamHeader): TelemetrySetup {
  const name = header.metadata.profile;
  const profile = typeof name === "string" && listProfiles().includes(name) ? loadProfile(name) : undefined;
  return { floatId: profile?.float.wmo ?? 0, serialHex: profile?.float.serialHex ?? DEFAULT_FLOAT_SERIAL, cycle: GOLDEN_CYCLE, sbdMaxBytes: profile?.float.sbdMaxBytes ?? DEFAULT_SBD_MAX_BYTES };
}

/** Hashes and opens `stream`, or a CheckError naming it. */
export function prepareRun(stream: string, model: ModelFile | null, progress: boolean): PreparedRun {
  if (!existsSync(stream)) throw new CheckError(`${stream}: no such file; check the path (a shipped golden set's stream is regenerated with the command in its golden.json)`, "input");
  let header: StreamHeader | null;
  let problems: string;
  try {
    const reader = openStream(stream);
    header = reader.header;
    problems = reader.problems.map((p) => `${p.message} (byte ${p.offset})`).join("; ");
  } catch (err) {
    throw new CheckError(`${stream}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path`, "input");
  }
  if (!header) throw new CheckError(`${stream}: not a readable uvp-float stream: ${problems}; check needs a recorded stream (.uvps)`, "input");
  const identity = sha256File(stream);
  return {
    stream: { path: stream, name: basename(stream), ...identity },
    header,
    setup: { model: model ? { bytes: model.bytes, taxoConf: model.taxoConf } : undefined, telemetry: telemetrySetupFor(header), progress },
    model,
  };
}
