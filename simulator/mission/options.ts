// Mission options: what a caller may set, their defaults, their checks, and the frame geometry they imply.

import type { Profile } from "../../host/config/profile.js";
import type { MissionPhase } from "../../host/formats/stream/streamTypes.js";

/** Highest image rate of the UVP6-LP (float model), images per second (DOMAIN.md 1). */
export const LP_MAX_FRAME_RATE_HZ = 1.3;

/** Highest image rate of the UVP6-HF, images per second (DOMAIN.md 1: up to 20-25 Hz). */
export const HF_MAX_FRAME_RATE_HZ = 25;

/** Highest image rate of a profile's camera: HF when its Camera_ref ends in HF, else the LP's. */
export function maxFrameRateHz(profile: Profile): number {
  return /HF$/i.test(profile.hw.cameraRef) ? HF_MAX_FRAME_RATE_HZ : LP_MAX_FRAME_RATE_HZ;
}

/** Default mission start: 2022-05-18T00:00:00Z, Unix seconds. */
export const DEFAULT_START_TIME_S = Date.UTC(2022, 4, 18) / 1000;

/** Every phase a mission goes through, in order ("surface" is accepted but takes no frames). */
export const MISSION_PHASE_ORDER: readonly MissionPhase[] = ["descent", "park", "deep-profile", "ascent", "surface"];

/** What a mission simulation may be told; only `seed` is required. */
export interface MissionOptions {
  /** Seed of every random draw (the same seed gives the same bytes). */
  seed: number;
  /** Park depth, dbar (~ m); default 1000. */
  parkDepthDbar?: number;
  /** Depth the float descends to before its ascent, dbar; default 2000 (>= parkDepthDbar). */
  profileDepthDbar?: number;
  /** Ascent speed, m/s (~ dbar/s); default 0.1. */
  ascentSpeedMps?: number;
  /** Descent speed (to park and to profile depth), m/s; default 0.1. */
  descentSpeedMps?: number;
  /** Time spent at park depth, s; default 14400. */
  parkDurationS?: number;
  /** Phases during which the camera takes frames; default ["park", "ascent"]. */
  phases?: MissionPhase[];
  /** Unix time of the start of the descent, s; default 2022-05-18T00:00:00Z. */
  startTimeS?: number;
  /** Time between frames while profiling, s; default 1 / min(Acquisition_frequency, 1.3 Hz). */
  frameIntervalS?: number;
  /** Linear scale of the frame: width round(W * s), height round(H * s), imaged volume in proportion (objects keep their size); default 1. */
  frameScale?: number;
  /** Fill the background with per-pixel sensor noise below the threshold instead of a constant grey; default false. */
  subThresholdNoise?: boolean;
  /** Retry (then drop) placements that would touch or overlap another object; default false. */
  avoidTouching?: boolean;
}

/** Options with every default filled in. */
export type ResolvedMissionOptions = Required<MissionOptions>;

function positive(name: string, x: number): number {
  if (!(typeof x === "number" && Number.isFinite(x) && x > 0)) throw new RangeError(`mission option ${name} must be a positive number, got ${x}`);
  return x;
}

function nonNegative(name: string, x: number): number {
  if (!(typeof x === "number" && Number.isFinite(x) && x >= 0)) throw new RangeError(`mission option ${name} must be a non-negative number, got ${x}`);
  return x;
}

/** Default frame interval of a profile, s: 1 / Acquisition_frequency, never faster than the LP's 1.3 images/s. */
export function defaultFrameIntervalS(profile: Profile): number {
  return 1 / Math.min(profile.acq.acquisitionFrequencyHz, LP_MAX_FRAME_RATE_HZ);
}

/** Fills the defaults and checks every option; throws a RangeError naming the bad one. */
export function resolveMissionOptions(profile: Profile, options: MissionOptions): ResolvedMissionOptions {
  if (!Number.isFinite(options.seed)) throw new RangeError(`mission option seed must be a finite number, got ${options.seed}`);
  const phases = options.phases ?? ["park", "ascent"];
  for (const p of phases) {
    if (!MISSION_PHASE_ORDER.includes(p)) throw new RangeError(`mission option phases: unknown phase ${JSON.stringify(p)}`);
  }
  const resolved: ResolvedMissionOptions = {
    seed: options.seed,
    parkDepthDbar: positive("parkDepthDbar", options.parkDepthDbar ?? 1000),
    profileDepthDbar: positive("profileDepthDbar", options.profileDepthDbar ?? 2000),
    ascentSpeedMps: positive("ascentSpeedMps", options.ascentSpeedMps ?? 0.1),
    descentSpeedMps: positive("descentSpeedMps", options.descentSpeedMps ?? 0.1),
    parkDurationS: nonNegative("parkDurationS", options.parkDurationS ?? 14400),
    phases: MISSION_PHASE_ORDER.filter((p) => phases.includes(p)),
    startTimeS: nonNegative("startTimeS", options.startTimeS ?? DEFAULT_START_TIME_S),
    frameIntervalS: positive("frameIntervalS", options.frameIntervalS ?? defaultFrameIntervalS(profile)),
    frameScale: positive("frameScale", options.frameScale ?? 1),
    subThresholdNoise: options.subThresholdNoise ?? false,
    avoidTouching: options.avoidTouching ?? false,
  };
  if (resolved.profileDepthDbar < resolved.parkDepthDbar) {
    throw new RangeError(`mission option profileDepthDbar (${resolved.profileDepthDbar}) must be >= parkDepthDbar (${resolved.parkDepthDbar})`);
  }
  if (resolved.frameScale > 1) throw new RangeError(`mission option frameScale must be in (0, 1], got ${resolved.frameScale}`);
  return resolved;
}

/** Frame size at a scale: round(W * s) x round(H * s) of the profile's full frame (at least 1 x 1). */
export function scaledFrameSize(profile: Profile, scale: number): { widthPx: number; heightPx: number } {
  return {
    widthPx: Math.max(1, Math.round(profile.frame.widthPx * scale)),
    heightPx: Math.max(1, Math.round(profile.frame.heightPx * scale)),
  };
}

/**
 * Imaged volume of a scaled frame, L: HW_CONF Image_volume times the share of the full frame's pixels the
 * scaled frame keeps (s^2 up to the rounding of its sides), so that concentrations stay right.
 */
export function effectiveImageVolumeL(profile: Profile, scale: number): number {
  const { widthPx, heightPx } = scaledFrameSize(profile, scale);
  return (profile.hw.imageVolumeL * (widthPx * heightPx)) / (profile.frame.widthPx * profile.frame.heightPx);
}
