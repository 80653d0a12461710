// Sizes of the embedded classifier's vignette-side buffers. Model sizes are in modelConstants.ts.
//
// Memory plan. The frame never lives in wasm memory. For each candidate object the host writes the
// object's region of interest (its bounding box in the frame, row-major, one grey byte per pixel,
// width x height <= VIGNETTE_MAX_PX, each side <= VIGNETTE_MAX_SIDE_PX) into the vignette buffer and
// calls classifyVignette. The firmware labels the vignette with a two-pass 8-connected labeller whose
// union-find forest is the u16 label image itself (one entry per pixel: the index of a parent pixel,
// or, for a root, ROOT_FLAG | (area - 1)), keeps only the largest region, computes its 55 features into
// a static f32 buffer, then runs the model in force. Static bytes (all from memory.data, none grows):
//   vignette buffer   VIGNETTE_MAX_PX x u8          32,768
//   label image       VIGNETTE_MAX_PX x u16         65,536   (doubles as the union-find table)
//   grey histogram    256 x u64                      2,048
//   features          FEATURE_COUNT x f32              220
//   class sums        MODEL_MAX_CLASSES x f64          320
//   total                                         100,896 bytes (features padded to 224 by alignment)
// Model side (modelConstants.ts): two MODEL_CAPACITY_BYTES areas (staging + active) 2,097,152, the tree
// index (MODEL_MAX_TREES x u32) 32,768 and two 256-byte per-node scratches for validation: 2,130,432.

import { ABSENT_BUFFER_BYTES, CLASSIFIER_BUILT } from "../capability";

/** Most pixels a vignette may hold (width x height): 2^15, so a pixel index fits in 15 bits. */
export const VIGNETTE_MAX_PX: u32 = 32768;
/** Longest side of a vignette in pixels (the sensor's 2464 columns). */
export const VIGNETTE_MAX_SIDE_PX: u32 = 2464;
/** Number of features a model reads, in uvpec's order (FEATURES.md). */
export const FEATURE_COUNT: u32 = 55;
/** Grey levels of the histogram. */
export const GREY_LEVELS: u32 = 256;

/** Bytes reserved for the vignette buffer (a token 16 in the lpm build, which has no classifier). */
export const VIGNETTE_RESERVED_BYTES: u32 = CLASSIFIER_BUILT ? VIGNETTE_MAX_PX : ABSENT_BUFFER_BYTES;
/** Bytes reserved for the u16 label image. */
export const LABEL_IMAGE_RESERVED_BYTES: u32 = CLASSIFIER_BUILT ? VIGNETTE_MAX_PX << 1 : ABSENT_BUFFER_BYTES;
/** Bytes reserved for the f32 features. */
export const FEATURES_RESERVED_BYTES: u32 = CLASSIFIER_BUILT ? FEATURE_COUNT << 2 : ABSENT_BUFFER_BYTES;
/** Bytes reserved for the u64 grey histogram. */
export const HISTOGRAM_RESERVED_BYTES: u32 = CLASSIFIER_BUILT ? GREY_LEVELS << 3 : ABSENT_BUFFER_BYTES;
