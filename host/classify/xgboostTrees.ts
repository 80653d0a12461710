// Conversion of XGBoost trees (read from a JSON model or a text dump) into a uvpec model.
//
// - Trees are grouped class-major: all trees of class 0 in their original order, then class 1, ...
//   (XGBoost interleaves them: tree i belongs to class tree_info[i], i.e. i % num_class).
// - Each tree is renumbered breadth-first from its root: the root becomes node 1 (after the dummy node
//   0), and when a split node is reached its "yes" child (x < threshold) and "no" child get the next two
//   consecutive indices, so no = yes + 1 as the format needs. Only nodes reachable from the root are
//   kept (XGBoost's pruned/deleted nodes disappear). Any depth is accepted; a tree must fit 255 nodes.
// - Split thresholds and leaf values are rounded once to float32 (XGBoost stores them as float32).
// - XGBoost's missing-value direction (default_left / missing=) has no place in the format: the camera
//   tests x >= v to go to "no", so a NaN feature always goes to the "yes" child. Splits whose missing
//   direction is "no" (default_left false) are counted and warned about: on an object with that feature
//   NaN (meanpos and sr of a one-grey object, some eccentricities) the camera's class can differ from
//   XGBoost's.

import { FEATURE_COUNT } from "./features.js";
import {
  LEAF_FEATURE,
  MAX_CLASSES,
  MAX_NODES_PER_TREE,
  MIN_CLASSES,
  type ModelTree,
  type TreeModel,
} from "./modelTypes.js";
import { validateModel } from "./modelValidate.js";

/**
 * One XGBoost node: a leaf with its value, or a split "x[feature] < threshold ? yes : no" (XGBoost ids);
 * missingYes: XGBoost sends a missing (NaN) value to "yes" (default_left), undefined when not known.
 */
export type XgbNode =
  | { kind: "leaf"; value: number }
  | { kind: "split"; feature: number; threshold: number; yes: number; no: number; missingYes?: boolean };

/** One XGBoost tree: its nodes by XGBoost node id (root = 0) and where it came from, for messages. */
export interface XgbTree {
  nodes: Map<number, XgbNode>;
  /** e.g. "booster[3]" or "trees[3]". */
  source: string;
}

/** Result of an import: the uvpec model when there is no error, warnings and errors for the user. */
export interface ImportResult {
  model?: TreeModel;
  warnings: string[];
  errors: string[];
}

/** Builds a uvpec model from XGBoost trees and the class of each tree; errors for anything uvpec cannot hold. */
export function convertXgboostTrees(trees: readonly XgbTree[], treeClasses: readonly number[], classCount: number): ImportResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!Number.isInteger(classCount) || classCount < MIN_CLASSES || classCount > MAX_CLASSES) {
    errors.push(`num_class ${classCount} is out of range: uvpec models have ${MIN_CLASSES}..${MAX_CLASSES} classes (train with multi:softprob)`);
    return { warnings, errors };
  }
  if (treeClasses.length !== trees.length) {
    errors.push(`${trees.length} trees but ${treeClasses.length} tree classes`);
    return { warnings, errors };
  }
  const byClass: XgbTree[][] = Array.from({ length: classCount }, () => []);
  for (let i = 0; i < trees.length; i++) {
    const c = treeClasses[i];
    if (!Number.isInteger(c) || c < 0 || c >= classCount) {
      errors.push(`${trees[i].source}: class ${c} is out of range 0..${classCount - 1}`);
      continue;
    }
    byClass[c].push(trees[i]);
  }
  const treesPerClass = byClass[0].length;
  if (treesPerClass === 0) errors.push("class 0 has no tree");
  for (let c = 1; c < classCount; c++) {
    if (byClass[c].length !== treesPerClass) {
      errors.push(`class ${c} has ${byClass[c].length} trees, class 0 has ${treesPerClass}: uvpec needs the same count per class`);
    }
  }
  if (errors.length > 0) return { warnings, errors };

  const converted: ModelTree[] = [];
  for (let c = 0; c < classCount; c++) {
    for (const tree of byClass[c]) {
      const result = renumberTree(tree);
      if (typeof result === "string") errors.push(result);
      else converted.push(result);
    }
  }
  if (errors.length > 0) return { warnings, errors };
  const missing = missingDirectionWarning(trees);
  if (missing !== null) warnings.push(missing);
  const model: TreeModel = { classCount, treesPerClass, trees: converted };
  const invalid = validateModel(model);
  if (invalid.length > 0) return { warnings, errors: invalid };
  return { model, warnings, errors };
}

// Breadth-first renumbering of one tree; returns the uvpec tree or an error message.
function renumberTree(tree: XgbTree): ModelTree | string {
  const root = tree.nodes.get(0);
  if (root === undefined) return `${tree.source}: no root node 0`;
  const order: number[] = [0]; // XGBoost ids in new-index order (new index = position + 1)
  const seen = new Set<number>([0]);
  const yesIndex: number[] = []; // new index of the yes child of order[i], or 0 for a leaf
  for (let i = 0; i < order.length; i++) {
    const node = tree.nodes.get(order[i]) as XgbNode;
    if (node.kind === "leaf") {
      if (!Number.isFinite(node.value)) return `${tree.source} node ${order[i]}: leaf value ${node.value} is not finite`;
      yesIndex.push(0);
      continue;
    }
    const where = `${tree.source} node ${order[i]}`;
    if (!Number.isInteger(node.feature) || node.feature < 0 || node.feature >= FEATURE_COUNT) {
      return `${where}: feature index ${node.feature} is not below ${FEATURE_COUNT} (uvpec computes ${FEATURE_COUNT} features)`;
    }
    if (!Number.isFinite(node.threshold)) return `${where}: split threshold ${node.threshold} is not finite`;
    for (const child of [node.yes, node.no]) {
      if (!tree.nodes.has(child)) return `${where}: child ${child} does not exist`;
      if (seen.has(child)) return `${where}: child ${child} is reached twice (not a tree)`;
      seen.add(child);
    }
    yesIndex.push(order.length + 1);
    order.push(node.yes, node.no);
    if (order.length + 1 > MAX_NODES_PER_TREE) {
      return `${tree.source}: more than ${MAX_NODES_PER_TREE - 1} nodes (uvpec's next index is a byte)`;
    }
  }
  const n = order.length + 1;
  const values = new Float32Array(n);
  const features = new Uint8Array(n);
  const next = new Uint8Array(n);
  features[0] = LEAF_FEATURE; // dummy node 0: feature 255, next 0, value 0
  for (let i = 0; i < order.length; i++) {
    const node = tree.nodes.get(order[i]) as XgbNode;
    if (node.kind === "leaf") {
      values[i + 1] = node.value;
      features[i + 1] = LEAF_FEATURE;
    } else {
      values[i + 1] = node.threshold;
      features[i + 1] = node.feature;
      next[i + 1] = yesIndex[i];
    }
  }
  return { values, features, next };
}

// The camera sends a NaN feature to the "yes" child; a split whose XGBoost missing direction is "no"
// answers differently for such an object. One warning for the model, with counts and the first split.
function missingDirectionWarning(trees: readonly XgbTree[]): string | null {
  let differ = 0;
  let splits = 0;
  let first = "";
  for (const tree of trees) {
    for (const [id, node] of tree.nodes) {
      if (node.kind !== "split") continue;
      splits += 1;
      if (node.missingYes !== false) continue;
      if (differ === 0) first = `${tree.source} node ${id} (feature ${node.feature})`;
      differ += 1;
    }
  }
  if (differ === 0) return null;
  return (
    `${differ} of ${splits} splits send a missing (NaN) feature to the "no" child (default_left false), ` +
    `the camera sends it to "yes" (it tests x >= value to go to "no"); the first is ${first}. ` +
    "Objects with such a feature NaN (meanpos and sr of a one-grey object, some eccentricities) may get another class than in XGBoost"
  );
}
