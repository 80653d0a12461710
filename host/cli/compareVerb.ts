// uvp-float compare: decoded telemetry against the Argo AUX profile file of the same cycle, field by field.
import { ArgoAuxError, readAuxProfileFileAsync } from "../formats/argo/auxReader.js";
import { sliceRecordsFromDecodedAux } from "../telemetry/fromAux.js";
import type { AuxProfile } from "../formats/argo/auxTypes.js";
import { isoTime } from "../telemetry/argoRecords.js";
import { compareWithAux, comparisonTable, comparisonVerdict, type AuxComparison } from "../telemetry/compareAux.js";
import { parseDecodedDocument, sliceRecordsOf } from "../telemetry/outputFormats.js";
import { CTS5_PHASES, type Cts5Phase, type DecodeProblem, type SliceRecord } from "../telemetry/types.js";
import { CliError, ExitCode } from "./cliError.js";
import { INPUT_LIMIT_BYTES, checkInputFile, readInputFile } from "./inputFiles.js";
import { decodeTelemetryFiles, problemLine, readTelemetryFiles } from "./telemetryInputs.js";
import { intOption, parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float compare <decoded.json|.cbor|.nc | .hex files, SBD messages, directories...> <aux.nc> [options]

Compares decoded telemetry with an Argo AUX profile file (R<wmo>_<ccc>_aux.nc, NetCDF-3 or NetCDF-4, 2023 or
current variable names), which must be the last argument. The decoded side is either the output of
'uvp-float decode --format json', '--format cbor' or '--format netcdf' (by the .json / .cbor / .nc
extension), or CTS5 / SBD files decoded on the fly.
Records of each kind (LPM, BLACK, TAXO) are matched by time and pressure; then pressure and temperature are
compared as float32, counts and mean sizes by their float32 bits (one ulp is a difference), images, greys
and category indexes as integers. Prints matched / different / missing per kind and the first differences.

Options:
  --phase <list>         compare only decoded records of these phases, comma-separated (DESCENT, PARK,
                         DEEP_PROFILE, SHORT_PARK, ASCENT, SURFACE); an AUX R file holds one profile, so
                         with a whole cycle's files give e.g. --phase ASCENT
  --max-differences <n>  differences and unmatched records to print (default 20; --json lists all)
  --json                 print the comparison as JSON
  -h, --help             this help

Example:
  uvp-float decode cycle-010/ --out 010.json
  uvp-float compare 010.json R4903634_010_aux.nc --phase ASCENT

Approximate counts (decoded from noise-bounded SBD messages, marked NOISE_FRACTION) are never called equal:
each must lie within its bound, and the verdict is then WITHIN BOUND (exit 2), not identical.

Exit codes: 0 every record matched with every field equal (lossless telemetry only); 1 a field differs (an
approximate count beyond its bound included) or a record is on one side only; 2 within bound: as 0, but
some counts are approximate and agree only within their bounds; 65 an input is unreadable, or decoding found problems, or part of the AUX file could not be read (a
truncated file: each problem is listed, the comparison of the rest is still printed, and 65 wins over 1);
64 usage.`;

/** The compare verb. */
export const compareVerb: Verb = {
  name: "compare",
  summary: "compare decoded telemetry with an Argo AUX profile file, field by field",
  help,
  async run(argv) {
    const { values, positionals } = parseVerbArgs("compare", argv, {
      phase: { type: "string" }, "max-differences": { type: "string" }, json: { type: "boolean" },
    });
    if (positionals.length < 2) {
      throw new CliError("uvp-float compare: give the decoded records (a decode .json/.cbor, or .hex / SBD files) and then the AUX .nc file\nRun 'uvp-float compare --help' for usage.", ExitCode.USAGE);
    }
    const phases = phaseOption(values.phase as string | undefined);
    const maxShown = intOption("compare", "max-differences", values["max-differences"] as string | undefined, 0, 1e9) ?? 20;
    const auxPath = positionals[positionals.length - 1];
    const aux = await auxOrFail(auxPath);
    const { records, problems } = await decodedRecords(positionals.slice(0, -1));
    const c = compareWithAux(records, aux, { phases });

    if (values.json) console.log(JSON.stringify({ aux: auxPath, platform: aux.platform, cycle: aux.cycle, direction: aux.direction, verdict: comparisonVerdict(c), ...c, decodeProblems: problems, auxProblems: aux.problems }, null, 1));
    else console.log(report(c, aux, auxPath, problems, phases, maxShown).join("\n"));
    // What could not be read cannot be said equal: damaged input on either side wins over a difference.
    if (problems.length > 0 || aux.problems.length > 0) return ExitCode.INPUT;
    const verdict = comparisonVerdict(c);
    return verdict === "identical" ? ExitCode.OK : verdict === "within-bound" ? ExitCode.WITHIN_BOUND : ExitCode.TRUTH_MISMATCH;
  },
};

function phaseOption(value: string | undefined): Cts5Phase[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(",").map((s) => s.trim().toUpperCase()).filter((s) => s !== "");
  const bad = list.filter((p) => !(CTS5_PHASES as readonly string[]).includes(p));
  if (list.length === 0 || bad.length > 0) {
    throw new CliError(`uvp-float compare: --phase takes phases among ${CTS5_PHASES.join(", ")}, got "${value}"`, ExitCode.USAGE);
  }
  return list as Cts5Phase[];
}

async function auxOrFail(path: string, decoded = false): Promise<AuxProfile> {
  // Checked first as every input is (a device, a FIFO, an empty or oversized file is refused by name).
  checkInputFile(path, { what: decoded ? "decoded NetCDF file (.nc)" : "Argo AUX profile file (R<wmo>_<ccc>_aux.nc, the last argument)", maxBytes: INPUT_LIMIT_BYTES.document });
  try {
    return await readAuxProfileFileAsync(path);
  } catch (err) {
    const why = err instanceof ArgoAuxError ? err.message : `${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    const hint = decoded ? "A decoded .nc must be a file written by 'uvp-float decode --format netcdf'." : "The last argument must be an Argo AUX profile file (R<wmo>_<ccc>_aux.nc).";
    throw new CliError(`${why}\n${hint}`, ExitCode.INPUT);
  }
}

/** Records from decode documents (.json, .cbor, .nc) and from telemetry files decoded here, with the problems met. */
async function decodedRecords(paths: readonly string[]): Promise<{ records: SliceRecord[]; problems: DecodeProblem[] }> {
  const records: SliceRecord[] = [];
  const problems: DecodeProblem[] = [];
  const telemetry: string[] = [];
  for (const path of paths) {
    if (/\.nc$/iu.test(path)) {
      // A decode --format netcdf file: read as an AUX file, each level with the phase it carries.
      records.push(...sliceRecordsFromDecodedAux(await auxOrFail(path, true)));
      continue;
    }
    if (!/\.(json|cbor)$/iu.test(path)) {
      telemetry.push(path);
      continue;
    }
    const bytes = readInputFile(path, { what: "decode document (.json / .cbor)", maxBytes: INPUT_LIMIT_BYTES.document });
    try {
      const doc = parseDecodedDocument(bytes, path);
      records.push(...sliceRecordsOf(doc, path));
      problems.push(...doc.problems);
    } catch (err) {
      throw new CliError(`${(err as Error).message}\nGive a file written by 'uvp-float decode --format json' (or cbor), or the .hex / SBD files themselves.`, ExitCode.INPUT);
    }
  }
  if (telemetry.length > 0) {
    const read = readTelemetryFiles(telemetry);
    if (read.files.length === 0 && read.problems.length === 0) {
      throw new CliError(`${telemetry.join(", ")}: no CTS5 .hex file or SBD message found; give those, or a decode .json / .cbor`, ExitCode.INPUT);
    }
    const decoded = decodeTelemetryFiles(read.files);
    records.push(...decoded.records);
    problems.push(...read.problems, ...decoded.problems);
  }
  return { records, problems };
}

function report(c: AuxComparison, aux: AuxProfile, auxPath: string, problems: DecodeProblem[], phases: Cts5Phase[] | undefined, maxShown: number): string[] {
  const lines = [
    `compare with ${auxPath} (float ${aux.platform}, cycle ${aux.cycle}, direction ${aux.direction}, ${aux.names} names)${phases ? `, decoded phases ${phases.join(", ")}` : ""}`,
    ...comparisonTable(c).map((l) => `  ${l}`),
  ];
  if (c.skipped > 0) lines.push(`  ${c.skipped} decoded records of other phases left out`);
  const listed = (what: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push(`  ${what} (${items.length}):`, ...items.slice(0, maxShown).map((s) => `    ${s}`));
    if (items.length > maxShown) lines.push(`    ... ${items.length - maxShown} more (--max-differences, or --json for all)`);
  };
  const when = (t: number, p: number) => `${isoTime(t) ?? `time ${t}`} ${p.toFixed(1)} dbar`;
  listed("differences", c.differences.map((d) => `${d.kind.toUpperCase()} ${when(d.timeS, d.pressureDbar)} ${d.field}: decoded ${d.decoded}, AUX ${d.aux}${d.bound !== undefined ? ` (approximate, beyond its bound ${d.bound})` : ""}`));
  const a = c.approximate;
  if (a.records > 0) {
    lines.push(`  approximate counts (noise-bounded SBD) in ${a.records} records: ${a.countsEqual} equal, ${a.countsWithinBound} within their bound (largest error ${a.worstErrorOverSd.toFixed(3)} sd), ${a.countsOutOfBound} beyond it`);
  }
  listed("only decoded", c.onlyInDecodedRecords.map((r) => `${r.kind.toUpperCase()} ${when(r.timeS, r.pressureDbar)}${r.phase ? ` ${r.phase}` : ""}`));
  listed("only in the AUX file", c.onlyInAuxRecords.map((r) => `${r.kind.toUpperCase()} ${when(r.timeS, r.pressureDbar)}`));
  listed("decoding problems", problems.map(problemLine));
  listed("not compared: problems reading the AUX file", aux.problems);
  const unread = problems.length > 0 || aux.problems.length > 0;
  const v = comparisonVerdict(c);
  const verdict = v === "identical" ? "identical: every record matched, every field equal"
    : v === "within-bound" ? "WITHIN BOUND, not identical: every record matched, every field equal except approximate counts, each within its bound" : "DIFFERENT";
  lines.push(unread ? `  ${v === "identical" ? "identical as far as read" : v === "within-bound" ? "within bound as far as read" : "DIFFERENT"}, but INCOMPLETE: ${problems.length} decoding problem(s), ${aux.problems.length} AUX file problem(s) above; what they cover was not compared` : `  ${verdict}`);
  return lines;
}
