// Inference of a uvpec tree model (DOMAIN.md section 8), the host reference the firmware is checked against.
//
// - Tree walk: from the root (node 1), split node k on feature f goes to next[k] when x[f] < value[k],
//   else next[k] + 1; both sides are float32 values compared exactly (as doubles, which is the same).
//   A NaN feature fails every "<" and so always takes the next[k] + 1 branch; there is no missing-value
//   branch.
// - Per class: the leaf values (float32) of its T trees are summed in double, in tree order, from 0.
// - exp of each class sum in double (Math.exp), no max subtraction (so a sum above ~709.78 gives inf).
// - Answer: the first class whose exp is strictly larger than every earlier class's; score = its exp
//   divided by the sum of all exps (summed in double in class order). inf / inf gives a NaN score, as
//   the formula does; NaN exps cannot occur with a valid model (finite leaves).

import { FEATURE_COUNT } from "./features.js";
import { LEAF_FEATURE, MAX_NODES_PER_TREE, type ModelTree, type TreeModel } from "./modelTypes.js";

/** A prediction: the winning class index, its score (softmax probability) and every class's leaf sum. */
export interface Prediction {
  classIndex: number;
  score: number;
  /** Per class, the double sum of its trees' leaf values (the margin, before exp). */
  sums: Float64Array;
}

/** The output (leaf value) of one tree for a feature vector; throws if the tree is malformed. */
export function evaluateTree(tree: ModelTree, features: Float32Array): number {
  let k = 1;
  for (let steps = 0; steps < MAX_NODES_PER_TREE; steps++) {
    const feature = tree.features[k];
    if (feature === LEAF_FEATURE) return tree.values[k];
    const yes = tree.next[k];
    if (feature >= FEATURE_COUNT || yes <= k || yes + 1 >= tree.values.length) break;
    k = features[feature] < tree.values[k] ? yes : yes + 1;
  }
  throw new RangeError("evaluateTree: malformed tree (validate the model first)");
}

/** Classifies one object's 55 features with a (valid) model, exactly as the camera does. */
export function predict(model: TreeModel, features: Float32Array): Prediction {
  if (!(features instanceof Float32Array) || features.length !== FEATURE_COUNT) {
    throw new RangeError(`predict: features must be a Float32Array of ${FEATURE_COUNT} values`);
  }
  const { classCount, treesPerClass, trees } = model;
  const sums = new Float64Array(classCount);
  for (let c = 0; c < classCount; c++) {
    let sum = 0;
    for (let t = 0; t < treesPerClass; t++) sum += evaluateTree(trees[c * treesPerClass + t], features);
    sums[c] = sum;
  }
  const exps = new Float64Array(classCount);
  let total = 0;
  let classIndex = 0;
  for (let c = 0; c < classCount; c++) {
    exps[c] = Math.exp(sums[c]);
    total += exps[c];
    if (exps[c] > exps[classIndex]) classIndex = c;
  }
  return { classIndex, score: exps[classIndex] / total, sums };
}
