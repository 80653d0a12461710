// The firmware's objects equal those of an independent full-frame two-pass labeller (host/reference),
// object for object (area, grey sum, bounding box), on both builds, over more than 1,000 frames:
// random noise at many densities, random blobs, realistic frames, adversarial shapes, rows of every
// density side by side at widths around whole 64-px blocks (the SIMD build labels a dense pair of rows
// 64 px at a time, a sparse one run by run), long runs over whole blocks touched at one end only (the touch
// carried through the blocks), and the worst frames below the over-exposure limit (dots,
// stripes, checkerboard, noise; full size at the limit itself, with the early stop armed, and small ones
// of random sizes). Per-frame spectra (counts and rounded mean grey per class) are checked against an
// independent computation, with the debug log on (objects complete in order) and off (whole-run objects
// tallied without a branch per run); the order objects complete in is the same in both builds.
import { describe, expect, it } from "vitest";
import { BUILDS, Firmware, FrameKind, Status, type BlocRecord, type LoggedObject } from "../host/firmware/index.js";
import { labelFrame, sortObjects, type FrameObject } from "../host/reference/labeller.js";
import { adversarialFrames, blockCarryFrame, randomBlobsFrame, randomFrame, rowMixFrame } from "../simulator/frames/adversarial.js";
import { noiseFrame } from "../simulator/frames/noise.js";
import { realisticFrame } from "../simulator/frames/particles.js";
import { BELOW_LIMIT_KINDS, belowLimitFrame, overexposureLimitPx } from "../simulator/frames/belowLimit.js";
import { Rng } from "../simulator/random.js";
import { REAL_CLASS_BOUNDS_UM, testBlob } from "./support/config.js";

interface Case {
  name: string;
  widthPx: number;
  heightPx: number;
  threshold: number;
  pixels: Uint8Array;
}

function cases(): Case[] {
  const rng = new Rng(20261123);
  const out: Case[] = [];
  // Threshold 255 (nothing can be foreground) is a configuration the firmware refuses on purpose.
  for (const f of adversarialFrames(rng)) if (f.threshold <= 254) out.push(f);
  const densities = [0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1];
  for (let i = 0; i < 600; i++) {
    const w = rng.int(1, i % 10 === 0 ? 300 : 70);
    const h = rng.int(1, i % 10 === 0 ? 60 : 70);
    const threshold = rng.int(0, 254);
    out.push({ name: `random#${i}`, widthPx: w, heightPx: h, threshold, pixels: randomFrame(rng, w, h, densities[i % densities.length], threshold) });
  }
  for (let i = 0; i < 300; i++) {
    const w = rng.int(8, 200);
    const h = rng.int(8, 120);
    const threshold = rng.int(5, 60);
    out.push({ name: `blobs#${i}`, widthPx: w, heightPx: h, threshold, pixels: randomBlobsFrame(rng, w, h, rng.int(1, 40), threshold) });
  }
  for (let i = 0; i < 100; i++) {
    const w = rng.int(40, 400);
    const h = rng.int(40, 200);
    out.push({ name: `noise#${i}`, widthPx: w, heightPx: h, threshold: 21, pixels: noiseFrame(rng, w, h, { objectCount: rng.int(0, 60), threshold: 21 }) });
  }
  for (let i = 0; i < 40; i++) {
    const { kind } = BELOW_LIMIT_KINDS[i % BELOW_LIMIT_KINDS.length];
    const w = rng.int(2, 300);
    const h = rng.int(2, 120);
    const lit = overexposureLimitPx(w, h, rng.int(1, 250));
    out.push({ name: `below-limit ${kind}#${i}`, widthPx: w, heightPx: h, threshold: rng.int(0, 254), pixels: belowLimitFrame(w, h, kind, lit, rng) });
  }
  // Rows of every density side by side (the SIMD build labels a dense pair of rows 64 px at a time, a
  // sparse one run by run), at widths on either side of whole 64-px blocks.
  for (let i = 0; i < 120; i++) {
    const w = [1, 2, 63, 64, 65, 127, 128, 129, 191, 192, 256, 300, 320, 2464][i % 14];
    const h = rng.int(2, w > 1000 ? 12 : 60);
    const threshold = rng.int(0, 254);
    out.push({ name: `row-mix#${i}`, widthPx: w, heightPx: h, threshold, pixels: rowMixFrame(rng, w, h, threshold) });
  }
  // Long runs over whole 64-px blocks touched at one end only, among stripes: the touch is carried through
  // the whole blocks.
  for (let i = 0; i < 150; i++) {
    const w = i % 5 === 0 ? rng.int(130, 2464) : rng.int(130, 700);
    const h = rng.int(2, 8);
    const threshold = rng.int(0, 254);
    out.push({ name: `block-carry#${i}`, widthPx: w, heightPx: h, threshold, pixels: blockCarryFrame(rng, w, h, threshold) });
  }
  for (let i = 0; i < 4; i++) {
    out.push({ name: `realistic#${i}`, widthPx: 1232, heightPx: 1028, threshold: 21, pixels: realisticFrame(rng, 1232, 1028, { noiseCount: 800, particleCount: 120 }) });
  }
  return out;
}

const ALL = cases();

/** Class of an area by the ESD formula, independently of the firmware's area table. */
function classOf(areaPx: number): number {
  const esd = 2 * Math.sqrt((2300 * areaPx ** 1.136) / Math.PI);
  let k = -1;
  REAL_CLASS_BOUNDS_UM.forEach((b, i) => {
    if (esd >= Math.fround(b)) k = i;
  });
  return k;
}

/** The spectrum a one-frame bloc must hold, from the reference objects (exact BigInt grey rounding). */
function expectedSpectrum(objects: FrameObject[]): { counts: number[]; grey: number[] } {
  const counts = new Array(18).fill(0);
  const fixed = new Array(18).fill(0n);
  for (const o of objects) {
    const k = classOf(o.areaPx);
    if (k < 0) continue;
    counts[k]++;
    fixed[k] += (BigInt(o.greySum) << 24n) / BigInt(o.areaPx);
  }
  const grey = counts.map((c, k) => {
    if (c === 0) return 0;
    const den = BigInt(c) << 24n;
    return Number((fixed[k] + den / 2n) / den);
  });
  return { counts, grey };
}

function firmwareObjects(fw: Firmware, c: Case): { objects: LoggedObject[]; record: BlocRecord } {
  const objects = fw.runFrame(c.pixels, c.widthPx, c.heightPx, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 }, true);
  const [record] = fw.takeRecords();
  return { objects, record };
}

describe("cross-check against the reference labeller", () => {
  it("covers more than 1,000 frames, adversarial ones included", () => {
    expect(ALL.length).toBeGreaterThan(1000);
    expect(ALL.filter((c) => !/#/.test(c.name)).length).toBeGreaterThan(30);
  });

  describe.each(BUILDS)("%s build", (build) => {
    it("finds exactly the reference's objects and spectra on every frame", () => {
      const fw = Firmware.create(build);
      let configured = "";
      let compared = 0;
      for (const c of ALL) {
        const key = `${c.widthPx}x${c.heightPx}@${c.threshold}`;
        if (key !== configured) {
          expect(fw.configure(testBlob({ widthPx: c.widthPx, heightPx: c.heightPx, threshold: c.threshold, framesPerBloc: 1 })), c.name).toBe(Status.OK);
          configured = key;
        }
        const reference = sortObjects(labelFrame(c.pixels, c.widthPx, c.heightPx, c.threshold));
        const { objects, record } = firmwareObjects(fw, c);
        const got = sortObjects(objects);
        if (got.length !== reference.length || JSON.stringify(got) !== JSON.stringify(reference)) {
          expect(got, `${c.name} (${key})`).toEqual(reference); // prints the difference
        }
        const spectrum = expectedSpectrum(reference);
        expect(record.counts, c.name).toEqual(spectrum.counts);
        expect(record.grey, c.name).toEqual(spectrum.grey);
        expect(fw.frameSummary().objectCount, c.name).toBe(reference.length);
        expect(fw.raw.slotOverflows(), c.name).toBe(0);
        // Without the debug log the labeller tallies whole-run objects by another path (no branch per run,
        // not in completion order): the same spectrum and count.
        fw.runFrame(c.pixels, c.widthPx, c.heightPx, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 }, false);
        const unlogged = fw.takeRecords()[0] as BlocRecord;
        expect(unlogged.counts, `${c.name} without the log`).toEqual(spectrum.counts);
        expect(unlogged.grey, `${c.name} without the log`).toEqual(spectrum.grey);
        expect(fw.frameSummary().objectCount, `${c.name} without the log`).toBe(reference.length);
        compared++;
      }
      expect(compared).toBe(ALL.length);
    });
  });

  it("hands the objects over in the same order in both builds (that of eager slots), on every frame", () => {
    // The plain build completes objects left to right row by row; the SIMD build must keep that order
    // whenever it matters (the debug log here; classification candidates), whichever way it labels a row.
    const builds = BUILDS.map((b) => Firmware.create(b));
    let configured = "";
    for (const c of ALL) {
      const key = `${c.widthPx}x${c.heightPx}@${c.threshold}`;
      if (key !== configured) {
        for (const fw of builds) fw.configure(testBlob({ widthPx: c.widthPx, heightPx: c.heightPx, threshold: c.threshold, framesPerBloc: 1 }));
        configured = key;
      }
      const [first, ...others] = builds.map((fw) => {
        const objects = fw.runFrame(c.pixels, c.widthPx, c.heightPx, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 }, true);
        fw.takeRecords();
        return JSON.stringify(objects);
      });
      for (const other of others) if (other !== first) expect(other, c.name).toBe(first);
    }
  });

  describe.each(BUILDS)("%s build, full-size frames at the over-exposure limit", (build) => {
    const W = 2464;
    const H = 2056;
    const limitPx = overexposureLimitPx(W, H);
    it.each(BELOW_LIMIT_KINDS.map((k) => k.kind))("labels the %s frame exactly, with and without the debug log", (kind) => {
      const pixels = belowLimitFrame(W, H, kind, limitPx, new Rng(2));
      const fw = Firmware.create(build);
      // The default 10 % limit: the frame holds exactly the most lit pixels a labelled frame may hold.
      expect(fw.configure(testBlob({ widthPx: W, heightPx: H, threshold: 21, framesPerBloc: 1, overexposurePermille: 100 }))).toBe(Status.OK);
      const reference = sortObjects(labelFrame(pixels, W, H, 21));
      const spectrum = expectedSpectrum(reference);
      const c: Case = { name: kind, widthPx: W, heightPx: H, threshold: 21, pixels };
      const { objects, record } = firmwareObjects(fw, c);
      const got = sortObjects(objects);
      if (JSON.stringify(got) !== JSON.stringify(reference)) expect(got).toEqual(reference);
      for (const logged of [true, false]) {
        if (!logged) fw.runFrame(pixels, W, H, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 }, false);
        const r = logged ? record : (fw.takeRecords()[0] as BlocRecord);
        expect(r.counts).toEqual(spectrum.counts);
        expect(r.grey).toEqual(spectrum.grey);
        const summary = fw.frameSummary();
        expect(summary).toMatchObject({ objectCount: reference.length, foregroundPx: limitPx, overexposed: false });
        expect(fw.raw.slotOverflows()).toBe(0);
      }
    });
  });
});
