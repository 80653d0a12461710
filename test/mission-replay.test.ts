// A whole simulated float profile, end to end: simulated into a recorded stream, replayed through
// both firmware builds, and checked against the simulator's ground truth and the real float's ranges.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import type { RealismRanges } from "../host/formats/argo/realismStats.js";
import { replayFile, type ReplayOutput } from "../host/replay/replayFile.js";
import { packageRoot } from "../host/paths.js";
import { effectiveImageVolumeL, type MissionOptions } from "../simulator/mission/index.js";
import { compareWithReal, sliceThicknessDbar } from "../simulator/realismCheck.js";
import { replayMission } from "../simulator/replayMission.js";
import { writeMissionStream } from "../simulator/writeMission.js";

const profile = loadProfile("000118LP");
const SHORT: MissionOptions = { seed: 11, profileDepthDbar: 200, parkDepthDbar: 200, parkDurationS: 1800, frameScale: 0.25 };
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

let dir = "";
let stream = "";
const out: Record<string, ReplayOutput> = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-mission-"));
  stream = join(dir, "short.uvps");
  writeMissionStream(profile, SHORT, stream, false);
  out.simd = replayFile(stream, { build: "simd" });
  out.scalar = replayFile(stream, { build: "scalar" });
});

describe("a simulated profile replayed through the firmware", () => {
  it("is deterministic: the same seed writes the same bytes", () => {
    const again = join(dir, "again.uvps");
    writeMissionStream(profile, SHORT, again, false);
    expect(sha(again)).toBe(sha(stream));
  });

  it("gives byte-identical RS232 logs on both builds, with no problem", () => {
    expect(out.simd.logLines.join("\n")).toBe(out.scalar.logLines.join("\n"));
    expect(out.simd.inputProblems).toEqual([]);
    expect(out.simd.summary.problems).toEqual([]);
    expect(out.simd.summary.frames.fed).toBeGreaterThan(2000);
    expect(out.simd.summary.records.black).toBeGreaterThan(0);
  });

  it("counts exactly the truth per class on every frame whose objects do not touch", () => {
    const s = out.simd.summary.perFrame;
    expect(s.compared).toBeGreaterThan(100);
    expect(s.mismatches).toEqual([]);
    expect(s.matching).toBe(s.compared);
  });

  it("keeps every bloc within the overlap bound of its truth", () => {
    // Tolerance: objects that touch merge into one, so each touching object moves at most one count
    // out of its class and each merge adds one elsewhere: |firmware - truth| <= touching objects, per class.
    const b = out.simd.summary.perBloc;
    expect(b.misaligned).toBe(0);
    expect(b.compared).toBeGreaterThan(1000);
    expect(b.withinBound).toBe(b.compared);
  });

  it("recovers the simulated spectral slope over 102-2050 um within 0.2", () => {
    const { firmwareSlope, truthMeanSlope } = out.simd.summary.spectrum;
    expect(truthMeanSlope).not.toBeNull();
    expect(Math.abs(firmwareSlope - truthMeanSlope!)).toBeLessThan(0.2);
  });

  it("counts particles > 102 um per slice within Poisson error of the drawn concentration", () => {
    // Expected per slice: sum over its blocs of concentration(P) x frames x imaged volume. Tolerance:
    // 4 Poisson standard deviations (the frames are independent draws) plus the touching objects.
    const volumeL = effectiveImageVolumeL(profile, SHORT.frameScale!);
    const slices = new Map<number, { observed: number; expected: number; touching: number }>();
    for (const b of replayMission(profile, SHORT, "simd").blocs) {
      if (!b.truth || b.truth.kind !== "lit" || b.record.overexposed || b.truth.overexposed) continue;
      const key = Math.floor(b.record.pressureDbar / sliceThicknessDbar(b.record.pressureDbar));
      const s = slices.get(key) ?? { observed: 0, expected: 0, touching: 0 };
      s.observed += b.record.counts.slice(3).reduce((a, c) => a + c, 0);
      s.expected += b.truth.meanConcentrationPerL * b.truth.frames * volumeL;
      s.touching += b.truth.touchingObjects;
      slices.set(key, s);
    }
    expect(slices.size).toBeGreaterThanOrEqual(10);
    for (const [key, s] of slices) {
      expect(Math.abs(s.observed - s.expected), `slice ${key}: ${s.observed} observed, ${s.expected.toFixed(1)} expected`).toBeLessThanOrEqual(4 * Math.sqrt(s.expected) + s.touching);
    }
  });

  it("falls within the real float's ranges of concentration and slope, band by band", () => {
    const ranges = JSON.parse(readFileSync(join(packageRoot(), "test", "fixtures", "argo-4903634", "realism-ranges.json"), "utf8")) as RealismRanges;
    // A full 2000 dbar ascent, sampled every 8 s on half-size frames: 2,500 frames.
    const options: MissionOptions = { seed: 3, profileDepthDbar: 2000, parkDurationS: 0, phases: ["ascent"], frameIntervalS: 8, frameScale: 0.5 };
    const bands = compareWithReal(replayMission(profile, options, "simd").records, effectiveImageVolumeL(profile, 0.5), profile.hw.classLowerBoundsUm, ranges);
    expect(bands).toHaveLength(4);
    for (const b of bands) {
      expect(b.slices, b.band).toBeGreaterThanOrEqual(8);
      expect(b.slicesWithin102, `${b.band}: every slice's concentration > 102 um within the real min-max`).toBe(b.slices);
      expect(b.medianWithinP10P90, `${b.band}: ${JSON.stringify(b.median)}`).toEqual({ concGe102PerL: true, concGe512PerL: true, slopeB: true });
    }
  });
});
