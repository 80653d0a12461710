// uvp-float check: a recorded stream through both firmware builds, every output compared byte for byte with
// a golden set (and the builds with each other); --update records the set.
import { CheckError, type CheckFailure } from "../check/checkError.js";
import { checkReport, updateReport } from "../check/checkReport.js";
import { runCheck } from "../check/runCheck.js";
import { updateGolden } from "../check/updateGolden.js";
import { CliError, ExitCode } from "./cliError.js";
import { checkInputFile, INPUT_LIMIT_BYTES } from "./inputFiles.js";
import { checkOutputs } from "./outputFiles.js";
import { parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float check <stream.uvps> --expect <golden dir> [--update [--force]] [--model m.bin] [--json]

Replays a recorded stream through both firmware builds (simd and scalar) with the float side on (slicing
by the stream's depth zones, CTS5 files and SBD messages; float id and SBD limit from the stream's profile,
cycle 1) and compares every output byte for byte with a golden set: the RS232 log (rs232.log), each CTS5
file and SBD message (telemetry/), and the budgets (budgets.json: memory pages, camera working-state,
model and float-side bytes, CTS5 and SBD bytes per profile with file and message counts); and the two
builds' outputs with each other. Writes nothing unless --update is given.

A difference is shown where it is: for text files the first differing line (number, column, field) and
a unified-diff excerpt, and for JSON the figures that changed; for CTS5 files and SBD messages the first
differing byte offset, both bytes, and the decoded records that differ, field by field. Missing and
extra files are listed. The golden directory holds golden.json (the stream's name and sha256, its
profile, seed and the simulate command that regenerates it, the model, the uvp-float version, each file
with its size and sha256) and the files.

Options:
  --expect <dir>   the golden set                                                  [required]
  --update         record this run's outputs as the golden set (both builds must agree), saying what
                   changed; files golden.json does not list are left alone
  --force          with --update: record into a non-empty directory that holds no golden set
  --model <m.bin>  classify with this model (default: the model golden.json records, if any)
  --json           print the result as JSON (differences with their details) instead of a report
  -h, --help       this help

Example:
  uvp-float simulate --profile 000118LP --seed 1 --profile-depth 60 --frame-scale 0.1 --out s.uvps
  uvp-float check s.uvps --expect golden/000118LP --update --model profiles/models/demo-taxa.bin
  uvp-float check s.uvps --expect golden/000118LP

Exit codes: 0 every output identical to the golden set on both builds (or --update recorded it, or it
was up to date); 1 a difference: an output differs, is missing or extra, the builds differ from each
other, a golden file is missing or edited, or the stream or model is not the one recorded (with
--update: the builds disagree, nothing written); 64 usage; 65 the stream is unreadable or damaged, the
golden set or model cannot be read (the file is named); 70 the firmware refused the configuration or
model; 73 --update cannot write, or would write into a non-empty directory without a golden set (give
--force).`;

const EXIT: Record<CheckFailure, number> = { input: ExitCode.INPUT, firmware: ExitCode.FIRMWARE, output: ExitCode.OUTPUT };

/** The check verb. */
export const checkVerb: Verb = {
  name: "check",
  summary: "replay a stream on both builds and compare every output with a golden set (CI)",
  help,
  run(argv) {
    const { values, positionals } = parseVerbArgs("check", argv, {
      expect: { type: "string" }, update: { type: "boolean" }, force: { type: "boolean" }, model: { type: "string" }, json: { type: "boolean" },
    });
    const goldenDir = values.expect as string | undefined;
    if (positionals.length !== 1 || !goldenDir) {
      throw new CliError("uvp-float check: give one stream and --expect <golden dir>\nRun 'uvp-float check --help' for usage.", ExitCode.USAGE);
    }
    if (values.force && !values.update) throw new CliError("uvp-float check: --force only goes with --update (a check writes nothing)", ExitCode.USAGE);
    const stream = positionals[0];
    const modelPath = values.model as string | undefined;
    const progress = !values.json && Boolean(process.stderr.isTTY);
    checkInputFile(stream, { what: "recorded stream", maxBytes: Number.MAX_SAFE_INTEGER });
    if (modelPath !== undefined) checkInputFile(modelPath, { what: "--model uvpec model", maxBytes: INPUT_LIMIT_BYTES.document });
    // The golden directory is checked (creatable, writable, not an input) before both builds run.
    if (values.update) checkOutputs("check", { dirs: [goldenDir] }, { inputs: [stream, ...(modelPath ? [modelPath] : [])], force: true });
    try {
      if (values.update) {
        const u = updateGolden({ stream, goldenDir, modelPath, force: Boolean(values.force), progress });
        console.log(values.json ? JSON.stringify(u, null, 2) : updateReport(u));
        return u.buildDifferences.length > 0 ? ExitCode.TRUTH_MISMATCH : ExitCode.OK;
      }
      const r = runCheck({ stream, goldenDir, modelPath, progress });
      console.log(values.json ? JSON.stringify(r, null, 2) : checkReport(r, { stream, goldenDir }));
      return r.ok ? ExitCode.OK : ExitCode.TRUTH_MISMATCH;
    } catch (err) {
      if (err instanceof CheckError) throw new CliError(`uvp-float check: ${err.message}`, EXIT[err.reason]);
      throw err;
    }
  },
};
