// The raw exports of the firmware module (assembly/index.ts), as the host sees them.

/** Raw WebAssembly exports of uvp-float.{simd,scalar}.wasm; booleans arrive as 0/1. */
export interface FirmwareExports {
  memory: WebAssembly.Memory;
  configure(lengthBytes: number): number;
  beginFrame(kind: number, timeS: number, pressureDbar: number, temperatureC: number): number;
  pushRow(y: number, lengthPx: number): number;
  endFrame(): number;
  abortFrame(): number;
  pushAreaCount(areaPx: number, count: number, meanGrey: number): number;
  markFrameOverexposed(): number;
  flushBlocs(): number;
  isFrameOpen(): number;
  expectedRow(): number;
  recordQueueCapacity(): number;
  configBufferPtr(): number;
  configBufferBytes(): number;
  rowBufferPtr(): number;
  rowBufferBytes(): number;
  maxHeightPx(): number;
  classCount(): number;
  classMinArea(k: number): number;
  classBound(k: number): number;
  vignetteMinArea(): number;
  frameObjectCount(): number;
  frameForegroundPixels(): number;
  frameWasOverexposed(): number;
  frameClassCountsPtr(): number;
  recordCount(): number;
  recordPtr(): number;
  recordBytes(): number;
  takeRecord(): number;
  setObjectLog(on: number): void;
  objectLogOn(): number;
  objectLogLength(): number;
  objectLogPtr(): number;
  objectLogEntryBytes(): number;
  objectSlots(): number;
  slotOverflows(): number;
  staticEnd(): number;
  ABI_VERSION: WebAssembly.Global;
}
