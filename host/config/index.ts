// The camera configuration's public face: line parsers, the firmware's config blob, named profiles.
export { ConfigLineError } from "./configLine.js";
export type { ConfigKeyword } from "./configLine.js";
export { parseHwConf, hwLayoutOfCount, HW_CLASS_COUNT } from "./hwConf.js";
export type { HwConf, HwLayout } from "./hwConf.js";
export { parseAcqConf, acqLayoutOfCount } from "./acqConf.js";
export type { AcqConf, AcqLayout } from "./acqConf.js";
export { parseTaxoConf, TAXO_ID_SLOTS } from "./taxoConf.js";
export type { TaxoConf } from "./taxoConf.js";
export {
  buildConfigBlob,
  describeConfigBlob,
  CONFIG_MAGIC,
  CONFIG_VERSION,
  CONFIG_V1_BYTES,
  CONFIG_V1_OFFSETS,
  MAX_WIDTH_PX,
  MAX_HEIGHT_PX,
  DEFAULT_OVEREXPOSURE_LIMIT_PERMILLE,
} from "./configBlob.js";
export type { ConfigBlobOptions, ConfigBlobFields } from "./configBlob.js";
export { loadProfile, listProfiles, profilesDir, parseProfile } from "./profile.js";
export type { Profile, ProfileLines, ZoneTable, ZoneProcessing, ParkSampling, FrameSize, FloatTelemetrySettings } from "./profile.js";
