// uvp-float simulate: a realistic float mission, with ground truth, written as a recorded stream.
import { statfsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CliError, ExitCode } from "../../host/cli/cliError.js";
import { profileOrFail } from "../../host/cli/common.js";
import { checkOutputs, openTempOutput } from "../../host/cli/outputFiles.js";
import { yieldForSignals } from "../../host/cli/tempFiles.js";
import { intOption, parseVerbArgs, rangeOption, type Verb } from "../../host/cli/verb.js";
import type { Profile } from "../../host/config/profile.js";
import type { MissionPhase } from "../../host/formats/stream/streamTypes.js";
import { createProgress } from "../../host/replay/progress.js";
import { missionHeaderMetadata, type MissionOptions } from "../mission/index.js";
import { maxFrameRateHz } from "../mission/options.js";
import { missionStreamFrames, plannedFrameTotal, type WrittenMission } from "../writeMission.js";

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
  --profile-depth <dbar>  depth of the ascent's start, 1-6450 (default 2000)
  --park-depth <dbar>     park depth, 1-6450 and not below --profile-depth (default 1000)
  --park-hours <h>        time at park, 0-720 (default 4)
  --phases <list>         phases with the camera on: descent,park,deep-profile,ascent (default park,ascent)
  --ascent-speed <m/s>    ascent speed, 0.01-1 (default 0.1)
  --frame-interval <s>    seconds between frames while profiling, from the camera's fastest (0.77 s for an
                          LP at 1.3 images/s, 0.04 s for an HF) to 3600 (default 1/Acquisition_frequency)
  --frame-scale <s>       frame size scale 0.01-1, imaged volume in proportion (default 1 = 2464 x 2056)
  --avoid-touching        place objects so that none touch (exact per-frame truth)
  --force                 overwrite --out
  --json                  print {out, frames, bytes, stats} as JSON when done (progress stays on stderr)
  -h, --help              this help

Example:
  uvp-float simulate --profile 000118LP --seed 1 --out mission.uvps --profile-depth 200 --frame-scale 0.25

Before it starts it prints the frames planned and the bytes they will take (and refuses, 73, when the disk
has not that much free); progress shows the frames done, the total and the time left. The stream is written
to <out>.<pid>.partial and renamed when complete: a failure or Ctrl-C leaves nothing.

Exit codes: 0 ok, 64 usage (an unknown profile, or an option out of its range: each is named with its
range), 73 output exists (use --force) or cannot be written.`;

/** Bytes a frame takes in the stream, per pixel after deflate and per record (truth, fields), for the estimate
 *  printed before a run: 000118LP seed 1, 15 dbar ascents gave 0.069 B/px at scale 1 (67.9 MB for 195 frames)
 *  and 0.072 at 0.25, about 470 B of record each at 0.05; rounded up. */
const STREAM_BYTES_PER_PIXEL = 0.08;
const STREAM_BYTES_PER_FRAME = 600;

/** The physical range of every numeric option, named as the user types it. */
function missionOptions(v: (k: string) => string | undefined, profile: Profile, seed: number): MissionOptions {
  const pressure = "(the CTS5 pressure code (P + 100) * 10 stops at 6453.5 dbar)";
  const profileDepthDbar = rangeOption("simulate", "profile-depth", v("profile-depth"), 1, 6450, `1-6450 dbar ${pressure}`);
  let parkDepthDbar = rangeOption("simulate", "park-depth", v("park-depth"), 1, 6450, `1-6450 dbar ${pressure}`);
  const parkHours = rangeOption("simulate", "park-hours", v("park-hours"), 0, 720, "0-720 h (a park of up to 30 days; Argo cycles last 10)");
  const ascentSpeedMps = rangeOption("simulate", "ascent-speed", v("ascent-speed"), 0.01, 1, "0.01-1 m/s (floats rise at about 0.1 m/s)");
  const maxRateHz = maxFrameRateHz(profile);
  // 1 / rate exactly (less a rounding hair): the default interval of an LP profile is 1 / 1.3 = 0.769... s.
  const minIntervalS = (1 / maxRateHz) * (1 - 1e-12);
  const frameIntervalS = rangeOption("simulate", "frame-interval", v("frame-interval"), minIntervalS, 3600,
    `${(1 / maxRateHz).toFixed(3)}-3600 s (the ${profile.hw.cameraRef} takes at most ${maxRateHz} images/s)`);
  const frameScale = rangeOption("simulate", "frame-scale", v("frame-scale"), 0.01, 1, "0.01-1 (1 = the full 2464 x 2056 frame)");
  if (parkDepthDbar === undefined && profileDepthDbar !== undefined) parkDepthDbar = Math.min(1000, profileDepthDbar);
  if (parkDepthDbar !== undefined && parkDepthDbar > (profileDepthDbar ?? 2000)) {
    throw new CliError(`uvp-float simulate: --park-depth (${parkDepthDbar} dbar) must not be deeper than --profile-depth (${profileDepthDbar ?? "2000, the default"} dbar)`, ExitCode.USAGE);
  }
  return {
    seed, profileDepthDbar, parkDepthDbar, parkDurationS: parkHours === undefined ? undefined : parkHours * 3600,
    phases: v("phases")?.split(",").map((p) => p.trim()) as MissionPhase[] | undefined,
    ascentSpeedMps, frameIntervalS, frameScale, avoidTouching: false,
  };
}

/** The frames and bytes a mission will take, said before it starts; refuses (73) when the disk cannot hold it. */
function announcePlan(profile: Profile, options: MissionOptions, out: string): { total: number } {
  let metadata;
  try {
    metadata = missionHeaderMetadata(profile, options);
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(`uvp-float simulate: ${err.message}\nRun 'uvp-float simulate --help' for the options.`, ExitCode.USAGE);
    throw err;
  }
  const total = plannedFrameTotal(metadata);
  const widthPx = metadata.frameWidthPx as number;
  const heightPx = metadata.frameHeightPx as number;
  const bytes = Math.round(total * (widthPx * heightPx * STREAM_BYTES_PER_PIXEL + STREAM_BYTES_PER_FRAME));
  const perPhase = Object.entries(metadata.plannedFrames as Record<string, number>).filter(([, n]) => n > 0).map(([p, n]) => `${p} ${n}`).join(", ");
  process.stderr.write(`simulate: ${total} frames of ${widthPx} x ${heightPx} px planned (${perPhase || "none"}), about ${formatBytes(bytes)} in ${out}\n`);
  let freeBytes = Infinity;
  try {
    const fs = statfsSync(dirname(resolve(out)));
    freeBytes = fs.bavail * fs.bsize;
  } catch {
    // No figure for this file system: the write itself will say if it fills up.
  }
  if (bytes > freeBytes) {
    throw new CliError(`uvp-float simulate: ${out} would take about ${formatBytes(bytes)}, but only ${formatBytes(freeBytes)} are free there; shorten the mission (--profile-depth, --park-hours, --frame-scale) or write elsewhere`, ExitCode.OUTPUT);
  }
  return { total };
}

function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(0)} kB`;
}

/** The simulate verb. */
export const simulateVerb: Verb = {
  name: "simulate",
  summary: "simulate a float mission with ground truth, as a recorded stream",
  help,
  async run(argv) {
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
    const options = { ...missionOptions(v, profile, seed), avoidTouching: Boolean(values["avoid-touching"]) };
    checkOutputs("simulate", { files: [out] }, { inputs: [], force: Boolean(values.force) });
    const { total } = announcePlan(profile, options, out);
    const progress = createProgress("simulate", total);
    const temp = openTempOutput(out);
    let written: WrittenMission;
    try {
      const frames = missionStreamFrames(profile, options, temp.tempPath);
      let pausedAt = Date.now();
      for (;;) {
        const next = frames.next();
        if (next.done) {
          written = next.value;
          break;
        }
        progress.update(next.value);
        // Signals are delivered between tasks only: without this, Ctrl-C would wait for the whole mission.
        if (Date.now() - pausedAt > 50) {
          await yieldForSignals();
          pausedAt = Date.now();
        }
      }
      temp.commit();
    } catch (err) {
      temp.discard();
      if (err instanceof CliError) throw err;
      if (err instanceof RangeError) throw new CliError(`uvp-float simulate: ${err.message}\nRun 'uvp-float simulate --help' for the options.`, ExitCode.USAGE);
      throw new CliError(`uvp-float simulate: ${(err as Error).message} (writing ${out}; nothing was left there)`, ExitCode.OUTPUT);
    }
    progress.finish(`${written.frames} frames (${written.stats.litFrames} lit, ${written.stats.blackFrames} black, ${written.stats.overexposedFrames} over-exposed), ${(written.bytes / 1e6).toFixed(1)} MB in ${out}`);
    if (values.json) console.log(JSON.stringify({ out, profile: profile.name, seed, frames: written.frames, bytes: written.bytes, stats: written.stats }, null, 1));
    return ExitCode.OK;
  },
};
