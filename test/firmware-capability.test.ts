// Builds by capability: the lpm build (no classifier, 3 pages) and the full build (12 pages) come from one
// source, and every output they share (LPM/BLACK lines, CTS5 files, SBD messages) is byte-identical on a
// simulated profile with the float side on; the lpm build refuses every classifier call with NO_CLASSIFIER.
import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { BUILDS, Firmware, Status } from "../host/firmware/index.js";
import { packageRoot } from "../host/paths.js";
import { replayFile, type ReplayOutput } from "../host/replay/replayFile.js";
import { writeMissionStream } from "../simulator/writeMission.js";
import { cli } from "./support/reportFixtures.js";

const profile = loadProfile("000118LP");
const outputs: Record<string, ReplayOutput> = {};
let stream = "";

beforeAll(() => {
  stream = join(mkdtempSync(join(tmpdir(), "uvp-capability-")), "short.uvps");
  // Park and ascent at tenth-size frames: lit and black blocs, several zones, both telemetry formats.
  writeMissionStream(profile, { seed: 3, profileDepthDbar: 80, parkDepthDbar: 80, parkDurationS: 300, frameScale: 0.1 }, stream, false);
  const telemetry = { floatId: 4903634, cycle: 7, sbdMaxBytes: 340 };
  for (const capability of ["full", "lpm"] as const) {
    for (const build of BUILDS) outputs[`${capability}.${build}`] = replayFile(stream, { build, capability, telemetry });
  }
});

describe("builds by capability", () => {
  it("give byte-identical RS232 lines and telemetry parts in all four builds (no model)", () => {
    const ref = outputs["full.simd"];
    expect(ref.summary.problems).toEqual([]);
    expect(ref.logLines.filter((l) => l.startsWith("LPM_DATA")).length).toBeGreaterThan(3);
    expect(ref.logLines.some((l) => l.startsWith("BLACK_DATA"))).toBe(true);
    expect(ref.telemetryParts.some((p) => p.format === "cts5")).toBe(true);
    expect(ref.telemetryParts.some((p) => p.format === "sbd")).toBe(true);
    for (const [name, out] of Object.entries(outputs)) {
      expect(out.logLines, name).toEqual(ref.logLines);
      expect(out.telemetryParts.map((p) => [p.format, p.kind, p.part, Buffer.from(p.bytes).toString("hex")]), name)
        .toEqual(ref.telemetryParts.map((p) => [p.format, p.kind, p.part, Buffer.from(p.bytes).toString("hex")]));
    }
  });

  it.each(BUILDS)("lpm (%s) refuses a model and every classifier call with NO_CLASSIFIER, and keeps working", (build) => {
    const fw = Firmware.create(build, "lpm");
    const model = readFileSync(join(packageRoot(), "profiles", "models", "demo-taxa.bin"));
    expect(fw.loadModel(model)).toBe(Status.NO_CLASSIFIER);
    expect(fw.raw.loadModel(model.length)).toBe(Status.NO_CLASSIFIER);
    expect(fw.raw.classifyVignette(4, 4, 10)).toBe(Status.NO_CLASSIFIER);
    expect(fw.raw.computeVignetteFeatures(4, 4, 10)).toBe(Status.NO_CLASSIFIER);
    expect(fw.raw.vignetteMaxPixels()).toBe(0);
    expect(fw.raw.modelCapacityBytes()).toBe(0);
    expect(fw.raw.classificationOn()).toBe(0);
    expect(() => replayFile(stream, { build, capability: "lpm", model: { bytes: model, taxoConf: null } })).toThrow(/no classifier/);
  });

  it.each(BUILDS)("full (%s) loads the demonstration model and holds models up to its 224 KiB area", (build) => {
    const fw = Firmware.create(build, "full");
    const model = readFileSync(join(packageRoot(), "profiles", "models", "demo-taxa.bin"));
    expect(fw.loadModel(model)).toBe(Status.OK);
    expect(fw.raw.modelCapacityBytes()).toBe(224 * 1024);
    expect(fw.loadModel(new Uint8Array(224 * 1024 + 1))).toBe(Status.MODEL_TOO_LARGE);
  });

  it("model inspect says which builds a model fits: the full build's area (or --model-area), never lpm", () => {
    const model = join(packageRoot(), "profiles", "models", "demo-taxa.bin");
    const fits = cli("model", "inspect", model, "--json");
    expect(fits.status).toBe(0);
    expect(JSON.parse(fits.stdout).builds).toEqual({
      full: { modelAreaBytes: 224 * 1024, fits: true, usedPercent: 1.5, why: "fits" },
      lpm: { modelAreaBytes: 0, fits: false, why: expect.stringMatching(/no classifier/) },
    });
    const small = cli("model", "inspect", model, "--model-area", "3440");
    expect(small.status).toBe(1);
    expect(small.stdout).toMatch(/full build \(model area 3440 B, --model-area\): too large: 3456 B, the area holds 3440 B/);
    expect(small.stdout).toMatch(/lpm build: no classifier/);
    expect(cli("model", "inspect", model, "--model-area", "3456").status).toBe(0);
  });
});
