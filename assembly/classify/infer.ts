// Inference: the model in force applied to the 55 features in featuresOut (XGBoost softprob, DOMAIN.md 8),
// in the camera's own arithmetic: everything in f32.
//
// Per class c, sum[c] = 0 (f32) + the f32 leaf value of each of its T trees, tree by tree in file
// (class-major) order, each addition rounded to f32; exp[c] = expf(sum[c]) with no max-subtraction and no
// base score. The answer is the first class with the strictly largest exp (a tie goes to the lower class),
// its score exp[answer] / (exp[0] + exp[1] + ... summed in f32 in class order), divided in f32.
// expf is the table-driven one of ARM's optimized-routines (what newlib and musl give an ARM toolchain,
// and what AssemblyScript's Mathf.exp uses at shrink level 0); it is called directly so the result does
// not depend on the build's shrink level. host/classify/expf.ts is its independent host counterpart.
// Traversal: from node 1, a split node k on feature f compares the f32 feature with the f32 value[k] as
// the camera does: x[f] >= value[k] goes to next[k] + 1, anything else to next[k]. A NaN feature compares
// false, so it always takes next[k] (no missing-value branch). Validation guarantees next[k] > k and
// next[k] + 1 < nodes, so every walk ends at a leaf within its tree (depth is not limited: at most one step
// per node). Edge cases, left as IEEE makes them: a sum above ~88.72 makes its exp +inf (score inf/inf =
// NaN when it wins); sums all below ~-103.9 make every exp 0 (answer class 0, score 0/0 = NaN). Leaf values
// are finite f32; a sum of many large leaves may still overflow f32 to inf.

import { expf_lut } from "~lib/util/math";
import { CLASS_SUMS_RESERVED_BYTES, MODEL_LEAF_FEATURE, MODEL_MAX_CLASSES, MODEL_MAX_TREE_NODES } from "./modelConstants";
import { featuresOut } from "./features";
import { modelActive, modelClassCount, modelTreeCount, treeIndex, treeNodes } from "./model";

/** Per-class sums of leaf values of the last inference: f32 sums widened to f64, x MODEL_MAX_CLASSES (first modelClasses used). */
export const classSums: usize = memory.data(CLASS_SUMS_RESERVED_BYTES, 16);

/** Class chosen by the last inference. */
export let inferredClass: u32 = 0;
/** Score of the class chosen by the last inference: expf(sum) / sum of expfs, in f32. */
export let inferredScore: f32 = 0;

/** Leaf value reached in tree `i` of the active model for the features in featuresOut. */
// @ts-ignore: decorator
@inline function walkTree(area: usize, i: u32): f32 {
  const n = treeNodes(area, i);
  const values = area + <usize>load<u32>(treeIndex + (<usize>i << 2));
  const features = values + (<usize>n << 2);
  const nexts = features + <usize>n;
  let k: u32 = 1;
  // Validation proves a leaf within n steps (every step goes to a higher node); the bound also keeps a host
  // that wrote into the active area (against the contract) from hanging the firmware.
  for (let step: u32 = 0; step < MODEL_MAX_TREE_NODES; step++) {
    const f = <u32>load<u8>(features + k);
    const v = load<f32>(values + (<usize>k << 2));
    if (f == MODEL_LEAF_FEATURE) return v;
    const next = <u32>load<u8>(nexts + k);
    k = load<f32>(featuresOut + (<usize>f << 2)) >= v ? next + 1 : next;
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
    let sum: f32 = 0;
    for (let t: u32 = 0; t < perClass; t++, tree++) sum += walkTree(area, tree);
    store<f64>(classSums + (<usize>c << 3), <f64>sum);
  }
  let best: u32 = 0;
  let bestExp: f32 = expf_lut(<f32>load<f64>(classSums));
  let total: f32 = bestExp;
  for (let c: u32 = 1; c < classes; c++) {
    const e = expf_lut(<f32>load<f64>(classSums + (<usize>c << 3)));
    total += e;
    if (e > bestExp) { best = c; bestExp = e; }
  }
  inferredClass = best;
  inferredScore = bestExp / total;
}
