// A simulated mission written as a recorded stream, frame by frame (memory stays flat).
import { existsSync, renameSync } from "node:fs";
import type { Profile } from "../host/config/profile.js";
import { StreamWriter } from "../host/formats/stream/streamWriter.js";
import { missionHeaderMetadata, simulateMission, type MissionOptions, type MissionStats } from "./mission/index.js";

/** What was written. */
export interface WrittenMission {
  frames: number;
  bytes: number;
  stats: MissionStats;
}

/**
 * Simulates `profile` with `options` into the stream file `path`, yielding the frames done after each frame
 * and returning what was written. The caller decides where `path` is (the CLI gives a temporary file it
 * renames when complete) and may pause between frames (the CLI lets signals through).
 */
export function* missionStreamFrames(profile: Profile, options: MissionOptions, path: string): Generator<number, WrittenMission> {
  const metadata = missionHeaderMetadata(profile, options);
  const total = plannedFrameTotal(metadata);
  const writer = StreamWriter.create(path, { hwConf: profile.lines.hwConf, acqConf: profile.lines.acqConf, taxoConf: profile.lines.taxoConf, zones: profile.zones, metadata: { ...metadata, frames: total } }, { overwrite: true });
  const frames = simulateMission(profile, options);
  let done = 0;
  for (;;) {
    const next = frames.next();
    if (next.done) {
      const { frames: written, bytes } = writer.close();
      return { frames: written, bytes, stats: next.value };
    }
    writer.writeFrame(next.value);
    yield ++done;
  }
}

/** Frames a mission plans in all (header metadata's plannedFrames summed). */
export function plannedFrameTotal(metadata: Record<string, unknown>): number {
  return Object.values(metadata.plannedFrames as Record<string, number>).reduce((a, b) => a + b, 0);
}

/**
 * Simulates `profile` with `options` into the stream file `out`; `onFrame` sees progress. The stream is
 * written to `<out>.partial` and renamed when complete, so an interrupted run never leaves a stream that
 * looks finished under the requested name.
 */
export function writeMissionStream(profile: Profile, options: MissionOptions, out: string, overwrite: boolean, onFrame?: (done: number, total: number) => void): WrittenMission {
  const total = plannedFrameTotal(missionHeaderMetadata(profile, options));
  if (!overwrite && existsSync(out)) throw new Error(`${out} exists`);
  const partial = `${out}.partial`;
  const frames = missionStreamFrames(profile, options, partial);
  for (;;) {
    const next = frames.next();
    if (next.done) {
      renameSync(partial, out);
      return next.value;
    }
    onFrame?.(next.value, total);
  }
}
