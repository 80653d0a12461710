// Classification candidates come in the order of eager slots in both builds, with the debug log off too:
// when more objects qualify than the candidate list holds, the first ones are kept, so the order decides
// which objects a TAXO record describes. The SIMD build labels a dense pair of rows another way than the
// plain build (whole one-run objects tallied out of order); its slot objects must still complete left to
// right. (A review found them completing right to left; these frames are the ones that showed it.)
import { describe, expect, it } from "vitest";
import { BUILDS, Firmware, FrameKind, Status } from "../host/firmware/index.js";
import { CONFIG_V1_OFFSETS } from "../host/config/configBlob.js";
import { randomModel } from "../host/classify/randomModel.js";
import { serializeModel } from "../host/classify/model.js";
import { blockCarryFrame, rowMixFrame } from "../simulator/frames/adversarial.js";
import { belowLimitFrame, overexposureLimitPx } from "../simulator/frames/belowLimit.js";
import { Rng } from "../simulator/random.js";
import { testBlob } from "./support/config.js";

const META = { timeS: 0, pressureDbar: 0, temperatureC: 0 };
const MODEL = serializeModel(randomModel(() => 0.3, { classCount: 4, treesPerClass: 2, valueRange: 3 }));

/** A configuration with classification on: `vignetteUm` sets the smallest candidate (150 um: 7 px). */
function classifying(build: (typeof BUILDS)[number], w: number, h: number, threshold: number, vignetteUm: number, overexposurePermille = 1000): Firmware {
  const blob = testBlob({ widthPx: w, heightPx: h, threshold, framesPerBloc: 1, maxClassifyPx: 65535, overexposurePermille });
  new DataView(blob.buffer, blob.byteOffset, blob.byteLength).setFloat32(CONFIG_V1_OFFSETS.vignettingLowerLimitUm, vignetteUm, true);
  const fw = Firmware.create(build);
  expect(fw.configure(blob)).toBe(Status.OK);
  expect(fw.loadModel(MODEL)).toBe(Status.OK);
  return fw;
}

/** The frame's candidates as the firmware lists them (area, grey sum, bounding box), debug log off. */
function candidatesOf(fw: Firmware, pixels: Uint8Array, w: number, h: number): string[] {
  fw.setObjectLog(false);
  expect(fw.beginFrame(FrameKind.Lit, META)).toBe(Status.OK);
  for (let y = 0; y < h; y++) expect(fw.pushRow(y, pixels.subarray(y * w, (y + 1) * w))).toBe(Status.OK);
  expect(fw.endFrame()).toBe(Status.OK);
  const out: string[] = [];
  for (let i = 0; i < fw.raw.candidateCount(); i++) {
    const v = new DataView(fw.raw.memory.buffer, fw.raw.candidatePtr(i), 16);
    out.push([v.getUint32(0, true), v.getUint32(4, true), ...[8, 10, 12, 14].map((o) => v.getUint16(o, true))].join(","));
  }
  fw.classifyPendingFrame(pixels, w);
  fw.takeRecords();
  return out;
}

describe("classification candidates, debug log off", () => {
  it("two bars ending on a dense row: the left one first, in both builds", () => {
    const W = 128;
    const H = 20;
    const px = new Uint8Array(W * H);
    for (let y = 2; y <= 11; y++) {
      px[y * W + 5] = 100;
      px[y * W + 20] = 120;
    }
    for (let y = 0; y < H; y += 2) for (let x = 64; x < W; x += 4) px[y * W + x] = 90;
    for (const build of BUILDS) {
      expect(candidatesOf(classifying(build, W, H, 21, 150), px, W, H), build).toEqual([
        "10,1000,5,2,5,11", // area, grey sum, xMin, yMin, xMax, yMax: the bar at x = 5 first
        "10,1200,20,2,20,11",
      ]);
    }
  });

  it("40 bars ending on one dense row: the 25 leftmost make the TAXO record, in both builds", () => {
    const W = 256;
    const H = 16;
    const px = new Uint8Array(W * H);
    for (let b = 0; b < 40; b++) for (let y = 2; y <= 11; y++) px[y * W + 3 + 4 * b] = 50 + b;
    for (let x = 176; x < W; x += 2) px[12 * W + x] = 200;
    for (const build of BUILDS) {
      const fw = classifying(build, W, H, 21, 150);
      fw.runFrame(px, W, H, FrameKind.Lit, META);
      const [record] = fw.takeRecords();
      const greys = record.taxo![0].triplets.map((t) => t.meanGrey).sort((a, b) => a - b);
      expect(greys, build).toEqual(Array.from({ length: 25 }, (_, b) => 50 + b));
    }
  });

  it("the same candidates in the same order in both builds, on dense and mixed frames", () => {
    const rng = new Rng(20261204);
    let compared = 0;
    for (let i = 0; i < 240; i++) {
      const w = rng.pick([64, 100, 128, 200, 256, 320]);
      const h = rng.int(8, 40);
      const threshold = rng.int(0, 200);
      const pixels = i % 2 === 0 ? rowMixFrame(rng, w, h, threshold) : blockCarryFrame(rng, w, h, threshold);
      const [simd, plain] = BUILDS.map((b) => candidatesOf(classifying(b, w, h, threshold, 150), pixels, w, h));
      expect(simd, `frame ${i} (${w} x ${h} @ ${threshold})`).toEqual(plain);
      compared += simd.length;
    }
    expect(compared).toBeGreaterThan(500); // the frames do hold candidates
  });

  it("the stripes frame at the over-exposure limit: the same 25 kept in both builds", () => {
    const W = 2464;
    const H = 2056;
    const pixels = belowLimitFrame(W, H, "stripes", overexposureLimitPx(W, H), new Rng(2));
    const [simd, plain] = BUILDS.map((b) => candidatesOf(classifying(b, W, H, 21, 813, 100), pixels, W, H));
    expect(simd.length).toBeGreaterThan(0);
    expect(simd).toEqual(plain);
  });
});
