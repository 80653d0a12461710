// Replay throughput: frames per second through each build, reading a recorded stream from disk
// (inflate + CBOR decode + firmware + truth comparison), on quarter-size and full-size frames.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadProfile } from "../host/config/profile.js";
import { BUILDS } from "../host/firmware/index.js";
import { replayFile } from "../host/replay/replayFile.js";
import { writeMissionStream } from "../simulator/writeMission.js";
import { timeInterleaved } from "./timing.js";

/** One stream's replay throughput by build. */
export interface ReplayBenchResult {
  stream: string;
  frames: number;
  streamBytes: number;
  simulateFramesPerS: number;
  framesPerS: Record<string, number>;
}

/** Simulates two missions and times their replay on each build (median of `rounds`). */
export function benchReplay(rounds: number, log: (s: string) => void): ReplayBenchResult[] {
  const profile = loadProfile("000118LP");
  const dir = mkdtempSync(join(tmpdir(), "uvp-bench-"));
  const missions = [
    { stream: "200 dbar profile, 616 x 514 frames (scale 0.25)", options: { seed: 1, profileDepthDbar: 200, parkDepthDbar: 200, parkDurationS: 1800, frameScale: 0.25 } },
    { stream: "20 dbar ascent, full 2464 x 2056 frames", options: { seed: 2, profileDepthDbar: 20, parkDepthDbar: 20, parkDurationS: 0, phases: ["ascent" as const], frameScale: 1 } },
  ];
  const results: ReplayBenchResult[] = [];
  try {
    for (const [i, m] of missions.entries()) {
      log(`  ${m.stream} ...`);
      const path = join(dir, `m${i}.uvps`);
      const t0 = performance.now();
      const written = writeMissionStream(profile, m.options, path, true);
      const simulateFramesPerS = written.frames / ((performance.now() - t0) / 1000);
      const medians = timeInterleaved(BUILDS.map((build) => ({ name: build, run: () => void replayFile(path, { build }) })), rounds);
      results.push({
        stream: m.stream, frames: written.frames, streamBytes: statSync(path).size, simulateFramesPerS,
        framesPerS: Object.fromEntries([...medians].map(([b, ms]) => [b, written.frames / (ms / 1000)])),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
