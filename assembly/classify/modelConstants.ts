// Sizes and limits of the classifier model (uvpec's binary model file; layout in model.ts).
// The model areas dominate the full build's memory; their size is a build setting (capability.ts), and the
// lpm build reserves none of this (each buffer shrinks to ABSENT_BUFFER_BYTES).

import { ABSENT_BUFFER_BYTES, CLASSIFIER_BUILT, MODEL_AREA_BYTES } from "../capability";

/** Bytes of one model area (0 in the lpm build); there are two (staging, where the host writes, and active, in force). */
export const MODEL_CAPACITY_BYTES: u32 = MODEL_AREA_BYTES;
/** Fewest classes a model may have (a softprob model needs two). */
export const MODEL_MIN_CLASSES: u32 = 2;
/** Most classes a model may have (uvpec's limit). */
export const MODEL_MAX_CLASSES: u32 = 40;
/** Most trees (classes x trees per class) the tree index holds. */
export const MODEL_MAX_TREES: u32 = 8192;
/** Fewest nodes in one tree: the dummy node 0 and a root leaf. */
export const MODEL_MIN_TREE_NODES: u32 = 2;
/** Most nodes in one tree, dummy included: next[] is a u8 and next + 1 must be a node. */
export const MODEL_MAX_TREE_NODES: u32 = 256;
/** Feature index of a leaf node (and of the dummy node 0). */
export const MODEL_LEAF_FEATURE: u32 = 255;
/** Bytes of the fixed header: classes, trees per class, total nodes (u32 each). */
export const MODEL_HEADER_BYTES: u32 = 12;
/** Bytes per node: f32 value, u8 feature, u8 next. */
export const MODEL_NODE_BYTES: u32 = 6;
/** Bytes reserved for one model area (memory.data refuses 0, so the lpm build keeps a token 16). */
export const MODEL_AREA_RESERVED_BYTES: u32 = CLASSIFIER_BUILT ? MODEL_CAPACITY_BYTES : ABSENT_BUFFER_BYTES;
/** Bytes reserved for the tree index (MODEL_MAX_TREES x u32). */
export const TREE_INDEX_RESERVED_BYTES: u32 = CLASSIFIER_BUILT ? MODEL_MAX_TREES << 2 : ABSENT_BUFFER_BYTES;
/** Bytes reserved for each per-node validation scratch. */
export const NODE_SCRATCH_RESERVED_BYTES: u32 = CLASSIFIER_BUILT ? MODEL_MAX_TREE_NODES : ABSENT_BUFFER_BYTES;
/** Bytes reserved for the f64 per-class sums of an inference. */
export const CLASS_SUMS_RESERVED_BYTES: u32 = CLASSIFIER_BUILT ? MODEL_MAX_CLASSES << 3 : ABSENT_BUFFER_BYTES;
/** Bytes of all model state (two areas, tree index, validation scratch): excluded from the 256 KiB working budget. */
export const MODEL_STATE_BYTES: u32 = 2 * MODEL_AREA_RESERVED_BYTES + TREE_INDEX_RESERVED_BYTES + 2 * NODE_SCRATCH_RESERVED_BYTES;
