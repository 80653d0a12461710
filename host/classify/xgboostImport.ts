// Import of an XGBoost multi-class model into uvpec's format: from the JSON model (xgboostJson.ts) or a
// text dump (xgboostDump.ts), converted by xgboostTrees.ts; plus the TAXO_CONF line that goes with it.
// uvpec has no base score (a non-zero one is a warning) and no missing-value branch: the camera sends a
// NaN feature to "yes", and splits whose XGBoost missing direction is "no" are warned about.

export { importXgboostDump } from "./xgboostDump.js";
export { importXgboostJson } from "./xgboostJson.js";
export { convertXgboostTrees, type ImportResult, type XgbNode, type XgbTree } from "./xgboostTrees.js";
export { taxoConfLine } from "./taxoConfLine.js";
