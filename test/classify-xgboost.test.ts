import { describe, expect, it } from "vitest";
import { parseTaxoConf } from "../host/config/taxoConf.js";
import { expf } from "../host/classify/expf.js";
import { FEATURE_COUNT } from "../host/classify/features.js";
import { predict } from "../host/classify/inference.js";
import { describeModel, parseModel, serializeModel } from "../host/classify/model.js";
import type { TreeModel } from "../host/classify/modelTypes.js";
import { importXgboostDump, importXgboostJson, taxoConfLine } from "../host/classify/xgboostImport.js";
import { BUILDS, Firmware, Status } from "../host/firmware/index.js";
import { Rng } from "../simulator/random.js";

// A small hand-written XGBoost multi:softprob model: 3 classes x 2 rounds = 6 trees, interleaved by class
// (tree_info 0,1,2,0,1,2). Node lists: [left, right, feature, condition]; a leaf is [-1, -1, 0, value].
type JsonNode = [number, number, number, number];
const TREES: JsonNode[][] = [
  // trees[0], class 0: f0 < 50 ? (f3 < 120.5 ? -0.2 : 0.15) : 0.4
  [[1, 2, 0, 50], [3, 4, 3, 120.5], [-1, -1, 0, 0.4], [-1, -1, 0, -0.2], [-1, -1, 0, 0.15]],
  // trees[1], class 1: numbered out of breadth-first order ("yes" child has the larger id), plus a
  // deleted (unreachable) node 7: f4 < 12.25 ? (f20 < 7.5 ? (f15 < 0.875 ? 0.05 : -0.125) : 0.6) : -0.3
  [
    [2, 1, 4, 12.25], [-1, -1, 0, -0.3], [4, 3, 20, 7.5], [-1, -1, 0, 0.6],
    [5, 6, 15, 0.875], [-1, -1, 0, 0.05], [-1, -1, 0, -0.125], [-1, -1, 0, 0],
  ],
  // trees[2], class 2: a single leaf
  [[-1, -1, 0, 0.01]],
  // trees[3], class 0: f5 < 100 ? 0.1 : -0.1
  [[1, 2, 5, 100], [-1, -1, 0, 0.1], [-1, -1, 0, -0.1]],
  // trees[4], class 1: f0 < 20 ? 0.2 : (f0 < 80 ? -0.05 : 0.3)
  [[1, 2, 0, 20], [-1, -1, 0, 0.2], [3, 4, 0, 80], [-1, -1, 0, -0.05], [-1, -1, 0, 0.3]],
  // trees[5], class 2: f54 < 0.001 ? 0.33 : -0.33
  [[1, 2, 54, 0.001], [-1, -1, 0, 0.33], [-1, -1, 0, -0.33]],
];

// The same model as XGBoost's text dump writes it (depth-first, "yes" child first, tab-indented).
const DUMP = `booster[0]:
0:[f0<50] yes=1,no=2,missing=1
\t1:[f3<120.5] yes=3,no=4,missing=3
\t\t3:leaf=-0.2
\t\t4:leaf=0.15
\t2:leaf=0.4
booster[1]:
0:[f4<12.25] yes=2,no=1,missing=2,gain=3.5,cover=10
\t2:[f20<7.5] yes=4,no=3,missing=4
\t\t4:[f15<0.875] yes=5,no=6,missing=5
\t\t\t5:leaf=0.05
\t\t\t6:leaf=-0.125
\t\t3:leaf=0.6
\t1:leaf=-0.3,cover=2
booster[2]:
0:leaf=0.01
booster[3]:
0:[f5<100] yes=1,no=2,missing=1
\t1:leaf=0.1
\t2:leaf=-0.1
booster[4]:
0:[f0<20] yes=1,no=2,missing=1
\t1:leaf=0.2
\t2:[f0<80] yes=3,no=4,missing=3
\t\t3:leaf=-0.05
\t\t4:leaf=0.3
booster[5]:
0:[f54<0.001] yes=1,no=2,missing=2
\t1:leaf=0.33
\t2:leaf=-0.33
`;

function jsonTree(nodes: JsonNode[], id: number, defaultLeft: (node: number) => number = () => 1): object {
  return {
    base_weights: nodes.map((n) => n[3] * 3), // deliberately not the leaf values: the importer must not use them
    categories: [],
    default_left: nodes.map((_, k) => defaultLeft(k)),
    id,
    left_children: nodes.map((n) => n[0]),
    right_children: nodes.map((n) => n[1]),
    split_indices: nodes.map((n) => n[2]),
    split_conditions: nodes.map((n) => n[3]),
    split_type: nodes.map(() => 0),
    tree_param: { num_deleted: "0", num_feature: "55", num_nodes: String(nodes.length), size_leaf_vector: "1" },
  };
}

function xgboostJson(
  trees: JsonNode[][] = TREES,
  options: { numClass?: number; baseScore?: string; treeInfo?: number[]; defaultLeft?: (tree: number, node: number) => number } = {},
): any {
  const numClass = options.numClass ?? 3;
  return {
    learner: {
      attributes: {},
      feature_names: [],
      feature_types: [],
      gradient_booster: {
        model: {
          gbtree_model_param: { num_parallel_tree: "1", num_trees: String(trees.length) },
          tree_info: options.treeInfo ?? trees.map((_, i) => i % numClass),
          trees: trees.map((t, i) => jsonTree(t, i, (k) => (options.defaultLeft ?? (() => 1))(i, k))),
        },
        name: "gbtree",
      },
      learner_model_param: { base_score: options.baseScore ?? "0E0", num_class: String(numClass), num_feature: "55", num_target: "1" },
      objective: { name: "multi:softprob", softmax_multiclass_param: { num_class: String(numClass) } },
    },
    version: [2, 1, 0],
  };
}

/**
 * Direct evaluation of XGBoost JSON trees as XGBoost walks them (float32 compare, a NaN feature to the
 * default_left side, margins summed in float32), then the camera's softmax (expf, float32 sum and divide).
 */
function evaluateXgboost(json: any, x: Float32Array): { sums: number[]; classIndex: number; score: number } {
  const model = json.learner.gradient_booster.model;
  const numClass = Number(json.learner.learner_model_param.num_class);
  const sums = new Array<number>(numClass).fill(0);
  model.trees.forEach((t: any, i: number) => {
    let node = 0;
    while (t.left_children[node] !== -1) {
      const value = x[t.split_indices[node]];
      const goYes = Number.isNaN(value) ? t.default_left[node] === 1 : value < Math.fround(t.split_conditions[node]);
      node = goYes ? t.left_children[node] : t.right_children[node];
    }
    sums[model.tree_info[i]] = Math.fround(sums[model.tree_info[i]] + Math.fround(t.split_conditions[node]));
  });
  const exps = sums.map((s) => expf(s));
  const total = exps.reduce((a, b) => Math.fround(a + b), 0);
  let classIndex = 0;
  exps.forEach((e, c) => {
    if (e > exps[classIndex]) classIndex = c;
  });
  return { sums, classIndex, score: Math.fround(exps[classIndex] / total) };
}

function imported(result: { model?: TreeModel; errors: string[] }): TreeModel {
  expect(result.errors).toEqual([]);
  return result.model as TreeModel;
}

describe("XGBoost import", () => {
  it("JSON and text dump give the same uvpec model, class-major, breadth-first, dummy first", () => {
    const fromJson = importXgboostJson(JSON.stringify(xgboostJson()));
    const fromDump = importXgboostDump(DUMP, 3);
    expect(fromJson.warnings).toEqual([]);
    const a = imported(fromJson);
    const b = imported(fromDump);
    expect(serializeModel(a)).toEqual(serializeModel(b));
    expect(parseModel(serializeModel(a)).model).toEqual(a);
    expect(a.classCount).toBe(3);
    expect(a.treesPerClass).toBe(2);
    // Class-major: class 0 = trees[0], trees[3]; class 1 = trees[1], trees[4]; class 2 = trees[2], trees[5].
    expect([...a.trees[1].values]).toEqual([0, 100, Math.fround(0.1), Math.fround(-0.1)]);
    // trees[1] renumbered breadth-first: 1 = f4 split, 2 = yes (f20 split), 3 = no (leaf -0.3),
    // 4 = f15 split, 5 = leaf 0.6, 6 = leaf 0.05, 7 = leaf -0.125; the deleted node 7 is gone.
    const t = a.trees[2];
    expect([...t.features]).toEqual([255, 4, 20, 255, 15, 255, 255, 255]);
    expect([...t.next]).toEqual([0, 2, 4, 0, 6, 0, 0, 0]);
    expect([...t.values]).toEqual([0, 12.25, 7.5, -0.3, 0.875, 0.6, 0.05, -0.125].map(Math.fround));
    // Single-leaf tree: dummy + root leaf.
    expect([...a.trees[4].features]).toEqual([255, 255]);
  });

  it("get_dump()'s list of strings gives the same model as the dump file", () => {
    const perTree = DUMP.split(/booster\[\d+\]:\n/).filter((s) => s !== "");
    expect(perTree).toHaveLength(6);
    expect(serializeModel(imported(importXgboostDump(perTree, 3)))).toEqual(serializeModel(imported(importXgboostDump(DUMP, 3))));
  });

  it("a dump with feature names reads them as FEATURE_NAMES indices", () => {
    const named = DUMP.replace("[f0<50]", "[area<50]").replace("[f54<0.001]", "[gh7<0.001]");
    expect(serializeModel(imported(importXgboostDump(named, 3)))).toEqual(serializeModel(imported(importXgboostDump(DUMP, 3))));
  });

  it("predictions equal a direct evaluation of the XGBoost trees", () => {
    const json = xgboostJson();
    const fromJson = imported(importXgboostJson(json));
    const fromDump = imported(importXgboostDump(DUMP, 3));
    const rng = new Rng(99);
    const interesting = [0, 5, 7.5, 12.25, 19.999, 20, 50, 80, 100, 120.5, 0.875, 0.001, Math.fround(0.001), 200, -1, NaN];
    const seen = new Set<number>();
    for (let trial = 0; trial < 500; trial++) {
      const x = new Float32Array(FEATURE_COUNT);
      for (const f of [0, 3, 4, 5, 15, 20, 54]) x[f] = rng.chance(0.5) ? rng.pick(interesting) : rng.next() * 150;
      const expected = evaluateXgboost(json, x);
      // Every default_left of this model is 1 (NaN to "yes"), the camera's rule; the dump says missing=no
      // for booster[5] (f54), so the dump agrees with XGBoost only where f54 is a number.
      for (const model of Number.isNaN(x[54]) ? [fromJson] : [fromJson, fromDump]) {
        const p = predict(model, x);
        expect([...p.sums]).toEqual(expected.sums);
        expect(p.classIndex).toBe(expected.classIndex);
        expect(p.score).toBe(expected.score);
      }
      seen.add(expected.classIndex);
    }
    expect(seen.size).toBe(3);
  });

  it("warns when XGBoost's missing-value direction is not the camera's (NaN to \"yes\"), and shows why", () => {
    expect(importXgboostJson(xgboostJson()).warnings).toEqual([]);
    // trees[5] (class 2): f54 < 0.001 ? 0.33 : -0.33, with default_left 0 at its split: XGBoost sends a NaN
    // f54 to -0.33, the camera to 0.33.
    const json = xgboostJson(TREES, { defaultLeft: (tree) => (tree === 5 ? 0 : 1) });
    const result = importXgboostJson(json);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^1 of 9 splits send a missing \(NaN\) feature to the "no" child \(default_left false\)/);
    expect(result.warnings[0]).toMatch(/the first is trees\[5\] node 0 \(feature 54\)/);
    const x = new Float32Array(FEATURE_COUNT);
    x[54] = NaN;
    expect(evaluateXgboost(json, x).sums[2]).toBe(Math.fround(Math.fround(0.01) + Math.fround(-0.33)));
    expect(predict(imported(result), x).sums[2]).toBe(Math.fround(Math.fround(0.01) + Math.fround(0.33)));
    // The text dump's missing= says the same: booster[5] has missing=2 (its "no" child).
    const dump = importXgboostDump(DUMP, 3);
    expect(dump.warnings).toHaveLength(1);
    expect(dump.warnings[0]).toMatch(/^1 of 9 splits .* the first is booster\[5\] \(line \d+\) node 0 \(feature 54\)/);
    // A dump without missing= says nothing (the direction is not known).
    expect(importXgboostDump(DUMP.replace(/,missing=\d+/g, ""), 3).warnings).toEqual([]);
  });

  it("warns about a non-zero base score and says uvpec has none", () => {
    const result = importXgboostJson(xgboostJson(TREES, { baseScore: "5E-1" }));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/base_score 5E-1 ignored: uvpec has no base score/);
    const vector = importXgboostJson(xgboostJson(TREES, { baseScore: "[1E-1,2E-1,3E-1]" }));
    expect(vector.warnings[0]).toMatch(/differs between classes/);
  });

  it("uses tree_info for the class of each tree", () => {
    // Same trees, but tree_info says the first three are class 0, 1, 2 in another order.
    const shuffled = xgboostJson(TREES, { treeInfo: [1, 0, 2, 1, 0, 2] });
    const model = imported(importXgboostJson(shuffled));
    expect(model.trees[0].features[1]).toBe(4); // class 0's first tree is trees[1]
  });

  const errorCases: [string, () => { errors: string[] }, RegExp][] = [
    ["invalid JSON", () => importXgboostJson("{"), /not valid JSON/],
    ["not a model", () => importXgboostJson({ a: 1 }), /not an XGBoost JSON model/],
    ["dart booster", () => {
      const j = xgboostJson();
      j.learner.gradient_booster.name = "dart";
      return importXgboostJson(j);
    }, /"dart" is not supported/],
    ["1 class", () => importXgboostJson(xgboostJson(TREES, { numClass: 1 })), /num_class 1 is out of range: uvpec models have 2\.\.40 classes/],
    ["41 classes", () => importXgboostJson(xgboostJson(Array.from({ length: 41 }, () => TREES[2]), { numClass: 41 })), /num_class 41 is out of range/],
    ["1 class (dump)", () => importXgboostDump(DUMP, 1), /num_class 1 is out of range/],
    ["differing tree counts", () => importXgboostJson(xgboostJson(TREES.slice(0, 5))), /class 2 has 1 trees, class 0 has 2/],
    ["feature 55", () => importXgboostJson(xgboostJson([[[1, 2, 55, 1], [-1, -1, 0, 1], [-1, -1, 0, 2]], TREES[2], TREES[2]])), /trees\[0\] node 0: feature index 55 is not below 55/],
    ["feature 55 (dump)", () => importXgboostDump(DUMP.replace("[f20<7.5]", "[f55<7.5]"), 3), /booster\[1\] \(line 7\) node 2: feature index 55/],
    ["categorical split", () => {
      const j = xgboostJson();
      j.learner.gradient_booster.model.trees[3].split_type[0] = 1;
      return importXgboostJson(j);
    }, /trees\[3\] node 0: categorical split/],
    ["categorical split (dump)", () => importXgboostDump(DUMP.replace("0:[f5<100]", "0:[f5:{1,3}]"), 3), /categorical split/],
    ["a missing child", () => importXgboostDump(DUMP.replace("\t\t4:leaf=0.15\n", ""), 3), /booster\[0\] \(line 1\) node 1: child 4 does not exist/],
    ["garbage line", () => importXgboostDump(DUMP.replace("\t2:leaf=0.4", "\t2:leef=0.4"), 3), /booster\[0\] \(line 1\) line 6: not a split or leaf line/],
    ["vector leaves", () => {
      const j = xgboostJson();
      j.learner.gradient_booster.model.trees[0].tree_param.size_leaf_vector = "3";
      return importXgboostJson(j);
    }, /vector leaves/],
  ];
  for (const [name, run, pattern] of errorCases) {
    it(`rejects: ${name}`, () => {
      const result = run() as { errors: string[]; model?: TreeModel };
      expect(result.model).toBeUndefined();
      if (!result.errors.some((e) => pattern.test(e))) throw new Error(`no error matches ${pattern}: ${JSON.stringify(result.errors)}`);
    });
  }

  it("accepts any depth the format holds (a chain of 9 splits; depth 9 in 112 nodes) and refuses more than 255 nodes", () => {
    // A chain of 9 splits: node 2s splits on f1 < s, yes = leaf 2s+1, no = node 2s+2.
    const chain: JsonNode[] = [];
    for (let s = 0; s < 9; s++) chain.push([2 * s + 1, 2 * s + 2, 1, s], [-1, -1, 0, s]);
    chain.push([-1, -1, 0, -1]);
    const result = importXgboostJson(xgboostJson([chain, TREES[2], TREES[2]]));
    expect(result.errors).toEqual([]);
    const model = imported(result);
    expect(describeModel(model).maxDepth).toBe(9);
    const x = new Float32Array(FEATURE_COUNT);
    x[1] = 8.5; // not below 0..8: down the whole chain to the last leaf
    expect(predict(model, x).sums[0]).toBe(-1);
    // A depth-9 tree of 111 nodes + the dummy = 112: a full depth-5 tree (31 splits) whose first 6 bottom
    // leaves are 4-split chains instead (6 x 4 = 24 more splits): 55 splits, 56 leaves.
    const nodes: JsonNode[] = [];
    const add = (n: JsonNode): number => nodes.push(n) - 1;
    const build = (depth: number, chainAt: { left: number }): number => {
      if (depth === 5) {
        if (chainAt.left <= 0) return add([-1, -1, 0, 0.5]);
        chainAt.left -= 1;
        const grow = (k: number): number => {
          if (k === 0) return add([-1, -1, 0, -0.5]);
          const id = add([0, 0, 2, k]);
          const yes = add([-1, -1, 0, k]);
          nodes[id] = [yes, grow(k - 1), 2, k];
          return id;
        };
        return grow(4);
      }
      const id = add([0, 0, 3, depth]);
      const yes = build(depth + 1, chainAt);
      const no = build(depth + 1, chainAt);
      nodes[id] = [yes, no, 3, depth];
      return id;
    };
    build(0, { left: 6 });
    expect(nodes.length).toBe(111);
    const deep = imported(importXgboostJson(xgboostJson([nodes, TREES[2], TREES[2]])));
    expect(deep.trees[0].values.length).toBe(112);
    expect(describeModel(deep).maxDepth).toBe(9);
    const bytes = serializeModel(deep);
    expect(parseModel(bytes).errors).toEqual([]);
    // Both firmware builds load it (MODEL_DEPTH before) and walk it as the reference does.
    const x9 = new Float32Array(FEATURE_COUNT).fill(1e6); // every split "no", down the deepest chains' last leaves
    for (const build of BUILDS) {
      const fw = Firmware.create(build).raw;
      new Uint8Array(fw.memory.buffer, fw.modelStagingPtr(), bytes.length).set(bytes);
      expect(fw.loadModel(bytes.length), build).toBe(Status.OK);
      expect(fw.modelMaxDepth()).toBe(9);
      expect(fw.modelNodes()).toBe(112 + 2 + 2);
    }
    expect(predict(deep, x9).sums[0]).toBe(Math.fround(0.5));
    // A full tree of depth 8 (511 nodes) does not fit next's byte.
    const full: JsonNode[] = [];
    for (let i = 0; i < 511; i++) full.push(i < 255 ? [2 * i + 1, 2 * i + 2, 0, i] : [-1, -1, 0, 0]);
    expect(importXgboostJson(xgboostJson([full, TREES[2], TREES[2]])).errors[0]).toMatch(/more than 255 nodes/);
  });
});

describe("taxoConfLine", () => {
  it("writes a TAXO_CONF line that parseTaxoConf reads back, unused ids 0", () => {
    const line = taxoConfLine("TAXO_TEST_1", "Mtest_20250101", 65535, [93382, 56693, 85123]);
    expect(line.startsWith("TAXO_CONF,TAXO_TEST_1,Mtest_20250101,65535,3,93382,56693,85123,0,")).toBe(true);
    expect(line.endsWith(",0;")).toBe(true);
    const parsed = parseTaxoConf(line);
    expect(parsed).toEqual({
      name: "TAXO_TEST_1",
      modelReference: "Mtest_20250101",
      maxSizeForClassificationPx: 65535,
      modelClassCount: 3,
      taxoIds: [93382, 56693, 85123, ...new Array(37).fill(0)],
    });
  });

  it("rejects bad arguments", () => {
    expect(() => taxoConfLine("A", "M", 65536, [1, 2])).toThrow(RangeError);
    expect(() => taxoConfLine("A", "M", 100, [1])).toThrow(RangeError);
    expect(() => taxoConfLine("A", "M", 100, new Array(41).fill(1))).toThrow(RangeError);
    expect(() => taxoConfLine("A,B", "M", 100, [1, 2])).toThrow(RangeError);
    expect(() => taxoConfLine("A", "", 100, [1, 2])).toThrow(RangeError);
    expect(() => taxoConfLine("A", "M", 100, [1, -2])).toThrow(RangeError);
    expect(parseTaxoConf(taxoConfLine("A", "M", 0, new Array(40).fill(7))).modelClassCount).toBe(40);
  });
});
