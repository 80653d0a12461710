// The public API of the CTS5 UVP6 file decoder: decoding, layout constants and code encodings, file names.

export { decodeCts5File, type Cts5DecodeResult } from "./decodeCts5.js";
export { decodeCts5Set, type Cts5Input, type Cts5SetResult } from "./cts5Parts.js";
export {
  CTS5_BLACK_CLASSES,
  CTS5_LPM_CLASSES,
  CTS5_MAX_PADDING,
  CTS5_OTHER_PROCESSING_TAGS,
  CTS5_PADDING_BYTE,
  CTS5_PHASE_TAG_OPEN,
  CTS5_PHASE_TAGS,
  CTS5_PROCESSING_TAG_BYTES,
  CTS5_PROCESSING_TAG_OPEN,
  CTS5_PROCESSING_TAGS,
  CTS5_TAXO_CATEGORY_BYTES,
  CTS5_TAXO_MAX_CATEGORIES,
  CTS5_TAXO_MAX_CLASS_INDEX,
  CTS5_TYPE_BLACK_V2,
  CTS5_TYPE_LPM_V2,
  CTS5_TYPE_TAXO_V2,
  CTS5_TYPE_V1,
  cts5ImagesBytes,
  cts5KindOfTypeByte,
  cts5RecordBytes,
  cts5RecordHeadBytes,
  cts5TimeBytes,
  cts5TypeByte,
  decodePressureCode,
  decodeTemperatureCode,
  encodePressureCode,
  encodeTemperatureCode,
  hasTimeReference,
  isNavigationPhase,
} from "./cts5Layout.js";
export { CTS5_MAX_PARTS, CTS5_SENSOR_IDS, cts5FileName, isCts5Serial, parseCts5FileName, splitCts5File, type Cts5FileNameParts } from "./cts5Names.js";
