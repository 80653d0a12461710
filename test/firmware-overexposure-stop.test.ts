// The over-exposure early stop changes no output. A frame with more lit pixels than the limit is reported
// over-exposed (its bloc IMG = 0, all values 0; its TAXO record without objects), so the firmware stops
// labelling once the running count passes the limit and only counts the remaining rows. Each frame
// below runs through two firmwares, early stop on (the default) and off, with classification on and
// the debug log on: statuses, records (TAXO included) and foreground counts must be identical, just
// below, at and just above the limit, in blocs of two frames. For over-exposed frames the debug log and
// the frame summary hold exactly the objects completed up to the row that passed the limit (checked
// against the independent reference labeller), and nothing after it.
import { describe, expect, it } from "vitest";
import { serializeModel } from "../host/classify/model.js";
import { randomModel } from "../host/classify/randomModel.js";
import { BUILDS, Firmware, FrameKind, Status, type LoggedObject } from "../host/firmware/index.js";
import { labelFrame, sortObjects } from "../host/reference/labeller.js";
import { overexposureLimitPx } from "../simulator/frames/belowLimit.js";
import { Rng } from "../simulator/random.js";
import { testBlob } from "./support/config.js";

const W = 320;
const H = 240;
const THRESHOLD = 21;
const LIMIT_PX = overexposureLimitPx(W, H); // 10 %: 7,680 px
const meta = { timeS: 1_700_000_000, pressureDbar: 100, temperatureC: 10 };

/** Lit pixels of a frame. */
function litPx(px: Uint8Array): number {
  return px.reduce((n, v) => n + (v > THRESHOLD ? 1 : 0), 0);
}

/** Discs big enough to be classification candidates (>= 118 px here), spread from top to bottom. */
function discs(rng: Rng): Uint8Array {
  const px = new Uint8Array(W * H);
  for (let cy = 12; cy < H; cy += 48) {
    for (let cx = 14 + (cy % 3) * 10; cx < W - 12; cx += 90) {
      const r = 7 + rng.int(0, 3);
      for (let y = cy - r; y <= cy + r; y++) {
        for (let x = cx - r; x <= cx + r; x++) {
          if (y >= 0 && y < H && (x - cx) ** 2 + (y - cy) ** 2 <= r * r) px[y * W + x] = 40 + rng.int(0, 150);
        }
      }
    }
  }
  return px;
}

/** Discs plus isolated dots (2 x 2 lattice, away from the discs) in raster order until `target` px are lit. */
function frameWithLit(rng: Rng, target: number): Uint8Array {
  const px = discs(rng);
  let lit = litPx(px);
  const clear = (x: number, y: number) => {
    for (let v = y - 1; v <= y + 1; v++) for (let u = x - 1; u <= x + 1; u++) if (u >= 0 && v >= 0 && u < W && v < H && px[v * W + u] > THRESHOLD) return false;
    return true;
  };
  for (let y = 0; y < H && lit < target; y += 2) {
    for (let x = 0; x < W && lit < target; x += 2) {
      if (clear(x, y)) {
        px[y * W + x] = 22 + rng.int(0, 200);
        lit++;
      }
    }
  }
  expect(lit).toBe(target);
  return px;
}

/** A frame that passes the limit mid-frame: a dense checkerboard band across the middle rows. */
function frameWithBand(rng: Rng): Uint8Array {
  const px = discs(rng);
  for (let y = 100; y < 140; y++) for (let x = 0; x < W; x++) if ((x + y) % 2 === 0) px[y * W + x] = 200;
  return px;
}

/** Row at whose end the running foreground count first passes the limit, or -1. */
function stopRow(px: Uint8Array): number {
  let lit = 0;
  for (let y = 0; y < H; y++) {
    lit += litPx(px.subarray(y * W, (y + 1) * W));
    if (lit > LIMIT_PX) return y;
  }
  return -1;
}

interface Transcript {
  statuses: Status[];
  logs: LoggedObject[][]; // per pushRow, then endFrame
  summary: ReturnType<Firmware["frameSummary"]>;
  records: ReturnType<Firmware["takeRecords"]>;
}

function drive(fw: Firmware, px: Uint8Array, markAtRow = -1): Transcript {
  const statuses: Status[] = [fw.beginFrame(FrameKind.Lit, meta)];
  const logs: LoggedObject[][] = [];
  for (let y = 0; y < H; y++) {
    if (y === markAtRow) statuses.push(fw.markFrameOverexposed());
    statuses.push(fw.pushRow(y, px.subarray(y * W, (y + 1) * W)));
    logs.push(fw.loggedObjects());
  }
  statuses.push(fw.endFrame());
  logs.push(fw.loggedObjects());
  const summary = fw.frameSummary();
  statuses.push(...fw.classifyPendingFrame(px, W));
  return { statuses, logs, summary, records: fw.takeRecords() };
}

function firmware(build: (typeof BUILDS)[number], earlyStop: boolean, model: Uint8Array): Firmware {
  const fw = Firmware.create(build);
  expect(fw.configure(testBlob({ widthPx: W, heightPx: H, threshold: THRESHOLD, framesPerBloc: 2, overexposurePermille: 100, maxClassifyPx: 2000 }))).toBe(Status.OK);
  expect(fw.loadModel(model)).toBe(Status.OK);
  fw.setObjectLog(true);
  fw.setOverexposureEarlyStop(earlyStop);
  expect(fw.raw.overexposureEarlyStopOn()).toBe(earlyStop ? 1 : 0);
  return fw;
}

describe.each(BUILDS)("over-exposure early stop (%s build)", (build) => {
  const rng = new Rng(4903634);
  const model = serializeModel(randomModel(() => rng.next(), { classCount: 4, treesPerClass: 2, maxDepth: 3, valueRange: 2 }));
  const frames = [
    { name: "one below the limit", px: frameWithLit(rng, LIMIT_PX - 1), over: false },
    { name: "at the limit", px: frameWithLit(rng, LIMIT_PX), over: false },
    { name: "one above the limit", px: frameWithLit(rng, LIMIT_PX + 1), over: true },
    { name: "a band passing the limit mid-frame", px: frameWithBand(rng), over: true },
    { name: "at the limit again", px: frameWithLit(rng, LIMIT_PX), over: false },
  ];

  it("gives identical statuses, records and foreground counts with and without it, and the log up to the stop", () => {
    const on = firmware(build, true, model);
    const off = firmware(build, false, model);
    let taxoObjects = 0;
    for (const f of frames) {
      const a = drive(on, f.px);
      const b = drive(off, f.px);
      expect(a.statuses, f.name).toEqual(b.statuses);
      expect(a.statuses.every((s) => s === Status.OK || s >= 40), f.name).toBe(true);
      expect(a.records, f.name).toEqual(b.records);
      expect(a.summary.foregroundPx, f.name).toBe(litPx(f.px));
      expect(a.summary.foregroundPx, f.name).toBe(b.summary.foregroundPx);
      expect(a.summary.overexposed, f.name).toBe(f.over);
      expect(b.summary.overexposed, f.name).toBe(f.over);
      const reference = sortObjects(labelFrame(f.px, W, H, THRESHOLD));
      if (!f.over) {
        expect(a.logs, f.name).toEqual(b.logs);
        expect(a.summary, f.name).toEqual(b.summary);
        expect(sortObjects(a.logs.flat()), f.name).toEqual(reference);
        continue;
      }
      // Over-exposed: the objects completed by rows 0..stop (those whose last row is above it), no more.
      const stop = stopRow(f.px);
      expect(stop, f.name).toBeGreaterThanOrEqual(0);
      expect(a.logs.slice(0, stop + 1), f.name).toEqual(b.logs.slice(0, stop + 1));
      expect(a.logs.slice(stop + 1).flat(), f.name).toEqual([]);
      const before = reference.filter((o) => o.yMax < stop);
      expect(sortObjects(a.logs.flat()), f.name).toEqual(before);
      expect(a.summary.objectCount, f.name).toBe(before.length);
      if (f.name.includes("band")) expect(b.logs.slice(stop + 1).flat().length, "objects the early stop skipped").toBeGreaterThan(0);
    }
    // Blocs of two frames: (below, at) with objects, (above, band) over-exposed, (at) flushed.
    for (const fw of [on, off]) expect(fw.flushBlocs()).toBe(Status.OK);
    const [lastOn, lastOff] = [on.takeRecords(), off.takeRecords()];
    expect(lastOn).toEqual(lastOff);
    // The classifier did run on the frames that are not over-exposed (the comparison is not vacuous).
    on.setOverexposureEarlyStop(true);
    const all = [drive(on, frames[0].px), drive(on, frames[2].px)].flatMap((t) => t.records);
    for (const r of all) for (const t of r.taxo ?? []) taxoObjects += t.triplets.length;
    expect(taxoObjects).toBeGreaterThan(0);
  });

  it("stops at once on a pixel frame the host marks over-exposed, with the same records", () => {
    const on = firmware(build, true, model);
    const off = firmware(build, false, model);
    const px = frameWithLit(new Rng(7), LIMIT_PX - 100);
    const [ra, rb]: Array<Transcript["records"]> = [[], []];
    for (const markAt of [0, 90]) {
      const a = drive(on, px, markAt);
      const b = drive(off, px, markAt);
      ra.push(...a.records);
      rb.push(...b.records);
      expect(a.statuses).toEqual(b.statuses);
      expect(a.summary.overexposed).toBe(true);
      expect(a.summary.foregroundPx).toBe(litPx(px));
      expect(a.logs.slice(markAt).flat()).toEqual([]);
      expect(a.logs.slice(0, markAt)).toEqual(b.logs.slice(0, markAt));
      expect(b.logs.slice(markAt).flat().length).toBeGreaterThan(0);
    }
    for (const fw of [on, off]) expect(fw.flushBlocs()).toBe(Status.OK);
    ra.push(...on.takeRecords());
    rb.push(...off.takeRecords());
    expect(ra).toEqual(rb);
    expect(ra.length).toBeGreaterThan(0);
    for (const r of ra) expect(r.counts.every((c) => c === 0)).toBe(true);
  });
});
