// uvp-float encode: slice records (from an Argo AUX file) or bloc records (from an RS232 log) through the
// firmware's slicing and telemetry encoders, to CTS5 files or compact SBD messages, with their cost.
import { buildFloatConfigBlob } from "../config/floatConfigBlob.js";
import type { Profile } from "../config/profile.js";
import { priorTableBytes } from "../telemetry/sbd/priorTable.js";
import { Firmware, Status, describeStatus } from "../firmware/index.js";
import { FloatTelemetry, type TelemetryPart } from "../firmware/floatTelemetry.js";
import { readAuxProfile } from "../formats/argo/index.js";
import { sliceRecordsFromAux } from "../telemetry/fromAux.js";
import { partTotals, type CycleIds } from "../telemetry/partFiles.js";
import { blocsFromRs232Log } from "../telemetry/rs232Blocs.js";
import { CTS5_PHASES, type Cts5Phase } from "../telemetry/types.js";
import { CliError, ExitCode } from "./cliError.js";
import { buildOption, noiseOption, partBytesOption, profileOrFail } from "./common.js";
import { INPUT_LIMIT_BYTES, readInputFile } from "./inputFiles.js";
import { checkOutputs } from "./outputFiles.js";
import { writeTelemetryParts } from "./telemetryOutputs.js";
import { intOption, parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float encode <aux.nc | replay.rs232.log> --format cts5|sbd --out <dir> [options]

Encodes what a float would transmit, through the firmware's own encoders, so you can see what a real or
simulated profile costs in bytes and messages. Two inputs:
  an Argo AUX NetCDF file (R<wmo>_<ccc>_aux.nc): its LPM, BLACK and TAXO levels are already slices; each
    goes to the encoders as it is (processing type from the profile's zone table, AM past 255 images);
  an RS232 log (uvp-float replay's <prefix>.rs232.log, or the camera's): its LPM_DATA, BLACK_DATA and
    TAXO_DATA blocs go through the float's slicing by depth zone first (all in one phase, --phase).

Options:
  --format <f>      cts5: NKE CTS5 files xxxx_ccc_mm_uvp6_lpm.hex, _uvp6_txo.hex, _uvp6_blk.hex, one per
                    kind (xxxx: the float's serial number, the profile's float.serialHex);
                    sbd: compact SBD messages <wmo>_<ccc>_<seq>.sbd (this project's format 2, coded
                    with the profile's SBD prior table when it names one)
  --out <dir>       directory for the files (created)
  --profile <name>  zone table, float id and serial, SBD limit (default 000118LP)
  --cts5-part-bytes <n>  a CTS5 file over n bytes (100-16777216) is written as parts ..._uvp6_lpm#01.hex, #02, ...
                    that concatenate to it, as the Coriolis decoder joins them (at most 99 parts)
  --sbd-bytes <n>   SBD message limit, 100-340 (default: the profile's, 340)
  --sbd-noise <f>   SBD noise-bounded mode, never the default: LPM and BLACK counts sent with steps of at most
                    f x sqrt(count) (f from 0.01 to 1 in hundredths; 0 = lossless; default: the profile's
                    float.sbdNoiseFraction, 0); decoded counts are marked approximate with their bound
  --float-id <n>    WMO id (default: the AUX file's platform, else the profile's)
  --cycle <n>       cycle number (default: the AUX file's, else 1)
  --phase <p>       phase of an RS232 log's blocs: DESCENT, PARK, DEEP_PROFILE, SHORT_PARK, ASCENT (default)
                    or SURFACE (uvp-float replay --telemetry keeps each frame's own phase)
  --build <b>       firmware build: simd, scalar or auto (default auto)
  --force           overwrite existing files
  --json            print the counts as JSON
  -h, --help        this help

Example:
  uvp-float encode R4903634_010_aux.nc --format sbd --out msgs/ --sbd-bytes 270

Exit codes: 0 ok; 65 the input is unreadable, or some records could not be encoded (each is listed);
64 usage (an output that is an input included); 70 the firmware refused the float configuration; 73 an output file exists (use --force) or cannot be created.`;

/** The encode verb. */
export const encodeVerb: Verb = {
  name: "encode",
  summary: "encode an AUX file's slices or a replay's blocs into CTS5 files or SBD messages, with their cost",
  help,
  run(argv) {
    const { values, positionals } = parseVerbArgs("encode", argv, {
      format: { type: "string" }, out: { type: "string" }, profile: { type: "string" }, "sbd-bytes": { type: "string" }, "sbd-noise": { type: "string" },
      "float-id": { type: "string" }, cycle: { type: "string" }, phase: { type: "string" }, build: { type: "string" }, "cts5-part-bytes": { type: "string" },
      force: { type: "boolean" }, json: { type: "boolean" },
    });
    if (positionals.length !== 1) throw new CliError("uvp-float encode: give one AUX .nc file or RS232 log\nRun 'uvp-float encode --help' for usage.", ExitCode.USAGE);
    const format = values.format as string | undefined;
    if (format !== "cts5" && format !== "sbd") throw new CliError("uvp-float encode: --format cts5 or --format sbd is required", ExitCode.USAGE);
    const outDir = values.out as string | undefined;
    if (!outDir) throw new CliError("uvp-float encode: --out <dir> is required", ExitCode.USAGE);
    const phase = ((values.phase as string | undefined) ?? "ASCENT").toUpperCase();
    if (!(CTS5_PHASES as readonly string[]).includes(phase)) throw new CliError(`uvp-float encode: --phase must be one of ${CTS5_PHASES.join(", ")}`, ExitCode.USAGE);
    const profile = profileOrFail("encode", (values.profile as string | undefined) ?? "000118LP");
    const sbdBytes = intOption("encode", "sbd-bytes", values["sbd-bytes"] as string | undefined, 100, 340);
    const sbdNoise = noiseOption("encode", values["sbd-noise"] as string | undefined);
    const floatIdOption = intOption("encode", "float-id", values["float-id"] as string | undefined, 0, 0xffffff);
    const cycleOption = intOption("encode", "cycle", values.cycle as string | undefined, 0, 999);
    const cts5PartBytes = partBytesOption("encode", values["cts5-part-bytes"] as string | undefined);
    const input = positionals[0];
    const force = Boolean(values.force);
    checkOutputs("encode", { dirs: [outDir] }, { inputs: [input], force });
    const bytes = readInputFile(input, { what: "AUX .nc file or RS232 log", maxBytes: INPUT_LIMIT_BYTES.document });
    const isNetcdf = bytes.length >= 4 && bytes[0] === 0x43 && bytes[1] === 0x44 && bytes[2] === 0x46; // "CDF"
    const encoded = isNetcdf
      ? encodeAux(input, bytes, profile, { format, sbdBytes, sbdNoise, floatIdOption, cycleOption, build: values.build as string | undefined })
      : encodeLog(input, new TextDecoder().decode(bytes), profile, { format, sbdBytes, sbdNoise, floatIdOption, cycleOption, build: values.build as string | undefined }, phase as Cts5Phase);
    const parts = encoded.parts.filter((p) => p.format === format);
    const paths = writeTelemetryParts(outDir, parts, encoded.ids, force, { cts5PartBytes });
    const totals = partTotals(parts);
    const report = {
      input, format, records: encoded.records, files: paths.length, bytes: format === "cts5" ? totals.cts5.bytes : totals.sbd.bytes,
      ...(format === "sbd" ? { messages: totals.sbd.messages, sbdMaxBytes: sbdBytes ?? profile.float.sbdMaxBytes, sbdNoiseFraction: sbdNoise ?? profile.float.sbdNoiseFraction ?? 0 } : {}),
      problems: encoded.problems, outDir,
    };
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`${input}: ${encoded.records.lpm} LPM, ${encoded.records.black} BLACK, ${encoded.records.taxo} TAXO records`);
      console.log(format === "cts5" ? `CTS5: ${totals.cts5.files} file(s)${paths.length > totals.cts5.files ? ` in ${paths.length} parts` : ""}, ${report.bytes} bytes in ${outDir}` : `SBD: ${totals.sbd.messages} message(s) of at most ${report.sbdMaxBytes} bytes, ${report.bytes} bytes in ${outDir}${report.sbdNoiseFraction ? ` (noise-bounded: counts within ${report.sbdNoiseFraction} of their Poisson sd, decoded as approximate)` : ""}`);
      for (const p of encoded.problems) console.log(`  problem: ${p}`);
    }
    return encoded.problems.length > 0 ? ExitCode.INPUT : ExitCode.OK;
  },
};

interface EncodeOptions {
  format: "cts5" | "sbd";
  sbdBytes?: number;
  /** --sbd-noise; undefined: the profile's. */
  sbdNoise?: number;
  floatIdOption?: number;
  cycleOption?: number;
  build?: string;
}

interface Encoded {
  parts: TelemetryPart[];
  ids: CycleIds;
  records: { lpm: number; black: number; taxo: number };
  problems: string[];
}

function floatSide(profile: Profile, opts: EncodeOptions, ids: CycleIds): FloatTelemetry {
  const ft = new FloatTelemetry(Firmware.create(buildOption("encode", opts.build)));
  if (profile.sbdPriorTable) {
    const t = ft.setPriorTable(priorTableBytes(profile.sbdPriorTable));
    if (t !== Status.OK) throw new CliError(`the firmware refused the SBD prior table of profile ${profile.name}: ${describeStatus(t)}`, ExitCode.FIRMWARE);
  }
  const blob = buildFloatConfigBlob(profile.zones, profile.float, {
    floatId: ids.floatId, cycle: ids.cycle, pattern: ids.pattern, sbdMaxBytes: opts.sbdBytes, sbdNoiseFraction: opts.sbdNoise,
    formats: { cts5: opts.format === "cts5", sbd: opts.format === "sbd" },
  });
  const s = ft.configure(blob);
  if (s !== Status.OK) throw new CliError(`the firmware refused the float configuration of profile ${profile.name}: ${describeStatus(s)}`, ExitCode.FIRMWARE);
  return ft;
}

function finish(ft: FloatTelemetry, problems: string[]): TelemetryPart[] {
  const s = ft.finish();
  if (s !== Status.OK) problems.push(`ending the cycle: ${describeStatus(s)}`);
  const c = ft.counters();
  if (c.slicesLost > 0) problems.push(`${c.slicesLost} slice(s) lost`);
  if (c.sbdRecordsTooLarge > 0) problems.push(`${c.sbdRecordsTooLarge} record(s) too large for one SBD message`);
  if (c.sbdRecordsUnnumbered > 0) problems.push(`${c.sbdRecordsUnnumbered} record(s) past the 65,536 SBD message or record numbers of a cycle`);
  if (c.recordsInvalid > 0) problems.push(`${c.recordsInvalid} record(s) with values neither format can carry`);
  if (c.cts5RecordsRefused > 0) problems.push(`${c.cts5RecordsRefused} record(s) CTS5 cannot carry`);
  if (c.cts5ValuesClamped > 0) problems.push(`${c.cts5ValuesClamped} value(s) clamped to their CTS5 field`);
  return ft.takeParts();
}

function encodeAux(input: string, bytes: Uint8Array, profile: Profile, opts: EncodeOptions): Encoded {
  let aux;
  try {
    aux = readAuxProfile(bytes);
  } catch (err) {
    throw new CliError(`${input}: ${(err as Error).message}`, ExitCode.INPUT);
  }
  const platform = Number.parseInt(aux.platform, 10);
  const ids: CycleIds = {
    floatId: opts.floatIdOption ?? (Number.isInteger(platform) && platform < 1 << 24 ? platform : profile.float.wmo),
    serialHex: profile.float.serialHex,
    cycle: opts.cycleOption ?? Math.min(aux.cycle, 999), pattern: 1,
  };
  const ft = floatSide(profile, opts, ids);
  const problems = aux.problems.map((p) => `${input}: ${p}`);
  const records = sliceRecordsFromAux(aux, profile.zones);
  for (const r of records) {
    const s = ft.pushSlice(r);
    if (s !== Status.OK) problems.push(`${r.kind} record at ${r.pressureDbar} dbar: ${describeStatus(s)}`);
  }
  const count = (k: string): number => records.filter((r) => r.kind === k).length;
  return { parts: finish(ft, problems), ids, records: { lpm: count("lpm"), black: count("black"), taxo: count("taxo") }, problems };
}

function encodeLog(input: string, text: string, profile: Profile, opts: EncodeOptions, phase: Cts5Phase): Encoded {
  const { blocs, problems: lineProblems } = blocsFromRs232Log(text);
  if (blocs.length === 0) throw new CliError(`${input}: neither an Argo AUX NetCDF file (it would start with "CDF") nor an RS232 log: no LPM_DATA or BLACK_DATA line${lineProblems.length ? ` (first problem, line ${lineProblems[0].line}: ${lineProblems[0].message})` : ""}`, ExitCode.INPUT);
  const ids: CycleIds = { floatId: opts.floatIdOption ?? profile.float.wmo, serialHex: profile.float.serialHex, cycle: opts.cycleOption ?? 1, pattern: 1 };
  const ft = floatSide(profile, opts, ids);
  const problems = lineProblems.map((p) => `${input} line ${p.line}: ${p.message}`);
  ft.setPhase(phase);
  for (const b of blocs) {
    for (const s of ft.pushBloc(b, b.taxoImages)) if (s !== Status.OK) problems.push(`bloc at ${b.pressureDbar} dbar: ${describeStatus(s)}`);
  }
  const parts = finish(ft, problems);
  const c = ft.counters();
  return { parts, ids, records: c.recordsSent, problems };
}
