// The records the float transmits after slicing, as the decoders return them and the encoders take them.
// One shape for both telemetry formats (CTS5 files and the compact SBD messages), so they compare field by field.

/** CTS5 cycle phases, as the NKE files tag them ([DESCENT] ... [SURFACE]). */
export const CTS5_PHASES = ["DESCENT", "PARK", "DEEP_PROFILE", "SHORT_PARK", "ASCENT", "SURFACE"] as const;
/** A CTS5 cycle phase. */
export type Cts5Phase = (typeof CTS5_PHASES)[number];
/** CTS5 processing (treatment) types used for UVP data: raw, decimated raw, arithmetic mean. */
export const PROCESSINGS = ["RW", "DW", "AM"] as const;
/** A CTS5 processing type. */
export type Processing = (typeof PROCESSINGS)[number];
/** Record kinds: lit-image spectra, black-image noise, classified objects. */
export type SliceKind = "lpm" | "black" | "taxo";

/** Fields every slice record has. */
export interface SliceRecordBase {
  kind: SliceKind;
  phase: Cts5Phase;
  /** RW for PARK, SHORT_PARK and SURFACE records and for every BLACK record. */
  processing: Processing;
  /** Unix time (s, UTC) of the slice's first bloc. */
  timeS: number;
  /** Pressure (dbar) as transmitted: uint16 (P + 100) * 10 decoded, e.g. 0.8 (compare to float32 with Math.fround). */
  pressureDbar: number;
  /** Images summed in the slice. */
  images: number;
}

/** Counts sent in the SBD noise-bounded mode: approximate, each within its bound of what the float counted. */
export interface CountApproximation {
  /** The header's fraction f of the Poisson sd (noise code / 100): every step is at most f sqrt(count). */
  noiseFraction: number;
  /** Per count, the largest |decoded - sent| its bin allows (half the bin's width, floor); 0 where exact. */
  countBounds: number[];
}

/** An LPM slice: 18 size classes of counts (float32 values, not always integers) and mean greys. */
export interface LpmSlice extends SliceRecordBase {
  kind: "lpm";
  /** Camera internal temperature (degree C) as transmitted: uint16 (T + 5) * 1000 decoded. */
  temperatureC: number;
  /** Objects per size class summed over the slice, exact float32 values. 18 values. */
  counts: number[];
  /** Mean grey per object per class, 0-255 (0 for an empty class). 18 values. */
  grey: number[];
  /** Present only for counts sent in the noise-bounded SBD mode. */
  approximate?: CountApproximation;
}

/** A BLACK record (never aggregated): 5 classes of noise counts. */
export interface BlackSlice extends SliceRecordBase {
  kind: "black";
  temperatureC: number;
  /** Counts of the first 5 size classes (uint16 in CTS5; exact float32 values in the compact format). */
  counts: number[];
  /** Present only for counts sent in the noise-bounded SBD mode. */
  approximate?: CountApproximation;
}

/** One category of a TAXO slice. */
export interface TaxoCategory {
  /** Class index 0-39 into the camera's TAXO_CONF list. */
  index: number;
  /** Objects of the category in the slice (1-255 in CTS5). */
  objects: number;
  /** Mean "volume" of the category's objects (pixel^3, float32 value). */
  meanSize: number;
  /** Mean grey of the category's objects, 0-255. */
  meanGrey: number;
}

/** A TAXO slice: objects per category with their mean size and grey. */
export interface TaxoSlice extends SliceRecordBase {
  kind: "taxo";
  categories: TaxoCategory[];
}

/** Any slice record. */
export type SliceRecord = LpmSlice | BlackSlice | TaxoSlice;

/** One thing wrong in telemetry bytes: where (file or message name, byte offset) and what. */
export interface DecodeProblem {
  /** File name or message label the bytes came from. */
  source: string;
  /** Byte offset in that file or message where the problem starts. */
  offset: number;
  message: string;
}
