// Public API of the compact SBD telemetry decoder (README "Compact SBD messages, format version 1").
export { crc16CcittFalse } from "./crc16.js";
export { RangeDecoder, BitCosts, BitStatistics, newProbs, PROB_BITS, PROB_INIT, MOVE_BITS } from "./rangeDecoder.js";
export {
  buildPriorTable, priorTableBytes, priorTableProblem, priorBin, learnedInitialBytes, defaultInitialBytes, probabilityByte,
  probabilityFromByte, PRIOR_BINS, PRIOR_BIN_EDGES_DBAR, PRIOR_TABLE_BYTES, PRIOR_TABLE_VERSION, PRIOR_PROBS_OFFSET, SBD_PROB_COUNT,
  type SbdPriorTable,
} from "./priorTable.js";
export { decodeSbdBodyV2 } from "./sbdRecordsV2.js";
export {
  parseSbdFrame,
  SBD_MAGIC,
  SBD_FORMAT_VERSION,
  SBD_HEADER_BYTES,
  SBD_HEADER_BYTES_V2,
  SBD_KNOWN_VERSIONS,
  SBD_CRC_BYTES,
  SBD_MIN_MESSAGE_BYTES,
  SBD_MIN_LIMIT_BYTES,
  SBD_MAX_LIMIT_BYTES,
  SBD_MAX_RECORDS,
  SBD_FLAG_LAST,
  SBD_KIND_CODES,
  type SbdHeader,
  type SbdFrame,
} from "./sbdHeader.js";
export { decodeSbdBody, SBD_LPM_CLASSES, SBD_BLACK_CLASSES, SBD_TAXO_MAX_CATEGORIES, type SbdBodyResult } from "./sbdRecords.js";
export {
  decodeSbdMessages,
  decodeSbdMessage,
  type SbdDecodeOptions,
  type SbdMessageInput,
  type SbdRecordOrigin,
  type SbdMessageResult,
  type SbdDecodeResult,
} from "./decodeMessages.js";
export type { SbdCycleSummary, SbdSummary } from "./sbdSummary.js";
