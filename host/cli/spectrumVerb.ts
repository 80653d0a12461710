// uvp-float spectrum: the LPM_DATA (or BLACK_DATA) lines the camera would send for a series of frames.
import { statSync } from "node:fs";
import { FrameKind, FirmwareError, Status, describeStatus } from "../firmware/index.js";
import { formatRecordLine } from "../formats/rs232Lines.js";
import { CliError, ExitCode } from "./cliError.js";
import { buildOption, configuredFirmware, frameOrFail, profileOrFail, timeFromFileName } from "./common.js";
import { PRESSURE_RANGE_DBAR, TEMPERATURE_RANGE_C } from "../formats/pressureCsv.js";
import { intOption, parseVerbArgs, rangeOption, type Verb } from "./verb.js";

const help = `Usage: uvp-float spectrum <frames...> --profile <name> [options]

Runs the frames, in the order given, through the firmware as the camera would and prints one
LPM_DATA line per bloc of Frames_per_bloc frames (BLACK_DATA with --black); a last partial bloc
is flushed. Each frame's time comes from its camera file name (YYYYMMDD-HHMMSS[-mmm]), else from
the file's modification time.

Options:
  --profile <name>          camera profile (uvp-float profiles lists them)       [required]
  --pressure <dbar>         pressure given to every frame (default 0)
  --temperature <degC>      internal temperature given to every frame (default 20)
  --frames-per-bloc <n>     override ACQ_CONF Frames_per_bloc (1-255)
  --threshold <0-254>       override HW_CONF Threshold
  --black                   the frames are black (unlit) frames: BLACK_DATA lines
  --build <b>               simd, scalar or auto (default auto)
  --json                    the bloc records as JSON instead of lines
  -h, --help                this help

Example:
  uvp-float spectrum frames/2022*.png --profile 000118LP --pressure 700.3

Exit codes: 0 ok, 64 usage, 65 unreadable or mismatched frame, 70 firmware refused a frame.`;

/** The spectrum verb. */
export const spectrumVerb: Verb = {
  name: "spectrum",
  summary: "print the LPM_DATA / BLACK_DATA lines for a series of frames",
  help,
  run(argv) {
    const { values, positionals } = parseVerbArgs("spectrum", argv, {
      profile: { type: "string" }, pressure: { type: "string" }, temperature: { type: "string" },
      "frames-per-bloc": { type: "string" }, threshold: { type: "string" }, black: { type: "boolean" },
      build: { type: "string" }, json: { type: "boolean" },
    });
    if (positionals.length === 0) throw new CliError("uvp-float spectrum: give at least one frame file\nRun 'uvp-float spectrum --help' for usage.", ExitCode.USAGE);
    const profile = profileOrFail("spectrum", values.profile as string | undefined);
    const pressureDbar = rangeOption("spectrum", "pressure", values.pressure as string | undefined, PRESSURE_RANGE_DBAR[0], PRESSURE_RANGE_DBAR[1],
      `${PRESSURE_RANGE_DBAR[0]} to ${PRESSURE_RANGE_DBAR[1]} dbar (what the float's pressure code holds)`) ?? 0;
    const temperatureC = rangeOption("spectrum", "temperature", values.temperature as string | undefined, TEMPERATURE_RANGE_C[0], TEMPERATURE_RANGE_C[1],
      `${TEMPERATURE_RANGE_C[0]} to ${TEMPERATURE_RANGE_C[1]} degree C (what the temperature code holds)`) ?? 20;
    const framesPerBloc = intOption("spectrum", "frames-per-bloc", values["frames-per-bloc"] as string | undefined, 1, 255);
    const threshold = intOption("spectrum", "threshold", values.threshold as string | undefined, 0, 254);
    const kind = values.black ? FrameKind.Black : FrameKind.Lit;
    const first = frameOrFail(positionals[0]);
    const fw = configuredFirmware(buildOption("spectrum", values.build as string | undefined), profile, first, { threshold, framesPerBloc });
    const records = [];
    for (const [i, file] of positionals.entries()) {
      const frame = i === 0 ? first : frameOrFail(file);
      if (frame.widthPx !== first.widthPx || frame.heightPx !== first.heightPx) {
        throw new CliError(`${file}: ${frame.widthPx} x ${frame.heightPx} differs from the first frame's ${first.widthPx} x ${first.heightPx}; give frames of one camera and size`, ExitCode.INPUT);
      }
      const timeS = timeFromFileName(file) ?? Math.floor(statSync(file).mtimeMs / 1000);
      try {
        fw.runFrame(frame.pixels, frame.widthPx, frame.heightPx, kind, { timeS, pressureDbar, temperatureC });
      } catch (err) {
        if (err instanceof FirmwareError) throw new CliError(`${file}: ${err.message}`, ExitCode.FIRMWARE);
        throw err;
      }
      if (fw.frameSummary().overexposed) process.stderr.write(`${file}: over-exposed (its bloc is reported as IMG = 0)\n`);
      records.push(...fw.takeRecords());
      if (positionals.length > 20 && process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${positionals.length} frames`);
    }
    const s = fw.flushBlocs();
    if (s !== Status.OK) throw new CliError(`flushing the last bloc: ${describeStatus(s)}`, ExitCode.FIRMWARE);
    records.push(...fw.takeRecords());
    if (positionals.length > 20 && process.stderr.isTTY) process.stderr.write("\n");
    if (values.json) console.log(JSON.stringify(records, null, 1));
    else for (const r of records) console.log(formatRecordLine(r));
    return ExitCode.OK;
  },
};
