// The uvpec tree model in memory, its limits and its file layout (DOMAIN.md section 8).
//
// File (little-endian): u32 classes C, u32 trees per class T, u32 total nodes (dummies included),
// u32 nodes per tree [C*T] (dummy included), then per tree in class-major order (all T trees of class 0,
// then class 1, ...): f32 value[n], u8 feature[n], u8 next[n].
//
// In memory a tree keeps exactly the file's arrays, dummy node 0 included, so node indices are the
// file's. Node 0 is the dummy (feature 255, next 0; its value is not used), node 1 the root. A node with
// feature 255 is a leaf whose value is the tree's output; a split node k on feature f goes to next[k] + 1
// when x[f] >= value[k], else to next[k] (the camera's test: a NaN feature goes to next[k]).
//
// Depth is counted in splits: a tree's depth is the largest number of split nodes on a path from the
// root to a leaf (a single-leaf tree has depth 0), which is XGBoost's max_depth. Depth is not limited;
// the format limits a tree to 255 real nodes, 256 with the dummy, since next is a u8 and next + 1 must
// be a node (a depth-9 tree of 112 nodes is valid; a chain of splits can reach depth 127).

/** Feature code of a leaf node (and of the dummy node 0). */
export const LEAF_FEATURE = 255;
/** Fewest classes a model may have. */
export const MIN_CLASSES = 2;
/** Most classes a model may have (TAXO_CONF's 40 class slots). */
export const MAX_CLASSES = 40;
/** Fewest nodes per tree, dummy included (dummy + a single root leaf). */
export const MIN_NODES_PER_TREE = 2;
/** Most nodes per tree, dummy included (255 real nodes, so every index fits next's u8). */
export const MAX_NODES_PER_TREE = 256;
/** Bytes of the fixed header (C, T, total nodes). */
export const HEADER_BYTES = 12;
/** Bytes per node in a tree's data (f32 value, u8 feature, u8 next). */
export const BYTES_PER_NODE = 6;

/** One tree: parallel node arrays, node 0 the dummy, node 1 the root. */
export interface ModelTree {
  /** Split threshold (split node) or output (leaf), float32. */
  values: Float32Array;
  /** Feature index 0..54 of a split node; 255 for a leaf and for the dummy node 0. */
  features: Uint8Array;
  /** Index of the "x < value, or x NaN" child of a split node (the "x >= value" child is next + 1); 0 elsewhere. */
  next: Uint8Array;
}

/** A uvpec multi-class boosted-tree model; trees are class-major: tree index = class * treesPerClass + t. */
export interface TreeModel {
  classCount: number;
  treesPerClass: number;
  trees: ModelTree[];
}

/** Byte offset of the nodes-per-tree table entry of tree i. */
export function nodeCountOffset(treeIndex: number): number {
  return HEADER_BYTES + 4 * treeIndex;
}

/** Byte offset where each tree's data starts in the serialized file, given the node counts per tree. */
export function treeDataOffsets(nodeCounts: readonly number[]): number[] {
  const offsets: number[] = [];
  let offset = HEADER_BYTES + 4 * nodeCounts.length;
  for (const n of nodeCounts) {
    offsets.push(offset);
    offset += BYTES_PER_NODE * n;
  }
  return offsets;
}

/** Size in bytes of the serialized model. */
export function modelByteLength(model: TreeModel): number {
  let bytes = HEADER_BYTES + 4 * model.trees.length;
  for (const tree of model.trees) bytes += BYTES_PER_NODE * tree.values.length;
  return bytes;
}

/** "class c tree t" label of tree index i (class-major order). */
export function treeLabel(treeIndex: number, treesPerClass: number): string {
  const perClass = Math.max(1, treesPerClass);
  return `class ${Math.floor(treeIndex / perClass)} tree ${treeIndex % perClass} (tree #${treeIndex})`;
}

/** Depth in splits of a valid tree (children after their parent): the longest root-to-leaf split count. */
export function treeDepth(tree: ModelTree): number {
  const n = tree.features.length;
  const depth = new Int32Array(n).fill(-1);
  if (n < 2) return 0;
  depth[1] = 0;
  let deepest = 0;
  for (let k = 1; k < n; k++) {
    if (depth[k] < 0) continue; // unreachable
    if (tree.features[k] === LEAF_FEATURE) {
      if (depth[k] > deepest) deepest = depth[k];
      continue;
    }
    const yes = tree.next[k];
    if (yes > k && yes + 1 < n) {
      depth[yes] = depth[k] + 1;
      depth[yes + 1] = depth[k] + 1;
    }
  }
  return deepest;
}
