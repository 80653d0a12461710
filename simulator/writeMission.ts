// A simulated mission written as a recorded stream, frame by frame (memory stays flat).
import type { Profile } from "../host/config/profile.js";
import { StreamWriter } from "../host/formats/stream/streamWriter.js";
import { missionHeaderMetadata, simulateMission, type MissionOptions, type MissionStats } from "./mission/index.js";

/** What was written. */
export interface WrittenMission {
  frames: number;
  bytes: number;
  stats: MissionStats;
}

/** Simulates `profile` with `options` into the stream file `out`; `onFrame` sees progress. */
export function writeMissionStream(profile: Profile, options: MissionOptions, out: string, overwrite: boolean, onFrame?: (done: number, total: number) => void): WrittenMission {
  const metadata = missionHeaderMetadata(profile, options);
  const total = Object.values(metadata.plannedFrames as Record<string, number>).reduce((a, b) => a + b, 0);
  const writer = StreamWriter.create(out, { hwConf: profile.lines.hwConf, acqConf: profile.lines.acqConf, taxoConf: profile.lines.taxoConf, zones: profile.zones, metadata: { ...metadata, frames: total } }, { overwrite });
  const frames = simulateMission(profile, options);
  let done = 0;
  for (;;) {
    const next = frames.next();
    if (next.done) {
      const { frames: written, bytes } = writer.close();
      return { frames: written, bytes, stats: next.value };
    }
    writer.writeFrame(next.value);
    onFrame?.(++done, total);
  }
}
