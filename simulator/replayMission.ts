// A simulated mission run straight into the firmware, without a stream file in between.
import type { Profile } from "../host/config/profile.js";
import type { Build } from "../host/firmware/index.js";
import { ReplaySession } from "../host/replay/replaySession.js";
import { simulateMission, type MissionOptions } from "./mission/index.js";

/** Simulates `options` for `profile` and replays every frame through a firmware of `build`; returns the finished session. */
export function replayMission(profile: Profile, options: MissionOptions, build: Build | "auto"): ReplaySession {
  let session: ReplaySession | null = null;
  let index = 0;
  for (const f of simulateMission(profile, options)) {
    session ??= new ReplaySession(profile.lines, build, { widthPx: f.widthPx, heightPx: f.heightPx });
    session.feed({
      index: index++, timeS: f.timeS, pressureDbar: f.pressureDbar, temperatureC: f.temperatureC, kind: f.kind,
      pixels: { widthPx: f.widthPx, heightPx: f.heightPx, data: f.pixels }, truth: f.truth,
    });
  }
  if (!session) throw new Error("the mission has no frame: check its phases and depths");
  session.finish();
  return session;
}
