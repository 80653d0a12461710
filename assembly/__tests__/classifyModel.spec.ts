import {
  classifyVignette, classSumsPtr, featuresPtr, loadModel, modelCapacityBytes, modelClasses, modelNodes,
  modelMaxDepth, modelStagingPtr, modelTreesPerClass, resultClass, resultScore, vignetteBufferPtr,
} from "../classify/api";
import { Status } from "../status";

// Models are written byte by byte, as uvpec lays them out: u32 C, u32 T, u32 total nodes, u32 nodes
// per tree [C*T], then per tree f32 value[n], u8 feature[n], u8 next[n]. A tree is given here as a flat
// list of (value, feature, next) triples, node 0 (the dummy) first.

const L: f64 = 255; // feature of a leaf

/** A tree of one leaf: dummy, root leaf. */
function leafTree(v: f64): f64[] { return [0, L, 0, v, L, 0]; }
/** A one-split tree: x[f] < thr goes to the `yes` leaf (node 2), else to the `no` leaf (node 3). */
function splitTree(f: f64, thr: f64, yes: f64, no: f64): f64[] { return [0, L, 0, thr, f, 2, yes, L, 0, no, L, 0]; }
/** A chain of `splits` split nodes on feature 0 (area < thr), each with a leaf on its `yes` side; depth = splits. */
function chainTree(splits: i32, thr: f64 = 1e9): f64[] {
  const t: f64[] = [0, L, 0];
  for (let s = 0; s < splits; s++) {
    const k = 1 + 2 * s; // split node k: yes -> k + 1 (leaf), no -> k + 2 (next split or last leaf)
    t.push(thr); t.push(0); t.push(<f64>(k + 1));
    t.push(<f64>s); t.push(L); t.push(0);
  }
  t.push(-1); t.push(L); t.push(0);
  return t;
}

/** Writes C, T and the trees (class-major) into the staging area; returns the model's length in bytes. */
function writeModel(classes: u32, perClass: u32, trees: f64[][]): u32 {
  const m = modelStagingPtr();
  store<u32>(m, classes);
  store<u32>(m + 4, perClass);
  let total: u32 = 0;
  for (let i = 0; i < trees.length; i++) {
    const n = <u32>(trees[i].length / 3);
    store<u32>(m + 12 + (i << 2), n);
    total += n;
  }
  store<u32>(m + 8, total);
  let p = m + 12 + (trees.length << 2);
  for (let i = 0; i < trees.length; i++) {
    const t = trees[i];
    const n = t.length / 3;
    for (let k = 0; k < n; k++) {
      store<f32>(p + (k << 2), <f32>t[3 * k]);
      store<u8>(p + 4 * n + k, <u8>(<u32>t[3 * k + 1]));
      store<u8>(p + 5 * n + k, <u8>(<u32>t[3 * k + 2]));
    }
    p += 6 * n;
  }
  return <u32>(p - m);
}

// The hand-built 2-class model, 2 trees per class:
//   class 0: area (feature 0) < 5 ? +1 : -1,   then a leaf 0.5
//   class 1: mean (feature 3) < 100 ? -0.5 : +2, then a leaf 0.25
function goodTrees(): f64[][] {
  return [splitTree(0, 5, 1, -1), leafTree(0.5), splitTree(3, 100, -0.5, 2), leafTree(0.25)];
}
function writeGood(): u32 { return writeModel(2, 2, goodTrees()); }

/** Classifies a single pixel of grey `g`; returns the status. */
function onePixel(g: u8): Status {
  store<u8>(vignetteBufferPtr(), g);
  return classifyVignette(1, 1, 10);
}

function sum(c: u32): f64 { return load<f64>(classSumsPtr() + (<usize>c << 3)); }

/** Whether the hand-built model is the one in force (a pixel of 200: class 1; of 50: class 0). */
function goodModelAnswers(): bool {
  if (modelClasses() != 2 || modelTreesPerClass() != 2 || modelNodes() != 12) return false;
  if (onePixel(200) != Status.OK || resultClass() != 1) return false;
  if (onePixel(50) != Status.OK || resultClass() != 0) return false;
  return true;
}

describe("model loading", () => {
  it("answers NO_MODEL, with the features computed, before any model", () => {
    expect<u32>(modelClasses()).toBe(0);
    expect<Status>(onePixel(200)).toBe(Status.NO_MODEL);
    expect<i32>(resultClass()).toBe(-1);
    expect<f32>(load<f32>(featuresPtr() + 12)).toBe(200); // mean
  });

  it("rejects a malformed first model and still has none", () => {
    const n = writeGood();
    expect<Status>(loadModel(n + 1)).toBe(Status.MODEL_LENGTH);
    expect<u32>(modelClasses()).toBe(0);
    expect<Status>(onePixel(200)).toBe(Status.NO_MODEL);
  });

  it("loads the hand-built model and swaps the staging area", () => {
    const staging = modelStagingPtr();
    const n = writeGood();
    expect<u32>(n).toBe(12 + 16 + 6 * 12);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<u32>(modelClasses()).toBe(2);
    expect<u32>(modelTreesPerClass()).toBe(2);
    expect<u32>(modelNodes()).toBe(12);
    expect<bool>(modelStagingPtr() != staging).toBe(true);
    expect<bool>(goodModelAnswers()).toBe(true);
  });

  it("rejects each kind of malformed model with its status and keeps the previous model answering", () => {
    let n: u32;
    let m: usize;
    // Length: missing bytes, bytes left over, shorter than the header, beyond the area.
    n = writeGood(); expect<Status>(loadModel(n - 1)).toBe(Status.MODEL_LENGTH);
    n = writeGood(); expect<Status>(loadModel(n + 1)).toBe(Status.MODEL_LENGTH);
    n = writeGood(); expect<Status>(loadModel(11)).toBe(Status.MODEL_LENGTH);
    n = writeGood(); expect<Status>(loadModel(0)).toBe(Status.MODEL_LENGTH);
    n = writeGood(); expect<Status>(loadModel(modelCapacityBytes() + 1)).toBe(Status.MODEL_TOO_LARGE);
    // Shorter than the node-count table its header announces.
    m = modelStagingPtr(); writeGood(); store<u32>(m + 4, 100); expect<Status>(loadModel(300)).toBe(Status.MODEL_LENGTH);
    // Classes: 1 and 41.
    m = modelStagingPtr(); n = writeGood(); store<u32>(m, 1); expect<Status>(loadModel(n)).toBe(Status.MODEL_CLASSES);
    m = modelStagingPtr(); n = writeGood(); store<u32>(m, 41); expect<Status>(loadModel(n)).toBe(Status.MODEL_CLASSES);
    // Trees per class: 0; and more trees than the index (2 x 4097 > 8192), or a huge T that would overflow.
    m = modelStagingPtr(); n = writeGood(); store<u32>(m + 4, 0); expect<Status>(loadModel(n)).toBe(Status.MODEL_TREES);
    m = modelStagingPtr(); n = writeGood(); store<u32>(m + 4, 4097); expect<Status>(loadModel(n)).toBe(Status.MODEL_TOO_LARGE);
    m = modelStagingPtr(); n = writeGood(); store<u32>(m + 4, 0x80000001); expect<Status>(loadModel(n)).toBe(Status.MODEL_TOO_LARGE);
    // Nodes per tree: 1 and 257.
    m = modelStagingPtr(); n = writeGood(); store<u32>(m + 12 + 4, 1); expect<Status>(loadModel(n)).toBe(Status.MODEL_TREE_SIZE);
    m = modelStagingPtr(); n = writeGood(); store<u32>(m + 12, 257); expect<Status>(loadModel(n)).toBe(Status.MODEL_TREE_SIZE);
    // Total nodes differing from the sum.
    m = modelStagingPtr(); n = writeGood(); store<u32>(m + 8, 13); expect<Status>(loadModel(n)).toBe(Status.MODEL_NODE_TOTAL);
    // Node counts that move bytes between trees (sum and length still agree): caught by the tree checks.
    m = modelStagingPtr(); n = writeGood(); store<u32>(m + 12, 3); store<u32>(m + 16, 3);
    expect<bool>(loadModel(n) != Status.OK).toBe(true);
    // Dummy node: feature not 255; next not 0 (tree 2, class 1's first).
    let t = goodTrees(); t[0][1] = 0;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_DUMMY_NODE);
    t = goodTrees(); t[2][2] = 1;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_DUMMY_NODE);
    // Feature index 55 and 254.
    t = goodTrees(); t[0][4] = 55;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_FEATURE);
    t = goodTrees(); t[2][4] = 254;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_FEATURE);
    // next: pointing back at itself, before itself, and past the tree (next + 1 == nodes).
    t = goodTrees(); t[0][5] = 1;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_NEXT);
    t = goodTrees(); t[0][5] = 0;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_NEXT);
    t = goodTrees(); t[2][5] = 3;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_NEXT);
    // A cycle cannot be written (next[k] > k), so a split pointing back is MODEL_NEXT (above); depth is not
    // limited (accepted below).
    // Values: a NaN leaf, an infinite split value, an infinite leaf.
    t = goodTrees(); t[1][3] = NaN;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_VALUE);
    t = goodTrees(); t[2][3] = Infinity;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_VALUE);
    t = goodTrees(); t[3][3] = -Infinity;
    n = writeModel(2, 2, t); expect<Status>(loadModel(n)).toBe(Status.MODEL_VALUE);
    // Shape: a node no split points to; a node two splits point to.
    n = writeModel(2, 1, [[0, L, 0, 1, L, 0, 2, L, 0], leafTree(0)]);
    expect<Status>(loadModel(n)).toBe(Status.MODEL_TREE_SHAPE);
    n = writeModel(2, 1, [[0, L, 0, 5, 0, 2, 5, 0, 3, 1, L, 0, 2, L, 0], leafTree(0)]);
    expect<Status>(loadModel(n)).toBe(Status.MODEL_TREE_SHAPE);
    // After all that, the hand-built model is still the one answering.
    expect<bool>(goodModelAnswers()).toBe(true);
  });

  it("accepts any depth up to 255 nodes per tree (no MODEL_DEPTH), 256-node trees and 40 classes; ignores the dummy's value", () => {
    let t = goodTrees(); t[3][0] = NaN; t[0][0] = Infinity; // the dummy's value is never read
    expect<Status>(loadModel(writeModel(2, 2, t))).toBe(Status.OK);
    expect<bool>(goodModelAnswers()).toBe(true);
    let n = writeModel(2, 1, [chainTree(7), leafTree(0)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<u32>(modelNodes()).toBe(16 + 2);
    expect<u32>(modelMaxDepth()).toBe(7);
    // Depth 9 (refused as MODEL_DEPTH before: the camera runs it) and a 127-split chain, the deepest tree
    // 255 real nodes can make; area (feature 0) >= 0 always goes on to the next split, down to the last leaf.
    n = writeModel(2, 1, [chainTree(9), leafTree(0)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<u32>(modelMaxDepth()).toBe(9);
    n = writeModel(2, 1, [chainTree(127, 0), leafTree(0)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<u32>(modelNodes()).toBe(256 + 2);
    expect<u32>(modelMaxDepth()).toBe(127);
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<f64>(sum(0)).toBe(-1);
    // A full depth-7 tree: 255 nodes + dummy = 256, splits at nodes 1..127 (children 2k, 2k + 1).
    const full: f64[] = [0, L, 0];
    for (let k = 1; k < 256; k++) {
      if (k < 128) { full.push(0); full.push(3); full.push(<f64>(2 * k)); }
      else { full.push(<f64>k); full.push(L); full.push(0); }
    }
    n = writeModel(2, 1, [full, leafTree(0)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<u32>(modelNodes()).toBe(258);
    expect<u32>(modelMaxDepth()).toBe(7);
    // Every split on mean (feature 3) with value 0: x >= 0, so the walk goes right, right, ...
    // to node 255, the last leaf, whose value is 255.
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<f64>(sum(0)).toBe(255);
    // 40 classes of one leaf each; class 39's leaf is the largest.
    const many: f64[][] = [];
    for (let c = 0; c < 40; c++) many.push(leafTree(c == 39 ? 1 : 0));
    n = writeModel(40, 1, many);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<i32>(resultClass()).toBe(39);
    expect<f64>(resultScore()).toBeCloseTo(Math.E / (39 + Math.E), 6);
  });
});

describe("inference", () => {
  it("sums each class's trees, takes exp and picks the largest (hand-built model)", () => {
    const n = writeGood();
    expect<Status>(loadModel(n)).toBe(Status.OK);
    // One pixel of 200: area 1 < 5 -> class 0 = 1 + 0.5 = 1.5; mean 200 >= 100 -> class 1 = 2 + 0.25.
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<f64>(sum(0)).toBe(1.5);
    expect<f64>(sum(1)).toBe(2.25);
    expect<i32>(resultClass()).toBe(1);
    expect<f64>(resultScore()).toBe(<f64>(Mathf.exp(2.25) / (Mathf.exp(1.5) + Mathf.exp(2.25))));
    expect<f64>(resultScore()).toBeCloseTo(0.679178699175393, 6);
    // One pixel of 50: class 1 = -0.5 + 0.25 = -0.25 < 1.5.
    expect<Status>(onePixel(50)).toBe(Status.OK);
    expect<f64>(sum(1)).toBe(-0.25);
    expect<i32>(resultClass()).toBe(0);
    expect<f64>(resultScore()).toBe(<f64>(Mathf.exp(1.5) / (Mathf.exp(1.5) + Mathf.exp(-0.25))));
    // A 3 x 3 block of 60: area 9 >= 5 -> class 0 = -1 + 0.5 = -0.5; mean 60 < 100 -> class 1 = -0.25.
    memory.fill(vignetteBufferPtr(), 60, 9);
    expect<Status>(classifyVignette(3, 3, 10)).toBe(Status.OK);
    expect<f64>(sum(0)).toBe(-0.5);
    expect<i32>(resultClass()).toBe(1);
  });

  it("compares on f32 values: a feature equal to the split value goes to next + 1", () => {
    // Split on mean < 200 for a pixel of 200: not less, so the `no` leaf (+3) is taken.
    const n = writeModel(2, 1, [splitTree(3, 200, -3, 3), leafTree(0)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<f64>(sum(0)).toBe(3);
    // 200.00001 rounds to the f32 200: still not less.
    const m = writeModel(2, 1, [splitTree(3, 200.000001, -3, 3), leafTree(0)]);
    expect<Status>(loadModel(m)).toBe(Status.OK);
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<f64>(sum(0)).toBe(3);
  });

  it("sends a NaN feature to next, as the camera's x >= value test does", () => {
    // Eccentricity (15) of a single pixel is NaN: NaN >= 0.5 is false, so the walk takes next.
    const n = writeModel(2, 1, [splitTree(15, 0.5, -1, 1), splitTree(22, 0.5, 1, -1)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<f64>(sum(0)).toBe(-1); // next
    expect<f64>(sum(1)).toBe(1); // meanpos (22) is NaN too: next
    expect<i32>(resultClass()).toBe(1);
    // A uniform-grey 4 x 4 square (classifiable size, one grey level): range 0, meanpos and sr NaN.
    memory.fill(vignetteBufferPtr(), 90, 16);
    expect<Status>(classifyVignette(4, 4, 10)).toBe(Status.OK);
    expect<bool>(isNaN(load<f32>(featuresPtr() + 22 * 4))).toBe(true);
    expect<bool>(isNaN(load<f32>(featuresPtr() + 24 * 4))).toBe(true);
    expect<f64>(sum(1)).toBe(1);
  });

  it("gives a tie to the first class, and sums, exponentiates and divides in f32", () => {
    let n = writeModel(3, 1, [leafTree(0.25), leafTree(0.75), leafTree(0.75)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<i32>(resultClass()).toBe(1);
    // f32 0.1 three times, each addition rounded to f32 (0.3000000119, not the f64 sum 0.3000000044703484).
    n = writeModel(2, 3, [leafTree(0.1), leafTree(0.1), leafTree(0.1), leafTree(0), leafTree(0), leafTree(0)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<Status>(onePixel(200)).toBe(Status.OK);
    const f: f32 = <f32>0.1;
    const s3: f32 = f + f + f;
    expect<f64>(sum(0)).toBe(<f64>s3);
    expect<bool>(<f64>s3 != <f64>f + <f64>f + <f64>f).toBe(true);
    const e: f32 = Mathf.exp(s3);
    expect<f64>(resultScore()).toBe(<f64>(e / (e + <f32>1)));
    // Equal sums: class 0 wins, score 1/2.
    n = writeModel(2, 1, [leafTree(-2), leafTree(-2)]);
    expect<Status>(loadModel(n)).toBe(Status.OK);
    expect<Status>(onePixel(200)).toBe(Status.OK);
    expect<i32>(resultClass()).toBe(0);
    expect<f64>(resultScore()).toBe(0.5);
  });

  it("gives no class when the vignette is empty or too large, but keeps the model", () => {
    memory.fill(vignetteBufferPtr(), 0, 16);
    expect<Status>(classifyVignette(4, 4, 10)).toBe(Status.VIGNETTE_EMPTY);
    expect<i32>(resultClass()).toBe(-1);
    expect<f64>(resultScore()).toBe(0);
    expect<Status>(classifyVignette(200, 200, 10)).toBe(Status.VIGNETTE_TOO_LARGE);
    expect<i32>(resultClass()).toBe(-1);
    expect<u32>(modelClasses()).toBe(2);
    expect<Status>(onePixel(200)).toBe(Status.OK);
  });
});
