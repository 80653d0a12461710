// The streams the embedded targets replay (test/embedded.test.ts, scripts/updateEmbeddedBudgets.ts, the bench):
// full 2464 x 2056 frames (a realistic one, the worst frames still labelled, the over-exposed ones) under float unit 000118LP's configuration
// with the demonstration model, and the demo mission (`npm run demo`), of which the first frames are used.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadProfile } from "../host/config/profile.js";
import { StreamWriter } from "../host/formats/stream/streamWriter.js";
import { packageRoot } from "../host/paths.js";
import { realisticFrame, worstCaseFrame, type WorstCaseKind } from "../simulator/frames/particles.js";
import { BELOW_LIMIT_KINDS, belowLimitFrame, overexposureLimitPx } from "../simulator/frames/belowLimit.js";
import { Rng } from "../simulator/random.js";
import type { MissionOptions } from "../simulator/mission/index.js";

const W = 2464;
const H = 2056;
/** The profile every embedded scenario runs under. */
export const EMBEDDED_PROFILE = "000118LP";
/** The over-exposed frames (50 % patterns, all white), in stream order after the frames at the limit. */
export const WORST_KINDS: readonly WorstCaseKind[] = ["stripes", "checkerboard", "white"];
/** Name of each frame of the full-frame stream, by index. */
export const FULL_FRAME_NAMES = [
  "realistic full frame",
  ...BELOW_LIMIT_KINDS.map(({ kind }) => `at the over-exposure limit: ${kind}`),
  "at the over-exposure limit: noise spread over the frame",
  ...WORST_KINDS.map((k) => `over-exposed: ${k}`),
];
/** The demo mission of `npm run demo` (scripts/demo.ts): 200 dbar, park 30 min, quarter-size frames, seed 1. */
export const DEMO_MISSION: MissionOptions = { seed: 1, profileDepthDbar: 200, parkDepthDbar: 200, parkDurationS: 1800, frameScale: 0.25 };

/** The demonstration model and its TAXO_CONF line (profiles/models). */
export function demoModel(): { bytes: Uint8Array; taxoConf: string } {
  const dir = join(packageRoot(), "profiles", "models");
  const meta = JSON.parse(readFileSync(join(dir, "demo-taxa.json"), "utf8")) as { taxoConf: string };
  return { bytes: readFileSync(join(dir, "demo-taxa.bin")), taxoConf: meta.taxoConf };
}

/**
 * Writes the full-frame stream at 100 dbar during ascent: a realistic lit frame (seed 1); the worst frames
 * the camera still labels, each with exactly as many lit pixels as the default 10 % limit allows (noise
 * seed 2, at 20 % and spread over the whole frame); then the over-exposed frames, where labelling stops once the running count passes the limit.
 */
export function writeFullFrameStream(path: string): void {
  const profile = loadProfile(EMBEDDED_PROFILE);
  const writer = StreamWriter.create(path, {
    hwConf: profile.lines.hwConf, acqConf: profile.lines.acqConf, taxoConf: profile.lines.taxoConf, zones: profile.zones,
    metadata: { source: "bench/embeddedScenario.ts", profile: profile.name, frames: FULL_FRAME_NAMES.length },
  }, { overwrite: true });
  const limitPx = overexposureLimitPx(W, H);
  const frames = [
    realisticFrame(new Rng(1), W, H),
    ...BELOW_LIMIT_KINDS.map(({ kind }) => belowLimitFrame(W, H, kind, limitPx, new Rng(2))),
    // Noise at 20 % is the worst for a core that predicts branches; without prediction, the most runs are.
    belowLimitFrame(W, H, "noise", limitPx, new Rng(2), 0),
    ...WORST_KINDS.map((k) => worstCaseFrame(W, H, k)),
  ];
  frames.forEach((pixels, i) => writer.writeFrame({
    timeS: 1_652_900_000 + i, pressureDbar: 100 - 0.1 * i, temperatureC: 12.5, kind: "lit", phase: "ascent", widthPx: W, heightPx: H, pixels,
  }));
  writer.close();
}
