// The recorded-stream format (version 1): a CBOR sequence (RFC 8742) of one header record, one record
// per frame, and an end record. Every record is a CBOR map with a "type" field. The simulator writes
// these (with ground truth); recorded camera data can be imported into them; replay reads them.
// On disk every record also ends with a "crc32" entry (CRC-32 of the record's bytes before that entry),
// added by streamWriter.ts and checked and dropped by streamReader.ts; the types below do not carry it.

import type { ZoneTable } from "../../config/profile.js";
import type { ObjectStats } from "../../objectStats.js";

/** Format name carried by every header. */
export const STREAM_FORMAT = "uvp-float-stream";
/** The one version this code writes and reads. */
export const STREAM_VERSION = 1;

/** First record: what the camera and the float were configured with, plus free metadata. */
export interface StreamHeader {
  type: "header";
  format: typeof STREAM_FORMAT;
  version: number;
  /** The camera's lines, verbatim (with keyword and trailing ';'). */
  hwConf: string;
  acqConf: string;
  taxoConf: string | null;
  /** The float's depth-zone table. */
  zones: ZoneTable;
  /** Free metadata (profile name, simulator seed and options, effective image volume, source...). */
  metadata: Record<string, unknown>;
}

/** Float mission phase of a frame. */
export type MissionPhase = "descent" | "park" | "deep-profile" | "ascent" | "surface";

/** How a frame's pixels are stored: as is, or zlib raw-deflated (node:zlib deflateRawSync). */
export type PixelEncoding = "raw" | "deflate";

/** One object the simulator placed, before any overlap with other objects. */
export interface TruthObject extends ObjectStats {
  /** Drawn shape: "particle" (round aggregate), "copepod", "fibre", "dark-sphere", "noise". */
  shape: string;
  /** Whether this object touches or overlaps another placed object (8-neighbourhood). */
  touching: boolean;
}

/** Ground truth of one frame, computed by the simulator from what it drew, never from the firmware. */
export interface FrameTruth {
  /** Objects per size class (18), over every placed object including noise, counted as placed. */
  classCounts: number[];
  /** Per class, the sum of the per-object mean greys (greySum / areaPx), for expected mean grey. */
  classGreyMeanSums: number[];
  /** Objects placed below the first class (none with the 2022.01 classes: 1 px is class 1). */
  belowFirstClass: number;
  /** Noise objects (1-2 px) placed; they are in classCounts but not listed in `objects`. */
  noiseObjects: number;
  /** Every non-noise object placed, with its exact pixels' stats. */
  objects: TruthObject[];
  /** Number of placed objects (noise included) that touch or overlap another. */
  touchingObjects: number;
  /** The frame was drawn over-exposed (more than the limit of bright pixels). */
  overexposed: boolean;
  /** Concentration (#/L, ESD >= 102 um) and spectral slope b (n(d) ~ d^-b) the particles were drawn from. */
  concentrationPerL: number;
  slope: number;
}

/** One frame: when and where it was taken, its pixels, and (for simulated streams) its truth. */
export interface StreamFrame {
  type: "frame";
  /** 0-based position in the stream. */
  index: number;
  timeS: number;
  pressureDbar: number;
  temperatureC: number;
  kind: "lit" | "black";
  phase: MissionPhase;
  widthPx: number;
  heightPx: number;
  encoding: PixelEncoding;
  /** Row-major 8-bit grey pixels, encoded as `encoding` says. */
  pixels: Uint8Array;
  truth?: FrameTruth;
}

/** Last record: lets a reader tell a complete stream from one cut at a record boundary. */
export interface StreamEnd {
  type: "end";
  frames: number;
}

/** Any record of a stream. */
export type StreamRecord = StreamHeader | StreamFrame | StreamEnd;

/** Something wrong in a stream, with the byte offset where it was found. */
export interface StreamProblem {
  offset: number;
  message: string;
}
