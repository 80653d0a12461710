// Conversion of XGBoost trees (read from a JSON model or a text dump) into a uvpec model.
//
// - Trees are grouped class-major: all trees of class 0 in their original order, then class 1, ...
//   (XGBoost interleaves them: tree i belongs to class tree_info[i], i.e. i % num_class).
// - Each tree is renumbered breadth-first from its root: the root becomes node 1 (after the dummy node
//   0), and when a split node is reached its "yes" child (x < threshold) and "no" child get the next two
//   consecutive indices, so no = yes + 1 as the format needs. Only nodes reachable from the root are
//   kept (XGBoost's pruned/deleted nodes disappear).
// - Split thresholds and leaf values are rounded once to float32 (XGBoost stores them as float32).
// - XGBoost's missing-value direction (default_left / missing=) is dropped: uvpec has no missing-value
//   branch; a NaN feature always goes to the "no" child (x < v is false).

import { FEATURE_COUNT } from "./features.js";
import {
  LEAF_FEATURE,
  MAX_CLASSES,
  MAX_NODES_PER_TREE,
  MAX_TREE_DEPTH,
  MIN_CLASSES,
  type ModelTree,
  type TreeModel,
} from "./modelTypes.js";
import { validateModel } from "./modelValidate.js";

/** One XGBoost node: a leaf with its value, or a split "x[feature] < threshold ? yes : no" (XGBoost ids). */
export type XgbNode =
  | { kind: "leaf"; value: number }
  | { kind: "split"; feature: number; threshold: number; yes: number; no: number };

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
  const depthOf: number[] = [0]; // split levels above each node in `order`
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
    if (depthOf[i] + 1 > MAX_TREE_DEPTH) {
      return `${tree.source}: deeper than ${MAX_TREE_DEPTH} split levels (node ${order[i]} splits at level ${depthOf[i] + 1}); train with max_depth <= ${MAX_TREE_DEPTH}`;
    }
    for (const child of [node.yes, node.no]) {
      if (!tree.nodes.has(child)) return `${where}: child ${child} does not exist`;
      if (seen.has(child)) return `${where}: child ${child} is reached twice (not a tree)`;
      seen.add(child);
    }
    yesIndex.push(order.length + 1);
    order.push(node.yes, node.no);
    depthOf.push(depthOf[i] + 1, depthOf[i] + 1);
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
