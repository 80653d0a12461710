import { describe, expect, it } from "vitest";
import { describeModel, formatModelDescription, parseModel, serializeModel, validateModel } from "../host/classify/model.js";
import { type ModelTree, type TreeModel } from "../host/classify/modelTypes.js";
import { randomModel } from "../host/classify/randomModel.js";
import { Rng } from "../simulator/random.js";
import { leaf, split, tree } from "./support/trees.js";



/** 2 classes x 1 tree: class 0 splits area < 10, class 1 is one leaf. */
function smallModel(): TreeModel {
  return {
    classCount: 2,
    treesPerClass: 1,
    trees: [tree([split(0, 2, 10), leaf(1), leaf(-1)]), tree([leaf(0.5)])],
  };
}

/** A chain of `splits` split nodes, each with a leaf as its "yes" child: depth = splits. */
function chainTree(splits: number): ModelTree {
  const nodes: [number, number, number][] = [];
  for (let s = 0; s < splits; s++) {
    // node 1 + 2s is the split; its children are 2 + 2s (leaf) and 3 + 2s (next split or final leaf).
    nodes.push(split(s % 55, 2 + 2 * s, s));
    nodes.push(leaf(s));
  }
  nodes.push(leaf(-1));
  // Reorder: node indices must be split(1), leaf(2), split(3), leaf(4)... which is what was pushed.
  return tree(nodes);
}

function bytesOf(model: TreeModel): Uint8Array {
  return serializeModel(model);
}

function errorsOf(bytes: Uint8Array): string[] {
  const result = parseModel(bytes);
  expect(result.model).toBeUndefined();
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors;
}

describe("serializeModel / parseModel", () => {
  it("writes the documented little-endian layout", () => {
    const bytes = bytesOf(smallModel());
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(12 + 4 * 2 + 6 * (4 + 2));
    expect([view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true)]).toEqual([2, 1, 6]);
    expect([view.getUint32(12, true), view.getUint32(16, true)]).toEqual([4, 2]);
    // Tree 0 at byte 20: values[4], features[4], next[4].
    expect([0, 1, 2, 3].map((k) => view.getFloat32(20 + 4 * k, true))).toEqual([0, 10, 1, -1]);
    expect([...bytes.slice(36, 40)]).toEqual([255, 0, 255, 255]);
    expect([...bytes.slice(40, 44)]).toEqual([0, 2, 0, 0]);
    // Tree 1 at byte 44: values[2], features[2], next[2].
    expect(view.getFloat32(48, true)).toBe(0.5);
    expect([...bytes.slice(52, 56)]).toEqual([255, 255, 0, 0]);
  });

  it("round-trips random valid models", () => {
    const rng = new Rng(2024);
    for (let trial = 0; trial < 60; trial++) {
      const model = randomModel(() => rng.next());
      expect(validateModel(model)).toEqual([]);
      const bytes = serializeModel(model);
      const parsed = parseModel(bytes);
      expect(parsed.errors).toEqual([]);
      expect(parsed.model).toEqual(model);
      expect(serializeModel(parsed.model as TreeModel)).toEqual(bytes);
    }
  });

  it("accepts the limits: 40 classes, a full 255-node tree (random trees stop there whatever maxDepth), a single-leaf tree", () => {
    const rng = new Rng(9);
    const full = randomModel(() => rng.next(), { classCount: 40, treesPerClass: 1, splitProbability: 1 });
    expect(full.trees[0].values.length).toBe(256);
    expect(parseModel(serializeModel(full)).errors).toEqual([]);
    expect(describeModel(full).maxDepth).toBe(7);
    const chain = { classCount: 2, treesPerClass: 1, trees: [chainTree(7), tree([leaf(0)])] };
    expect(parseModel(serializeModel(chain)).errors).toEqual([]);
    const deep = randomModel(() => rng.next(), { classCount: 3, treesPerClass: 2, splitProbability: 1, maxDepth: 12 });
    expect(Math.max(...deep.trees.map((t) => t.values.length))).toBe(256);
    expect(parseModel(serializeModel(deep)).errors).toEqual([]);
  });

  it("reads a model inside a larger buffer (byteOffset)", () => {
    const bytes = bytesOf(smallModel());
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 3);
    expect(parseModel(padded.subarray(3, 3 + bytes.length)).model).toEqual(smallModel());
  });
});

describe("parseModel rejects malformed files with a clear message", () => {
  const good = (): Uint8Array => bytesOf(smallModel());
  const withU32 = (offset: number, value: number): Uint8Array => {
    const b = good();
    new DataView(b.buffer).setUint32(offset, value, true);
    return b;
  };
  const withByte = (offset: number, value: number): Uint8Array => {
    const b = good();
    b[offset] = value;
    return b;
  };
  const withF32 = (offset: number, value: number): Uint8Array => {
    const b = good();
    new DataView(b.buffer).setFloat32(offset, value, true);
    return b;
  };
  // Tree 0 (4 nodes) data at byte 20: values 20..35, features 36..39, next 40..43. Tree 1 at 44.

  const cases: [string, () => Uint8Array, RegExp][] = [
    ["empty file", () => new Uint8Array(0), /0 bytes, shorter than the 12-byte header/],
    ["truncated header", () => good().slice(0, 11), /11 bytes, shorter than the 12-byte header/],
    ["1 class", () => withU32(0, 1), /byte 0: class count 1 is out of range \(2\.\.40\)/],
    ["41 classes", () => withU32(0, 41), /byte 0: class count 41/],
    ["0 trees per class", () => withU32(4, 0), /byte 4: trees per class 0/],
    ["count table past the end", () => withU32(4, 1000), /byte 12: 2 classes x 1000 trees need a 8000-byte node count table/],
    ["total differs from the sum", () => withU32(8, 7), /byte 8: total node count 7 differs from the sum of the per-tree counts, 6/],
    ["tree data past the end", () => good().slice(0, 50), /class 1 tree 0 \(tree #1\): 2 nodes \(count at byte 16\) need bytes 44\.\.55, the file ends at byte 49/],
    ["bytes left over", () => Uint8Array.from([...good(), 0, 0]), /byte 56: 2 byte\(s\) left over after the last tree/],
    ["tree with one node", () => {
      const m = smallModel();
      m.trees[1] = { values: new Float32Array(1), features: Uint8Array.of(255), next: Uint8Array.of(0) };
      return serializeModel(m);
    }, /class 1 tree 0 \(tree #1\): node count 1 \(byte 16\) is out of range 2\.\.256/],
    ["tree with 257 nodes", () => {
      const m = smallModel();
      m.trees[1] = chainTree(128);
      return serializeModel(m);
    }, /class 1 tree 0 \(tree #1\): node count 258 \(byte 16\) is out of range 2\.\.256/],
    ["dummy feature", () => withByte(36, 7), /class 0 tree 0 \(tree #0\) node 0 \(dummy\): feature 7 at byte 36 must be 255/],
    ["dummy next", () => withByte(40, 1), /node 0 \(dummy\): next 1 at byte 40 must be 0/],
    ["feature 55", () => withByte(37, 55), /node 1: feature 55 at byte 37 must be < 55 \(split\) or 255 \(leaf\)/],
    ["feature 254", () => withByte(37, 254), /node 1: feature 254 at byte 37/],
    ["self loop", () => withByte(41, 1), /node 1: next 1 at byte 41 must be > 1/],
    ["backward child", () => withByte(41, 0), /node 1: next 0 at byte 41 must be > 1/],
    ["children past the end", () => withByte(41, 3), /node 1: next 3 at byte 41 points to nodes 3 and 4, past the last node 3/],
    ["NaN threshold", () => withF32(24, NaN), /node 1: value NaN at byte 24 is not finite/],
    ["infinite leaf", () => withF32(28, Infinity), /node 2: value Infinity at byte 28 is not finite/],
  ];
  for (const [name, make, pattern] of cases) {
    it(name, () => {
      const errors = errorsOf(make());
      if (!errors.some((e) => pattern.test(e))) throw new Error(`no error matches ${pattern}: ${JSON.stringify(errors)}`);
    });
  }

  it("unreachable and shared nodes", () => {
    // Node 1 -> (2, 3), node 2 -> (3, 4): node 3 has two parents; node 5 has none.
    const shared: TreeModel = {
      classCount: 2,
      treesPerClass: 1,
      trees: [tree([split(0, 2, 1), split(1, 3, 2), leaf(0), leaf(1), leaf(2)]), tree([leaf(0)])],
    };
    const errors = errorsOf(serializeModel(shared));
    expect(errors).toContain("class 0 tree 0 (tree #0) node 3: child of 2 split nodes (a tree node has one parent)");
    expect(errors).toContain("class 0 tree 0 (tree #0) node 5: unreachable (no split node points to it)");
  });

  it("no depth limit: a chain of 8 or 127 splits (255 real nodes) is valid", () => {
    for (const splits of [8, 9, 127]) {
      const deep = { classCount: 2, treesPerClass: 1, trees: [tree([leaf(0)]), chainTree(splits)] };
      expect(parseModel(serializeModel(deep)).errors).toEqual([]);
      expect(describeModel(deep).maxDepth).toBe(splits);
    }
  });

  it("never throws on fuzzed bytes, and anything it accepts re-serializes to the same bytes", () => {
    const rng = new Rng(77);
    let accepted = 0;
    for (let trial = 0; trial < 3000; trial++) {
      let bytes: Uint8Array;
      if (trial % 3 === 0) {
        bytes = new Uint8Array(rng.int(0, 200));
        for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
      } else {
        bytes = serializeModel(randomModel(() => rng.next(), { classCount: rng.int(2, 4), treesPerClass: rng.int(1, 2), maxDepth: 3 }));
        const flips = rng.int(1, 3);
        for (let f = 0; f < flips; f++) bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255);
        if (rng.chance(0.2)) bytes = bytes.slice(0, rng.int(0, bytes.length));
      }
      const result = parseModel(bytes);
      if (result.model !== undefined) {
        accepted++;
        expect(result.errors).toEqual([]);
        expect(serializeModel(result.model)).toEqual(bytes);
      } else {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) expect(typeof e).toBe("string");
      }
    }
    expect(accepted).toBeGreaterThan(0); // flips of leaf values keep some models valid
  });

  it("parseModel of a non-Uint8Array returns an error", () => {
    expect(parseModel([1, 2, 3] as unknown as Uint8Array).errors).toEqual(["model: bytes must be a Uint8Array"]);
  });
});

describe("describeModel", () => {
  it("counts classes, trees, nodes, depth, bytes and features", () => {
    const d = describeModel(smallModel());
    expect(d).toEqual({
      classCount: 2,
      treesPerClass: 1,
      treeCount: 2,
      nodeCount: 6,
      splitCount: 1,
      leafCount: 3,
      maxDepth: 1,
      byteLength: 56,
      featuresUsed: [0],
    });
    const text = formatModelDescription(d);
    expect(text).toContain("classes: 2");
    expect(text).toContain("max depth: 1 split levels");
    expect(text).toContain("features used: 1 of 55 (area)");
  });
});
