// Inference: the model in force applied to the 55 features in featuresOut (XGBoost softprob, DOMAIN.md 8).
//
// Per class c, sum[c] = 0.0 (f64) + the f32 leaf value of each of its T trees, tree by tree in file
// (class-major) order; exp[c] = exp(sum[c]) in f64 with no max-subtraction and no base score. The answer
// is the first class with the strictly largest exp (a tie goes to the lower class), its score
// exp[answer] / (exp[0] + exp[1] + ... in class order).
// Traversal: from node 1, a split node k on feature f compares the f32 feature with the f32 value[k]:
// x[f] < value[k] goes to next[k], anything else to next[k] + 1. A NaN feature compares false, so it
// always takes next[k] + 1 (no missing-value branch). Validation guarantees next[k] > k and next[k] + 1
// < nodes, so every walk ends at a leaf within its tree. Edge cases, left as IEEE makes them: a sum
// above ~709.78 makes its exp +inf (score inf/inf = NaN when it wins); sums all below ~-745 make every exp
// 0 (answer class 0, score 0/0 = NaN). Leaf values are finite f32, so a sum is always finite.

import { CLASS_SUMS_RESERVED_BYTES, MODEL_LEAF_FEATURE, MODEL_MAX_SPLIT_DEPTH } from "./modelConstants";
import { featuresOut } from "./features";
import { modelActive, modelClassCount, modelTreeCount, treeIndex, treeNodes } from "./model";

/** Per-class sums of leaf values of the last inference, f64 x MODEL_MAX_CLASSES (first modelClasses used). */
export const classSums: usize = memory.data(CLASS_SUMS_RESERVED_BYTES, 16);

/** Class chosen by the last inference. */
export let inferredClass: u32 = 0;
/** Score of the class chosen by the last inference: exp(sum) / sum of exps. */
export let inferredScore: f64 = 0;

/** Leaf value reached in tree `i` of the active model for the features in featuresOut. */
// @ts-ignore: decorator
@inline function walkTree(area: usize, i: u32): f32 {
  const n = treeNodes(area, i);
  const values = area + <usize>load<u32>(treeIndex + (<usize>i << 2));
  const features = values + (<usize>n << 2);
  const nexts = features + <usize>n;
  let k: u32 = 1;
  // Validation proves a leaf within MODEL_MAX_SPLIT_DEPTH splits; the bound also keeps a host that wrote
  // into the active area (against the contract) from hanging the firmware.
  for (let step: u32 = 0; step <= MODEL_MAX_SPLIT_DEPTH; step++) {
    const f = <u32>load<u8>(features + k);
    const v = load<f32>(values + (<usize>k << 2));
    if (f == MODEL_LEAF_FEATURE) return v;
    const next = <u32>load<u8>(nexts + k);
    k = load<f32>(featuresOut + (<usize>f << 2)) < v ? next : next + 1;
  }
  return 0;
}

/** Runs the active model on featuresOut (the caller checks modelLoaded); sets inferredClass and inferredScore. */
export function inferActive(): void {
  const area = modelActive;
  const classes = modelClassCount;
  const perClass = modelTreeCount;
  let tree: u32 = 0;
  for (let c: u32 = 0; c < classes; c++) {
    let sum: f64 = 0;
    for (let t: u32 = 0; t < perClass; t++, tree++) sum += <f64>walkTree(area, tree);
    store<f64>(classSums + (<usize>c << 3), sum);
  }
  let best: u32 = 0;
  let bestExp: f64 = Math.exp(load<f64>(classSums));
  let total: f64 = bestExp;
  for (let c: u32 = 1; c < classes; c++) {
    const e = Math.exp(load<f64>(classSums + (<usize>c << 3)));
    total += e;
    if (e > bestExp) { best = c; bestExp = e; }
  }
  inferredClass = best;
  inferredScore = bestExp / total;
}
