// Argo AUX files of UVP6 floats: reader, parameter names, realism statistics.
export type { AuxNames, AuxProfile, AuxProfileIndexes, BlackLevel, LpmLevel, TaxoLevel } from "./auxTypes.js";
export { ARGO_2023_NAMES, ARGO_AUX_NAMES, ARGO_CURRENT_NAMES, AUX_VECTOR_LENGTH, type AuxNameSet } from "./auxNames.js";
export { ArgoAuxError, readAuxProfile, readAuxProfileFile } from "./auxReader.js";
export {
  CLASS_BOUNDS_2022_01_UM,
  DEFAULT_DEPTH_BANDS_DBAR,
  computeRealismRanges,
  percentile,
  realismRangesJson,
  realismStats,
  type RealismBandRange,
  type RealismLevel,
  type RealismOptions,
  type RealismRanges,
  type RealismRangesOptions,
  type Spread,
} from "./realismStats.js";
