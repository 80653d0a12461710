// The mission timeline: phase frame counts, monotonic times and pressures, and the black-bloc rule.

import { describe, expect, it } from "vitest";
import { loadProfile, type Profile } from "../host/config/profile.js";
import {
  DEFAULT_START_TIME_S,
  defaultFrameIntervalS,
  missionPlan,
  plannedFrameCounts,
  resolveMissionOptions,
  type PlannedFrame,
} from "../simulator/mission/index.js";

const profile = loadProfile("000118LP"); // 2 frames per bloc, a black bloc every 40, 2 Hz; park 20 images every 7200 s

function withAcq(p: Profile, acq: Partial<Profile["acq"]>): Profile {
  return { ...p, acq: { ...p.acq, ...acq } };
}

function plan(p: Profile, options: Parameters<typeof missionPlan>[1]): PlannedFrame[] {
  return [...missionPlan(p, options)];
}

describe("mission plan", () => {
  it("uses the documented defaults", () => {
    const o = resolveMissionOptions(profile, { seed: 1 });
    expect(o.parkDepthDbar).toBe(1000);
    expect(o.profileDepthDbar).toBe(2000);
    expect(o.phases).toEqual(["park", "ascent"]);
    expect(o.startTimeS).toBe(Date.parse("2022-05-18T00:00:00Z") / 1000);
    expect(DEFAULT_START_TIME_S).toBe(1652832000);
    // ACQ_NKE_3 asks for 2 Hz, the UVP6-LP does at most 1.3 images/s.
    expect(o.frameIntervalS).toBeCloseTo(1 / 1.3, 12);
    expect(defaultFrameIntervalS(withAcq(profile, { acquisitionFrequencyHz: 0.5 }))).toBe(2);
    expect(() => resolveMissionOptions(profile, { seed: 1, parkDepthDbar: 500, profileDepthDbar: 400 })).toThrow(/profileDepthDbar/);
    expect(() => resolveMissionOptions(profile, { seed: 1, frameScale: 0 })).toThrow(/frameScale/);
    expect(() => resolveMissionOptions(profile, { seed: 1, phases: ["nowhere" as never] })).toThrow(/phase/);
  });

  it("takes the frame counts per phase computed from the timeline (default mission)", () => {
    const dt = 1 / 1.3;
    const expected = {
      descent: 0,
      park: 2 * 20, // samples at 0 and 7200 s of 20 images 5 s apart (one at 14400 s would not fit)
      "deep-profile": 0,
      ascent: Math.ceil(2000 / 0.1 / dt - 1e-9), // 20,000 s of ascent, one frame every 1/1.3 s, the surface excluded
      surface: 0,
    };
    expect(expected.ascent).toBe(26000);
    expect(plannedFrameCounts(profile, { seed: 1 })).toEqual(expected);
    const counted = { descent: 0, park: 0, "deep-profile": 0, ascent: 0, surface: 0 };
    let last: PlannedFrame | undefined;
    for (const f of missionPlan(profile, { seed: 1 })) {
      counted[f.phase]++;
      if (last) expect(f.index).toBe(last.index + 1);
      last = f;
    }
    expect(counted).toEqual(expected);
  });

  it("counts the camera-on phases a caller asks for", () => {
    const options = { seed: 1, parkDepthDbar: 100, profileDepthDbar: 150, parkDurationS: 7296, phases: ["descent", "park", "deep-profile", "ascent"] as const };
    const dt = 1 / 1.3;
    const counts = plannedFrameCounts(profile, { ...options, phases: [...options.phases] });
    expect(counts).toEqual({
      descent: Math.ceil(100 / 0.1 / dt - 1e-9),
      park: 2 * 20, // samples at 0 and 7200 s: the second one's last image (7295 s) is inside the park
      "deep-profile": Math.ceil(50 / 0.1 / dt - 1e-9),
      ascent: Math.ceil(150 / 0.1 / dt - 1e-9),
      surface: 0,
    });
    const frames = plan(profile, { ...options, phases: [...options.phases] });
    expect(frames.length).toBe(counts.descent + counts.park + counts["deep-profile"] + counts.ascent);
    expect(frames.map((f) => f.phase).filter((p, i, a) => i === 0 || a[i - 1] !== p)).toEqual(["descent", "park", "deep-profile", "ascent"]);
    // A park of 7295 s leaves the second sample's last image on the park's end instant: one sample only.
    expect(plannedFrameCounts(profile, { ...options, phases: [...options.phases], parkDurationS: 7295 }).park).toBe(20);
  });

  it("has increasing times, monotonic pressures and plausible temperatures", () => {
    const frames = plan(profile, { seed: 1, parkDepthDbar: 100, profileDepthDbar: 300, phases: ["descent", "park", "deep-profile", "ascent"] });
    for (let i = 1; i < frames.length; i++) expect(frames[i].timeS).toBeGreaterThan(frames[i - 1].timeS);
    const by = (phase: string): PlannedFrame[] => frames.filter((f) => f.phase === phase);
    for (const [phase, sign] of [["descent", 1], ["deep-profile", 1], ["ascent", -1]] as const) {
      const fs = by(phase);
      expect(fs.length).toBeGreaterThan(100);
      for (let i = 1; i < fs.length; i++) expect(sign * (fs[i].pressureDbar - fs[i - 1].pressureDbar)).toBeGreaterThan(0);
    }
    const ascent = by("ascent");
    expect(ascent[0].pressureDbar).toBe(300);
    expect(ascent[ascent.length - 1].pressureDbar).toBeGreaterThan(0);
    expect(ascent[ascent.length - 1].pressureDbar).toBeLessThan(0.1 / 1.3 + 0.01);
    // One frame every 1/1.3 s during the ascent.
    expect(ascent[1].timeS - ascent[0].timeS).toBeCloseTo(1 / 1.3, 2);
    for (const f of by("park")) expect(Math.abs(f.pressureDbar - 100)).toBeLessThanOrEqual(1);
    // Park samples: 20 images 5 s apart, samples 7200 s apart.
    const park = by("park");
    expect(park[1].timeS - park[0].timeS).toBeCloseTo(5, 6);
    expect(park[20].timeS - park[0].timeS).toBeCloseTo(7200, 6);
    for (const f of frames) {
      expect(f.temperatureC).toBeGreaterThan(3);
      expect(f.temperatureC).toBeLessThan(35);
    }
    // Warmer near the surface than deep at the end of the ascent-side of the mission (self-heating aside).
    expect(ascent[ascent.length - 1].temperatureC).toBeGreaterThan(ascent[0].temperatureC);
  });

  it("puts one black bloc after every blackIntervalBlocs lit blocs", () => {
    // Park: 2 samples x 20 frames = 20 lit blocs of 2; the count carries on into the ascent, so its first
    // black bloc comes after 20 more lit blocs (40 frames), then every 40 lit blocs (80 frames).
    const frames = plan(profile, { seed: 1, profileDepthDbar: 1000, parkDepthDbar: 1000 });
    const park = frames.filter((f) => f.phase === "park");
    expect(park.every((f) => f.kind === "lit")).toBe(true);
    const kinds = frames.filter((f) => f.phase === "ascent").map((f) => (f.kind === "lit" ? "L" : "B")).join("");
    expect(kinds.startsWith("L".repeat(40) + "BB" + "L".repeat(80) + "BB")).toBe(true);
    const runs = kinds.match(/L+|B+/g) ?? [];
    for (const run of runs.slice(1, -1)) expect(run.length).toBe(run[0] === "L" ? 80 : 2);

    // One frame per bloc, a black bloc every 10 (000175LP): 10 lit frames, 1 black.
    const p175 = loadProfile("000175LP");
    const k175 = plan(p175, { seed: 1, profileDepthDbar: 50, parkDepthDbar: 50, phases: ["ascent"] })
      .map((f) => (f.kind === "lit" ? "L" : "B"))
      .join("");
    expect(k175.slice(0, 33)).toBe("LLLLLLLLLLBLLLLLLLLLLBLLLLLLLLLLB");

    // Interval 0: never a black frame.
    const none = plan(withAcq(profile, { blackIntervalBlocs: 0 }), { seed: 1, profileDepthDbar: 50, parkDepthDbar: 50 });
    expect(none.length).toBeGreaterThan(600);
    expect(none.every((f) => f.kind === "lit")).toBe(true);
  });

  it("closes a partial bloc at the end of an acquisition (each park sample is one)", () => {
    // 3 frames per bloc, 20 images per park sample: blocs of 3,3,3,3,3,3,2 per sample (7 blocs); black every 5.
    const p = withAcq(profile, { framesPerBloc: 3, blackIntervalBlocs: 5 });
    const park = plan(p, { seed: 1, parkDurationS: 3 * 7200, phases: ["park"] });
    expect(park.length).toBe(60);
    const samples = [0, 1, 2].map((s) => park.slice(20 * s, 20 * s + 20).map((f) => (f.kind === "lit" ? "L" : "B")).join(""));
    // Sample 0: 5 lit blocs (15 frames), a black bloc (3), a partial lit bloc (2) -> 1 lit bloc since black.
    expect(samples[0]).toBe("L".repeat(15) + "BBB" + "LL");
    // Sample 1: 4 more lit blocs (12 frames) reach 5 -> black bloc (3), then 5 lit frames (blocs of 3 and 2).
    expect(samples[1]).toBe("L".repeat(12) + "BBB" + "L".repeat(5));
    expect(new Set(park.map((f) => f.acquisition))).toEqual(new Set([0, 1, 2]));
  });
});
