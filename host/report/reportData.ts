// What a report is drawn from, whatever the input: decoded telemetry (slices) and a replay (blocs) both become
// lists of LPM, BLACK and TAXO records with a pressure and an image count, so every chart has one code path.
import type { ReplaySummary } from "../replay/replaySummary.js";
import type { ReportIdentity } from "./reportIdentity.js";

/** Lit images of one record (a slice or a bloc): 18 classes of counts and mean greys. */
export interface ReportLpm {
  pressureDbar: number;
  timeS: number;
  /** NB_IMAGE_PARTICLES; 0 for an over-exposed bloc (its counts are all 0 too). */
  images: number;
  /** NB_SIZE_SPECTRA_PARTICLES, 18 values. */
  counts: number[];
  /** GREY_SIZE_SPECTRA_PARTICLES, 18 values (0 for an empty class). */
  grey: number[];
  /** CTS5 phase when the input says it (decoded telemetry), else null (an RS232 log has none). */
  phase: string | null;
}

/** Black images of one record: the first classes of counts (5 after the float, 18 in an RS232 log). */
export interface ReportBlack {
  pressureDbar: number;
  timeS: number;
  images: number;
  /** BLACK_NB_SIZE_SPECTRA_PARTICLES. */
  counts: number[];
  phase: string | null;
}

/** Classified objects of one record, per category. */
export interface ReportTaxo {
  pressureDbar: number;
  timeS: number;
  /** NB_IMAGE_CATEGORY. */
  images: number;
  /** INDEX_CATEGORY and NB_OBJECT_CATEGORY, one entry per category present. */
  categories: Array<{ index: number; objects: number }>;
  phase: string | null;
}

/** The size classes: their bounds, and where the bounds come from. */
export interface ReportClasses {
  /** Lower ESD bound of each of the 18 classes, um. */
  boundsUm: number[];
  /** Where the bounds come from (a HW_CONF line, or the 2022.01 defaults). */
  from: string;
  /** Effective ESD edges (um) of the slope-fit classes (102-2050 um), from the firmware's class areas; null without Aa/Exp. */
  fitEdgesUm: number[] | null;
  /** Index of the first and last class of the slope fit. */
  fitFirst: number;
  fitLast: number;
}

/** Firmware and truth of one lit bloc of a simulated replay, lined up. */
export interface TruthBlocPair {
  pressureDbar: number;
  images: number;
  firmwareCounts: number[];
  truthCounts: number[];
  /** Concentration (#/L above 102 um) and slope b the simulator drew from, mean over the bloc's frames. */
  drawnConcentrationPerL: number;
  drawnSlope: number;
}

/** A replay's own results. */
export interface ReplayPart {
  summaryPath: string | null;
  logPath: string;
  /** The summary JSON as replay wrote it (null when only the log was given). */
  summary: (ReplaySummary & { inputProblems?: Array<{ offset: number; message: string }> }) | null;
  /** Lit blocs with their truth, from the stream; null when the stream was not read (see truthNote). */
  truth: TruthBlocPair[] | null;
  /** Where the truth came from, or why there is none per depth. */
  truthNote: string;
}

/** Everything a report draws. */
export interface ReportData {
  kind: "decoded" | "replay";
  /** Each input, with what it was read as. */
  inputs: string[];
  lpm: ReportLpm[];
  black: ReportBlack[];
  taxo: ReportTaxo[];
  /** Image_volume (L) for #/L, and where it comes from; null: values are per image. */
  imageVolume: { litres: number | null; from: string | null };
  classes: ReportClasses;
  /** EcoTaxa id of each TAXO category (from TAXO_CONF); null when no TAXO_CONF is known. */
  taxoIds: number[] | null;
  /** Name of each TAXO category where its EcoTaxa id has one (shipped model sidecars, --taxa), else null. */
  taxoNames: Array<string | null> | null;
  /** Where the taxa names came from (empty: none). */
  taxoNamesFrom: string[];
  /** The float, cycle and camera the report shows, as far as the inputs and profile say. */
  identity: ReportIdentity;
  /** Problems met reading the inputs, one line each (file and byte offset or line first). */
  problems: string[];
  /** Things the reader should know (a default assumed, a file not found...). */
  notes: string[];
  replay: ReplayPart | null;
}
