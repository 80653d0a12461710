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
 * Simulates `profile` with `options` into the stream file `out`; `onFrame` sees progress. The stream is
 * written to `<out>.partial` and renamed when complete, so an interrupted run never leaves a stream that
 * looks finished under the requested name.
 */
export function writeMissionStream(profile: Profile, options: MissionOptions, out: string, overwrite: boolean, onFrame?: (done: number, total: number) => void): WrittenMission {
  const metadata = missionHeaderMetadata(profile, options);
  const total = Object.values(metadata.plannedFrames as Record<string, number>).reduce((a, b) => a + b, 0);
  if (!overwrite && existsSync(out)) throw new Error(`${out} exists`);
  const partial = `${out}.partial`;
  const writer = StreamWriter.create(partial, { hwConf: profile.lines.hwConf, acqConf: profile.lines.acqConf, taxoConf: profile.lines.taxoConf, zones: profile.zones, metadata: { ...metadata, frames: total } }, { overwrite: true });
  const frames = simulateMission(profile, options);
  let done = 0;
  for (;;) {
    const next = frames.next();
    if (next.done) {
      const { frames: written, bytes } = writer.close();
      renameSync(partial, out);
      return { frames: written, bytes, stats: next.value };
    }
    writer.writeFrame(next.value);
    onFrame?.(++done, total);
  }
}
