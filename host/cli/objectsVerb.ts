// uvp-float objects: every object of one frame, from the firmware's own debug channel.
import { FrameKind, FirmwareError } from "../firmware/index.js";
import { labelFrame, sortObjects } from "../reference/labeller.js";
import { CliError, ExitCode } from "./cliError.js";
import { buildOption, configuredFirmware, frameOrFail, profileOrFail } from "./common.js";
import { intOption, parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float objects <frame.png|frame.pgm> --profile <name> [options]

Lists every object the firmware finds in one 8-bit grey frame (grey > threshold, 8-connected):
area, grey sum and mean, bounding box, ESD and size class, as CSV (default) or JSON.

Options:
  --profile <name>     camera profile (uvp-float profiles lists them)            [required]
  --threshold <0-254>  override the profile's HW_CONF threshold
  --build <b>          firmware build: simd, scalar or auto (default auto)
  --reference          use the TypeScript reference labeller instead of the firmware
  --json               JSON output instead of CSV
  -h, --help           this help

Example:
  uvp-float objects 20220518-214011-120.png --profile 000118LP --json > objects.json

Exit codes: 0 ok, 64 usage, 65 unreadable frame, 70 firmware refused the configuration.`;

/** The objects verb. */
export const objectsVerb: Verb = {
  name: "objects",
  summary: "list every object of a frame (area, grey, bounding box, class)",
  help,
  run(argv) {
    const { values, positionals } = parseVerbArgs("objects", argv, {
      profile: { type: "string" }, threshold: { type: "string" }, build: { type: "string" },
      reference: { type: "boolean" }, json: { type: "boolean" },
    });
    if (positionals.length !== 1) throw new CliError("uvp-float objects: give exactly one frame file\nRun 'uvp-float objects --help' for usage.", ExitCode.USAGE);
    const profile = profileOrFail("objects", values.profile as string | undefined);
    const threshold = intOption("objects", "threshold", values.threshold as string | undefined, 0, 254) ?? profile.hw.thresholdGrey;
    const frame = frameOrFail(positionals[0]);
    if (frame.widthPx > 2464 || frame.heightPx > 2056) {
      throw new CliError(`${positionals[0]}: ${frame.widthPx} x ${frame.heightPx} is larger than the sensor (2464 x 2056); crop it to the sensor`, ExitCode.INPUT);
    }
    const fw = configuredFirmware(buildOption("objects", values.build as string | undefined), profile, frame, { threshold });
    const minAreas = fw.classMinAreasPx();
    let objects;
    try {
      objects = values.reference
        ? labelFrame(frame.pixels, frame.widthPx, frame.heightPx, threshold)
        : fw.runFrame(frame.pixels, frame.widthPx, frame.heightPx, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 }, true);
    } catch (err) {
      if (err instanceof FirmwareError) throw new CliError(`${positionals[0]}: ${err.message}`, ExitCode.FIRMWARE);
      throw err;
    }
    const { aaUm2, exp } = profile.hw;
    // Top-to-bottom, left-to-right: readable, and the same for the firmware and --reference.
    const rows = sortObjects(objects).map((o, i) => {
      const esdUm = 2 * Math.sqrt((aaUm2 * o.areaPx ** exp) / Math.PI);
      let sizeClass = -1;
      minAreas.forEach((a, k) => { if (o.areaPx >= a) sizeClass = k; });
      return {
        id: i + 1, areaPx: o.areaPx, greySum: o.greySum, greyMean: +(o.greySum / o.areaPx).toFixed(3),
        xMin: o.xMin, yMin: o.yMin, xMax: o.xMax, yMax: o.yMax, esdUm: +esdUm.toFixed(1), sizeClass: sizeClass + 1,
      };
    });
    if (values.json) {
      console.log(JSON.stringify({ frame: positionals[0], widthPx: frame.widthPx, heightPx: frame.heightPx, threshold,
        labeller: values.reference ? "reference" : `firmware ${fw.build}`, objects: rows }, null, 1));
    } else {
      console.log("id,area_px,grey_sum,grey_mean,x_min,y_min,x_max,y_max,esd_um,size_class");
      for (const r of rows) console.log(`${r.id},${r.areaPx},${r.greySum},${r.greyMean},${r.xMin},${r.yMin},${r.xMax},${r.yMax},${r.esdUm},${r.sizeClass}`);
    }
    process.stderr.write(`${rows.length} objects in ${positionals[0]} (${frame.widthPx} x ${frame.heightPx}, threshold ${threshold}, ${values.reference ? "reference labeller" : `firmware ${fw.build}`}); size_class is 1-18, 0 below the first class\n`);
    return ExitCode.OK;
  },
};
