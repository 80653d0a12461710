// The mission simulator: plans every frame (missionPlan.ts) and draws it with its ground truth
// (frameDrawer.ts), one frame at a time, so a whole profile is never held in memory.

import type { Profile } from "../../host/config/profile.js";
import type { FrameTruth, StreamFrame } from "../../host/formats/stream/streamTypes.js";
import { createFrameContext, drawMissionFrame } from "./frameDrawer.js";
import { missionPlan } from "./missionPlan.js";
import type { MissionOptions } from "./options.js";

/** Imaged volume of a frame scaled by `scale`, L (defined in options.ts). */
export { effectiveImageVolumeL } from "./options.js";

/** A simulated frame: the StreamFrame fields but type, index and encoding; raw pixels; truth always present. */
export type SimFrame = Omit<StreamFrame, "type" | "index" | "encoding" | "truth"> & { truth: FrameTruth };

/** Running totals of a simulation (filled while frames are drawn; also the generator's return value). */
export interface MissionStats {
  frames: number;
  litFrames: number;
  blackFrames: number;
  overexposedFrames: number;
  /** Objects not placed: larger than the frame, or (avoidTouching) no contact-free spot found. */
  droppedPlacements: number;
}

/** Fresh zeroed stats. */
export function emptyMissionStats(): MissionStats {
  return { frames: 0, litFrames: 0, blackFrames: 0, overexposedFrames: 0, droppedPlacements: 0 };
}

/** Simulates a mission frame by frame (deterministic per seed); `stats`, if given, is updated as frames are drawn. */
export function* simulateMission(profile: Profile, options: MissionOptions, stats: MissionStats = emptyMissionStats()): Generator<SimFrame, MissionStats> {
  const ctx = createFrameContext(profile, options);
  for (const planned of missionPlan(profile, options)) {
    const drawn = drawMissionFrame(ctx, planned);
    stats.frames++;
    if (planned.kind === "lit") stats.litFrames++;
    else stats.blackFrames++;
    if (drawn.truth.overexposed) stats.overexposedFrames++;
    stats.droppedPlacements += drawn.droppedPlacements;
    yield {
      timeS: planned.timeS,
      pressureDbar: planned.pressureDbar,
      temperatureC: planned.temperatureC,
      kind: planned.kind,
      phase: planned.phase,
      widthPx: ctx.widthPx,
      heightPx: ctx.heightPx,
      pixels: drawn.pixels,
      truth: drawn.truth,
    };
  }
  return stats;
}
