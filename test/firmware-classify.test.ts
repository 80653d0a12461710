// The firmware's classifier against the independent TypeScript reference (host/classify), on both
// builds: the 55 features on thousands of vignettes, inference on random models, malformed models
// refused without a trap (the previous model staying in force), and TAXO records from whole frames.
import { describe, expect, it } from "vitest";
import { computeFeatures } from "../host/classify/features.js";
import { predict } from "../host/classify/inference.js";
import { parseModel, serializeModel } from "../host/classify/model.js";
import { randomModel } from "../host/classify/randomModel.js";
import { BUILDS, Firmware, FrameKind, Status } from "../host/firmware/index.js";
import { Rng } from "../simulator/random.js";
import { testBlob } from "./support/config.js";

/** Vignettes of every kind the issue names: blobs, elongated, holed, at the crop edge, one pixel, maximal. */
function vignettes(rng: Rng): Array<{ name: string; w: number; h: number; thr: number; px: Uint8Array }> {
  const out: Array<{ name: string; w: number; h: number; thr: number; px: Uint8Array }> = [];
  const add = (name: string, w: number, h: number, thr: number, draw: (x: number, y: number) => number) => {
    const px = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px[y * w + x] = Math.max(0, Math.min(255, Math.round(draw(x, y))));
    out.push({ name, w, h, thr, px });
  };
  for (let i = 0; i < 1500; i++) {
    const w = rng.int(1, 60);
    const h = rng.int(1, 60);
    const thr = rng.int(5, 60);
    const cx = rng.next() * w;
    const cy = rng.next() * h;
    const rx = 1 + rng.next() * w;
    const ry = 1 + rng.next() * h;
    const angle = rng.next() * Math.PI;
    const hole = rng.chance(0.3) ? 0.2 + rng.next() * 0.4 : 0;
    const kind = i % 5;
    add(`vignette#${i} kind ${kind}`, w, h, thr, (x, y) => {
      const dx = x - cx;
      const dy = y - cy;
      const u = (dx * Math.cos(angle) + dy * Math.sin(angle)) / (kind === 1 ? rx * 3 : rx); // elongated
      const v = (-dx * Math.sin(angle) + dy * Math.cos(angle)) / (kind === 1 ? ry / 3 : ry);
      const r = Math.sqrt(u * u + v * v);
      const inside = r < 1 && r >= hole; // holed rings when hole > 0
      if (kind === 4) return rng.chance(0.4) ? thr + 1 + rng.int(0, 200) : rng.int(0, thr); // speckle: many regions
      return inside ? thr + 1 + rng.int(0, 255 - thr - 1) * (1 - r / 2) : rng.int(0, thr);
    });
  }
  add("single pixel", 1, 1, 20, () => 99);
  add("single pixel in a dark box", 5, 4, 20, (x, y) => (x === 2 && y === 1 ? 200 : 3));
  add("full box touching every edge", 30, 20, 20, (x, y) => 21 + ((x * 7 + y * 13) % 200));
  add("maximal: 181 x 181 noisy disc", 181, 181, 20, (x, y) => (Math.hypot(x - 90, y - 90) < 95 ? 21 + ((x * 31 + y * 17) % 230) : 0));
  add("maximal: 32768 px strip", 2048, 16, 20, (x, y) => 30 + ((x + y) % 100));
  return out;
}

const sameF32 = (a: number, b: number) => Object.is(Math.fround(a), Math.fround(b)) || (Number.isNaN(a) && Number.isNaN(b));

describe.each(BUILDS)("classifier (%s build)", (build) => {
  it("computes the 55 features exactly as the reference on thousands of vignettes", () => {
    const fw = Firmware.create(build);
    const x = fw.raw;
    const rng = new Rng(555);
    let compared = 0;
    for (const v of vignettes(rng)) {
      new Uint8Array(x.memory.buffer, x.vignetteBufferPtr(), v.px.length).set(v.px);
      const status = x.computeVignetteFeatures(v.w, v.h, v.thr);
      const reference = computeFeatures(v.px, v.w, v.h, v.thr);
      if (reference === null) {
        expect(status, v.name).toBe(Status.VIGNETTE_EMPTY);
        continue;
      }
      expect(status, v.name).toBe(Status.OK);
      const got = new Float32Array(x.memory.buffer, x.featuresPtr(), 55);
      for (let f = 0; f < 55; f++) {
        if (!sameF32(got[f], reference[f])) expect(`${v.name} feature ${f}: ${got[f]}`).toBe(`${v.name} feature ${f}: ${reference[f]}`);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(1400);
  });

  it("refuses vignettes beyond its buffer without reading them", () => {
    const x = Firmware.create(build).raw;
    expect(x.computeVignetteFeatures(182, 181, 20)).toBe(Status.VIGNETTE_TOO_LARGE);
    expect(x.computeVignetteFeatures(2465, 1, 20)).toBe(Status.VIGNETTE_TOO_LARGE);
    expect(x.computeVignetteFeatures(0, 10, 20)).toBe(Status.VIGNETTE_EMPTY);
  });

  it("classifies a vignette as the reference does (features, class, per-class sums, score)", () => {
    const fw = Firmware.create(build);
    const x = fw.raw;
    const rng = new Rng(78);
    const all = vignettes(new Rng(9)).filter((v) => computeFeatures(v.px, v.w, v.h, v.thr) !== null);
    for (let m = 0; m < 30; m++) {
      const model = randomModel(() => rng.next(), { valueRange: 4 });
      expect(fw.loadModel(serializeModel(model))).toBe(Status.OK);
      for (let i = 0; i < 40; i++) {
        const v = all[rng.int(0, all.length - 1)];
        new Uint8Array(x.memory.buffer, x.vignetteBufferPtr(), v.px.length).set(v.px);
        expect(x.classifyVignette(v.w, v.h, v.thr)).toBe(Status.OK);
        const ref = predict(model, computeFeatures(v.px, v.w, v.h, v.thr)!);
        expect(x.resultClass(), v.name).toBe(ref.classIndex);
        expect(Array.from(new Float64Array(x.memory.buffer, x.classSumsPtr(), model.classCount))).toEqual(Array.from(ref.sums));
        const score = x.resultScore();
        if (Number.isNaN(ref.score)) expect(score).toBeNaN();
        else expect(Math.abs(score - ref.score)).toBeLessThanOrEqual(1e-15 * Math.max(1, ref.score) + 1e-300);
      }
    }
  });

  it("refuses every malformed model the reference refuses, never traps, and keeps the previous model", () => {
    const fw = Firmware.create(build);
    const x = fw.raw;
    const rng = new Rng(79);
    const good = randomModel(() => rng.next(), { classCount: 3, treesPerClass: 2 });
    const goodBytes = serializeModel(good);
    expect(fw.loadModel(goodBytes)).toBe(Status.OK);
    let rejected = 0;
    for (let i = 0; i < 2000; i++) {
      const base = serializeModel(randomModel(() => rng.next(), { classCount: rng.int(2, 6), treesPerClass: rng.int(1, 3) }));
      let bytes: Uint8Array;
      switch (i % 4) {
        case 0: bytes = base.map((b) => (rng.chance(0.02) ? rng.int(0, 255) : b)); break; // bit rot
        case 1: bytes = base.subarray(0, rng.int(0, base.length - 1)); break; // truncated
        case 2: bytes = Uint8Array.from([...base, ...new Array(rng.int(1, 9)).fill(0)]); break; // trailing bytes
        default: bytes = new Uint8Array(rng.int(0, 300)).map(() => rng.int(0, 255)); // garbage
      }
      const ok = parseModel(bytes).errors.length === 0;
      const s = fw.loadModel(bytes);
      expect(s === Status.OK, `case ${i}: firmware ${s}, reference ${ok ? "accepts" : parseModel(bytes).errors[0]}`).toBe(ok);
      if (!ok) rejected++;
      if (ok) expect(fw.loadModel(goodBytes)).toBe(Status.OK);
      expect(x.modelClasses()).toBe(3); // the good model is in force
    }
    expect(rejected).toBeGreaterThan(1500);
    expect(fw.memoryBytes).toBe(12 * 65536);
  });

  it("refuses a model change while a frame is open or being classified, so one frame never mixes models", () => {
    const fw = Firmware.create(build);
    const W = 60;
    const H = 40;
    fw.configure(testBlob({ widthPx: W, heightPx: H, framesPerBloc: 1, threshold: 21, maxClassifyPx: 65535 }));
    const a = serializeModel(randomModel(() => 0.3, { classCount: 3, treesPerClass: 1 }));
    const b = serializeModel(randomModel(() => 0.6, { classCount: 2, treesPerClass: 1 }));
    expect(fw.loadModel(a)).toBe(Status.OK);
    const meta = { timeS: 0, pressureDbar: 0, temperatureC: 0 };
    expect(fw.beginFrame(FrameKind.Lit, meta)).toBe(Status.OK);
    expect(fw.loadModel(b)).toBe(Status.BUSY);
    const px = new Uint8Array(W * H);
    for (let y = 5; y < 30; y++) for (let x = 5; x < 30; x++) px[y * W + x] = 90; // 625 px: a candidate
    for (let y = 0; y < H; y++) expect(fw.pushRow(y, px.subarray(y * W, (y + 1) * W))).toBe(Status.OK);
    expect(fw.endFrame()).toBe(Status.OK);
    expect(fw.raw.isClassifying()).toBe(1);
    expect(fw.loadModel(b)).toBe(Status.CLASSIFICATION_PENDING);
    expect(fw.raw.modelClasses()).toBe(3);
    fw.classifyPendingFrame(px, W);
    expect(fw.loadModel(b)).toBe(Status.OK);
    const [r] = fw.takeRecords();
    expect(r.taxo![0].triplets).toHaveLength(1);
  });

  it("classifies a frame's candidates into TAXO triplets before its LPM record", () => {
    const fw = Firmware.create(build);
    const W = 400;
    const H = 120;
    expect(fw.configure(testBlob({ widthPx: W, heightPx: H, framesPerBloc: 2, threshold: 21, maxClassifyPx: 65535 }))).toBe(Status.OK);
    const model = randomModel(() => 0.3, { classCount: 4, treesPerClass: 2, valueRange: 3 });
    expect(fw.loadModel(serializeModel(model))).toBe(Status.OK);
    expect(fw.raw.classificationOn()).toBe(1);
    // Vignette limit 813 um: 118 px with Aa 2300, Exp 1.136. Three discs of ~200-700 px, one small blob.
    const px = new Uint8Array(W * H);
    const disc = (cx: number, cy: number, r: number, g: number) => {
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (Math.hypot(x - cx, y - cy) <= r) px[y * W + x] = g + ((x + y) % 7);
    };
    disc(40, 40, 9, 60);
    disc(150, 60, 15, 80);
    disc(300, 80, 12, 70);
    disc(350, 20, 3, 50); // 29 px: below the vignette limit
    const meta = { timeS: 1_652_906_411, pressureDbar: 50, temperatureC: 10 };
    fw.runFrame(px, W, H, FrameKind.Lit, meta);
    expect(fw.takeRecords()).toEqual([]);
    fw.runFrame(new Uint8Array(W * H), W, H, FrameKind.Lit, meta);
    const [r] = fw.takeRecords();
    expect(r.kind).toBe("LPM");
    expect(r.taxo).toHaveLength(2);
    const triplets = r.taxo![0].triplets;
    expect(triplets).toHaveLength(3);
    expect(r.taxo![1].triplets).toEqual([]);
    // Each triplet: the reference's class of the candidate's box, the volume and mean grey rule.
    const boxes = [[31, 31, 49, 49], [135, 45, 165, 75], [288, 68, 312, 92]];
    const byClass = boxes.map(([x0, y0, x1, y1]) => {
      const w = x1 - x0 + 1;
      const h = y1 - y0 + 1;
      const crop = new Uint8Array(w * h);
      let area = 0;
      let grey = 0;
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        const g = px[(y0 + y) * W + x0 + x];
        crop[y * w + x] = g;
        if (g > 21) { area++; grey += g; }
      }
      return { classIndex: predict(model, computeFeatures(crop, w, h, 21)!).classIndex, volumePx3: Math.min(65535, Math.round((4 / (3 * Math.sqrt(Math.PI))) * area ** 1.5)), meanGrey: Math.round(grey / area) };
    });
    expect([...triplets].sort((a, b) => a.volumePx3 - b.volumePx3)).toEqual([...byClass].sort((a, b) => a.volumePx3 - b.volumePx3));
  });
});
