// uvp-float import: a directory of camera PNG frames plus a pressure CSV, into a recorded stream.
import { existsSync, statSync } from "node:fs";
import { pngImportFrames } from "../formats/pngDirectory.js";
import { CliError, ExitCode } from "./cliError.js";
import { profileOrFail } from "./common.js";
import { checkInputFile, INPUT_LIMIT_BYTES } from "./inputFiles.js";
import { checkOutputs, openTempOutput } from "./outputFiles.js";
import { yieldForSignals } from "./tempFiles.js";
import { parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float import <png-dir> --pressures <file.csv> --profile <name> --out <stream.uvps> [--force]

Turns the PNG frames the camera saved (named by time, YYYYMMDD-HHMMSS[-mmm].png) into a recorded stream
that 'uvp-float replay' runs through the firmware. The CSV gives each frame's pressure: a header row with
'file' or 'time' (camera time or ISO 8601), 'pressure_dbar', and optionally 'temperature_c', 'kind'
(lit/black) and 'phase'. A frame matches its row by file name, else by time, else by linear
interpolation between rows at most 30 s apart. The camera lines come from the profile.

Options:
  --pressures <file.csv>  each frame's pressure (and temperature, kind, phase)               [required]
  --profile <name>        camera profile whose HW_CONF, ACQ_CONF and zones the stream carries  [required]
  --out <stream.uvps>     the recorded stream to write                                        [required]
  --force                 overwrite --out
  --json                  print {out, frames, bytes, problems} as JSON (files left out included)
  -h, --help              this help

Example:
  uvp-float import frames/ --pressures frames/pressures.csv --profile 000118LP --out dive.uvps

Exit codes: 0 ok, 64 usage (an output that is an input included), 65 unreadable input or frames left out (each is listed), 73 output exists
(give --force) or cannot be written.`;

/** The import verb. */
export const importVerb: Verb = {
  name: "import",
  summary: "turn a directory of camera PNG frames + pressure CSV into a recorded stream",
  help,
  async run(argv) {
    const { values, positionals } = parseVerbArgs("import", argv, {
      pressures: { type: "string" }, profile: { type: "string" }, out: { type: "string" }, force: { type: "boolean" }, json: { type: "boolean" },
    });
    const [dir] = positionals;
    const out = values.out as string | undefined;
    const csv = values.pressures as string | undefined;
    if (positionals.length !== 1 || !out || !csv) throw new CliError("uvp-float import: give a directory, --pressures and --out\nRun 'uvp-float import --help' for usage.", ExitCode.USAGE);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new CliError(`${dir}: ${existsSync(dir) ? "not a directory" : "no such directory"}; check the path (give the directory holding the camera's PNG frames)`, ExitCode.INPUT);
    }
    const profile = profileOrFail("import", values.profile as string | undefined);
    checkInputFile(csv, { what: "--pressures CSV", maxBytes: INPUT_LIMIT_BYTES.document });
    checkOutputs("import", { files: [out] }, { inputs: [dir, csv], force: Boolean(values.force) });
    const header = { hwConf: profile.lines.hwConf, acqConf: profile.lines.acqConf, taxoConf: profile.lines.taxoConf, zones: profile.zones, metadata: { profile: profile.name, source: dir } };
    const temp = openTempOutput(out);
    let result;
    try {
      const frames = pngImportFrames(dir, csv, header, temp.tempPath, { overwrite: true });
      let pausedAt = Date.now();
      for (;;) {
        const next = frames.next();
        if (next.done) {
          result = next.value;
          break;
        }
        if (Date.now() - pausedAt > 50) {
          await yieldForSignals(); // lets Ctrl-C remove the temporary stream
          pausedAt = Date.now();
        }
      }
    } catch (err) {
      temp.discard();
      throw new CliError(`uvp-float import: ${(err as Error).message}`, ExitCode.INPUT);
    }
    for (const p of result.problems) console.error(`${p.file}: ${p.message}`);
    if (result.frames === 0) {
      temp.discard(); // an empty stream would only block the next try
      throw new CliError(`uvp-float import: no frame could be imported from ${dir}; nothing written (check the file names and the CSV's rows above)`, ExitCode.INPUT);
    }
    temp.commit();
    if (values.json) console.log(JSON.stringify({ out, frames: result.frames, bytes: result.bytes, problems: result.problems }, null, 1));
    else console.log(`wrote ${out}: ${result.frames} frames, ${result.bytes} bytes${result.problems.length ? `, ${result.problems.length} files left out` : ""}`);
    return result.problems.length ? ExitCode.INPUT : ExitCode.OK;
  },
};
