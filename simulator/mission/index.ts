// Public API of the float-mission simulator (frames with ground truth, streamed one at a time).

export { BlocSchedule, type FrameKind } from "./blocSchedule.js";
export { BACKGROUND_GREY, GLARE_MAX_SHARE, GLARE_MIN_SHARE } from "./background.js";
export { createFrameContext, drawMissionFrame, meanParticlesPerFrame, NOISE_OBJECTS_PER_FULL_FRAME, PLACEMENT_TRIES } from "./frameDrawer.js";
export type { DrawnFrame, FrameContext } from "./frameDrawer.js";
export { emptyMissionStats, simulateMission, type MissionStats, type SimFrame } from "./missionFrames.js";
export {
  internalTemperatureC,
  missionPlan,
  missionTimeline,
  parkSampleCount,
  plannedFrameCounts,
  profilingFrameCount,
  type PhaseSpan,
  type PlannedFrame,
} from "./missionPlan.js";
export { chooseShape, SHAPE_SHARES, type MissionShape } from "./missionShapes.js";
export { MISSION_SIMULATOR_NAME, MISSION_SIMULATOR_VERSION, missionHeaderMetadata } from "./metadata.js";
export {
  GLARE_START_DBAR,
  GLARE_SURFACE_PROBABILITY,
  meanGreyForEsd,
  overexposureProbability,
  PARTICLE_MODEL,
  particleConcentrationAbovePerL,
  particleConcentrationPerL,
  particleSlope,
  powerLawShareAbove,
  selfHeatingC,
  waterTemperatureC,
} from "./oceanModel.js";
export {
  DEFAULT_START_TIME_S,
  defaultFrameIntervalS,
  effectiveImageVolumeL,
  LP_MAX_FRAME_RATE_HZ,
  resolveMissionOptions,
  scaledFrameSize,
  type MissionOptions,
  type ResolvedMissionOptions,
} from "./options.js";
export { frameRng, mixSeed } from "./seeds.js";
export { areaOfEsdPx, esdOfAreaUm, SizeClasses } from "./sizeClasses.js";
export { GLARE_ID } from "./truth.js";
