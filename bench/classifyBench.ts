// Classification cost: microseconds per classified object (vignette copy + 55 features + inference)
// for each build, beside the TypeScript reference, and milliseconds to load (validate) a model.
import { computeFeatures } from "../host/classify/features.js";
import { predict } from "../host/classify/inference.js";
import { serializeModel } from "../host/classify/model.js";
import { randomModel } from "../host/classify/randomModel.js";
import { BUILDS, Firmware, Status } from "../host/firmware/index.js";
import { Rng } from "../simulator/random.js";
import { timeInterleaved } from "./timing.js";

/** Results of the classification benchmark. */
export interface ClassifyBenchResult {
  model: { classes: number; treesPerClass: number; bytes: number };
  objects: number;
  usPerObject: Record<string, number>;
  modelLoadMs: Record<string, number>;
}

/** Vignettes like the classifier's candidates: blobs of 120-2,000 px (ESD ~0.8-4 mm) in their boxes. */
function candidateVignettes(rng: Rng, n: number): Array<{ px: Uint8Array; w: number; h: number }> {
  const out: Array<{ px: Uint8Array; w: number; h: number }> = [];
  for (let i = 0; i < n; i++) {
    const r = 6 + rng.next() * 20;
    const e = 1 + rng.next() * 2;
    const w = Math.ceil(2 * r * e) + 4;
    const h = Math.ceil(2 * r) + 4;
    const px = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const d = Math.hypot((x - w / 2) / e, y - h / 2);
        px[y * w + x] = d < r ? 30 + Math.round(60 * (1 - d / r)) + rng.int(0, 20) : rng.int(0, 15);
      }
    }
    out.push({ px, w, h });
  }
  return out;
}

/** Times classification on a 20-class x 70-tree model (depth <= 6): as large as the full build's default 224 KiB model area takes. */
export function benchClassify(rounds: number): ClassifyBenchResult {
  const rng = new Rng(4242);
  const model = randomModel(() => rng.next(), { classCount: 20, treesPerClass: 70, maxDepth: 6, valueRange: 2 });
  const bytes = serializeModel(model);
  const objects = candidateVignettes(rng, 200);
  const threshold = 21;
  const contenders = BUILDS.map((build) => {
    const fw = Firmware.create(build);
    if (fw.loadModel(bytes) !== Status.OK) throw new Error("benchmark model refused");
    const x = fw.raw;
    return {
      name: `firmware ${build}`,
      run: () => {
        for (const o of objects) {
          new Uint8Array(x.memory.buffer, x.vignetteBufferPtr(), o.px.length).set(o.px);
          x.classifyVignette(o.w, o.h, threshold);
        }
      },
    };
  });
  contenders.push({ name: "TS reference", run: () => objects.forEach((o) => void predict(model, computeFeatures(o.px, o.w, o.h, threshold)!)) });
  const perRound = timeInterleaved(contenders, rounds);
  const loads = timeInterleaved(BUILDS.map((build) => {
    const fw = Firmware.create(build);
    return { name: build, run: () => void fw.loadModel(bytes) };
  }), rounds);
  return {
    model: { classes: model.classCount, treesPerClass: model.treesPerClass, bytes: bytes.length },
    objects: objects.length,
    usPerObject: Object.fromEntries([...perRound].map(([k, ms]) => [k, (ms * 1000) / objects.length])),
    modelLoadMs: Object.fromEntries(loads),
  };
}
