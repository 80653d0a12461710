// Replay of recorded streams and *_data.txt through the CLI: the RS232 log is byte-identical across
// runs and builds, untouched frames match their truth, and damaged input still gives every frame
// before the damage plus a report naming the byte offset.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseHwConf } from "../host/config/hwConf.js";
import { formatDataTxt } from "../host/formats/dataTxt.js";
import { parseRecordLine } from "../host/formats/rs232Lines.js";
import { StreamWriter } from "../host/formats/stream/streamWriter.js";
import type { FrameTruth } from "../host/formats/stream/streamTypes.js";
import { packageRoot } from "../host/paths.js";
import { labelFrame } from "../host/reference/labeller.js";
import { noiseFrame } from "../simulator/frames/noise.js";
import { Rng } from "../simulator/random.js";
import { REAL_ACQ_CONF, REAL_HW_CONF, REAL_CLASS_BOUNDS_UM } from "./support/config.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const W = 160;
const H = 120;
const hw = parseHwConf(REAL_HW_CONF);

/** Truth of a frame from the reference labeller (these hand-made frames have no touching objects). */
function truthOf(px: Uint8Array): FrameTruth {
  const classCounts = new Array(18).fill(0);
  const classGreyMeanSums = new Array(18).fill(0);
  for (const o of labelFrame(px, W, H, hw.thresholdGrey)) {
    const esd = 2 * Math.sqrt((hw.aaUm2 * o.areaPx ** hw.exp) / Math.PI);
    let k = -1;
    REAL_CLASS_BOUNDS_UM.forEach((b, i) => { if (esd >= Math.fround(b)) k = i; });
    classCounts[k]++;
    classGreyMeanSums[k] += o.greySum / o.areaPx;
  }
  return { classCounts, classGreyMeanSums, belowFirstClass: 0, noiseObjects: 0, objects: [], touchingObjects: 0, overexposed: false, concentrationPerL: 0, slope: 0 };
}

let dir = "";
let stream = "";
let frames = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-replay-"));
  stream = join(dir, "mission.uvps");
  const rng = new Rng(5);
  const w = StreamWriter.create(stream, { hwConf: REAL_HW_CONF, acqConf: REAL_ACQ_CONF, taxoConf: null,
    zones: { boundariesDbar: [100], sliceThicknessDbar: [1, 5], processing: ["raw", "mean"] }, metadata: { test: true } });
  // 9 lit frames (blocs of 2: 4 full + 1 flushed), then 2 black frames, then 3 lit.
  const kinds = [...new Array(9).fill("lit"), "black", "black", "lit", "lit", "lit"] as Array<"lit" | "black">;
  kinds.forEach((kind, i) => {
    const px = noiseFrame(rng, W, H, { objectCount: rng.int(5, 40), threshold: 22 });
    w.writeFrame({ timeS: 1_652_832_000 + 2 * i, pressureDbar: 500 - i, temperatureC: 5 + i / 10, kind, phase: "ascent", widthPx: W, heightPx: H, pixels: px, truth: truthOf(px) });
  });
  frames = w.close().frames;
});

describe("uvp-float replay", () => {
  it("writes the RS232 log, identical across runs and builds, and matches the truth", () => {
    const a = cli("replay", stream, "--build", "simd", "--out", join(dir, "a"));
    const b = cli("replay", stream, "--build", "scalar", "--out", join(dir, "b"));
    const c = cli("replay", stream, "--build", "simd", "--out", join(dir, "c"));
    for (const r of [a, b, c]) expect(r.status, r.stderr).toBe(0);
    const log = readFileSync(join(dir, "a.rs232.log"));
    expect(readFileSync(join(dir, "b.rs232.log")).equals(log)).toBe(true);
    expect(readFileSync(join(dir, "c.rs232.log")).equals(log)).toBe(true);
    const lines = log.toString().trim().split("\n");
    expect(lines[0]).toBe(REAL_HW_CONF);
    expect(lines[1]).toBe(REAL_ACQ_CONF);
    const records = lines.slice(2).map(parseRecordLine);
    // 9 lit -> 4 blocs of 2 + 1 closed by the black frames; 2 black -> 1 bloc; 3 lit -> 1 + 1 flushed.
    expect(records.map((r) => `${r.kind}${r.images}`)).toEqual(["LPM2", "LPM2", "LPM2", "LPM2", "LPM1", "BLACK2", "LPM2", "LPM1"]);
    const summary = JSON.parse(readFileSync(join(dir, "a.summary.json"), "utf8"));
    expect(summary.frames).toMatchObject({ fed: frames, lit: 12, black: 2, skipped: 0 });
    expect(summary.perFrame).toMatchObject({ compared: frames, matching: frames });
    expect(summary.perBloc).toMatchObject({ compared: 8, withinBound: 8, maxAbsDiff: 0, misaligned: 0 });
    expect(a.stdout).toMatch(/14\/14 frames with identical class counts/);
  });

  it("exits 1 and says so when the firmware disagrees with the truth", () => {
    const bad = join(dir, "bad-truth.uvps");
    const rng = new Rng(8);
    const w = StreamWriter.create(bad, { hwConf: REAL_HW_CONF, acqConf: REAL_ACQ_CONF, taxoConf: null,
      zones: { boundariesDbar: [100], sliceThicknessDbar: [1, 5], processing: ["raw", "mean"] }, metadata: {} });
    for (let i = 0; i < 4; i++) {
      const px = noiseFrame(rng, W, H, { objectCount: 10, threshold: 22 });
      const truth = truthOf(px);
      if (i === 2) truth.classCounts[0] += 5; // a truth the firmware cannot match
      w.writeFrame({ timeS: 1_652_832_000 + i, pressureDbar: 100, temperatureC: 5, kind: "lit", phase: "ascent", widthPx: W, heightPx: H, pixels: px, truth });
    }
    w.close();
    const r = cli("replay", bad, "--out", join(dir, "bad"));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/DISAGREES WITH THE TRUTH/);
    expect(JSON.parse(readFileSync(join(dir, "bad.summary.json"), "utf8")).agreesWithTruth).toBe(false);
  });

  it("refuses to overwrite its outputs without --force", () => {
    cli("replay", stream, "--out", join(dir, "d"));
    const again = cli("replay", stream, "--out", join(dir, "d"));
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/d\.rs232\.log exists.*give --force/);
    expect(cli("replay", stream, "--out", join(dir, "d"), "--force").status).toBe(0);
  });

  it("replays a truncated stream up to the damage, naming the byte offset, and exits 65", () => {
    const cut = join(dir, "cut.uvps");
    writeFileSync(cut, readFileSync(stream));
    truncateSync(cut, Math.floor(statSync(stream).size * 0.6));
    const r = cli("replay", cut, "--out", join(dir, "cut"), "--json");
    expect(r.status).toBe(65);
    const out = JSON.parse(r.stdout);
    expect(out.frames.fed).toBeGreaterThan(3);
    expect(out.frames.fed).toBeLessThan(frames);
    expect(out.inputProblems[0].message).toMatch(/truncated/);
    expect(out.inputProblems[0].offset).toBeGreaterThan(0);
  });

  it("replays the camera's *_data.txt through the same class and bloc stage", () => {
    const txt = join(dir, "20220518_data.txt");
    writeFileSync(txt, formatDataTxt({ hwConf: REAL_HW_CONF, acqConf: REAL_ACQ_CONF, taxoConf: null, images: [
      { timeS: 1652906411.12, depthDbar: 700.3, temperatureC: 27.13, kind: "lit", overexposedPercent: null, empty: false,
        entries: [{ areaPx: 1, count: 2589, meanGrey: 31.4, sdGrey: 9.5 }, { areaPx: 2, count: 176, meanGrey: 37.9, sdGrey: 15.9 }, { areaPx: 3, count: 45, meanGrey: 47.8, sdGrey: 24.4 }, { areaPx: 4, count: 34, meanGrey: 60.1, sdGrey: 28 }] },
      { timeS: 1652906412.12, depthDbar: 700.1, temperatureC: 27.13, kind: "lit", overexposedPercent: null, empty: true, entries: [] },
    ] }));
    const r = cli("replay", txt, "--out", join(dir, "txt"));
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, "txt.rs232.log"), "utf8").trim().split("\n");
    expect(lines[2]).toBe("LPM_DATA,700.20,20220518,204011,2,27.13,2589,176,45,34,0,0,0,0,0,0,0,0,0,0,0,0,0,0,31,38,48,60,0,0,0,0,0,0,0,0,0,0,0,0,0,0;");
  });
});
