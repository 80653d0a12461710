// Steps several verbs share: loading a profile, reading frames, configuring a firmware.
import { loadProfile, noiseFractionCode, type Profile } from "../config/profile.js";
import { profileConfigBlob, type ProfileOverrides } from "../config/profileBlob.js";
import { Firmware, Status, describeStatus, type Build } from "../firmware/index.js";
import { decodeGreyFrame, FrameFormatError, type GreyFrame } from "../formats/greyFrame.js";
import { CliError, ExitCode } from "./cliError.js";
import { intOption } from "./verb.js";
import { INPUT_LIMIT_BYTES, readInputFile } from "./inputFiles.js";

/** Loads a profile by name, or a usage error listing the known ones. */
export function profileOrFail(verb: string, name: string | undefined): Profile {
  if (!name) throw new CliError(`uvp-float ${verb}: --profile <name|file.json> is required (see 'uvp-float profiles')`, ExitCode.USAGE);
  try {
    return loadProfile(name);
  } catch (err) {
    throw new CliError(`uvp-float ${verb}: ${(err as Error).message}`, ExitCode.USAGE);
  }
}

/** Reads a frame file, or an input error naming it. */
export function frameOrFail(file: string): GreyFrame {
  const bytes = readInputFile(file, { what: "PNG or PGM frame", maxBytes: INPUT_LIMIT_BYTES.frame, allowEmpty: true });
  try {
    return decodeGreyFrame(bytes, file);
  } catch (err) {
    if (err instanceof FrameFormatError) throw new CliError(err.message, ExitCode.INPUT);
    throw err;
  }
}

/** Parses --build. */
export function buildOption(verb: string, value: string | undefined): Build | "auto" {
  if (value === undefined || value === "auto" || value === "simd" || value === "scalar") return value ?? "auto";
  throw new CliError(`uvp-float ${verb}: --build must be simd, scalar or auto, got "${value}"`, ExitCode.USAGE);
}

/** A firmware configured from `profile` for frames of `frame`'s size, or a firmware error. */
export function configuredFirmware(build: Build | "auto", profile: Profile, frame: { widthPx: number; heightPx: number }, o: ProfileOverrides = {}): Firmware {
  let blob: Uint8Array;
  try {
    blob = profileConfigBlob(profile, { ...o, widthPx: frame.widthPx, heightPx: frame.heightPx });
  } catch (err) {
    throw new CliError(`profile ${profile.name}: ${(err as Error).message}`, ExitCode.INPUT);
  }
  const fw = Firmware.create(build);
  const s = fw.configure(blob);
  if (s !== Status.OK) throw new CliError(`firmware refused the configuration of profile ${profile.name}: ${describeStatus(s)}`, ExitCode.FIRMWARE);
  return fw;
}

/** Time of a frame from a camera file name (YYYYMMDD-HHMMSS[-mmm]), or undefined. */
export function timeFromFileName(file: string): number | undefined {
  const m = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d{3}))?/.exec(file);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  const t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms ? +ms : 0);
  return Number.isNaN(t) ? undefined : t / 1000;
}

/** Smallest and largest CTS5 part size --cts5-part-bytes takes (a file of 99 parts is the decoder's most). */
export const CTS5_PART_BYTES_RANGE = { min: 100, max: 16_777_216 } as const;

/** --sbd-noise: the SBD noise-bounded mode's fraction of the Poisson sd, 0-1 in hundredths (0 lossless), or a usage error. */
export function noiseOption(verb: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = /^\s*\d*\.?\d+\s*$/u.test(value) ? Number(value) : NaN;
  if (noiseFractionCode(x) === null) {
    throw new CliError(`uvp-float ${verb}: --sbd-noise must be a fraction from 0 to 1 in hundredths (e.g. 0.1; 0 = lossless), got "${value}"`, ExitCode.USAGE);
  }
  return x;
}

/** Parses --cts5-part-bytes: the largest CTS5 file, a larger one going as #01, #02, ... parts. */
export function partBytesOption(verb: string, value: string | undefined): number | undefined {
  return intOption(verb, "cts5-part-bytes", value, CTS5_PART_BYTES_RANGE.min, CTS5_PART_BYTES_RANGE.max);
}
