// Bloc records: counts summed over Frames_per_bloc frames, mean grey per object rounded half up,
// pressure and temperature averaged, time of the first frame, black blocs, over-exposure, flushes.
import { describe, expect, it } from "vitest";
import { BUILDS, Firmware, FrameKind, Status, type BlocRecord } from "../host/firmware/index.js";
import { REAL_CLASS_BOUNDS_UM, testBlob } from "./support/config.js";

const W = 64;
const H = 8;

/** A W x H frame with the given objects drawn as horizontal runs: [x, y, greys...]. */
function frameOf(runs: Array<[number, number, ...number[]]>): Uint8Array {
  const px = new Uint8Array(W * H);
  for (const [x, y, ...greys] of runs) greys.forEach((g, i) => (px[y * W + x + i] = g));
  return px;
}

function run(fw: Firmware, px: Uint8Array, kind = FrameKind.Lit, t = 1_650_000_000, p = 100, temp = 10): void {
  fw.runFrame(px, W, H, kind, { timeS: t, pressureDbar: p, temperatureC: temp });
}

/** ESD of an area with the real unit's calibration, computed here independently of the firmware. */
const esdUm = (areaPx: number) => 2 * Math.sqrt((2300 * areaPx ** 1.136) / Math.PI);

describe.each(BUILDS)("bloc records (%s build)", (build) => {
  it("sums counts over the bloc, averages P and T, keeps the first time, rounds grey half up", () => {
    const fw = Firmware.create(build);
    expect(fw.configure(testBlob({ widthPx: W, heightPx: H, framesPerBloc: 2 }))).toBe(Status.OK);
    // Frame 1: 1-px objects of grey 30 and 31; a 2-px object of greys 30+31 (mean 30.5).
    run(fw, frameOf([[0, 0, 30], [10, 0, 31], [20, 2, 30, 31]]), FrameKind.Lit, 1000, 100, 10);
    expect(fw.takeRecords()).toEqual([]);
    // Frame 2: one more 1-px object of grey 31: class 0 holds 30, 31, 31 (mean 30.67 -> 31).
    run(fw, frameOf([[5, 5, 31]]), FrameKind.Lit, 1002, 101, 11);
    const [r] = fw.takeRecords();
    expect(r.kind).toBe("LPM");
    expect(r.images).toBe(2);
    expect(r.timeS).toBe(1000);
    expect(r.pressureDbar).toBe(100.5);
    expect(r.temperatureC).toBe(10.5);
    expect(r.counts.slice(0, 3)).toEqual([3, 1, 0]);
    expect(r.grey.slice(0, 3)).toEqual([31, 31, 0]); // 30.67 -> 31, 30.5 -> 31 (half up)
    expect(r.counts.slice(3).every((c) => c === 0)).toBe(true);
  });

  it("rounds a mean just below one half down", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: W, heightPx: H, framesPerBloc: 1 }));
    run(fw, frameOf([[0, 0, 30], [10, 0, 30], [20, 0, 31]])); // 30.33 -> 30
    expect(fw.takeRecords()[0].grey[0]).toBe(30);
  });

  it("puts every area in the class its ESD reaches (Aa 2300, Exp 1.136, 2022.01 bounds)", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: 2464, heightPx: 4, framesPerBloc: 1 }));
    const minAreas = fw.classMinAreasPx();
    for (let k = 0; k < 18; k++) {
      const a = minAreas[k];
      if (a > 2464 * 4) continue;
      expect(esdUm(a)).toBeGreaterThanOrEqual(REAL_CLASS_BOUNDS_UM[k] * (1 - 1e-12));
      if (a > 1) expect(esdUm(a - 1)).toBeLessThan(REAL_CLASS_BOUNDS_UM[k]);
    }
    // Objects exactly at each reachable edge, as runs on one row: area a lands in class k, a - 1 below.
    for (let k = 1; k < 12; k++) {
      const a = minAreas[k];
      const px = new Uint8Array(2464 * 4);
      px.fill(100, 0, a);
      px.fill(100, 2464 * 2, 2464 * 2 + a - 1);
      fw.runFrame(px, 2464, 4, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 });
      const [r] = fw.takeRecords();
      const expected = new Array(18).fill(0);
      expected[k] += 1;
      expected[k - 1] += 1;
      expect(r.counts).toEqual(expected);
    }
  });

  it("makes BLACK records from black frames, and a change of kind closes the partial bloc", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: W, heightPx: H, framesPerBloc: 3 }));
    run(fw, frameOf([[0, 0, 40]]), FrameKind.Lit, 10);
    run(fw, frameOf([[0, 0, 40], [9, 3, 25]]), FrameKind.Black, 20);
    const [lit] = fw.takeRecords();
    expect(lit).toMatchObject({ kind: "LPM", images: 1, timeS: 10 });
    run(fw, frameOf([[0, 0, 40]]), FrameKind.Black, 21);
    run(fw, frameOf([]), FrameKind.Black, 22);
    const [black] = fw.takeRecords();
    expect(black).toMatchObject({ kind: "BLACK", images: 3, timeS: 20 });
    expect(black.counts[0]).toBe(3);
  });

  it("reports a bloc holding an over-exposed frame as IMG = 0 with every value 0", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: W, heightPx: H, framesPerBloc: 2, overexposurePermille: 100 }));
    run(fw, frameOf([[0, 0, 40]]));
    const bright = new Uint8Array(W * H);
    bright.fill(250, 0, (W * H) / 10 + 1); // just over 10 % of the pixels
    run(fw, bright);
    expect(fw.frameSummary().overexposed).toBe(true);
    const [r] = fw.takeRecords();
    expect(r).toMatchObject({ overexposed: true, images: 0, framesAccumulated: 2 });
    expect(r.counts.every((c) => c === 0) && r.grey.every((g) => g === 0)).toBe(true);
    // Exactly 10 % is not over the limit.
    const edge = new Uint8Array(W * H);
    edge.fill(250, 0, Math.floor((W * H) / 10));
    run(fw, edge);
    expect(fw.frameSummary().overexposed).toBe(false);
  });

  it("flushes a partial bloc at the end of an acquisition", () => {
    const fw = Firmware.create(build);
    fw.configure(testBlob({ widthPx: W, heightPx: H, framesPerBloc: 5 }));
    run(fw, frameOf([[0, 0, 40]]));
    run(fw, frameOf([[0, 0, 40]]));
    expect(fw.flushBlocs()).toBe(Status.OK);
    const records: BlocRecord[] = fw.takeRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ images: 2, framesAccumulated: 2 });
    expect(fw.flushBlocs()).toBe(Status.OK);
    expect(fw.takeRecords()).toEqual([]);
  });
});
