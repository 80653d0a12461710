// Validation of a uvpec tree model (DOMAIN.md section 8): everything the firmware relies on to walk the
// trees safely and the limits of the format. Each message names the tree (class, tree, index), the node
// and the byte offset of the offending field in the serialized file.
//
// Not checked (the format leaves them free): the dummy node's value and a leaf's next byte.
// Checked beyond the bare layout: every non-dummy value is finite (a NaN/inf split or leaf is a broken
// model), and every node but the root has exactly one parent (no unreachable or shared nodes; with
// children after their parents this also rules out cycles). Depth is not limited (the camera's code walks
// any tree the format holds).

import { FEATURE_COUNT } from "./features.js";
import {
  LEAF_FEATURE,
  MAX_CLASSES,
  MAX_NODES_PER_TREE,
  MIN_CLASSES,
  MIN_NODES_PER_TREE,
  type TreeModel,
  nodeCountOffset,
  treeDataOffsets,
  treeLabel,
} from "./modelTypes.js";

/** Most messages validateModel returns before summarising the rest. */
export const MAX_REPORTED_ERRORS = 50;

/** Every problem of the model (empty when valid), each naming tree, node and byte offset. */
export function validateModel(model: TreeModel): string[] {
  const errors: string[] = [];
  const { classCount, treesPerClass, trees } = model;
  if (!Number.isInteger(classCount) || classCount < MIN_CLASSES || classCount > MAX_CLASSES) {
    errors.push(`byte 0: class count ${classCount} is out of range (${MIN_CLASSES}..${MAX_CLASSES})`);
  }
  if (!Number.isInteger(treesPerClass) || treesPerClass < 1) {
    errors.push(`byte 4: trees per class ${treesPerClass} must be an integer >= 1`);
  }
  if (!Array.isArray(trees) || trees.length !== classCount * treesPerClass) {
    errors.push(`model has ${Array.isArray(trees) ? trees.length : "no"} trees, classes x trees per class = ${classCount * treesPerClass}`);
    return cap(errors);
  }
  const offsets = treeDataOffsets(trees.map((t) => t.values.length));
  for (let i = 0; i < trees.length; i++) {
    validateTree(model, i, offsets[i], errors);
    if (errors.length > MAX_REPORTED_ERRORS) break;
  }
  return cap(errors);
}

function validateTree(model: TreeModel, treeIndex: number, dataOffset: number, errors: string[]): void {
  const tree = model.trees[treeIndex];
  const where = treeLabel(treeIndex, model.treesPerClass);
  const n = tree.values.length;
  if (tree.features.length !== n || tree.next.length !== n) {
    errors.push(`${where}: arrays differ in length (values ${n}, features ${tree.features.length}, next ${tree.next.length})`);
    return;
  }
  if (n < MIN_NODES_PER_TREE || n > MAX_NODES_PER_TREE) {
    errors.push(
      `${where}: node count ${n} (byte ${nodeCountOffset(treeIndex)}) is out of range ` +
        `${MIN_NODES_PER_TREE}..${MAX_NODES_PER_TREE} (dummy node 0 included)`,
    );
    if (n < MIN_NODES_PER_TREE) return;
  }
  const valueAt = (k: number): number => dataOffset + 4 * k;
  const featureAt = (k: number): number => dataOffset + 4 * n + k;
  const nextAt = (k: number): number => dataOffset + 5 * n + k;

  if (tree.features[0] !== LEAF_FEATURE) {
    errors.push(`${where} node 0 (dummy): feature ${tree.features[0]} at byte ${featureAt(0)} must be ${LEAF_FEATURE}`);
  }
  if (tree.next[0] !== 0) {
    errors.push(`${where} node 0 (dummy): next ${tree.next[0]} at byte ${nextAt(0)} must be 0`);
  }

  const parents = new Int32Array(n);
  for (let k = 1; k < n; k++) {
    const value = tree.values[k];
    if (!Number.isFinite(value)) {
      errors.push(`${where} node ${k}: value ${value} at byte ${valueAt(k)} is not finite`);
    }
    const feature = tree.features[k];
    if (feature === LEAF_FEATURE) continue;
    if (feature >= FEATURE_COUNT) {
      errors.push(
        `${where} node ${k}: feature ${feature} at byte ${featureAt(k)} must be < ${FEATURE_COUNT} (split) or ${LEAF_FEATURE} (leaf)`,
      );
    }
    const yes = tree.next[k];
    if (yes <= k) {
      errors.push(`${where} node ${k}: next ${yes} at byte ${nextAt(k)} must be > ${k} (children come after their parent)`);
    } else if (yes + 1 >= n) {
      errors.push(
        `${where} node ${k}: next ${yes} at byte ${nextAt(k)} points to nodes ${yes} and ${yes + 1}, past the last node ${n - 1}`,
      );
    } else {
      parents[yes] += 1;
      parents[yes + 1] += 1;
    }
  }
  for (let k = 2; k < n; k++) {
    if (parents[k] === 0) errors.push(`${where} node ${k}: unreachable (no split node points to it)`);
    else if (parents[k] > 1) errors.push(`${where} node ${k}: child of ${parents[k]} split nodes (a tree node has one parent)`);
  }
}

function cap(errors: string[]): string[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  return [...errors.slice(0, MAX_REPORTED_ERRORS), "... further errors not listed"];
}
