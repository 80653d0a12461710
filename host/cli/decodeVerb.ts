// uvp-float decode: CTS5 .hex files and compact SBD messages into Argo-named records (JSON, CSV or CBOR).
import { basename } from "node:path";
import { toArgoRows } from "../telemetry/argoRecords.js";
import { formatDecoded, OUTPUT_FORMATS, type DecodedDocument, type OutputFormat } from "../telemetry/outputFormats.js";
import { CliError, ExitCode } from "./cliError.js";
import { profileOrFail } from "./common.js";
import { checkOutputs, writeOutput } from "./outputFiles.js";
import { decodeTelemetryFiles, problemLine, readTelemetryFiles, recordsPerKind } from "./telemetryInputs.js";
import { parseVerbArgs, rangeOption, type Verb } from "./verb.js";

const help = `Usage: uvp-float decode <files or directories...> [options]

Decodes what a float transmitted: CTS5 files (xxxx_ccc_mm_uvp6_lpm.hex, _uvp6_txo.hex, _uvp6_blk.hex, whole
or split into parts #01, #02, ... that are joined byte for byte, a missing or repeated part being reported)
and this project's compact SBD messages (format versions 1 and 2; a version-2
message coded with a prior table needs a profile under profiles/ that carries it), into records named like
the Argo AUX variables (PRES, NB_SIZE_SPECTRA_PARTICLES, BLACK_NB_SIZE_SPECTRA_PARTICLES, NB_OBJECT_CATEGORY,
...). A file is recognised by its first byte (0x1B, 0x1C, 0x1D: CTS5; 0x55: SBD) or else by its name; a
directory is decoded file by file in name order (files that are neither are listed as skipped). Damaged
input costs only the records it carried: every problem is listed with its file and byte offset.

Options:
  --format <f>        json (default): one document {records, problems, summary};
                      csv: one table, a KIND column, vectors as NAME_1..NAME_n, units in the header;
                      cbor: the JSON document as one CBOR item
  --out <file>        write there (default: standard output, the summary then goes to standard error)
  --force             overwrite --out if it exists
  --profile <name>    take Image_volume from the profile's HW_CONF, for CONCENTRATION_LPM and
                      CONCENTRATION_CATEGORY (#/L = count / (Image_volume * images))
  --image-volume <L>  the same from a number of litres (without either, concentrations are empty)
  --json              print the summary as JSON instead of a readable report
  -h, --help          this help

Example:
  uvp-float decode cycle-010/ --profile 000118LP --format csv --out 4903634_010.csv

Exit codes: 0 everything decoded without a problem; 65 problems were found (damaged, truncated or unknown
input, SBD messages missing or rejected): the output still holds every record that could be decoded, and
the summary lists each problem; 64 usage (an output that is an input included); 73 --out exists (give --force) or cannot be written.`;

/** The decode verb. */
export const decodeVerb: Verb = {
  name: "decode",
  summary: "decode CTS5 .hex files and SBD messages into Argo-named records (JSON, CSV, CBOR)",
  help,
  run(argv) {
    const { values, positionals } = parseVerbArgs("decode", argv, {
      format: { type: "string" }, out: { type: "string" }, force: { type: "boolean" }, profile: { type: "string" }, "image-volume": { type: "string" }, json: { type: "boolean" },
    });
    if (positionals.length === 0) throw new CliError("uvp-float decode: give CTS5 .hex files, SBD messages or directories of them\nRun 'uvp-float decode --help' for usage.", ExitCode.USAGE);
    const format = formatOption(values.format as string | undefined);
    const volume = imageVolumeOption(values.profile as string | undefined, values["image-volume"] as string | undefined);
    const out = values.out as string | undefined;
    if (out === undefined && format === "cbor" && process.stdout.isTTY) {
      throw new CliError("uvp-float decode: CBOR is binary; give --out <file> or redirect standard output", ExitCode.USAGE);
    }
    checkOutputs("decode", { files: out === undefined ? [] : [out] }, { inputs: positionals, force: Boolean(values.force) });

    const read = readTelemetryFiles(positionals);
    if (read.files.length === 0 && read.problems.length === 0) {
      throw new CliError(`${positionals.join(", ")}: no CTS5 .hex file or SBD message found${read.skipped.length > 0 ? ` (skipped: ${read.skipped.map((p) => basename(p)).join(", ")})` : ""}`, ExitCode.INPUT);
    }
    const decoded = decodeTelemetryFiles(read.files);
    const problems = [...read.problems, ...decoded.problems];
    const perKind = recordsPerKind(decoded.records);
    const summary = {
      inputs: { cts5Files: decoded.cts5Files, sbdMessages: decoded.sbdMessages, skipped: read.skipped, sentBothWays: decoded.sentBothWays, cts5Notes: decoded.cts5Notes },
      records: perKind,
      problems: problems.length,
      complete: problems.length === 0 && !decoded.sbdIncomplete,
      imageVolumeL: volume.litres,
      imageVolumeFrom: volume.from,
      // Named so a report drawn later can take the class bounds and TAXO_CONF ids from the same profile.
      ...(values.profile !== undefined ? { profile: values.profile as string } : {}),
      ...(decoded.sbdSummary !== null ? { sbd: decoded.sbdSummary } : {}),
    };
    const doc: DecodedDocument = { records: toArgoRows(decoded.records, { imageVolumeL: volume.litres }), problems, summary };
    const content = formatDecoded(format, doc);
    if (out !== undefined) writeOutput(out, content);
    else process.stdout.write(content);

    // The report goes where it does not mix with the data.
    const say = out !== undefined ? console.log : console.error;
    if (values.json) say(JSON.stringify({ ...summary, problemList: problems, output: out ?? "stdout", format }, null, 1));
    else {
      const lines = [
        `decoded ${decoded.cts5Files} CTS5 file${decoded.cts5Files === 1 ? "" : "s"} and ${decoded.sbdMessages} SBD message${decoded.sbdMessages === 1 ? "" : "s"}`,
        `  records: ${perKind.lpm} LPM, ${perKind.black} BLACK, ${perKind.taxo} TAXO`,
        ...decoded.cts5Notes.map((l) => `  CTS5: ${l}`),
        ...decoded.sbdLines.map((l) => `  SBD: ${l}`),
        ...(decoded.sentBothWays > 0 ? [`  ${decoded.sentBothWays} records came both in CTS5 files and in SBD messages: kept once`] : []),
        volume.litres === null ? "  concentrations left empty: give --profile or --image-volume" : `  image volume ${volume.litres} L (${volume.from})`,
        ...(read.skipped.length > 0 ? [`  skipped (neither CTS5 nor SBD): ${read.skipped.join(", ")}`] : []),
        ...problems.map((p) => `  problem: ${problemLine(p)}`),
        problems.length > 0 || decoded.sbdIncomplete
          ? `  ${problems.length} problem${problems.length === 1 ? "" : "s"}${decoded.sbdIncomplete ? ", SBD messages missing" : ""}: the output holds every record that could be decoded`
          : "  no problems",
        ...(out !== undefined ? [`  wrote ${out} (${format})`] : []),
      ];
      say(lines.join("\n"));
    }
    return problems.length > 0 || decoded.sbdIncomplete ? ExitCode.INPUT : ExitCode.OK;
  },
};

function formatOption(value: string | undefined): OutputFormat {
  if (value === undefined) return "json";
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw new CliError(`uvp-float decode: --format must be ${OUTPUT_FORMATS.join(", ")}, got "${value}"`, ExitCode.USAGE);
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
