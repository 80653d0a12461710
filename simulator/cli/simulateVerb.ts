// uvp-float simulate: a realistic float mission, with ground truth, written as a recorded stream.
import { CliError, ExitCode } from "../../host/cli/cliError.js";
import { profileOrFail } from "../../host/cli/common.js";
import { refuseToOverwrite } from "../../host/cli/outputFiles.js";
import { intOption, numberOption, parseVerbArgs, type Verb } from "../../host/cli/verb.js";
import type { MissionPhase } from "../../host/formats/stream/streamTypes.js";
import { createProgress } from "../../host/replay/progress.js";
import { writeMissionStream } from "../writeMission.js";

const help = `Usage: uvp-float simulate --profile <name> --seed <n> --out <stream.uvps> [options]

Simulates a float mission with the profile's camera and float configuration: descent, park with its
periodic acquisitions, descent to profile depth, ascent at ~0.1 m/s with a frame every
1/Acquisition_frequency s, black blocs every Interval_for_measuring_background_noise blocs. Frames hold
sensor-noise objects and particles from a depth-dependent power-law spectrum (aggregates, copepod-like
bodies, fibres, dark spheres), occasionally over-exposed near the surface. Every frame carries its ground
truth. The same seed gives the same bytes.

Options:
  --profile <name>        camera and float profile (uvp-float profiles)                 [required]
  --seed <n>              random seed (integer)                                         [required]
  --out <file>            the recorded stream to write                                  [required]
  --profile-depth <dbar>  depth of the ascent's start (default 2000)
  --park-depth <dbar>     park depth (default 1000)
  --park-hours <h>        time at park (default 4)
  --phases <list>         phases with the camera on: descent,park,deep-profile,ascent (default park,ascent)
  --ascent-speed <m/s>    ascent speed (default 0.1)
  --frame-interval <s>    seconds between frames while profiling (default 1/Acquisition_frequency, <= 1.3 Hz)
  --frame-scale <s>       frame size scale, imaged volume in proportion (default 1 = 2464 x 2056)
  --avoid-touching        place objects so that none touch (exact per-frame truth)
  --force                 overwrite --out
  --json                  print {out, frames, bytes, stats} as JSON when done (progress stays on stderr)
  -h, --help              this help

Example:
  uvp-float simulate --profile 000118LP --seed 1 --out mission.uvps --profile-depth 200 --frame-scale 0.25

Exit codes: 0 ok, 64 usage (an unknown profile, or options the mission cannot have: each is named),
73 output exists (use --force) or cannot be written.`;

/** The simulate verb. */
export const simulateVerb: Verb = {
  name: "simulate",
  summary: "simulate a float mission with ground truth, as a recorded stream",
  help,
  run(argv) {
    const { values } = parseVerbArgs("simulate", argv, {
      profile: { type: "string" }, seed: { type: "string" }, out: { type: "string" }, "profile-depth": { type: "string" },
      "park-depth": { type: "string" }, "park-hours": { type: "string" }, phases: { type: "string" }, "ascent-speed": { type: "string" },
      "frame-interval": { type: "string" }, "frame-scale": { type: "string" }, "avoid-touching": { type: "boolean" }, force: { type: "boolean" }, json: { type: "boolean" },
    });
    const v = (k: string) => values[k] as string | undefined;
    const seed = intOption("simulate", "seed", v("seed"), 0, 2 ** 31 - 1);
    const out = v("out");
    if (seed === undefined || !out) throw new CliError("uvp-float simulate: --seed and --out are required\nRun 'uvp-float simulate --help' for usage.", ExitCode.USAGE);
    const profile = profileOrFail("simulate", v("profile"));
    const parkHours = numberOption("simulate", "park-hours", v("park-hours"));
    const options = {
      seed,
      profileDepthDbar: numberOption("simulate", "profile-depth", v("profile-depth")),
      parkDepthDbar: numberOption("simulate", "park-depth", v("park-depth")),
      parkDurationS: parkHours === undefined ? undefined : parkHours * 3600,
      phases: v("phases")?.split(",").map((p) => p.trim()) as MissionPhase[] | undefined,
      ascentSpeedMps: numberOption("simulate", "ascent-speed", v("ascent-speed")),
      frameIntervalS: numberOption("simulate", "frame-interval", v("frame-interval")),
      frameScale: numberOption("simulate", "frame-scale", v("frame-scale")),
      avoidTouching: Boolean(values["avoid-touching"]),
    };
    if (options.parkDepthDbar === undefined && options.profileDepthDbar !== undefined) options.parkDepthDbar = Math.min(1000, options.profileDepthDbar);
    refuseToOverwrite([out], Boolean(values.force));
    const progress = createProgress("simulate", undefined);
    let written;
    try {
      written = writeMissionStream(profile, options, out, Boolean(values.force), (done) => progress.update(done));
    } catch (err) {
      if (err instanceof RangeError) throw new CliError(`uvp-float simulate: ${err.message}\nRun 'uvp-float simulate --help' for the options.`, ExitCode.USAGE);
      throw new CliError(`uvp-float simulate: ${(err as Error).message} (writing ${out}; check the directory exists and is writable)`, ExitCode.OUTPUT);
    }
    progress.finish(`${written.frames} frames (${written.stats.litFrames} lit, ${written.stats.blackFrames} black, ${written.stats.overexposedFrames} over-exposed), ${(written.bytes / 1e6).toFixed(1)} MB in ${out}`);
    if (values.json) console.log(JSON.stringify({ out, profile: profile.name, seed, frames: written.frames, bytes: written.bytes, stats: written.stats }, null, 1));
    return ExitCode.OK;
  },
};
