import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEATURE_COUNT } from "../host/classify/features.js";
import { predict } from "../host/classify/inference.js";
import { parseModel, serializeModel } from "../host/classify/model.js";
import type { TreeModel } from "../host/classify/modelTypes.js";
import {
  GBTREE_PARAM_BYTES,
  importXgboostLegacyBinary,
  LEARNER_PARAM_BYTES,
  NODE_BYTES,
  parseXgboostLegacyBinary,
  TREE_PARAM_BYTES,
} from "../host/classify/xgboostLegacyBinary.js";
import { Rng } from "../simulator/random.js";
import { loadXgboost, modelBytes, type XgboostClass, xgboostSafeRow } from "../simulator/taxa/xgboostWasm.js";

const CLASSES = 3;
const ROUNDS = 8;

// Synthetic 55-feature vectors on very different scales; the class depends on a few of them.
function syntheticRow(rng: Rng): Float32Array {
  const x = new Float32Array(FEATURE_COUNT);
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const scale = f % 3 === 0 ? 1 : f % 3 === 1 ? 100 : 1e5;
    x[f] = Math.fround((rng.next() * 2 - 0.5) * scale);
  }
  return x;
}
function syntheticLabel(x: Float32Array, rng: Rng): number {
  const s = x[0] + x[4] / 100 - x[20] / 1e5;
  const label = s < 0.4 ? 0 : x[3] < 0.5 ? 1 : 2;
  return rng.chance(0.05) ? rng.int(0, CLASSES - 1) : label; // some label noise: deeper, uneven trees
}

let XGBoost: XgboostClass;
let bytes: Uint8Array;
let xgbPredict: (rows: Float32Array[]) => number[][];
let trainingRows: Float32Array[];
let freeBooster = (): void => {};

beforeAll(async () => {
  XGBoost = await loadXgboost();
  const rng = new Rng(2024);
  trainingRows = Array.from({ length: 600 }, () => syntheticRow(rng));
  const labels = trainingRows.map((x) => syntheticLabel(x, rng));
  const booster = new XGBoost({
    booster: "gbtree",
    objective: "multi:softprob",
    num_class: CLASSES,
    max_depth: 4,
    eta: 0.3,
    subsample: 1,
    silent: 1,
    iterations: ROUNDS,
  });
  booster.train(trainingRows.map(xgboostSafeRow), labels);
  bytes = modelBytes(booster);
  xgbPredict = (rows) => booster.predict(rows.map(xgboostSafeRow));
  freeBooster = () => booster.free();
});

afterAll(() => freeBooster());

function converted(): TreeModel {
  const result = importXgboostLegacyBinary(bytes);
  expect(result.errors).toEqual([]);
  expect(result.model).toBeDefined();
  return result.model as TreeModel;
}

describe("XGBoost legacy binary layout (as ml-xgboost writes it)", () => {
  it("reads back the objective, booster, counts and tree classes, and ends exactly at the end", () => {
    const parsed = parseXgboostLegacyBinary(bytes);
    expect(parsed.errors).toEqual([]);
    const m = parsed.model!;
    expect(m.headerBytes).toBe(0);
    expect(m.objective).toBe("multi:softprob");
    expect(m.booster).toBe("gbtree");
    expect(m.numClass).toBe(CLASSES);
    expect(m.numFeature).toBe(FEATURE_COUNT);
    expect(m.gbtreeNumFeature).toBe(FEATURE_COUNT);
    expect(m.numOutputGroup).toBe(CLASSES);
    expect(m.numTrees).toBe(ROUNDS * CLASSES);
    expect(m.trees).toHaveLength(ROUNDS * CLASSES);
    expect(m.treeInfo).toEqual(Array.from({ length: ROUNDS * CLASSES }, (_, i) => i % CLASSES));
    expect(m.baseScore).toBe(0.5);
    expect(m.containExtraAttrs).toBe(0);
    expect(m.containEvalMetrics).toBe(0);
    expect(m.numPbuffer).toBe(0n);
    expect(m.endOffset).toBe(bytes.length);
    expect(parsed.warnings).toEqual([]);
    // Every tree is a proper binary tree: parents point back, and some trees really split.
    let splits = 0;
    for (const tree of m.trees) {
      expect(tree.nodes[0].parent).toBe(-1);
      tree.nodes.forEach((n, k) => {
        if (n.cleft === -1 || n.deleted) return;
        splits++;
        expect(tree.nodes[n.cleft].parent).toBe(k);
        expect(tree.nodes[n.cright].parent).toBe(k);
        expect(n.feature).toBeLessThan(FEATURE_COUNT);
      });
    }
    expect(splits).toBeGreaterThan(ROUNDS * CLASSES);
    // Sizes: 136 + 2 strings + 160 + per tree 148 + 36 per node + 4 per tree.
    let expected = LEARNER_PARAM_BYTES + 8 + "multi:softprob".length + 8 + "gbtree".length + GBTREE_PARAM_BYTES;
    for (const tree of m.trees) expected += TREE_PARAM_BYTES + 36 * tree.numNodes + 4;
    expect(bytes.length).toBe(expected);
  });

  it("reads a model behind the optional 'binf' tag", () => {
    const tagged = new Uint8Array(bytes.length + 4);
    tagged.set([0x62, 0x69, 0x6e, 0x66]);
    tagged.set(bytes, 4);
    const a = importXgboostLegacyBinary(tagged);
    expect(a.errors).toEqual([]);
    expect(serializeModel(a.model!)).toEqual(serializeModel(converted()));
  });
});

describe("importXgboostLegacyBinary: predictions match ml-xgboost's", () => {
  it("converts to a valid uvpec model that survives serialize/parse", () => {
    const result = importXgboostLegacyBinary(bytes);
    expect(result.errors).toEqual([]);
    expect(result.warnings.join("\n")).toMatch(/base_score 0.5 ignored/);
    const model = result.model!;
    expect(model.classCount).toBe(CLASSES);
    expect(model.treesPerClass).toBe(ROUNDS);
    const round = parseModel(serializeModel(model));
    expect(round.errors).toEqual([]);
  });

  it("gives the same class and probabilities within 1e-6 on many vectors, thresholds included", () => {
    const model = converted();
    const rng = new Rng(77);
    const rows: Float32Array[] = [...trainingRows.slice(0, 200)];
    for (let i = 0; i < 400; i++) rows.push(syntheticRow(rng));
    // Vectors sitting exactly on split thresholds exercise "x < threshold" at equality.
    const thresholds: Array<[number, number]> = [];
    for (const tree of model.trees) {
      for (let k = 1; k < tree.features.length; k++) if (tree.features[k] !== 255) thresholds.push([tree.features[k], tree.values[k]]);
    }
    for (let i = 0; i < 200; i++) {
      const x = syntheticRow(rng);
      for (let j = 0; j < 4; j++) {
        const [f, v] = thresholds[rng.int(0, thresholds.length - 1)];
        x[f] = v;
      }
      rows.push(x);
    }
    const expected = xgbPredict(rows);
    let sameClass = 0;
    let maxDiff = 0;
    for (let i = 0; i < rows.length; i++) {
      const p = predict(model, rows[i]);
      const probs = expected[i];
      expect(probs).toHaveLength(CLASSES);
      const exps = Array.from(p.sums, (s) => Math.exp(s));
      const total = exps.reduce((a, b) => a + b, 0);
      for (let c = 0; c < CLASSES; c++) maxDiff = Math.max(maxDiff, Math.abs(exps[c] / total - probs[c]));
      let best = 0;
      for (let c = 1; c < CLASSES; c++) if (probs[c] > probs[best]) best = c;
      if (best === p.classIndex) sameClass++;
    }
    expect(maxDiff).toBeLessThan(1e-6);
    expect(sameClass).toBe(rows.length);
  });

  it("ml-xgboost reads an exact -1 as missing (why xgboostSafeRow moves it just below -1)", () => {
    // Feature 0: -1 -> class 0, -1.5 -> class 1, 5 -> class 2. If -1 is missing, -0.9 is not classed
    // like -1 (it falls with -1.5 on the "x < split" side learned without the missing rows).
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 90; i++) {
      const k = i % 3;
      rows.push([k === 0 ? -1 : k === 1 ? -1.5 : 5, 0]);
      labels.push(k);
    }
    const booster = new XGBoost({ objective: "multi:softprob", num_class: 3, max_depth: 3, eta: 0.3, subsample: 1, silent: 1, iterations: 10 });
    booster.train(rows, labels);
    const argmax = (p: number[]): number => p.indexOf(Math.max(...p));
    const [atMinusOne, nearMinusOne] = booster.predict([[-1, 0], [-0.9, 0]]).map(argmax);
    booster.free();
    expect(atMinusOne).toBe(0);
    expect(nearMinusOne).toBe(1);
    expect(xgboostSafeRow([-1, NaN, Infinity, -Infinity, 2])).toEqual([-1 - 2 ** -23, 3.4028234663852886e38, 3.4028234663852886e38, -3.4028234663852886e38, 2]);
  });
});

describe("importXgboostLegacyBinary: bad bytes give errors, never a throw", () => {
  const errorsOf = (b: Uint8Array): string[] => {
    let result: ReturnType<typeof importXgboostLegacyBinary> | undefined;
    expect(() => {
      result = importXgboostLegacyBinary(b);
    }).not.toThrow();
    expect(result!.model).toBeUndefined();
    expect(result!.errors.length).toBeGreaterThan(0);
    return result!.errors;
  };
  const stringAt = LEARNER_PARAM_BYTES; // objective length
  const boosterAt = stringAt + 8 + "multi:softprob".length;
  const gbParamAt = boosterAt + 8 + "gbtree".length;
  const firstTreeAt = gbParamAt + GBTREE_PARAM_BYTES;

  it("every truncation gives an error naming a byte offset", () => {
    for (let n = 0; n < bytes.length; n += n < 400 ? 1 : 37) {
      const errors = errorsOf(bytes.subarray(0, n));
      expect(errors.join("\n")).toMatch(/byte \d+/);
    }
    expect(errorsOf(bytes.subarray(0, bytes.length - 1)).join("\n")).toMatch(/tree_info/);
    expect(errorsOf(new Uint8Array(0))[0]).toMatch(/byte 0: LearnerModelParam needs 136 bytes/);
  });

  it("random garbage and bit flips give errors or valid models, never throws", () => {
    const rng = new Rng(5);
    for (let i = 0; i < 300; i++) {
      const n = rng.int(0, 2000);
      const junk = new Uint8Array(n);
      for (let k = 0; k < n; k++) junk[k] = rng.int(0, 255);
      expect(() => importXgboostLegacyBinary(junk)).not.toThrow();
      expect(importXgboostLegacyBinary(junk).errors.length).toBeGreaterThan(0);
    }
    for (let i = 0; i < 300; i++) {
      const flipped = bytes.slice();
      const at = rng.int(0, flipped.length - 1);
      flipped[at] ^= 1 << rng.int(0, 7);
      let result: ReturnType<typeof importXgboostLegacyBinary> | undefined;
      expect(() => {
        result = importXgboostLegacyBinary(flipped);
      }).not.toThrow();
      // Either a clean model (a leaf value or threshold changed) or errors, never both.
      expect(result!.model === undefined).toBe(result!.errors.length > 0);
    }
    expect(() => importXgboostLegacyBinary("nope" as unknown as Uint8Array)).not.toThrow();
  });

  it("rejects other objectives and boosters, impossible lengths and counts", () => {
    const withString = (at: number, oldLength: number, text: string): Uint8Array => {
      const out = new Uint8Array(bytes.length - oldLength + text.length);
      out.set(bytes.subarray(0, at));
      new DataView(out.buffer).setBigUint64(at, BigInt(text.length), true);
      out.set(Array.from(text, (ch) => ch.charCodeAt(0)), at + 8);
      out.set(bytes.subarray(at + 8 + oldLength), at + 8 + text.length);
      return out;
    };
    expect(errorsOf(withString(boosterAt, 6, "dart"))[0]).toMatch(new RegExp(`byte ${boosterAt}: booster "dart" is not supported`));
    expect(errorsOf(withString(stringAt, 14, "binary:logistic"))[0]).toMatch(/objective "binary:logistic"/);
    expect(importXgboostLegacyBinary(withString(stringAt, 14, "multi:softmax")).errors).toEqual([]);

    const patched = (at: number, value: number): Uint8Array => {
      const out = bytes.slice();
      new DataView(out.buffer).setInt32(at, value, true);
      return out;
    };
    expect(errorsOf(patched(stringAt, 0x7fffffff))[0]).toMatch(new RegExp(`byte ${stringAt}: length of the objective name`));
    expect(errorsOf(patched(gbParamAt, 100000))[0]).toMatch(new RegExp(`byte ${gbParamAt}: num_trees 100000 is impossible`));
    expect(errorsOf(patched(gbParamAt + 24, 2))[0]).toMatch(/num_output_group 2 differs from num_class 3/);
    expect(errorsOf(patched(firstTreeAt + 4, -3))[0]).toMatch(new RegExp(`byte ${firstTreeAt + 4}: trees\\[0\\] num_nodes -3`));
    // Root of tree 0 with a child pointing outside the tree.
    const nodeAt = firstTreeAt + TREE_PARAM_BYTES;
    expect(errorsOf(patched(nodeAt + 4, 999))[0]).toMatch(new RegExp(`trees\\[0\\].*node 0 \\(byte ${nodeAt}\\): child 999`));
    // A split on feature 60: uvpec computes 55 features.
    expect(errorsOf(patched(nodeAt + 12, 60))[0]).toMatch(/feature index 60 is not below 55/);
    expect(NODE_BYTES).toBe(20);
    // JSON and base64 models are pointed elsewhere.
    expect(errorsOf(new TextEncoder().encode('{"learner": {}}'))[0]).toMatch(/JSON model/);
    expect(errorsOf(new TextEncoder().encode("bs64\tAAAA"))[0]).toMatch(/base64/);
  });

  it("reads the attribute and eval-metric blocks when the flags say so, and warns about trailing bytes", () => {
    const str = (s: string): number[] => {
      const b = new Uint8Array(8 + s.length);
      new DataView(b.buffer).setBigUint64(0, BigInt(s.length), true);
      b.set(Array.from(s, (ch) => ch.charCodeAt(0)), 8);
      return [...b];
    };
    const count = (n: number): number[] => [n, 0, 0, 0, 0, 0, 0, 0]; // u64
    const extra = [...count(1), ...str("best_iteration"), ...str("7"), ...count(1), ...str("mlogloss")];
    const out = new Uint8Array([...bytes, ...extra, 0xaa]);
    const view = new DataView(out.buffer);
    view.setInt32(12, 1, true);
    view.setInt32(16, 1, true);
    const parsed = parseXgboostLegacyBinary(out);
    expect(parsed.errors).toEqual([]);
    expect(parsed.model!.attributes).toEqual([["best_iteration", "7"]]);
    expect(parsed.model!.evalMetrics).toEqual(["mlogloss"]);
    expect(parsed.warnings.join("\n")).toMatch(new RegExp(`byte ${out.length - 1}: 1 byte\\(s\\) after the model ignored`));
    // The flags set but the blocks missing: an error at the end of tree_info.
    const flagsOnly = bytes.slice();
    new DataView(flagsOnly.buffer).setInt32(12, 1, true);
    expect(errorsOf(flagsOnly)[0]).toMatch(new RegExp(`byte ${bytes.length}: attribute count`));
  });
});
