// The byte layout of NKE CTS5 UVP6 files (LPMv2, TAXOv2, BLACKv2), per NKE "APMT File Management" 6.13-6.15
// and the Coriolis decoder (decArgo) that reads them. Everything the decoder needs to know about sizes and
// encodings lives here, so the decoder itself is only control flow.

import type { Cts5Phase, Processing, SliceKind } from "../types.js";

/** First byte of an LPMv2 file. */
export const CTS5_TYPE_LPM_V2 = 0x1b;
/** First byte of a TAXOv2 file. */
export const CTS5_TYPE_TAXO_V2 = 0x1c;
/** First byte of a BLACKv2 file. */
export const CTS5_TYPE_BLACK_V2 = 0x1d;
/** First bytes of the older v1 files (LPM v1, BLACK v1): recognised only to say they are not supported. */
export const CTS5_TYPE_V1 = [0x0e, 0x11] as const;

/** The slice kind a first byte announces, or null for anything else (v1 included). */
export function cts5KindOfTypeByte(byte: number): SliceKind | null {
  if (byte === CTS5_TYPE_LPM_V2) return "lpm";
  if (byte === CTS5_TYPE_TAXO_V2) return "taxo";
  if (byte === CTS5_TYPE_BLACK_V2) return "black";
  return null;
}

/** The first byte of a file of a kind. */
export function cts5TypeByte(kind: SliceKind): number {
  return kind === "lpm" ? CTS5_TYPE_LPM_V2 : kind === "taxo" ? CTS5_TYPE_TAXO_V2 : CTS5_TYPE_BLACK_V2;
}

/** ASCII text of each phase tag. */
export const CTS5_PHASE_TAGS: Readonly<Record<Cts5Phase, string>> = {
  DESCENT: "[DESCENT]",
  PARK: "[PARK]",
  DEEP_PROFILE: "[DEEP_PROFILE]",
  SHORT_PARK: "[SHORT_PARK]",
  ASCENT: "[ASCENT]",
  SURFACE: "[SURFACE]",
};

/** ASCII text of each processing tag UVP files use. */
export const CTS5_PROCESSING_TAGS: Readonly<Record<Processing, string>> = { RW: "(RW)", DW: "(DW)", AM: "(AM)" };

/** Processing tags NKE defines for other sensors: known, but never valid in a UVP file. */
export const CTS5_OTHER_PROCESSING_TAGS = ["(SD)", "(MD)", "(SS)"] as const;

/** A processing tag is always 4 bytes: '(' two letters ')'. */
export const CTS5_PROCESSING_TAG_BYTES = 4;

/** Byte a phase tag starts with. */
export const CTS5_PHASE_TAG_OPEN = 0x5b; // '['
/** Byte a processing tag starts with. */
export const CTS5_PROCESSING_TAG_OPEN = 0x28; // '('

/** Bytes the float may append after the data; they are not data. */
export const CTS5_PADDING_BYTE = 0x1a;
/** Most padding bytes NKE writes; more is reported as a note. */
export const CTS5_MAX_PADDING = 1023;

/** Size classes of an LPM record. */
export const CTS5_LPM_CLASSES = 18;
/** Classes of noise counts a BLACK record keeps. */
export const CTS5_BLACK_CLASSES = 5;
/** Most categories in one TAXO record. */
export const CTS5_TAXO_MAX_CATEGORIES = 40;
/** Highest class index a TAXO category may carry (TAXO_CONF has 40 slots). */
export const CTS5_TAXO_MAX_CLASS_INDEX = 39;
/** Bytes of one TAXO category: u8 class, u8 count, f32 mean size, u8 mean grey. */
export const CTS5_TAXO_CATEGORY_BYTES = 7;

/** Whether records of a phase carry a u16 relative time after a processing tag (the others a u32 absolute time). */
export function isNavigationPhase(phase: Cts5Phase): boolean {
  return phase === "DESCENT" || phase === "DEEP_PROFILE" || phase === "ASCENT";
}

/** Whether a processing tag in a navigation phase is followed by a u32 time reference (BLACK times are absolute). */
export function hasTimeReference(kind: SliceKind): boolean {
  return kind !== "black";
}

/** Bytes of a record's time field: u16 relative in LPM/TAXO navigation phases, u32 absolute otherwise. */
export function cts5TimeBytes(kind: SliceKind, phase: Cts5Phase): 2 | 4 {
  return kind !== "black" && isNavigationPhase(phase) ? 2 : 4;
}

/** Bytes of a record's image count: u16 only for averaged (AM) LPM/TAXO slices, whose sums exceed 255. */
export function cts5ImagesBytes(kind: SliceKind, phase: Cts5Phase, processing: Processing): 1 | 2 {
  return kind !== "black" && isNavigationPhase(phase) && processing === "AM" ? 2 : 1;
}

/**
 * Bytes of a record before its variable part: the whole record for LPM and BLACK, up to and including the
 * category count N for TAXO.
 */
export function cts5RecordHeadBytes(kind: SliceKind, phase: Cts5Phase, processing: Processing): number {
  const common = cts5TimeBytes(kind, phase) + 2 + cts5ImagesBytes(kind, phase, processing);
  if (kind === "lpm") return common + 2 + CTS5_LPM_CLASSES * 4 + CTS5_LPM_CLASSES;
  if (kind === "black") return common + 2 + CTS5_BLACK_CLASSES * 2;
  return common + 1;
}

/** Bytes of a whole record (`categories` counts only for TAXO): e.g. LPM 97 / 98 / 99, BLACK 19, TAXO 6+7N. */
export function cts5RecordBytes(kind: SliceKind, phase: Cts5Phase, processing: Processing, categories = 0): number {
  const head = cts5RecordHeadBytes(kind, phase, processing);
  return kind === "taxo" ? head + categories * CTS5_TAXO_CATEGORY_BYTES : head;
}

// (code - 1000) / 10 rather than code / 10 - 100: one correctly rounded division of an exact integer gives the
// double nearest the decimal the code stands for, so it prints as 989.4 (not 989.4000000000001) everywhere.
/** Pressure (dbar) of a transmitted u16 code: code / 10 - 100, the double nearest that 0.1 dbar decimal. */
export function decodePressureCode(code: number): number {
  return (code - 1000) / 10;
}

/** Temperature (degree C) of a transmitted u16 code: code / 1000 - 5, the double nearest that 0.001 C decimal. */
export function decodeTemperatureCode(code: number): number {
  return (code - 5000) / 1000;
}

function u16Code(value: number, what: string): number {
  // Rounding, not truncation: (P + 100) * 10 of a decoded value is code +- 1 ulp and must give the code back.
  const code = Math.round(value);
  if (!Number.isFinite(value) || code < 0 || code > 0xffff) {
    throw new RangeError(`${what} does not fit the CTS5 u16 code (0-65535)`);
  }
  return code;
}

/** The u16 code of a pressure: round((P + 100) * 10); throws RangeError outside -100..6453.5 dbar. */
export function encodePressureCode(pressureDbar: number): number {
  return u16Code((pressureDbar + 100) * 10, `pressure ${pressureDbar} dbar`);
}

/** The u16 code of a temperature: round((T + 5) * 1000); throws RangeError outside -5..60.535 degree C. */
export function encodeTemperatureCode(temperatureC: number): number {
  return u16Code((temperatureC + 5) * 1000, `temperature ${temperatureC} degree C`);
}
