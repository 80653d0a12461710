// The mission simulator is deterministic per seed, frame by frame, and its frames are independent.

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import {
  createFrameContext,
  drawMissionFrame,
  effectiveImageVolumeL,
  missionHeaderMetadata,
  missionPlan,
  particleConcentrationPerL,
  particleSlope,
  simulateMission,
  type MissionOptions,
  type SimFrame,
} from "../simulator/mission/index.js";

const profile = loadProfile("000118LP");
// A short mission: 2 park samples of 20 images, then an ascent from 30 dbar (390 frames), at 1/10 scale.
const SHORT: MissionOptions = { seed: 42, parkDepthDbar: 30, profileDepthDbar: 30, frameScale: 0.1 };

// Digest of every byte and every field of a mission's frames.
function missionDigest(options: MissionOptions): { digest: string; frames: number } {
  const hash = createHash("sha256");
  let frames = 0;
  for (const f of simulateMission(profile, options)) {
    const { pixels, ...rest } = f;
    hash.update(JSON.stringify(rest));
    hash.update(pixels);
    frames++;
  }
  return { digest: hash.digest("hex"), frames };
}

describe("mission simulator determinism", () => {
  it("gives the same bytes for the same seed and other bytes for another seed", () => {
    const a = missionDigest(SHORT);
    const b = missionDigest(SHORT);
    expect(a.frames).toBe(40 + 390);
    expect(b).toEqual(a);
    expect(missionDigest({ ...SHORT, seed: 43 }).digest).not.toBe(a.digest);
    // Other options are deterministic too.
    const noisy = { ...SHORT, subThresholdNoise: true, avoidTouching: true };
    expect(missionDigest(noisy)).toEqual(missionDigest(noisy));
    expect(missionDigest(noisy).digest).not.toBe(a.digest);
  });

  it("draws each frame from its own random stream (a frame does not depend on the frames before it)", () => {
    const frames: SimFrame[] = [];
    for (const f of simulateMission(profile, SHORT)) {
      frames.push(f);
      if (frames.length === 60) break;
    }
    const planned = [...missionPlan(profile, SHORT)];
    // Frame 55 drawn alone, with a fresh context, is the one the whole run produced.
    const ctx = createFrameContext(profile, SHORT);
    const alone = drawMissionFrame(ctx, planned[55]);
    expect(Buffer.from(alone.pixels).equals(Buffer.from(frames[55].pixels))).toBe(true);
    expect(alone.truth).toEqual(frames[55].truth);
    // Even after drawing other frames with the same context (reused buffers).
    drawMissionFrame(ctx, planned[3]);
    expect(drawMissionFrame(ctx, planned[55]).truth).toEqual(frames[55].truth);
    // Different frames differ.
    expect(Buffer.from(frames[54].pixels).equals(Buffer.from(frames[55].pixels))).toBe(false);
  });

  it("fills every SimFrame field consistently with the plan and the depth profiles", () => {
    const planned = missionPlan(profile, SHORT);
    for (const f of simulateMission(profile, SHORT)) {
      const p = planned.next().value as Exclude<ReturnType<typeof planned.next>["value"], number>;
      expect([f.timeS, f.pressureDbar, f.temperatureC, f.kind, f.phase]).toEqual([p.timeS, p.pressureDbar, p.temperatureC, p.kind, p.phase]);
      expect([f.widthPx, f.heightPx]).toEqual([246, 206]);
      expect(f.pixels.length).toBe(246 * 206);
      expect(f.truth.slope).toBe(particleSlope(f.pressureDbar));
      expect(f.truth.concentrationPerL).toBe(f.kind === "lit" ? particleConcentrationPerL(f.pressureDbar) : 0);
      if (f.kind === "black") {
        expect(f.truth.objects).toEqual([]);
        expect(f.truth.overexposed).toBe(false);
        expect(f.truth.noiseObjects).toBeGreaterThan(0);
      }
    }
  });

  it("describes the run in the header metadata", () => {
    const meta = missionHeaderMetadata(profile, SHORT);
    expect(meta).toMatchObject({
      profile: "000118LP",
      seed: 42,
      simulatorVersion: 1,
      frameWidthPx: 246,
      frameHeightPx: 206,
      effectiveImageVolumeL: effectiveImageVolumeL(profile, 0.1),
    });
    expect(meta.options).toMatchObject({ ...SHORT, phases: ["park", "ascent"], avoidTouching: false, subThresholdNoise: false, ascentSpeedMps: 0.1 });
    // 0.72 L x (246 x 206) / (2464 x 2056): s^2 up to the rounding of the frame's sides.
    expect(effectiveImageVolumeL(profile, 0.1)).toBeCloseTo((0.72 * 246 * 206) / (2464 * 2056), 12);
    expect(effectiveImageVolumeL(profile, 0.1) / 0.0072).toBeCloseTo(1, 2);
    expect(effectiveImageVolumeL(profile, 1)).toBe(0.72);
    expect(JSON.parse(JSON.stringify(meta))).toEqual(meta);
  });
});
