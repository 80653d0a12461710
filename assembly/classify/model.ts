// The classifier model: uvpec's binary model file (DOMAIN.md section 8), validated before it is used.
//
// Layout (little-endian, as on the camera):
//   0 u32 C, classes (2..40)     4 u32 T, trees per class (>= 1)     8 u32 N, total nodes (dummies included)
//  12 u32 x C*T  nodes in each tree (2..256, dummy included), trees in class-major order
//  then per tree, same order, n = its node count: f32 value[n], u8 feature[n], u8 next[n]
// Node 0 of each tree is a dummy (feature 255, next 0); the root is node 1. Feature 255 marks a leaf
// (value = its output); a split node k on feature f goes to next[k] + 1 when x[f] >= value[k], else to
// next[k] (the camera's test: a NaN feature goes to next[k]).
//
// Validation (applyModel), in file order, the first failure wins; a distinct status per kind of fault:
//   MODEL_TOO_LARGE   beyond this firmware's limits: more than MODEL_CAPACITY_BYTES, or C T > MODEL_MAX_TREES
//   MODEL_LENGTH      shorter than the header, or than the header plus the node counts, or not exactly
//                     12 + 4 C T + 6 N bytes (no bytes missing, none left over)
//   MODEL_CLASSES     C outside 2..40
//   MODEL_TREES       T = 0
//   MODEL_TREE_SIZE   a tree with fewer than 2 or more than 256 nodes (255 real nodes: next is a u8)
//   MODEL_NODE_TOTAL  N differs from the sum of the per-tree node counts
//   then tree by tree, node by node:
//   MODEL_DUMMY_NODE  node 0 is not (feature 255, next 0); its value is never read and not checked
//   MODEL_VALUE       a value of a node other than the dummy is NaN or infinite
//   MODEL_FEATURE     a feature index neither < 55 nor 255
//   MODEL_NEXT        a split node k whose next[k] <= k or next[k] + 1 >= nodes in its tree
//   MODEL_TREE_SHAPE  a node other than the dummy and the root that no split node, or more than one,
//                     points to (the nodes do not form one tree)
// Depth is not limited: the camera's code walks any tree the format can hold (a depth-9 tree of 112 nodes
// is valid). next[k] > k makes every path end at a leaf, and one parent per node rules out shared nodes.
// MODEL_DEPTH (59) stays in the status enum, documented as no longer returned, so codes keep their meaning.
// next[] of a leaf is not read.
//
// The host writes a model into the staging area (modelStagingPtr) and calls loadModel (applyModel here);
// only a model that passes every check is put in force, by swapping the staging and active areas, so a
// malformed model leaves the previous one answering. The staging address therefore alternates: ask for
// it before each write. Tree index: byte offset of each tree's values from the area's start, rebuilt
// after the swap.

import {
  MODEL_AREA_RESERVED_BYTES, MODEL_CAPACITY_BYTES, MODEL_HEADER_BYTES, NODE_SCRATCH_RESERVED_BYTES, TREE_INDEX_RESERVED_BYTES, MODEL_LEAF_FEATURE, MODEL_MAX_CLASSES,
  MODEL_MAX_TREE_NODES, MODEL_MAX_TREES, MODEL_MIN_CLASSES, MODEL_MIN_TREE_NODES, MODEL_NODE_BYTES,
} from "./modelConstants";
import { FEATURE_COUNT } from "./constants";
import { CLASSIFIER_BUILT } from "../capability";
import { Status } from "../status";

const modelAreaA: usize = memory.data(MODEL_AREA_RESERVED_BYTES, 16);
const modelAreaB: usize = memory.data(MODEL_AREA_RESERVED_BYTES, 16);
/** Byte offset of each tree's value[] from the active area's start, trees in class-major order. */
export const treeIndex: usize = memory.data(TREE_INDEX_RESERVED_BYTES, 16);
// Per node of the tree being validated: most split nodes above it (for modelMaxDepth; at most 127 in a
// 256-node tree, so a u8 holds it), and split nodes pointing to it.
const depthScratch: usize = memory.data(NODE_SCRATCH_RESERVED_BYTES, 16);
const parentScratch: usize = memory.data(NODE_SCRATCH_RESERVED_BYTES, 16);

/** Area the host writes the next model into. */
export let modelStaging: usize = modelAreaA;
/** Area holding the model in force (meaningful when modelLoaded). */
export let modelActive: usize = modelAreaB;
/** Whether a valid model is in force. */
export let modelLoaded = false;
/** Classes of the model in force (0 when none). */
export let modelClassCount: u32 = 0;
/** Trees per class of the model in force (0 when none). */
export let modelTreeCount: u32 = 0;
/** Total nodes (dummies included) of the model in force (0 when none). */
export let modelNodeCount: u32 = 0;
/** Deepest tree of the model in force, in split levels (a lone root leaf is 0; 0 when none). */
export let modelDepth: u32 = 0;
// Deepest tree of the model being validated.
let stagingDepth: u32 = 0;

// @ts-ignore: decorator
@inline function ld32(p: usize, i: u32): u32 { return load<u32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function isFinite32(v: f32): bool { return v - v == 0; } // false for NaN and +-inf

/** Nodes in tree `i` of the model at `area`. */
// @ts-ignore: decorator
@inline export function treeNodes(area: usize, i: u32): u32 {
  return ld32(area + MODEL_HEADER_BYTES, i);
}

/** Checks one tree of `n` nodes whose value[] starts at `base`. */
function validateTree(base: usize, n: u32): Status {
  const features = base + (<usize>n << 2);
  const nexts = features + <usize>n;
  if (<u32>load<u8>(features) != MODEL_LEAF_FEATURE || load<u8>(nexts) != 0) return Status.MODEL_DUMMY_NODE;
  memory.fill(depthScratch, 0, n);
  memory.fill(parentScratch, 0, n);
  for (let k: u32 = 1; k < n; k++) {
    if (!isFinite32(load<f32>(base + (<usize>k << 2)))) return Status.MODEL_VALUE;
    const f = <u32>load<u8>(features + k);
    if (f == MODEL_LEAF_FEATURE) continue;
    if (f >= FEATURE_COUNT) return Status.MODEL_FEATURE;
    const next = <u32>load<u8>(nexts + k);
    if (next <= k || next + 1 >= n) return Status.MODEL_NEXT;
    const above = <u32>load<u8>(depthScratch + k) + 1; // split nodes on the path down to k, k included
    if (above > stagingDepth) stagingDepth = above;
    for (let c = next; c <= next + 1; c++) {
      if (above > <u32>load<u8>(depthScratch + c)) store<u8>(depthScratch + c, <u8>above);
      store<u8>(parentScratch + c, load<u8>(parentScratch + c) + 1); // at most n - 2 <= 254 parents: no wrap
    }
  }
  // Node 1 is the root: no split can point to it (next > k >= 1). Every other node needs one parent.
  for (let k: u32 = 2; k < n; k++) if (load<u8>(parentScratch + k) != 1) return Status.MODEL_TREE_SHAPE;
  return Status.OK;
}

/** Validates the `lengthBytes`-byte model in the staging area; puts it in force only if it is valid. */
export function applyModel(lengthBytes: u32): Status {
  if (!CLASSIFIER_BUILT) return Status.NO_CLASSIFIER;
  const m = modelStaging;
  if (lengthBytes > MODEL_CAPACITY_BYTES) return Status.MODEL_TOO_LARGE;
  if (lengthBytes < MODEL_HEADER_BYTES) return Status.MODEL_LENGTH;
  const classes = ld32(m, 0);
  const perClass = ld32(m, 1);
  const total = ld32(m, 2);
  if (classes < MODEL_MIN_CLASSES || classes > MODEL_MAX_CLASSES) return Status.MODEL_CLASSES;
  if (perClass == 0) return Status.MODEL_TREES;
  if (perClass > MODEL_MAX_TREES / classes) return Status.MODEL_TOO_LARGE; // classes >= 2: no division by 0
  const trees = classes * perClass; // <= MODEL_MAX_TREES: no overflow
  const nodesStart = MODEL_HEADER_BYTES + (trees << 2);
  if (lengthBytes < nodesStart) return Status.MODEL_LENGTH;

  let sum: u32 = 0; // <= 8192 trees x 256 nodes: no overflow
  for (let i: u32 = 0; i < trees; i++) {
    const n = treeNodes(m, i);
    if (n < MODEL_MIN_TREE_NODES || n > MODEL_MAX_TREE_NODES) return Status.MODEL_TREE_SIZE;
    sum += n;
  }
  if (sum != total) return Status.MODEL_NODE_TOTAL;
  // sum <= 8192 x 256, so 6 x sum fits a u32; compared in u64 all the same.
  if (<u64>lengthBytes != <u64>nodesStart + <u64>sum * MODEL_NODE_BYTES) return Status.MODEL_LENGTH;

  let offset = nodesStart;
  stagingDepth = 0;
  for (let i: u32 = 0; i < trees; i++) {
    const n = treeNodes(m, i);
    const status = validateTree(m + offset, n);
    if (status != Status.OK) return status;
    offset += n * MODEL_NODE_BYTES;
  }

  // Valid: swap the areas, then index the model now in force.
  modelStaging = modelActive;
  modelActive = m;
  modelLoaded = true;
  modelClassCount = classes;
  modelTreeCount = perClass;
  modelNodeCount = total;
  modelDepth = stagingDepth;
  offset = nodesStart;
  for (let i: u32 = 0; i < trees; i++) {
    store<u32>(treeIndex + (<usize>i << 2), offset);
    offset += treeNodes(m, i) * MODEL_NODE_BYTES;
  }
  return Status.OK;
}
