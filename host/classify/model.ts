// The uvpec binary model file: parse (validating everything, never throwing), serialize, describe.
// Layout and node semantics: modelTypes.ts (DOMAIN.md section 8). Checks: modelValidate.ts.
//
// parseModel returns a model only when the file has no error at all; otherwise it returns every
// problem found (each with its byte offset), like the project's other decoders.

import { FEATURE_NAMES } from "./features.js";
import {
  BYTES_PER_NODE,
  HEADER_BYTES,
  LEAF_FEATURE,
  MAX_CLASSES,
  MIN_CLASSES,
  type ModelTree,
  type TreeModel,
  modelByteLength,
  nodeCountOffset,
  treeDepth,
  treeLabel,
} from "./modelTypes.js";
import { validateModel } from "./modelValidate.js";

export type { ModelTree, TreeModel } from "./modelTypes.js";
export { validateModel } from "./modelValidate.js";

/** Result of parseModel: the model when the file is valid, and every problem found (empty when valid). */
export interface ParsedModel {
  model?: TreeModel;
  errors: string[];
}

/** Summary of a model for `uvp-float model inspect`. */
export interface ModelDescription {
  classCount: number;
  treesPerClass: number;
  treeCount: number;
  /** Nodes in the file, dummies included (the header's total). */
  nodeCount: number;
  splitCount: number;
  leafCount: number;
  /** Deepest tree, in split levels (a single leaf = 0). */
  maxDepth: number;
  /** Size of the serialized file. */
  byteLength: number;
  /** Feature indices used by at least one split, ascending. */
  featuresUsed: number[];
}

/** Decodes and validates a uvpec model file; never throws, returns the model only if there is no error. */
export function parseModel(bytes: Uint8Array): ParsedModel {
  try {
    return parseModelUnsafe(bytes);
  } catch (e) {
    // Defensive: every path above is bounds-checked, so this is an internal error, still not a throw.
    return { errors: [`internal error while parsing the model: ${(e as Error).message}`] };
  }
}

function parseModelUnsafe(bytes: Uint8Array): ParsedModel {
  if (!(bytes instanceof Uint8Array)) return { errors: ["model: bytes must be a Uint8Array"] };
  const length = bytes.length;
  if (length < HEADER_BYTES) {
    return { errors: [`file is ${length} bytes, shorter than the ${HEADER_BYTES}-byte header`] };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const classCount = view.getUint32(0, true);
  const treesPerClass = view.getUint32(4, true);
  const totalNodes = view.getUint32(8, true);
  const treeCount = classCount * treesPerClass; // exact: < 2^64, and only compared below
  const tableEnd = HEADER_BYTES + 4 * treeCount;
  if (classCount < MIN_CLASSES || classCount > MAX_CLASSES || treesPerClass < 1 || tableEnd > length) {
    const errors: string[] = [];
    if (classCount < MIN_CLASSES || classCount > MAX_CLASSES) {
      errors.push(`byte 0: class count ${classCount} is out of range (${MIN_CLASSES}..${MAX_CLASSES})`);
    }
    if (treesPerClass < 1) errors.push(`byte 4: trees per class ${treesPerClass} must be >= 1`);
    if (tableEnd > length) {
      errors.push(
        `byte ${HEADER_BYTES}: ${classCount} classes x ${treesPerClass} trees need a ${4 * treeCount}-byte node count table, ` +
          `the file has ${length - HEADER_BYTES} bytes after the header`,
      );
    }
    return { errors };
  }

  const errors: string[] = [];
  const nodeCounts: number[] = [];
  let nodeSum = 0;
  for (let i = 0; i < treeCount; i++) {
    const n = view.getUint32(nodeCountOffset(i), true);
    nodeCounts.push(n);
    nodeSum += n;
  }
  if (nodeSum !== totalNodes) {
    errors.push(`byte 8: total node count ${totalNodes} differs from the sum of the per-tree counts, ${nodeSum}`);
  }
  const expectedLength = tableEnd + BYTES_PER_NODE * nodeSum;
  if (expectedLength > length) {
    // Name the first tree that does not fit.
    let offset = tableEnd;
    for (let i = 0; i < treeCount; i++) {
      const end = offset + BYTES_PER_NODE * nodeCounts[i];
      if (end > length) {
        errors.push(
          `${treeLabel(i, treesPerClass)}: ${nodeCounts[i]} nodes (count at byte ${nodeCountOffset(i)}) need bytes ` +
            `${offset}..${end - 1}, the file ends at byte ${length - 1}`,
        );
        break;
      }
      offset = end;
    }
    return { errors };
  }
  if (expectedLength < length) {
    errors.push(`byte ${expectedLength}: ${length - expectedLength} byte(s) left over after the last tree`);
  }

  const trees: ModelTree[] = [];
  let offset = tableEnd;
  for (let i = 0; i < treeCount; i++) {
    const n = nodeCounts[i];
    const values = new Float32Array(n);
    for (let k = 0; k < n; k++) values[k] = view.getFloat32(offset + 4 * k, true);
    const features = bytes.slice(offset + 4 * n, offset + 5 * n);
    const next = bytes.slice(offset + 5 * n, offset + 6 * n);
    trees.push({ values, features, next });
    offset += BYTES_PER_NODE * n;
  }
  const model: TreeModel = { classCount, treesPerClass, trees };
  errors.push(...validateModel(model));
  return errors.length === 0 ? { model, errors } : { errors };
}

/** Encodes a model as a uvpec file; writes what it is given (validate first), throws only on ragged arrays. */
export function serializeModel(model: TreeModel): Uint8Array {
  const { classCount, treesPerClass, trees } = model;
  if (trees.length !== classCount * treesPerClass) {
    throw new RangeError(`serializeModel: ${trees.length} trees, expected ${classCount} x ${treesPerClass}`);
  }
  for (let i = 0; i < trees.length; i++) {
    const t = trees[i];
    if (t.features.length !== t.values.length || t.next.length !== t.values.length) {
      throw new RangeError(`serializeModel: ${treeLabel(i, treesPerClass)} has arrays of different lengths`);
    }
  }
  const bytes = new Uint8Array(modelByteLength(model));
  const view = new DataView(bytes.buffer);
  let totalNodes = 0;
  for (const t of trees) totalNodes += t.values.length;
  view.setUint32(0, classCount, true);
  view.setUint32(4, treesPerClass, true);
  view.setUint32(8, totalNodes, true);
  for (let i = 0; i < trees.length; i++) view.setUint32(nodeCountOffset(i), trees[i].values.length, true);
  let offset = nodeCountOffset(trees.length);
  for (const t of trees) {
    const n = t.values.length;
    for (let k = 0; k < n; k++) view.setFloat32(offset + 4 * k, t.values[k], true);
    bytes.set(t.features, offset + 4 * n);
    bytes.set(t.next, offset + 5 * n);
    offset += BYTES_PER_NODE * n;
  }
  return bytes;
}

/** Classes, trees, nodes, depth, bytes and features used of a (valid) model. */
export function describeModel(model: TreeModel): ModelDescription {
  let nodeCount = 0;
  let splitCount = 0;
  let leafCount = 0;
  let maxDepth = 0;
  const used = new Set<number>();
  for (const tree of model.trees) {
    nodeCount += tree.values.length;
    for (let k = 1; k < tree.features.length; k++) {
      if (tree.features[k] === LEAF_FEATURE) leafCount += 1;
      else {
        splitCount += 1;
        used.add(tree.features[k]);
      }
    }
    maxDepth = Math.max(maxDepth, treeDepth(tree));
  }
  return {
    classCount: model.classCount,
    treesPerClass: model.treesPerClass,
    treeCount: model.trees.length,
    nodeCount,
    splitCount,
    leafCount,
    maxDepth,
    byteLength: modelByteLength(model),
    featuresUsed: [...used].sort((a, b) => a - b),
  };
}

/** Human-readable lines of a ModelDescription (feature names from FEATURE_NAMES). */
export function formatModelDescription(d: ModelDescription): string {
  const names = d.featuresUsed.map((f) => FEATURE_NAMES[f] ?? `f${f}`);
  return [
    `classes: ${d.classCount}`,
    `trees per class: ${d.treesPerClass} (${d.treeCount} trees)`,
    `nodes: ${d.nodeCount} with dummies (${d.splitCount} splits, ${d.leafCount} leaves)`,
    `max depth: ${d.maxDepth} split levels`,
    `bytes: ${d.byteLength}`,
    `features used: ${d.featuresUsed.length} of ${FEATURE_NAMES.length}${names.length > 0 ? ` (${names.join(", ")})` : ""}`,
  ].join("\n");
}
