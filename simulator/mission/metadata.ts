// What a simulated stream's header should carry in its free metadata.

import type { Profile } from "../../host/config/profile.js";
import { BACKGROUND_GREY } from "./background.js";
import { NOISE_OBJECTS_PER_FULL_FRAME, PLACEMENT_TRIES } from "./frameDrawer.js";
import { plannedFrameCounts } from "./missionPlan.js";
import { SHAPE_SHARES } from "./missionShapes.js";
import { GLARE_START_DBAR, GLARE_SURFACE_PROBABILITY, PARTICLE_MODEL } from "./oceanModel.js";
import { effectiveImageVolumeL, resolveMissionOptions, scaledFrameSize, type MissionOptions } from "./options.js";

/** Name of this simulator in stream metadata. */
export const MISSION_SIMULATOR_NAME = "uvp-float mission simulator";
/** Version of the simulator's output (bump when the same seed would give other bytes). */
export const MISSION_SIMULATOR_VERSION = 1;

/** Header metadata of a simulated mission: profile, seed, every option (defaults filled), effective volume, frame size, model. */
export function missionHeaderMetadata(profile: Profile, options: MissionOptions): Record<string, unknown> {
  const opts = resolveMissionOptions(profile, options);
  const { widthPx, heightPx } = scaledFrameSize(profile, opts.frameScale);
  return {
    source: "simulator",
    simulator: MISSION_SIMULATOR_NAME,
    simulatorVersion: MISSION_SIMULATOR_VERSION,
    profile: profile.name,
    seed: opts.seed,
    options: { ...opts, phases: [...opts.phases] },
    effectiveImageVolumeL: effectiveImageVolumeL(profile, opts.frameScale),
    frameWidthPx: widthPx,
    frameHeightPx: heightPx,
    plannedFrames: plannedFrameCounts(profile, opts),
    model: {
      particles: { ...PARTICLE_MODEL },
      shapeShares: { ...SHAPE_SHARES },
      noiseObjectsPerFullFrame: { ...NOISE_OBJECTS_PER_FULL_FRAME },
      backgroundGrey: BACKGROUND_GREY,
      glare: { startDbar: GLARE_START_DBAR, surfaceProbability: GLARE_SURFACE_PROBABILITY },
      placementTries: PLACEMENT_TRIES,
    },
  };
}
