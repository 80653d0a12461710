// Trains the demo uvpec classifier on simulated taxa vignettes (taxaDataset.ts) with real XGBoost
// (ml-xgboost, a devDependency), converts it through the legacy binary importer and scores it with the
// host reference inference on a HELD-OUT dataset drawn from a different seed.
//
// Pipeline: vignette -> computeFeatures (host/classify: the 55 features of the largest region, float32)
// -> xgboostSafeRow -> XGBoost multi:softprob (gbtree, exact greedy, no row or column subsampling, so
// training is deterministic) -> model bytes (legacy binary) -> importXgboostLegacyBinary -> uvpec model
// -> serializeModel; evaluation: predict (host/classify/inference.ts, exactly the camera's arithmetic).
//
// NaN / inf features. The firmware (and predict) compute features with no clamping: a zero grey range
// gives meanpos = sr = NaN/inf, and a NaN fails every "x < threshold" so it always takes a split's "no"
// branch. XGBoost (ml-xgboost) aborts on NaN and reads -1 as missing, so training rows go through
// xgboostSafeRow: NaN and +inf -> +FLT_MAX, which takes the "no" branch at every finite threshold exactly
// like the firmware's NaN; -inf -> -FLT_MAX; -1 -> the float32 just below -1. For these vignettes the
// question is moot: an object whose ESD reaches the 813 um vignetting limit has >= 118 px, and every
// shape's greys vary (texture, dark spheres threshold + 1..4), so range > 0 and no feature is non-finite;
// trainDemoModel counts the rows it had to change (`adjustedValues`, 0 for the shipped model).

import { loadProfile } from "../../host/config/profile.js";
import { computeFeatures } from "../../host/classify/features.js";
import { predict } from "../../host/classify/inference.js";
import { describeModel, serializeModel } from "../../host/classify/model.js";
import type { TreeModel } from "../../host/classify/modelTypes.js";
import { taxoConfLine } from "../../host/classify/taxoConfLine.js";
import { importXgboostLegacyBinary } from "../../host/classify/xgboostLegacyBinary.js";
import { TAXA_CLASS_COUNT, TAXA_ECOTAXA_IDS, taxaDataset, type TaxaProfile, type TaxaVignette } from "./taxaDataset.js";
import { loadXgboost, modelBytes, xgboostSafeRow } from "./xgboostWasm.js";

/** Profile the demo model is trained for (its calibration, threshold and 813 um vignetting limit). */
export const DEMO_PROFILE_NAME = "000118LP";
/** Configuration name and model reference of the demo TAXO_CONF line. */
export const DEMO_TAXO_CONF_NAME = "TAXO_DEMO_0";
export const DEMO_MODEL_REFERENCE = "demo-taxa";
/** Max_size_for_classification of the demo TAXO_CONF line (pixels; 65535 = no limit, as 000118LP's line). */
export const DEMO_MAX_SIZE_PX = 65535;

/** XGBoost parameters of the demo model (deterministic: no subsampling). */
export const DEMO_XGBOOST_PARAMS = Object.freeze({
  booster: "gbtree",
  objective: "multi:softprob",
  max_depth: 4,
  eta: 0.3,
  min_child_weight: 1,
  subsample: 1,
  colsample_bytree: 1,
  silent: 1,
  iterations: 30,
});

/** Held-out accuracy of a model: per class (recall), overall, and the confusion matrix [true][predicted]. */
export interface TaxaAccuracy {
  perClass: number[];
  overall: number;
  confusion: number[][];
}

/** Options of trainDemoModel. */
export interface TrainDemoOptions {
  /** Profile to draw for (default 000118LP). */
  profile?: TaxaProfile;
  /** Held-out vignettes per class (default perClass). */
  heldOutPerClass?: number;
  /** Seed of the held-out set (default heldOutSeedFor(seed)). */
  heldOutSeed?: number;
  /** XGBoost boosting rounds (default DEMO_XGBOOST_PARAMS.iterations). */
  rounds?: number;
  /** XGBoost max_depth, 1..7 (default DEMO_XGBOOST_PARAMS.max_depth): the demo keeps to usual depths; the format itself has no depth limit. */
  maxDepth?: number;
}

/** What trainDemoModel returns. */
export interface DemoModel {
  /** The uvpec model file. */
  model: Uint8Array;
  taxoConfLine: string;
  /** Held-out accuracy with the host reference inference. */
  accuracy: TaxaAccuracy;
  /** How it was made (for the model's JSON sidecar). */
  training: {
    seed: number;
    perClass: number;
    heldOutSeed: number;
    heldOutPerClass: number;
    xgboost: Record<string, string | number>;
    /** Feature values xgboostSafeRow had to change (NaN, inf, -1) in the training rows. */
    adjustedValues: number;
    /** Accuracy of the converted model on its own training set. */
    trainingAccuracy: number;
    /** Trees per class, nodes, max depth and bytes of the uvpec model. */
    treesPerClass: number;
    nodeCount: number;
    maxDepth: number;
    byteLength: number;
    importWarnings: string[];
  };
}

/** The held-out seed used for a training seed when none is given. */
export function heldOutSeedFor(seed: number): number {
  return (Math.trunc(seed) + 0x9e3779b9) >>> 0;
}

/** The 55 features (float32) of a vignette's largest region; throws if it has none (never for taxa vignettes). */
export function vignetteFeatures(v: TaxaVignette): Float32Array {
  const f = computeFeatures(v.pixels, v.widthPx, v.heightPx, v.threshold);
  if (f === null) throw new Error("taxa: a vignette has no pixel above the threshold");
  return f;
}

/** Scores a uvpec model on vignettes (or precomputed features) with the host reference inference. */
export function evaluateTaxaModel(model: TreeModel, samples: ReadonlyArray<{ features: Float32Array; classIndex: number }>): TaxaAccuracy {
  const k = model.classCount;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const s of samples) confusion[s.classIndex][predict(model, s.features).classIndex]++;
  return accuracyOf(confusion);
}

/** Per-class recall and overall accuracy of a confusion matrix [true][predicted]. */
export function accuracyOf(confusion: number[][]): TaxaAccuracy {
  let right = 0;
  let total = 0;
  const perClass = confusion.map((row, c) => {
    const n = row.reduce((a, b) => a + b, 0);
    right += row[c];
    total += n;
    return n === 0 ? 0 : row[c] / n;
  });
  return { perClass, overall: total === 0 ? 0 : right / total, confusion };
}

/** Features and labels of a dataset. */
export function featuresOf(dataset: readonly TaxaVignette[]): Array<{ features: Float32Array; classIndex: number }> {
  return dataset.map((v) => ({ features: vignetteFeatures(v), classIndex: v.classIndex }));
}

/** Trains, converts and scores the demo model: perClass training vignettes per class from `seed`. */
export async function trainDemoModel(seed: number, perClass: number, options: TrainDemoOptions = {}): Promise<DemoModel> {
  const profile: TaxaProfile = options.profile ?? loadProfile(DEMO_PROFILE_NAME);
  const heldOutSeed = options.heldOutSeed ?? heldOutSeedFor(seed);
  if (heldOutSeed === seed) throw new RangeError("trainDemoModel: the held-out seed must differ from the training seed");
  const heldOutPerClass = options.heldOutPerClass ?? perClass;
  const maxDepth = options.maxDepth ?? DEMO_XGBOOST_PARAMS.max_depth;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 7) throw new RangeError(`trainDemoModel: maxDepth must be 1..7, got ${maxDepth}`);
  const params: Record<string, string | number> = {
    ...DEMO_XGBOOST_PARAMS,
    num_class: TAXA_CLASS_COUNT,
    max_depth: maxDepth,
    iterations: options.rounds ?? DEMO_XGBOOST_PARAMS.iterations,
  };

  const training = featuresOf(taxaDataset(seed, perClass, profile));
  let adjustedValues = 0;
  const rows = training.map((s) => {
    const row = xgboostSafeRow(s.features);
    for (let i = 0; i < row.length; i++) if (!Object.is(row[i], s.features[i])) adjustedValues++;
    return row;
  });

  const XGBoost = await loadXgboost();
  const booster = new XGBoost(params);
  let bytes: Uint8Array;
  try {
    booster.train(rows, training.map((s) => s.classIndex));
    bytes = modelBytes(booster);
  } finally {
    booster.free();
  }
  const imported = importXgboostLegacyBinary(bytes);
  if (imported.model === undefined) throw new Error(`trainDemoModel: conversion failed: ${imported.errors.join("; ")}`);
  const model = imported.model;

  const heldOut = featuresOf(taxaDataset(heldOutSeed, heldOutPerClass, profile));
  const accuracy = evaluateTaxaModel(model, heldOut);
  const description = describeModel(model);
  return {
    model: serializeModel(model),
    taxoConfLine: taxoConfLine(DEMO_TAXO_CONF_NAME, DEMO_MODEL_REFERENCE, DEMO_MAX_SIZE_PX, [...TAXA_ECOTAXA_IDS]),
    accuracy,
    training: {
      seed,
      perClass,
      heldOutSeed,
      heldOutPerClass,
      xgboost: params,
      adjustedValues,
      trainingAccuracy: evaluateTaxaModel(model, training).overall,
      treesPerClass: model.treesPerClass,
      nodeCount: description.nodeCount,
      maxDepth: description.maxDepth,
      byteLength: description.byteLength,
      importWarnings: imported.warnings,
    },
  };
}
