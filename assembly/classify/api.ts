// The embedded classifier's exports for the host (re-exported by index.ts). Per candidate object the host
// writes the object's bounding box (row-major grey bytes) at vignetteBufferPtr() and calls
// classifyVignette; models go through modelStagingPtr() + loadModel. Memory plan: constants.ts.

import { FEATURE_COUNT, VIGNETTE_MAX_PX } from "./constants";
import { MODEL_CAPACITY_BYTES, MODEL_MAX_TREES } from "./modelConstants";
import { computeFeatures, featuresOut } from "./features";
import { classSums, inferActive, inferredClass, inferredScore } from "./infer";
import {
  applyModel, modelClassCount, modelDepth, modelLoaded, modelNodeCount, modelStaging, modelTreeCount,
} from "./model";
import {
  keptBottom, keptLeft, keptRight, keptRoot, keptTop, labelVignette, regionCount, vignetteBuffer,
} from "./vignette";
import { Status } from "../status";
import { CLASSIFIER_BUILT } from "../capability";

// Result of the last classifyVignette: -1 when it gave no class.
let resultClassIndex: i32 = -1;
let resultClassScore: f64 = 0;

/** Address where the host writes a vignette (row-major grey bytes, width x height). */
export function vignetteBufferPtr(): usize { return vignetteBuffer; }
/** Most pixels (width x height) a vignette may have; each side at most 2464. */
export function vignetteMaxPixels(): u32 { return CLASSIFIER_BUILT ? VIGNETTE_MAX_PX : 0; }
/** Regions (8-connected, grey > threshold) found in the last vignette. */
export function vignetteRegionCount(): u32 { return regionCount; }

/** Labels the vignette, keeps its largest region and computes its 55 features (no model needed). */
export function computeVignetteFeatures(widthPx: u32, heightPx: u32, threshold: u32): Status {
  if (!CLASSIFIER_BUILT) return Status.NO_CLASSIFIER;
  const status = labelVignette(widthPx, heightPx, threshold);
  if (status != Status.OK) return status;
  computeFeatures(widthPx, threshold, keptRoot, keptLeft, keptTop, keptRight, keptBottom);
  return Status.OK;
}

/** Features then, if a model is loaded, inference: OK, NO_MODEL (features only), VIGNETTE_EMPTY, VIGNETTE_TOO_LARGE or NO_CLASSIFIER. */
export function classifyVignette(widthPx: u32, heightPx: u32, threshold: u32): Status {
  resultClassIndex = -1;
  resultClassScore = 0;
  const status = computeVignetteFeatures(widthPx, heightPx, threshold);
  if (status != Status.OK) return status;
  if (!modelLoaded) return Status.NO_MODEL;
  inferActive();
  resultClassIndex = <i32>inferredClass;
  resultClassScore = <f64>inferredScore;
  return Status.OK;
}

/** Address of the 55 features (f32, FEATURES.md order) of the last vignette that returned OK or NO_MODEL. */
export function featuresPtr(): usize { return featuresOut; }
/** Number of features (55). */
export function featureCount(): u32 { return FEATURE_COUNT; }
/** Class chosen by the last classifyVignette, or -1 if it returned anything but OK. */
export function resultClass(): i32 { return resultClassIndex; }
/** Score of that class, expf(sum) / sum of expfs computed in f32 (0 when there is no class). */
export function resultScore(): f64 { return resultClassScore; }
/** Address of the per-class leaf sums of the last inference (f32 sums stored as f64 x modelClasses()). */
export function classSumsPtr(): usize { return classSums; }

/** Address where the host writes the next model (changes after each successful loadModel). */
export function modelStagingPtr(): usize { return modelStaging; }
/** Capacity of the model staging area in bytes. */
export function modelCapacityBytes(): u32 { return MODEL_CAPACITY_BYTES; }
/** Most trees (classes x trees per class) a model may have. */
export function modelMaxTrees(): u32 { return CLASSIFIER_BUILT ? MODEL_MAX_TREES : 0; }
/** Whether this build has the classifier (full) or not (lpm: every classifier call returns NO_CLASSIFIER). */
export function classifierBuilt(): bool { return CLASSIFIER_BUILT; }
/** Validates the `lengthBytes`-byte model in staging and puts it in force; on any error the previous model stays. */
export function loadModel(lengthBytes: u32): Status { return applyModel(lengthBytes); }
/** Classes of the model in force (0 when none). */
export function modelClasses(): u32 { return modelClassCount; }
/** Trees per class of the model in force (0 when none). */
export function modelTreesPerClass(): u32 { return modelTreeCount; }
/** Total nodes, dummies included, of the model in force (0 when none). */
export function modelNodes(): u32 { return modelNodeCount; }
/** Deepest tree of the model in force, in split levels (0 when none); depth is not limited. */
export function modelMaxDepth(): u32 { return modelDepth; }
