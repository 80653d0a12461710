// uvp-float report: decoded float data or a replay's outputs, as one self-contained HTML page of charts.
import { readReportInputs } from "../report/reportInputs.js";
import { CTS5_PHASES } from "../telemetry/types.js";
import { CliError, ExitCode } from "./cliError.js";
import { profileOrFail } from "./common.js";
import { readTaxaCsv } from "../report/taxaNames.js";
import { checkOutputs, writeOutput } from "./outputFiles.js";
import { parseVerbArgs, rangeOption, type Verb } from "./verb.js";

const help = `Usage: uvp-float report <inputs...> --out report.html [options]

Draws what a float or a replay measured as one HTML file that opens offline (every chart inline as SVG,
no script, font or stylesheet fetched): particle concentration per size class against depth (heat map),
total concentration and spectral slope profiles, mean grey per class, the black-frame noise profile and
the depth where sunlight contaminates the 1-2 px counts, classified objects per category against depth,
and for a simulated replay the firmware's result beside the ground truth.

Inputs, told apart by their content:
  decoded data: the JSON or CBOR document of 'uvp-float decode', CTS5 .hex files, SBD messages, or
    directories of them (several are merged);
  a replay: its <prefix>.summary.json and <prefix>.rs232.log (either finds the other beside it), and the
    replayed .uvps stream for the truth per depth (default: the stream the summary names, when it exists).

Options:
  --out <file>        the HTML file to write (required)
  --force             overwrite --out if it exists
  --profile <name>    Image_volume, class bounds and TAXO_CONF ids from this profile's camera lines: a
                      shipped profile's name or the path of a profile file (an RS232 log's own
                      HW_CONF and TAXO_CONF win; the profile stands in for lines it lacks)
  --image-volume <L>  Image_volume in litres (for #/L; a replay's own volume is used without it)
  --taxa <names.csv>  names of the TAXO categories: one "EcoTaxa id,name" per line (a header line and
                      # comments allowed); the demonstration model's names are known without it
  --phase <p>         decoded data: draw only this phase's records (${CTS5_PHASES.join(", ")})
  --json              print what was drawn as JSON instead of a readable summary
  -h, --help          this help

The sunlight depth is the deepest BLACK record (above 200 dbar) where ambient light, i.e. black 1-2 px
objects per image beyond the dark noise N0 (median of the black records at 100-200 dbar), accounts for
more than 10 % of the lit images' 1-2 px objects at that depth and exceeds 3 times the record-to-record
scatter of the black counts.

Examples:
  uvp-float decode cycle-010/ --profile 000118LP --out 4903634_010.json
  uvp-float report 4903634_010.json --out 4903634_010.html
  uvp-float report demo-out/mission.summary.json --out mission.html
  uvp-float report cycle-010/ --profile my-camera.json --taxa ecotaxa-names.csv --out cycle-010.html

The page names what it shows: the float (WMO number from SBD messages or the profile, serial from CTS5
file names), the cycle, the camera (Camera_ref and Firmware_version of the HW_CONF) and the taxa.

Exit codes: 0 written; 65 an input is unreadable or not a report input, or problems were met reading it
(the report is written with every record that could be read, and lists each problem); 64 usage (an output that is an input included);
73 --out exists (give --force) or cannot be written.`;

/** Image volume from --profile or --image-volume (not both), or null. */
function volumeOption(profileName: string | undefined, litres: string | undefined) {
  if (profileName !== undefined && litres !== undefined) throw new CliError("uvp-float report: give --profile or --image-volume, not both", ExitCode.USAGE);
  const profile = profileName !== undefined ? profileOrFail("report", profileName) : null;
  if (profile) return { profile, volume: { litres: profile.hw.imageVolumeL, from: `profile ${profile.name}, HW_CONF Image_volume` } };
  const v = rangeOption("report", "image-volume", litres, 0.001, 10, "0.001-10 L (a UVP6 images 0.55-0.72 L)");
  if (v === undefined) return { profile: null, volume: null };
  if (!(v > 0)) throw new CliError(`uvp-float report: --image-volume must be a positive number of litres, got "${litres}"`, ExitCode.USAGE);
  return { profile: null, volume: { litres: v, from: "--image-volume" } };
}

/** The report verb. */
export const reportVerb: Verb = {
  name: "report",
  summary: "draw decoded float data or a replay as one self-contained HTML report",
  help,
  async run(argv) {
    const { values, positionals } = parseVerbArgs("report", argv, {
      out: { type: "string" }, force: { type: "boolean" }, profile: { type: "string" }, "image-volume": { type: "string" }, phase: { type: "string" }, json: { type: "boolean" },
      taxa: { type: "string" },
    });
    if (positionals.length === 0) throw new CliError("uvp-float report: give decoded data or a replay's outputs\nRun 'uvp-float report --help' for usage.", ExitCode.USAGE);
    const out = values.out as string | undefined;
    if (!out) throw new CliError("uvp-float report: --out <file.html> is required", ExitCode.USAGE);
    const phaseValue = values.phase as string | undefined;
    const phase = phaseValue === undefined ? null : phaseValue.toUpperCase();
    if (phase !== null && !(CTS5_PHASES as readonly string[]).includes(phase)) throw new CliError(`uvp-float report: --phase must be one of ${CTS5_PHASES.join(", ")}, got "${phaseValue}"`, ExitCode.USAGE);
    const { profile, volume } = volumeOption(values.profile as string | undefined, values["image-volume"] as string | undefined);
    checkOutputs("report", { files: [out] }, { inputs: positionals, force: Boolean(values.force) });

    const taxaPath = values.taxa as string | undefined;
    const taxa = taxaPath === undefined ? null : readTaxaCsv(taxaPath);
    const data = readReportInputs(positionals, { volume, profile, phase, taxa });
    // Loaded here: vega costs 0.3 s of CPU to import, which every other verb would pay at start.
    const { buildReport } = await import("../report/buildReport.js");
    const report = await buildReport(data);
    writeOutput(out, report.html);

    if (values.json) {
      console.log(JSON.stringify({ output: out, kind: data.kind, records: { lpm: data.lpm.length, black: data.black.length, taxo: data.taxo.length }, imageVolume: data.imageVolume, sunlight: { depthDbar: report.sunlight.depthDbar, cleanFromDbar: report.sunlight.cleanFromDbar, darkNoisePerImage: report.sunlight.darkNoisePerImage, verdict: report.sunlight.verdict }, identity: data.identity, taxa: data.taxoIds ? data.taxoIds.map((id, index) => ({ index, ecotaxaId: id, name: data.taxoNames?.[index] ?? null })) : null, charts: report.charts, chartWarnings: report.warnings, problems: data.problems, notes: data.notes, seconds: report.renderSeconds }, null, 1));
    } else {
      const drawn = report.charts.filter((c) => c.drawn);
      const lines = [
        `report of ${data.kind === "replay" ? "a replay" : "decoded data"}: ${data.lpm.length} LPM, ${data.black.length} BLACK, ${data.taxo.length} TAXO records`,
        `  float: ${data.identity.float ?? "not named by the inputs"}; cycle: ${data.identity.cycle ?? "not named"}; camera: ${data.identity.camera ?? "unknown"}`,
        `  ${drawn.length} of ${report.charts.length} charts drawn${report.charts.length > drawn.length ? ` (not drawn: ${report.charts.filter((c) => !c.drawn).map((c) => `${c.id}: ${c.empty}`).join("; ")})` : ""}`,
        `  sunlight: ${report.sunlight.verdict}`,
        ...data.notes.map((n) => `  note: ${n}`),
        ...data.problems.slice(0, 20).map((p) => `  problem: ${p}`),
        ...(data.problems.length > 20 ? [`  ... ${data.problems.length - 20} more problems listed in the report`] : []),
        `  wrote ${out} (${(report.html.length / 1024).toFixed(0)} KiB, ${report.renderSeconds.toFixed(1)} s)`,
      ];
      console.log(lines.join("\n"));
    }
    return data.problems.length > 0 ? ExitCode.INPUT : ExitCode.OK;
  },
};
