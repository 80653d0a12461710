// Sizes and codes of the float side (slicing and telemetry). Everything static is sized from these.

/** Bytes of the CTS5 buffer of one kind: when the next record does not fit, the buffer is handed to the host
 *  (appended to the kind's one file of the cycle) and the record goes first into the emptied buffer. */
export const CTS5_CHUNK_BYTES: u32 = 4096;
/** Largest SBD message the format allows (Iridium mobile-originated limit). */
export const SBD_MAX_BYTES: u32 = 340;
/** Smallest SBD limit a float configuration may set. */
export const SBD_MIN_BYTES: u32 = 100;
/** Spare bytes after an SBD message so a trial flush past the limit writes into owned memory. */
export const SBD_SLACK_BYTES: u32 = 64;
/** Header bytes of a compact SBD message (docs/operators.md: magic ... record count, prior table id). */
export const SBD_HEADER_BYTES: u32 = 14;
/** Messages per cycle and records per kind the SBD header can number (u16 fields). */
export const SBD_MAX_NUMBER: u32 = 65536;
/** CRC bytes closing a compact SBD message. */
export const SBD_CRC_BYTES: u32 = 2;
/** Compact SBD format version this firmware writes. */
export const SBD_VERSION: u32 = 2;
/** Compact SBD magic byte ('U'). */
export const SBD_MAGIC: u8 = 0x55;
/** Most records one SBD message holds (its count is a u8). */
export const SBD_MAX_RECORDS: u32 = 255;

/** Slice record kinds (same numbers as the bloc records and the SBD header). */
export const KIND_LPM: u32 = 1;
export const KIND_BLACK: u32 = 2;
export const KIND_TAXO: u32 = 3;
/** Telemetry formats (bit mask in the float configuration, and stream numbering). */
export const FORMAT_CTS5: u32 = 0;
export const FORMAT_SBD: u32 = 1;
/** Streams: one per format and kind; stream = format * 3 + kind - 1. */
export const STREAM_COUNT: u32 = 6;

/** CTS5 phases, in the order of their codes. */
export const PHASE_DESCENT: u32 = 0;
export const PHASE_PARK: u32 = 1;
export const PHASE_DEEP_PROFILE: u32 = 2;
export const PHASE_SHORT_PARK: u32 = 3;
export const PHASE_ASCENT: u32 = 4;
export const PHASE_SURFACE: u32 = 5;
/** Processing codes: raw, decimated raw, arithmetic mean. */
export const PROC_RW: u32 = 0;
export const PROC_DW: u32 = 1;
export const PROC_AM: u32 = 2;

/** Size classes an LPM slice carries; BLACK slices keep the first BLACK_CLASSES. */
export const LPM_CLASSES: u32 = 18;
export const BLACK_CLASSES: u32 = 5;
/** Most categories in a TAXO slice (the TAXO_CONF class limit). */
export const TAXO_MAX_CATEGORIES: u32 = 40;
/** Most depth zones in a float configuration. */
export const MAX_ZONES: u32 = 8;

/** Whether a phase is a navigation phase (relative times, processing tags) rather than PARK, SHORT_PARK or SURFACE. */
// @ts-ignore: decorator
@inline export function isNavigationPhase(phase: u32): bool {
  return phase == PHASE_DESCENT || phase == PHASE_DEEP_PROFILE || phase == PHASE_ASCENT;
}
