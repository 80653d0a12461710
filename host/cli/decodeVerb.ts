// uvp-float decode: CTS5 .hex files and compact SBD messages into Argo-named records (JSON, CSV, CBOR, an Argo
// AUX-like NetCDF-4 file, or EcoPart's import tables).
import { basename } from "node:path";
import { toArgoRows } from "../telemetry/argoRecords.js";
import { formatDecoded, OUTPUT_FORMATS, type DecodedDocument, type OutputFormat } from "../telemetry/outputFormats.js";
import { CliError, ExitCode } from "./cliError.js";
import { profileOrFail } from "./common.js";
import { inputIdentity, writeEcopartOutput, writeNetcdfOutput } from "./decodeWriters.js";
import { checkOutputs, writeOutput } from "./outputFiles.js";
import { decodeTelemetryFiles, problemLine, readTelemetryFiles, recordsPerKind, type DecodedTelemetry, type TelemetryFile } from "./telemetryInputs.js";
import { numberOption, parseVerbArgs, rangeOption, type OptionValues, type Verb } from "./verb.js";

const help = `Usage: uvp-float decode <files or directories...> [options]

Decodes what a float transmitted: CTS5 files (xxxx_ccc_mm_uvp6_lpm.hex, _uvp6_txo.hex, _uvp6_blk.hex, whole
or split into parts #01, #02, ... that are joined byte for byte, a missing or repeated part being reported)
and this project's compact SBD messages (format versions 1 and 2; a version-2
message coded with a prior table needs a profile under profiles/ that carries it; counts of a noise-bounded
message come marked approximate: NOISE_FRACTION and a per-count bound, NB_SIZE_SPECTRA_PARTICLES_BOUND /
BLACK_NB_SIZE_SPECTRA_PARTICLES_BOUND, the report says APPROXIMATE; --format netcdf refuses them, its
layout having no place for the mark), into records named like
the Argo AUX variables (PRES, NB_SIZE_SPECTRA_PARTICLES, BLACK_NB_SIZE_SPECTRA_PARTICLES, NB_OBJECT_CATEGORY,
...). A file is recognised by its first byte (0x1B, 0x1C, 0x1D: CTS5; 0x55: SBD) or else by its name; a
directory is decoded file by file in name order (files that are neither are listed as skipped). Damaged
input costs only the records it carried: every problem is listed with its file and byte offset.

Options:
  --format <f>        json (default): one document {records, problems, summary};
                      csv: one table, a KIND column, vectors as NAME_1..NAME_n, units in the header;
                      cbor: the JSON document as one CBOR item;
                      netcdf: a NetCDF-4 file laid out like an Argo AUX profile file (N_PROF = LPM,
                      BLACK, TAXO; current Argo names; _FillValue 99999 where nothing was received);
                      needs --out; read back by 'uvp-float compare', ncdump, Python netCDF4
                      ecopart: the tables EcoPart imports for UVP6 float data (META, LPM, TAXO2 files
                      named <sample>_<camera>_DEPTH_<type>.txt); --out is a directory; needs --profile
  --out <file|dir>    write there (default: standard output, the summary then goes to standard error)
  --force             overwrite --out if it exists
  --profile <name>    take Image_volume from the profile's HW_CONF, for CONCENTRATION_LPM and
                      CONCENTRATION_CATEGORY (#/L = count / (Image_volume * images))
  --image-volume <L>  the same from a number of litres (without either, concentrations are empty)
  --sample <name>     ecopart: the sample name (no '_'; default <float>-<cycle>, e.g. 4903634-010)
  --latitude <deg>, --longitude <deg>
                      ecopart: the profile's position (telemetry has none; EcoPart averages it);
                      a negative one as --latitude=-12.5
  --json              print the summary as JSON instead of a readable report
  -h, --help          this help

Examples:
  uvp-float decode cycle-010/ --profile 000118LP --format csv --out 4903634_010.csv
  uvp-float decode cycle-010/ --profile 000118LP --format netcdf --out R4903634_010_uvp.nc
  uvp-float decode cycle-010/ --profile 000118LP --format ecopart --latitude 43.5 --longitude 7.9 --out ecopart/

Exit codes (every output is written whole, or not at all): 0 everything decoded without a problem; 65 problems were found (damaged, truncated or unknown
input, SBD messages missing or rejected): the output still holds every record that could be decoded, and
the summary lists each problem; 64 usage (an output that is an input included; --format netcdf of approximate counts); 73 --out exists (give --force) or cannot be written (ecopart: one of its files exists).`;

/** The decode verb. */
export const decodeVerb: Verb = {
  name: "decode",
  summary: "decode CTS5 .hex files and SBD messages into Argo-named records (JSON, CSV, CBOR, NetCDF, EcoPart)",
  help,
  async run(argv) {
    const { values, positionals } = parseVerbArgs("decode", argv, {
      format: { type: "string" }, out: { type: "string" }, force: { type: "boolean" }, profile: { type: "string" }, "image-volume": { type: "string" }, json: { type: "boolean" },
      sample: { type: "string" }, latitude: { type: "string" }, longitude: { type: "string" },
    });
    if (positionals.length === 0) throw new CliError("uvp-float decode: give CTS5 .hex files, SBD messages or directories of them\nRun 'uvp-float decode --help' for usage.", ExitCode.USAGE);
    const format = formatOption(values.format as string | undefined);
    const volume = imageVolumeOption(values.profile as string | undefined, values["image-volume"] as string | undefined);
    const out = values.out as string | undefined;
    if ((format === "netcdf" || format === "ecopart") && out === undefined) throw new CliError(`uvp-float decode: --format ${format} needs --out <${format === "netcdf" ? "file.nc" : "directory"}>`, ExitCode.USAGE);
    if (format === "ecopart" && values.profile === undefined) throw new CliError("uvp-float decode: --format ecopart needs --profile (EcoPart's META table holds the camera's HW_CONF calibration and TAXO_CONF ids)", ExitCode.USAGE);
    const ecopart = ecopartOptions(values);
    if (out === undefined && format === "cbor" && process.stdout.isTTY) {
      throw new CliError("uvp-float decode: CBOR is binary; give --out <file> or redirect standard output", ExitCode.USAGE);
    }
    // An ecopart output is a directory of tables (its files are checked again once named); the others one file.
    checkOutputs("decode", out === undefined ? {} : format === "ecopart" ? { dirs: [out] } : { files: [out] }, { inputs: positionals, force: Boolean(values.force) });

    const read = readTelemetryFiles(positionals);
    if (read.files.length === 0 && read.problems.length === 0) {
      throw new CliError(`${positionals.join(", ")}: no CTS5 .hex file or SBD message found${read.skipped.length > 0 ? ` (skipped: ${read.skipped.map((p) => basename(p)).join(", ")})` : ""}`, ExitCode.INPUT);
    }
    const decoded = decodeTelemetryFiles(read.files);
    const problems = [...read.problems, ...decoded.problems];
    const perKind = recordsPerKind(decoded.records);
    // Noise-bounded SBD messages: their counts are approximate, and every output must say so.
    const approximate = decoded.records.filter((r) => r.kind !== "taxo" && r.approximate !== undefined);
    const fractions = [...new Set(approximate.map((r) => (r.kind !== "taxo" ? r.approximate!.noiseFraction : 0)))].sort((a, b) => a - b);
    // A NetCDF file reads back (compare) as exact AUX levels: approximate counts must not go where their mark cannot.
    if (format === "netcdf" && approximate.length > 0) {
      throw new CliError(`uvp-float decode: ${approximate.length} records hold approximate counts (noise-bounded SBD messages, f = ${fractions.join(", ")}), which the NetCDF layout cannot mark; decode them to json, cbor or csv (NOISE_FRACTION and each count's bound)`, ExitCode.USAGE);
    }
    const summary = {
      inputs: { cts5Files: decoded.cts5Files, sbdMessages: decoded.sbdMessages, skipped: read.skipped, sentBothWays: decoded.sentBothWays, cts5Notes: decoded.cts5Notes },
      records: perKind,
      problems: problems.length,
      complete: problems.length === 0 && !decoded.sbdIncomplete,
      imageVolumeL: volume.litres,
      imageVolumeFrom: volume.from,
      approximateRecords: approximate.length,
      ...(approximate.length > 0 ? { noiseFractions: fractions } : {}),
      // Named so a report drawn later can take the class bounds and TAXO_CONF ids from the same profile.
      ...(values.profile !== undefined ? { profile: values.profile as string } : {}),
      ...(decoded.sbdSummary !== null ? { sbd: decoded.sbdSummary } : {}),
    };
    const doc: DecodedDocument = { records: toArgoRows(decoded.records, { imageVolumeL: volume.litres }), problems, summary };
    let written: string[] = out !== undefined ? [out] : [];
    if (format === "netcdf") await writeNetcdfOutput(out as string, doc.records, read.files, decoded, problems, volume);
    else if (format === "ecopart") {
      const profile = profileOrFail("decode", values.profile as string);
      const sample = ecopart.sample ?? defaultSampleName(read.files, decoded);
      written = (await writeEcopartOutput(out as string, doc.records, profile, { ...ecopart, sample, force: Boolean(values.force) })).map((n) => `${out}/${n}`);
    } else {
      const content = formatDecoded(format, doc);
      if (out !== undefined) writeOutput(out, content);
      else process.stdout.write(content);
    }

    // The report goes where it does not mix with the data.
    const say = out !== undefined ? console.log : console.error;
    if (values.json) say(JSON.stringify({ ...summary, problemList: problems, output: out ?? "stdout", ...(format === "ecopart" ? { files: written } : {}), format }, null, 1));
    else {
      const lines = [
        `decoded ${decoded.cts5Files} CTS5 file${decoded.cts5Files === 1 ? "" : "s"} and ${decoded.sbdMessages} SBD message${decoded.sbdMessages === 1 ? "" : "s"}`,
        `  records: ${perKind.lpm} LPM, ${perKind.black} BLACK, ${perKind.taxo} TAXO`,
        ...decoded.cts5Notes.map((l) => `  CTS5: ${l}`),
        ...decoded.sbdLines.map((l) => `  SBD: ${l}`),
        ...(decoded.sentBothWays > 0 ? [`  ${decoded.sentBothWays} records came both in CTS5 files and in SBD messages: kept once`] : []),
        ...(approximate.length > 0
          ? [`  APPROXIMATE: ${approximate.length} record${approximate.length === 1 ? "" : "s"} from noise-bounded SBD messages (f = ${fractions.join(", ")}): their counts are within NB_SIZE_SPECTRA_PARTICLES_BOUND / BLACK_NB_SIZE_SPECTRA_PARTICLES_BOUND of what the float counted, not exact${format === "ecopart" ? "; the EcoPart tables do not carry the bounds" : ""}`]
          : []),
        volume.litres === null ? "  concentrations left empty: give --profile or --image-volume" : `  image volume ${volume.litres} L (${volume.from})`,
        ...(read.skipped.length > 0 ? [`  skipped (neither CTS5 nor SBD): ${read.skipped.join(", ")}`] : []),
        ...problems.map((p) => `  problem: ${problemLine(p)}`),
        problems.length > 0 || decoded.sbdIncomplete
          ? `  ${problems.length} problem${problems.length === 1 ? "" : "s"}${decoded.sbdIncomplete ? ", SBD messages missing" : ""}: the output holds every record that could be decoded`
          : "  no problems",
        ...written.map((w) => `  wrote ${w} (${format})`),
      ];
      say(lines.join("\n"));
    }
    return problems.length > 0 || decoded.sbdIncomplete ? ExitCode.INPUT : ExitCode.OK;
  },
};

const DECODE_FORMATS = [...OUTPUT_FORMATS, "netcdf", "ecopart"] as const;
type DecodeFormat = OutputFormat | "netcdf" | "ecopart";

function formatOption(value: string | undefined): DecodeFormat {
  if (value === undefined) return "json";
  if ((DECODE_FORMATS as readonly string[]).includes(value)) return value as DecodeFormat;
  throw new CliError(`uvp-float decode: --format must be ${DECODE_FORMATS.join(", ")}, got "${value}"`, ExitCode.USAGE);
}

/** --sample, --latitude, --longitude (EcoPart only), checked. */
function ecopartOptions(values: OptionValues): { sample: string | undefined; latitudeDeg: number | null; longitudeDeg: number | null } {
  const sample = values.sample as string | undefined;
  if (sample !== undefined && !/^[^_/\\\s]+$/u.test(sample)) throw new CliError(`uvp-float decode: --sample must be a name without '_', '/' or blanks (EcoPart splits file names on '_'), got "${sample}"`, ExitCode.USAGE);
  const deg = (name: string, limit: number): number | null => {
    const v = numberOption("decode", name, values[name] as string | undefined);
    if (v === undefined) return null;
    if (Math.abs(v) > limit) throw new CliError(`uvp-float decode: --${name} must be between -${limit} and ${limit} degrees, got ${v}`, ExitCode.USAGE);
    return v;
  };
  return { sample, latitudeDeg: deg("latitude", 90), longitudeDeg: deg("longitude", 180) };
}

/** <float>-<cycle> from the inputs (WMO number, else CTS5 serial), else "uvp6". */
function defaultSampleName(files: readonly TelemetryFile[], decoded: DecodedTelemetry): string {
  const id = inputIdentity(files, decoded);
  const who = id.platform ?? id.floatSerial ?? "uvp6";
  return id.cycles.length === 1 ? `${who}-${String(id.cycles[0]).padStart(3, "0")}` : who;
}

/** Image_volume (L) from --profile's HW_CONF or --image-volume, and where it came from; null without either. */
function imageVolumeOption(profile: string | undefined, litres: string | undefined): { litres: number | null; from: string | null } {
  if (profile !== undefined && litres !== undefined) throw new CliError("uvp-float decode: give --profile or --image-volume, not both", ExitCode.USAGE);
  if (profile !== undefined) return { litres: profileOrFail("decode", profile).hw.imageVolumeL, from: `profile ${profile}, HW_CONF Image_volume` };
  const v = rangeOption("decode", "image-volume", litres, 0.001, 10, "0.001-10 L (a UVP6 images 0.55-0.72 L)");
  if (v === undefined) return { litres: null, from: null };
  if (!(v > 0)) throw new CliError(`uvp-float decode: --image-volume must be a positive number of litres, got "${litres}"`, ExitCode.USAGE);
  return { litres: v, from: "--image-volume" };
}
