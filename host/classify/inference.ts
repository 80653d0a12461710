// Inference of a uvpec tree model (DOMAIN.md section 8), the host reference the firmware is checked against,
// in the camera's arithmetic: float32 throughout.
//
// - Tree walk: from the root (node 1), split node k on feature f goes to next[k] + 1 when
//   x[f] >= value[k], else to next[k] (the camera's test); both sides are float32 values compared exactly.
//   A NaN feature fails every ">=" and so always takes next[k]; there is no missing-value branch.
// - Per class: the leaf values (float32) of its T trees are summed in float32 (each addition rounded),
//   in tree order, from 0.
// - exp of each class sum in float32 (expf.ts: the C library's expf, bit for bit), no max subtraction
//   (so a sum above ~88.72 gives inf).
// - Answer: the first class whose exp is strictly larger than every earlier class's; score = its exp
//   divided by the sum of all exps, the sum accumulated in float32 in class order and the division
//   rounded to float32. inf / inf gives a NaN score, as the formula does.

import { expf } from "./expf.js";
import { FEATURE_COUNT } from "./features.js";
import { LEAF_FEATURE, MAX_NODES_PER_TREE, type ModelTree, type TreeModel } from "./modelTypes.js";

/** A prediction: the winning class index, its score (softmax probability) and every class's leaf sum. */
export interface Prediction {
  classIndex: number;
  /** float32 score, widened to a number. */
  score: number;
  /** Per class, the float32 sum of its trees' leaf values (the margin, before exp). */
  sums: Float32Array;
}

/** The output (leaf value) of one tree for a feature vector; throws if the tree is malformed. */
export function evaluateTree(tree: ModelTree, features: Float32Array): number {
  let k = 1;
  for (let steps = 0; steps < MAX_NODES_PER_TREE; steps++) {
    const feature = tree.features[k];
    if (feature === LEAF_FEATURE) return tree.values[k];
    const yes = tree.next[k];
    if (feature >= FEATURE_COUNT || yes <= k || yes + 1 >= tree.values.length) break;
    k = features[feature] >= tree.values[k] ? yes + 1 : yes;
  }
  throw new RangeError("evaluateTree: malformed tree (validate the model first)");
}

/** Classifies one object's 55 features with a (valid) model, exactly as the camera does. */
export function predict(model: TreeModel, features: Float32Array): Prediction {
  if (!(features instanceof Float32Array) || features.length !== FEATURE_COUNT) {
    throw new RangeError(`predict: features must be a Float32Array of ${FEATURE_COUNT} values`);
  }
  const { classCount, treesPerClass, trees } = model;
  const sums = new Float32Array(classCount);
  for (let c = 0; c < classCount; c++) {
    let sum = 0;
    for (let t = 0; t < treesPerClass; t++) sum = Math.fround(sum + evaluateTree(trees[c * treesPerClass + t], features));
    sums[c] = sum;
  }
  const exps = Array.from(sums, (sum) => expf(sum));
  let total = 0;
  let classIndex = 0;
  for (let c = 0; c < classCount; c++) {
    total = Math.fround(total + exps[c]);
    if (exps[c] > exps[classIndex]) classIndex = c;
  }
  return { classIndex, score: Math.fround(exps[classIndex] / total), sums };
}
