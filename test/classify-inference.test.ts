import { describe, expect, it } from "vitest";
import { FEATURE_COUNT } from "../host/classify/features.js";
import { expf } from "../host/classify/expf.js";
import { evaluateTree, predict } from "../host/classify/inference.js";
import { LEAF_FEATURE, type ModelTree, type TreeModel } from "../host/classify/modelTypes.js";
import { randomModel } from "../host/classify/randomModel.js";
import { Rng } from "../simulator/random.js";
import { leaf, split, tree } from "./support/trees.js";

function featureVector(values: Record<number, number>): Float32Array {
  const x = new Float32Array(FEATURE_COUNT);
  for (const [index, value] of Object.entries(values)) x[Number(index)] = value;
  return x;
}

// Hand-built 2 classes x 2 trees:
//   class 0: tree A: area (f0) < 10 ? 1.0 : -1.0;  tree B: leaf 0.5
//   class 1: tree C: mean (f3) < 100 ? -0.5 : (stddev (f4) < 0.1 ? 2.0 : 3.0);  tree D: leaf 0.25
const model: TreeModel = {
  classCount: 2,
  treesPerClass: 2,
  trees: [
    tree([split(0, 2, 10), leaf(1), leaf(-1)]),
    tree([leaf(0.5)]),
    tree([split(3, 2, 100), leaf(-0.5), split(4, 4, 0.1), leaf(2), leaf(3)]),
    tree([leaf(0.25)]),
  ],
};

// The camera's softmax in float32, written out independently of predict(): exps through expf, their sum
// rounded to float32 after each addition, the division rounded to float32.
function softmaxOf(sums: number[]): { classIndex: number; score: number } {
  const exps = sums.map((s) => expf(s));
  const total = exps.reduce((a, b) => Math.fround(a + b), 0);
  let best = 0;
  exps.forEach((e, c) => {
    if (e > exps[best]) best = c;
  });
  return { classIndex: best, score: Math.fround(exps[best] / total) };
}

describe("predict on a hand-built model", () => {
  it("sums each class's leaves and takes the softmax winner", () => {
    const x = featureVector({ 0: 5, 3: 150, 4: 1 }); // class 0: 1 + 0.5; class 1: 3 + 0.25
    const p = predict(model, x);
    expect([...p.sums]).toEqual([1.5, 3.25]);
    expect(p.classIndex).toBe(1);
    const [e0, e1] = [Math.fround(Math.exp(1.5)), Math.fround(Math.exp(3.25))]; // expf is correctly rounded here
    expect(p.score).toBe(Math.fround(e1 / Math.fround(e0 + e1)));
    expect(p.score).toBeCloseTo(Math.exp(3.25) / (Math.exp(1.5) + Math.exp(3.25)), 6);
  });

  it("goes to next + 1 when x equals the threshold (x < v is false)", () => {
    const p = predict(model, featureVector({ 0: 10, 3: 100, 4: Math.fround(0.1) }));
    // area 10 -> -1 (+0.5); mean 100 -> the stddev split; 0.1f < 0.1f is false -> 3 (+0.25).
    expect([...p.sums]).toEqual([-0.5, 3.25]);
  });

  it("compares float32 values: fround(0.1) is not < fround(0.1), the next float32 below is", () => {
    const t = model.trees[2];
    const justBelow = Math.fround(0.1) - 2 ** -27; // the float32 just below fround(0.1)
    expect(Math.fround(justBelow)).toBe(justBelow);
    expect(evaluateTree(t, featureVector({ 3: 200, 4: Math.fround(0.1) }))).toBe(3);
    expect(evaluateTree(t, featureVector({ 3: 200, 4: justBelow }))).toBe(2);
  });

  it("a NaN feature always takes the next branch (the camera tests x >= value to take next + 1)", () => {
    expect(evaluateTree(model.trees[0], featureVector({ 0: NaN }))).toBe(1);
    expect(evaluateTree(model.trees[2], featureVector({ 3: NaN, 4: NaN }))).toBe(-0.5);
    expect(evaluateTree(model.trees[2], featureVector({ 3: 150, 4: NaN }))).toBe(2);
  });

  it("equal sums: the first class wins with score 1/C", () => {
    const tie: TreeModel = { classCount: 3, treesPerClass: 1, trees: [tree([leaf(0.7)]), tree([leaf(0.7)]), tree([leaf(0.7)])] };
    const p = predict(tie, featureVector({}));
    expect(p.classIndex).toBe(0);
    expect(p.score).toBe(Math.fround(1 / 3));
  });

  it("no max subtraction: overflowing exps give the first infinite class and a NaN score", () => {
    // float32 exp overflows above ~88.72 (double exp only above ~709.78).
    const big: TreeModel = { classCount: 2, treesPerClass: 1, trees: [tree([leaf(89)]), tree([leaf(100)])] };
    const p = predict(big, featureVector({}));
    expect(p.classIndex).toBe(0);
    expect(p.score).toBeNaN();
  });

  it("leaf values are summed in float32 in tree order (each addition rounded)", () => {
    const m: TreeModel = {
      classCount: 2,
      treesPerClass: 3,
      trees: [tree([leaf(0.1)]), tree([leaf(0.2)]), tree([leaf(0.3)]), tree([leaf(0)]), tree([leaf(0)]), tree([leaf(0)])],
    };
    const p = predict(m, featureVector({}));
    const f = Math.fround;
    expect(p.sums[0]).toBe(f(f(f(0.1) + f(0.2)) + f(0.3)));
    expect(p.sums[0]).not.toBe(f(0.1) + f(0.2) + f(0.3)); // the double sum differs in its last bits
  });

  it("matches an independent recursive evaluation on random models", () => {
    const rng = new Rng(31);
    for (let trial = 0; trial < 30; trial++) {
      const m = randomModel(() => rng.next(), { valueRange: 3 });
      const x = new Float32Array(FEATURE_COUNT);
      for (let i = 0; i < FEATURE_COUNT; i++) x[i] = rng.next() < 0.1 ? NaN : (rng.next() * 2 - 1) * 3;
      const walk = (t: ModelTree, k: number): number =>
        t.features[k] === LEAF_FEATURE ? t.values[k] : walk(t, x[t.features[k]] >= t.values[k] ? t.next[k] + 1 : t.next[k]);
      const sums: number[] = [];
      for (let c = 0; c < m.classCount; c++) {
        let s = 0;
        for (let t = 0; t < m.treesPerClass; t++) s = Math.fround(s + walk(m.trees[c * m.treesPerClass + t], 1));
        sums.push(s);
      }
      const p = predict(m, x);
      expect([...p.sums]).toEqual(sums);
      expect({ classIndex: p.classIndex, score: p.score }).toEqual(softmaxOf(sums));
    }
  });

  it("rejects a feature vector of the wrong length or type", () => {
    expect(() => predict(model, new Float32Array(54))).toThrow(RangeError);
    expect(() => predict(model, new Float64Array(55) as unknown as Float32Array)).toThrow(RangeError);
  });

  it("evaluateTree throws instead of looping on a malformed tree", () => {
    expect(() => evaluateTree(tree([split(0, 1, 1), leaf(0)]), featureVector({}))).toThrow(RangeError);
  });
});
