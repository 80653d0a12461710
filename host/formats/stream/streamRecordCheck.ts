// Turns decoded CBOR maps into typed stream records, or says which field is missing or of the wrong type.
// The field lists here and the writer's record literals are the version-1 format: a new field goes in both.

import type { ZoneTable } from "../../config/profile.js";
import { CRC_FIELD } from "./streamCodec.js";
import {
  STREAM_FORMAT, STREAM_VERSION, type FrameTruth, type MissionPhase, type PixelEncoding, type StreamEnd,
  type StreamFrame, type StreamHeader, type TruthObject,
} from "./streamTypes.js";

/** Mission phases a frame may carry. */
export const MISSION_PHASES: readonly MissionPhase[] = ["descent", "park", "deep-profile", "ascent", "surface"];

const HEADER_FIELDS = ["type", "format", "version", "hwConf", "acqConf", "taxoConf", "zones", "metadata", CRC_FIELD];
const FRAME_FIELDS = ["type", "index", "timeS", "pressureDbar", "temperatureC", "kind", "phase", "widthPx", "heightPx", "encoding", "pixels", "truth", CRC_FIELD];
const END_FIELDS = ["type", "frames", CRC_FIELD];
const KNOWN_FIELDS: Record<string, string[]> = { header: HEADER_FIELDS, frame: FRAME_FIELDS, end: END_FIELDS };

/** A field was missing or of the wrong type: the message names it. */
class FieldError extends Error {}

type Obj = Record<string, unknown>;

/** Whether `v` is what cbor-x makes of a CBOR map: a plain object. */
export function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Top-level fields of a record that its type does not define (none for an unknown type). */
export function unknownFields(record: Obj): string[] {
  const known = KNOWN_FIELDS[String(record.type)];
  return known ? Object.keys(record).filter((k) => !known.includes(k)) : [];
}

function num(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new FieldError(`field ${path}${key} is ${describe(v)}, not a finite number`);
  return v;
}

function int(o: Obj, key: string, path: string, min: number): number {
  const v = num(o, key, path);
  if (!Number.isSafeInteger(v) || v < min) throw new FieldError(`field ${path}${key} is ${v}, not an integer >= ${min}`);
  return v;
}

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new FieldError(`field ${path}${key} is ${describe(v)}, not a string`);
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[]): T {
  const v = o[key];
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw new FieldError(`field ${path}${key} is ${describe(v)}, not one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return v as T;
}

function bool(o: Obj, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== "boolean") throw new FieldError(`field ${path}${key} is ${describe(v)}, not a boolean`);
  return v;
}

function obj(o: Obj, key: string, path: string): Obj {
  const v = o[key];
  if (!isPlainObject(v)) throw new FieldError(`field ${path}${key} is ${describe(v)}, not a map`);
  return v;
}

function arr(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new FieldError(`field ${path}${key} is ${describe(v)}, not an array`);
  return v;
}

function nums(o: Obj, key: string, path: string): number[] {
  return arr(o, key, path).map((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new FieldError(`field ${path}${key}[${i}] is ${describe(v)}, not a finite number`);
    return v;
  });
}

function describe(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (v instanceof Uint8Array) return `a byte string (${v.length} bytes)`;
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === "object") return "a map";
  return String(v);
}

function zones(o: Obj): ZoneTable {
  const z = obj(o, "zones", "");
  const processing = arr(z, "processing", "zones.").map((v, i) => {
    if (v !== "raw" && v !== "decimated" && v !== "mean") throw new FieldError(`field zones.processing[${i}] is ${describe(v)}, not "raw", "decimated" or "mean"`);
    return v;
  });
  return { boundariesDbar: nums(z, "boundariesDbar", "zones."), sliceThicknessDbar: nums(z, "sliceThicknessDbar", "zones."), processing };
}

function truthObject(o: unknown, path: string): TruthObject {
  if (!isPlainObject(o)) throw new FieldError(`field ${path.slice(0, -1)} is ${describe(o)}, not a map`);
  return {
    shape: str(o, "shape", path), areaPx: num(o, "areaPx", path), greySum: num(o, "greySum", path),
    xMin: num(o, "xMin", path), yMin: num(o, "yMin", path), xMax: num(o, "xMax", path), yMax: num(o, "yMax", path),
    touching: bool(o, "touching", path),
  };
}

/** A per-class truth array: exactly one value per size class. */
function perClass(t: Obj, key: string, p: string): number[] {
  const values = nums(t, key, p);
  if (values.length !== 18) throw new FieldError(`field ${p}${key} has ${values.length} values, not one per size class (18)`);
  return values;
}

function truth(o: Obj): FrameTruth {
  const t = obj(o, "truth", "");
  const p = "truth.";
  return {
    classCounts: perClass(t, "classCounts", p), classGreyMeanSums: perClass(t, "classGreyMeanSums", p),
    belowFirstClass: num(t, "belowFirstClass", p), noiseObjects: num(t, "noiseObjects", p),
    objects: arr(t, "objects", p).map((x, i) => truthObject(x, `${p}objects[${i}].`)),
    touchingObjects: num(t, "touchingObjects", p), overexposed: bool(t, "overexposed", p),
    concentrationPerL: num(t, "concentrationPerL", p), slope: num(t, "slope", p),
  };
}

function attempt<T>(build: () => T): T | string {
  try {
    return build();
  } catch (err) {
    if (err instanceof FieldError) return err.message;
    throw err;
  }
}

/** The header in `record`, or why it is not one this reader accepts (format, then version, then fields). */
export function checkHeaderRecord(record: Obj): StreamHeader | string {
  if (record.type !== "header" || record.format !== STREAM_FORMAT) {
    return `not a ${STREAM_FORMAT} stream: the first record has type ${describe(record.type)} and format ${describe(record.format)}`;
  }
  if (record.version !== STREAM_VERSION) {
    return `stream version ${describe(record.version)} is not supported by this reader (version ${STREAM_VERSION})`;
  }
  return attempt(() => {
    const taxoConf = record.taxoConf === null ? null : str(record, "taxoConf", "");
    return {
      type: "header" as const, format: STREAM_FORMAT, version: STREAM_VERSION,
      hwConf: str(record, "hwConf", ""), acqConf: str(record, "acqConf", ""), taxoConf,
      zones: zones(record), metadata: obj(record, "metadata", ""),
    };
  });
}

/** The frame in `record` with its pixels still encoded, or which field is wrong. */
export function checkFrameRecord(record: Obj): StreamFrame | string {
  return attempt(() => {
    const pixels = record.pixels;
    if (!(pixels instanceof Uint8Array)) throw new FieldError(`field pixels is ${describe(pixels)}, not a byte string`);
    const frame: StreamFrame = {
      type: "frame", index: int(record, "index", "", 0), timeS: num(record, "timeS", ""),
      pressureDbar: num(record, "pressureDbar", ""), temperatureC: num(record, "temperatureC", ""),
      kind: oneOf(record, "kind", "", ["lit", "black"] as const), phase: oneOf(record, "phase", "", MISSION_PHASES),
      widthPx: int(record, "widthPx", "", 1), heightPx: int(record, "heightPx", "", 1),
      encoding: oneOf<PixelEncoding>(record, "encoding", "", ["raw", "deflate"]), pixels,
    };
    if (record.truth !== undefined) frame.truth = truth(record);
    return frame;
  });
}

/** The end record in `record`, or why its frame count is unusable. */
export function checkEndRecord(record: Obj): StreamEnd | string {
  return attempt(() => ({ type: "end" as const, frames: int(record, "frames", "", 0) }));
}
