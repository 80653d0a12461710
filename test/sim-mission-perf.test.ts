// The mission generator streams: flat memory over thousands of frames; and its speed (reported).

import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { simulateMission, type MissionStats, emptyMissionStats } from "../simulator/mission/index.js";

const profile = loadProfile("000118LP");

// A real garbage collection when V8 lets us turn it on; otherwise a no-op (and looser limits).
function collector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

describe("mission simulator resources", () => {
  it("keeps the heap flat over 2,000+ frames at frameScale 0.1", () => {
    const gc = collector();
    // Ascent from 160 dbar: 2,080 frames (lit and black), 1/10 scale.
    const stats: MissionStats = emptyMissionStats();
    let baseline = 0;
    let peak = 0;
    let frames = 0;
    for (const f of simulateMission(profile, { seed: 4, parkDepthDbar: 160, profileDepthDbar: 160, frameScale: 0.1, phases: ["ascent"] }, stats)) {
      frames++;
      expect(f.pixels.length).toBe(246 * 206);
      if (frames === 200) {
        gc?.();
        baseline = process.memoryUsage().heapUsed;
      } else if (frames > 200 && frames % 200 === 0) {
        gc?.();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(frames).toBe(2080);
    expect(stats.frames).toBe(2080);
    expect(stats.litFrames + stats.blackFrames).toBe(2080);
    expect(stats.blackFrames).toBe(2 * Math.floor(2080 / 82) + Math.max(0, (2080 % 82) - 80));
    const growthMB = (peak - baseline) / 2 ** 20;
    console.log(`heap growth over ${frames - 200} frames: ${growthMB.toFixed(2)} MB (gc ${gc ? "forced" : "not available"})`);
    expect(growthMB).toBeLessThan(gc ? 4 : 32);
  });

  it("reports the frame rate at frameScale 0.25", () => {
    // A short profile: 2 park samples at 100 dbar and an ascent from 100 dbar (1,300 frames).
    const options = { seed: 5, parkDepthDbar: 100, profileDepthDbar: 100, frameScale: 0.25 };
    const start = performance.now();
    let frames = 0;
    let bytes = 0;
    for (const f of simulateMission(profile, options)) {
      frames++;
      bytes += f.pixels.length;
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(`frameScale 0.25 (616 x 514): ${frames} frames in ${seconds.toFixed(2)} s = ${(frames / seconds).toFixed(0)} frames/s, ${(bytes / seconds / 1e6).toFixed(0)} MB/s`);
    expect(frames).toBe(40 + 1300);
  });
});
