// Decoding of the firmware's bloc records and debug-log entries (layouts in assembly/records.ts
// and assembly/objectsink.ts).

import type { ObjectStats } from "../objectStats.js";

/** Number of size classes in a record. */
export const CLASS_COUNT = 18;

/** One bloc record as the firmware produced it: the content of an LPM_DATA or BLACK_DATA line. */
export interface BlocRecord {
  kind: "LPM" | "BLACK";
  /** The bloc held an over-exposed frame: images and all values are reported as 0. */
  overexposed: boolean;
  /** Images as the camera reports them (0 for an over-exposed bloc). */
  images: number;
  /** Frames the firmware actually accumulated into the bloc. */
  framesAccumulated: number;
  /** Time of the bloc's first frame, Unix seconds. */
  timeS: number;
  pressureDbar: number;
  temperatureC: number;
  /** Objects per size class, summed over the bloc. */
  counts: number[];
  /** Mean grey per object per class, rounded half up (0 where the class is empty). */
  grey: number[];
  /** With classification on, an LPM bloc's frames' classified objects (its TAXO_DATA line), in frame order. */
  taxo?: TaxoRecord[];
}

/** A classified object of a frame, as the camera's TAXO_DATA triplet. */
export interface TaxoTriplet {
  /** Class index in the model (0-39). */
  classIndex: number;
  /** Volume of the sphere of the object's ESD, pixel^3, rounded, at most 65535. */
  volumePx3: number;
  /** Mean grey of the object, rounded half up. */
  meanGrey: number;
}

/** The classified objects of one lit frame (queued before its bloc's LPM record). */
export interface TaxoRecord {
  kind: "TAXO";
  timeS: number;
  pressureDbar: number;
  triplets: TaxoTriplet[];
  /** Candidates kept (at most 25) and those beyond the limit. */
  candidates: number;
  candidatesOverLimit: number;
  /** Some candidate could not be classified (vignette empty or too large). */
  unclassified: boolean;
}

/** Any record the firmware queues. */
export type FirmwareRecord = BlocRecord | TaxoRecord;

/** One object of the per-object debug log. */
export type LoggedObject = ObjectStats;

/** Reads the record at `ptr` in the firmware's memory (layouts in assembly/records.ts). */
export function readFirmwareRecord(memory: ArrayBuffer, ptr: number): FirmwareRecord {
  const v = new DataView(memory, ptr, 128);
  if (v.getUint8(0) === 3) {
    const n = v.getUint16(2, true);
    const triplets: TaxoTriplet[] = [];
    for (let i = 0; i < n; i++) {
      const o = 28 + 4 * i;
      triplets.push({ classIndex: v.getUint8(o), meanGrey: v.getUint8(o + 1), volumePx3: v.getUint16(o + 2, true) });
    }
    return {
      kind: "TAXO", timeS: v.getFloat64(8, true), pressureDbar: v.getFloat64(16, true), triplets,
      candidates: v.getUint16(4, true), candidatesOverLimit: v.getUint16(6, true), unclassified: (v.getUint8(1) & 1) !== 0,
    };
  }
  return readBlocRecord(memory, ptr);
}

/** Reads the LPM or BLACK record at `ptr` in the firmware's memory. */
export function readBlocRecord(memory: ArrayBuffer, ptr: number): BlocRecord {
  const v = new DataView(memory, ptr, 128);
  const counts: number[] = [];
  const grey: number[] = [];
  for (let k = 0; k < CLASS_COUNT; k++) {
    counts.push(v.getUint32(32 + 4 * k, true));
    grey.push(v.getUint8(104 + k));
  }
  return {
    kind: v.getUint8(0) === 2 ? "BLACK" : "LPM",
    overexposed: (v.getUint8(1) & 1) !== 0,
    images: v.getUint16(2, true),
    framesAccumulated: v.getUint16(4, true),
    timeS: v.getFloat64(8, true),
    pressureDbar: v.getFloat64(16, true),
    temperatureC: v.getFloat64(24, true),
    counts,
    grey,
  };
}

/** Reads `count` debug-log entries starting at `ptr`. */
export function readObjectLog(memory: ArrayBuffer, ptr: number, count: number, entryBytes: number): LoggedObject[] {
  const v = new DataView(memory, ptr, count * entryBytes);
  const out: LoggedObject[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * entryBytes;
    out[i] = {
      areaPx: v.getUint32(o, true),
      greySum: v.getUint32(o + 4, true),
      xMin: v.getUint16(o + 8, true),
      yMin: v.getUint16(o + 10, true),
      xMax: v.getUint16(o + 12, true),
      yMax: v.getUint16(o + 14, true),
    };
  }
  return out;
}
