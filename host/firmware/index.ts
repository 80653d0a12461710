// The firmware wrapper's public face.
export { Firmware, FrameKind, BUILDS, CAPABILITIES, wasmPath, simdSupported } from "./firmware.js";
export type { Build, Capability, FrameMeta, FrameSummary } from "./firmware.js";
export { Status, FirmwareError, describeStatus } from "./status.js";
export { readBlocRecord, readFirmwareRecord, CLASS_COUNT } from "./records.js";
export type { BlocRecord, FirmwareRecord, LoggedObject, TaxoRecord, TaxoTriplet } from "./records.js";
