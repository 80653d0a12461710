// The float's mission timeline: when, at what pressure and internal temperature, in which phase and of
// which kind (lit / black) every camera frame is taken. No pixels here: frames are planned one at a time
// by a generator, so a whole profile is never held in memory.
//
// Timeline (pressure in dbar ~ depth in m), starting at startTimeS at the surface:
//   descent       0 -> parkDepthDbar at descentSpeedMps; frames every frameIntervalS if "descent" is asked.
//   park          parkDurationS at parkDepthDbar (+-1 dbar of semidiurnal heave); if "park" is asked, a
//                 sample every profile.park.samplingPeriodS from the start of the park, as long as the
//                 whole sample fits in the park: imagesPerSample images imageIntervalS apart, each sample
//                 its own acquisition.
//   deep-profile  parkDepthDbar -> profileDepthDbar at descentSpeedMps; frames if "deep-profile" is asked.
//   ascent        profileDepthDbar -> 0 at ascentSpeedMps; frames if "ascent" is asked.
//   surface       no frames (the camera is off at the surface in this model).
// A profiling phase of duration D takes its frames at k * frameIntervalS < D (its end instant belongs to
// the next phase; the ascent's last frame is just below the surface): ceil(D / frameIntervalS) frames.
// Frame kinds follow the black-bloc rule of blocSchedule.ts.

import type { ParkSampling, Profile } from "../../host/config/profile.js";
import type { MissionPhase } from "../../host/formats/stream/streamTypes.js";
import { BlocSchedule, type FrameKind } from "./blocSchedule.js";
import { selfHeatingC, waterTemperatureC } from "./oceanModel.js";
import { MISSION_PHASE_ORDER, resolveMissionOptions, type MissionOptions, type ResolvedMissionOptions } from "./options.js";

/** Amplitude of the pressure heave at park, dbar. */
export const PARK_HEAVE_DBAR = 1;
/** Period of the pressure heave at park, s (the M2 tide, 12.42 h). */
export const PARK_HEAVE_PERIOD_S = 44714;

/** One phase of the mission: its time span, its pressures at both ends, and whether the camera works. */
export interface PhaseSpan {
  phase: MissionPhase;
  startTimeS: number;
  endTimeS: number;
  startDbar: number;
  endDbar: number;
  cameraOn: boolean;
}

/** One planned frame: everything but its pixels. */
export interface PlannedFrame {
  /** 0-based position among the mission's frames. */
  index: number;
  timeS: number;
  pressureDbar: number;
  temperatureC: number;
  kind: FrameKind;
  phase: MissionPhase;
  /** 0-based acquisition (camera start to stop: a profiling phase or one park sample). */
  acquisition: number;
}

/** The phases of a mission in order, with their times and pressures. */
export function missionTimeline(opts: ResolvedMissionOptions): PhaseSpan[] {
  const spans: PhaseSpan[] = [];
  let t = opts.startTimeS;
  const add = (phase: MissionPhase, durationS: number, startDbar: number, endDbar: number): void => {
    spans.push({ phase, startTimeS: t, endTimeS: t + durationS, startDbar, endDbar, cameraOn: opts.phases.includes(phase) });
    t += durationS;
  };
  add("descent", opts.parkDepthDbar / opts.descentSpeedMps, 0, opts.parkDepthDbar);
  add("park", opts.parkDurationS, opts.parkDepthDbar, opts.parkDepthDbar);
  add("deep-profile", (opts.profileDepthDbar - opts.parkDepthDbar) / opts.descentSpeedMps, opts.parkDepthDbar, opts.profileDepthDbar);
  add("ascent", opts.profileDepthDbar / opts.ascentSpeedMps, opts.profileDepthDbar, 0);
  add("surface", 0, 0, 0);
  return spans;
}

/** Frames a profiling phase of durationS takes, one at each k * frameIntervalS < durationS: ceil(durationS / frameIntervalS). */
export function profilingFrameCount(durationS: number, frameIntervalS: number): number {
  return durationS > 0 ? Math.ceil(durationS / frameIntervalS - 1e-9) : 0;
}

/** Park samples: one every samplingPeriodS from the start of the park, each wholly inside it (its last image before the end). */
export function parkSampleCount(parkDurationS: number, park: ParkSampling): number {
  const sampleSpanS = (park.imagesPerSample - 1) * park.imageIntervalS;
  return parkDurationS > sampleSpanS ? Math.floor((parkDurationS - sampleSpanS) / park.samplingPeriodS - 1e-9) + 1 : 0;
}

/** Frames per phase (lit and black together) the plan will produce, computed from the timeline alone. */
export function plannedFrameCounts(profile: Profile, options: MissionOptions): Record<MissionPhase, number> {
  const opts = resolveMissionOptions(profile, options);
  const counts = Object.fromEntries(MISSION_PHASE_ORDER.map((p) => [p, 0])) as Record<MissionPhase, number>;
  for (const span of missionTimeline(opts)) {
    if (!span.cameraOn) continue;
    if (span.phase === "park") counts.park = parkSampleCount(opts.parkDurationS, profile.park) * profile.park.imagesPerSample;
    else if (span.phase !== "surface") counts[span.phase] = profilingFrameCount(span.endTimeS - span.startTimeS, opts.frameIntervalS);
  }
  return counts;
}

const round = (x: number, digits: number): number => Math.round(x * digits) / digits;

/** Internal temperature of the camera, C: water temperature at the pressure plus self-heating since the start. */
export function internalTemperatureC(pressureDbar: number, elapsedS: number): number {
  return waterTemperatureC(pressureDbar) + selfHeatingC(elapsedS);
}

/** Plans every frame of a mission, in time order (pressure rounded to 0.01 dbar, time to 1 ms, temperature to 0.001 C). */
export function* missionPlan(profile: Profile, options: MissionOptions): Generator<PlannedFrame, number> {
  const opts = resolveMissionOptions(profile, options);
  const schedule = new BlocSchedule(profile.acq.framesPerBloc, profile.acq.blackIntervalBlocs);
  let index = 0;
  let acquisition = -1;
  const frame = (timeS: number, pressureDbar: number, phase: MissionPhase): PlannedFrame => ({
    index: index++,
    timeS: round(timeS, 1000),
    pressureDbar: Math.max(0, round(pressureDbar, 100)),
    temperatureC: round(internalTemperatureC(pressureDbar, timeS - opts.startTimeS), 1000),
    kind: schedule.next(),
    phase,
    acquisition,
  });
  const startAcquisition = (): void => {
    schedule.startAcquisition();
    acquisition++;
  };

  for (const span of missionTimeline(opts)) {
    if (!span.cameraOn || span.phase === "surface") continue;
    if (span.phase === "park") {
      const samples = parkSampleCount(opts.parkDurationS, profile.park);
      for (let j = 0; j < samples; j++) {
        startAcquisition();
        for (let i = 0; i < profile.park.imagesPerSample; i++) {
          const sinceParkS = j * profile.park.samplingPeriodS + i * profile.park.imageIntervalS;
          const heave = PARK_HEAVE_DBAR * Math.sin((2 * Math.PI * sinceParkS) / PARK_HEAVE_PERIOD_S);
          yield frame(span.startTimeS + sinceParkS, span.startDbar + heave, "park");
        }
      }
      continue;
    }
    const durationS = span.endTimeS - span.startTimeS;
    const n = profilingFrameCount(durationS, opts.frameIntervalS);
    if (n === 0) continue;
    startAcquisition();
    const dbarPerS = (span.endDbar - span.startDbar) / durationS;
    for (let k = 0; k < n; k++) {
      const sinceStartS = k * opts.frameIntervalS;
      yield frame(span.startTimeS + sinceStartS, span.startDbar + dbarPerS * sinceStartS, span.phase);
    }
  }
  return index;
}
