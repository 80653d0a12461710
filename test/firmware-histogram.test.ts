// Area-histogram frames (the camera's *_data.txt, no pixels) go through the same class and bloc stage
// as pixel frames: same counts, same grey, same over-exposure outcome; misuse gets its own status.
import { describe, expect, it } from "vitest";
import { BUILDS, Firmware, FrameKind, Status } from "../host/firmware/index.js";
import { labelFrame } from "../host/reference/labeller.js";
import { randomBlobsFrame } from "../simulator/frames/adversarial.js";
import { noiseFrame } from "../simulator/frames/noise.js";
import { Rng } from "../simulator/random.js";
import { testBlob } from "./support/config.js";

const meta = { timeS: 1_652_906_411, pressureDbar: 700.3, temperatureC: 27.13 };

describe.each(BUILDS)("area-histogram frames (%s build)", (build) => {
  it("count the real *_data.txt line's objects into their classes", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: 2464, heightPx: 2056, framesPerBloc: 1 }));
    // 20220518-214011-120,700.3,27.13,1:1,2589,31.4,9.5;2,176,37.9,15.9;3,45,47.8,24.4;4,34,60.1,28.0;
    expect(fw.beginHistogramFrame(FrameKind.Lit, meta)).toBe(Status.OK);
    for (const [area, count, grey] of [[1, 2589, 31.4], [2, 176, 37.9], [3, 45, 47.8], [4, 34, 60.1]]) {
      expect(fw.pushAreaCount(area, count, grey)).toBe(Status.OK);
    }
    expect(fw.endFrame()).toBe(Status.OK);
    const [r] = fw.takeRecords();
    // 1 px -> class 1, 2 px -> class 2, 3 px -> class 3, 4 px -> 113 um -> class 4.
    expect(r.counts.slice(0, 5)).toEqual([2589, 176, 45, 34, 0]);
    expect(r.grey.slice(0, 5)).toEqual([31, 38, 48, 60, 0]);
    expect(fw.frameSummary().objectCount).toBe(2589 + 176 + 45 + 34);
  });

  it("give the same record as the pixels they summarise", () => {
    const rng = new Rng(7);
    const fw = Firmware.create(build);
    for (let i = 0; i < 60; i++) {
      const w = rng.int(20, 200);
      const h = rng.int(20, 120);
      const px = i % 2 ? randomBlobsFrame(rng, w, h, rng.int(1, 30), 21) : noiseFrame(rng, w, h, { objectCount: rng.int(0, 40), threshold: 21 });
      fw.configure(testBlob({ widthPx: w, heightPx: h, framesPerBloc: 1 }));
      fw.runFrame(px, w, h, FrameKind.Lit, meta);
      const [fromPixels] = fw.takeRecords();
      // The histogram *_data.txt would hold: per area, the count and the mean of the objects' mean grey.
      const byArea = new Map<number, number[]>();
      for (const o of labelFrame(px, w, h, 21)) byArea.set(o.areaPx, [...(byArea.get(o.areaPx) ?? []), o.greySum / o.areaPx]);
      expect(fw.beginHistogramFrame(FrameKind.Lit, meta)).toBe(Status.OK);
      for (const [area, means] of byArea) expect(fw.pushAreaCount(area, means.length, means.reduce((a, b) => a + b, 0) / means.length)).toBe(Status.OK);
      expect(fw.endFrame()).toBe(Status.OK);
      const [fromHistogram] = fw.takeRecords();
      expect(fromHistogram.counts).toEqual(fromPixels.counts);
      // Grey may differ by the 2^-24 truncation of a mean landing exactly on .5: never by more than 1.
      fromHistogram.grey.forEach((g, k) => expect(Math.abs(g - fromPixels.grey[k])).toBeLessThanOrEqual(1));
    }
  });

  it("counts an EMPTY_IMAGE line as an image with no object", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: 2464, heightPx: 2056, framesPerBloc: 1 }));
    expect(fw.beginHistogramFrame(FrameKind.Black, meta)).toBe(Status.OK);
    expect(fw.endFrame()).toBe(Status.OK);
    const [r] = fw.takeRecords();
    expect(r).toMatchObject({ kind: "BLACK", images: 1, overexposed: false });
    expect(r.counts.every((c) => c === 0)).toBe(true);
  });

  it("reports an OVER_EXPOSED image as the camera's IMG = 0 bloc", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: 2464, heightPx: 2056, framesPerBloc: 1 }));
    expect(fw.beginHistogramFrame(FrameKind.Lit, meta)).toBe(Status.OK);
    expect(fw.markFrameOverexposed()).toBe(Status.OK);
    expect(fw.endFrame()).toBe(Status.OK);
    const [r] = fw.takeRecords();
    expect(r).toMatchObject({ overexposed: true, images: 0 });
  });

  it("refuses mixed frames and impossible entries, then keeps working", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: 10, heightPx: 10, framesPerBloc: 1 }));
    expect(fw.pushAreaCount(1, 1, 30)).toBe(Status.FRAME_NOT_STARTED);
    expect(fw.markFrameOverexposed()).toBe(Status.FRAME_NOT_STARTED);
    fw.beginHistogramFrame(FrameKind.Lit, meta);
    expect(fw.pushAreaCount(0, 1, 30)).toBe(Status.HISTOGRAM_ENTRY);
    expect(fw.pushAreaCount(101, 1, 30)).toBe(Status.HISTOGRAM_ENTRY);
    expect(fw.pushAreaCount(1, 1, Number.NaN)).toBe(Status.HISTOGRAM_ENTRY);
    expect(fw.pushAreaCount(1, 1, 256)).toBe(Status.HISTOGRAM_ENTRY);
    expect(fw.pushAreaCount(2, 51, 30)).toBe(Status.HISTOGRAM_ENTRY); // 102 px in a 100 px frame
    expect(fw.pushAreaCount(1, 0xffffffff, 30)).toBe(Status.HISTOGRAM_ENTRY);
    expect(fw.pushAreaCount(3, 2, 40)).toBe(Status.OK);
    expect(fw.pushRow(0, new Uint8Array(10))).toBe(Status.FRAME_MODE);
    expect(fw.endFrame()).toBe(Status.OK);
    fw.beginFrame(FrameKind.Lit, meta);
    expect(fw.pushRow(0, new Uint8Array(10))).toBe(Status.OK);
    expect(fw.pushAreaCount(1, 1, 30)).toBe(Status.FRAME_MODE);
    fw.abortFrame();
    expect(fw.takeRecords()[0].counts[2]).toBe(2);
  });
});
