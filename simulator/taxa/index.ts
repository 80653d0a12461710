// Public API of the simulated taxa (labelled vignettes) and of the demo classifier trained on them.

export {
  INTRUDER_SHARE,
  minVignetteAreaPx,
  TAXA_CLASS_COUNT,
  TAXA_ECOTAXA_IDS,
  TAXA_MAX_ESD_UM,
  TAXA_NAMES,
  TAXA_SHAPES,
  taxaAreaRangePx,
  taxaDataset,
  taxaVignette,
  VIGNETTE_MARGIN_PX,
  type TaxaDatasetOptions,
  type TaxaProfile,
  type TaxaVignette,
  type TaxaVignetteOptions,
} from "./taxaDataset.js";
export { drawObject, type DrawnObject, type TaxaShape } from "./taxaShapes.js";
export {
  accuracyOf,
  DEMO_XGBOOST_PARAMS,
  evaluateTaxaModel,
  featuresOf,
  heldOutSeedFor,
  trainDemoModel,
  vignetteFeatures,
  type DemoModel,
  type TaxaAccuracy,
  type TrainDemoOptions,
} from "./trainDemoModel.js";
export { DEMO_HELD_OUT_PER_CLASS, DEMO_MODEL_NAME, DEMO_PER_CLASS, DEMO_SEED, demoModelDir, demoModelSidecar, writeDemoModel } from "./writeDemoModel.js";
export { loadXgboost, modelBytes, xgboostSafeRow, type XgboostBooster, type XgboostClass } from "./xgboostWasm.js";
