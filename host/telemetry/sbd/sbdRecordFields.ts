// The record layer both compact SBD format versions share (docs/operators.md, "A record", "Format version 2"):
// the body loop, each record's fields in order, and what version 2 predicts differently (smoothed small counts,
// the prior table's spectra and greys, noise-bounded counts). Every value is checked against what an encoder
// of that version can produce; the first impossible one rejects the whole body.
import { CTS5_PHASES, PROCESSINGS, type SliceKind, type SliceRecord, type TaxoCategory } from "../types.js";
import { priorBin, type SbdPriorTable } from "./priorTable.js";
import type { RangeDecoder } from "./rangeDecoder.js";
import { noiseFraction, quantBin, quantIndex, quantIndexLimit } from "./noiseQuantiser.js";
import {
  SbdBodyError, TWO_32, cappedBitLength, capPrediction, COUNT_CONTEXTS, firstRecordPrediction, float32Bits, float32FromBits,
  getSigned, getUnsigned, rescaleCount, type SbdContexts,
} from "./sbdNumbers.js";

/** Size classes of an LPM record. */
export const SBD_LPM_CLASSES = 18;
/** Size classes of a BLACK record (the camera's classes 1-5). */
export const SBD_BLACK_CLASSES = 5;
/** Most categories of a TAXO record, and the bound of their class index. */
export const SBD_TAXO_MAX_CATEGORIES = 40;
/** Version 2: counts below this use the message's smoothed rate rather than the previous record alone. */
export const SMOOTH_BELOW = 64;
/** Version 2: weight (in objects) of the prior table's grey against the previous record's. */
export const GREY_PRIOR_WEIGHT = 4;

/** The records of a body, or where (byte offset in the message) and why it cannot be decoded. */
export type SbdBodyResult = { ok: true; records: SliceRecord[]; offsets: number[] } | { ok: false; offset: number; message: string };

/** How a body was coded: its version, the prior table its header names (version 2) and its noise code. */
export interface RecordModel {
  version: 1 | 2;
  table: SbdPriorTable | null;
  /** 0 lossless; 1-100 noise-bounded counts (version 2 only). */
  noiseCode: number;
}

/** What the next record is predicted from: the previous record of the same message. */
interface Prev {
  phase: number; processing: number; t: number; dt: number; p: number; dp: number; images: number; q: number;
  /** Integer views of the counts (n for classes 0-2, 0 for class 3). */
  ints: number[];
  grey: number[];
  categories: number;
  /** Version 2's smoothed sums: each record halves them (floor) and adds its own counts and images. */
  accN: number[];
  accI: number;
}

/** Decodes `count` records of `kind` from a body starting at byte `bodyOffset` of its message; never throws. */
export function decodeRecords(kind: SliceKind, count: number, body: Uint8Array, bodyOffset: number, d: RangeDecoder, c: SbdContexts, model: RecordModel): SbdBodyResult {
  const records: SliceRecord[] = [];
  // Where each record starts in the message, as near as a range coder allows: the code register holds the 4
  // bytes before the read position.
  const offsets: number[] = [];
  let prev: Prev | null = null;
  let r = 0;
  try {
    for (; r < count; r++) {
      offsets.push(bodyOffset + Math.min(Math.max(d.position - 4, 0), body.length));
      const out = decodeRecord(kind, d, c, prev, model);
      records.push(out.record);
      prev = out.state;
    }
  } catch (e) {
    // Only SbdBodyError is expected; anything else is a decoder bug, still reported rather than thrown.
    const why = e instanceof SbdBodyError ? e.message : `internal decoder error: ${String(e)}`;
    const at = Math.min(Math.max(d.position - 4, 0), body.length);
    return { ok: false, offset: bodyOffset + at, message: `record ${r + 1} of ${count}: ${why}` };
  }
  // An encoder's output ends where the decoder stops reading: more bytes mean a foreign body.
  if (body.length > d.position) {
    return { ok: false, offset: bodyOffset + d.position, message: `body has ${body.length - d.position} bytes after its last record` };
  }
  return { ok: true, records, offsets };
}

function decodeRecord(kind: SliceKind, d: RangeDecoder, c: SbdContexts, prev: Prev | null, model: RecordModel) {
  const at = (field: string) => {
    if (d.costs !== null) d.costs.label = `${prev === null ? "first" : "later"}:${field}`;
  };
  at("phase");
  let phase: number;
  let processing: number;
  if (prev === null || d.bit(c.samePhase, 0) === 1) {
    phase = d.direct(3);
    processing = d.direct(2);
    if (phase >= CTS5_PHASES.length) throw new SbdBodyError(`phase code ${phase} (known 0-5)`);
    if (processing >= PROCESSINGS.length) throw new SbdBodyError(`processing code ${processing} (known 0-2)`);
  } else {
    phase = prev.phase;
    processing = prev.processing;
  }
  let t: number, dt: number, p: number, dp: number, images: number;
  if (prev === null) {
    at("time");
    t = d.direct(32);
    dt = 0;
    at("pressure");
    p = d.direct(16);
    dp = 0;
    at("images");
    images = getUnsigned(d, c.img);
  } else {
    at("time");
    dt = prev.dt + getSigned(d, c.dt);
    t = checkRange("time", prev.t + dt, TWO_32 - 1);
    at("pressure");
    dp = prev.dp + getSigned(d, c.dp);
    p = checkRange("pressure code", prev.p + dp, 0xffff);
    at("images");
    images = prev.images + getSigned(d, c.img);
  }
  checkRange("images", images, TWO_32 - 1);
  // One division of an exact integer: the double nearest the 0.1 dbar decimal (prints as 989.4).
  const base = { phase: CTS5_PHASES[phase], processing: PROCESSINGS[processing], timeS: t, pressureDbar: (p - 1000) / 10, images };
  const state: Prev = { phase, processing, t, dt, p, dp, images, q: 0, ints: [], grey: [], categories: 0, accN: [], accI: 0 };
  const table = model.table;
  if (kind === "taxo") {
    at("category count");
    const categories = decodeCategories(d, c, prev, table, at);
    state.categories = categories.length;
    return { record: { kind, ...base, categories } as SliceRecord, state };
  }
  at("temperature");
  state.q = prev === null ? d.direct(16) : checkRange("temperature code", prev.q + getSigned(d, c.temp), 0xffff);
  const temperatureC = (state.q - 5000) / 1000; // the double nearest the 0.001 C decimal
  at("counts");
  const bin = priorBin(p);
  const prior = table === null ? null : kind === "lpm" ? table.lpmCounts[bin] : table.blackCounts[bin];
  const predict = (k: number, below: number) => predictCount(model.version, k, images, below, prev, prior);
  const bounds: number[] = [];
  const counts = decodeCounts(kind === "lpm" ? SBD_LPM_CLASSES : SBD_BLACK_CLASSES, d, c, predict, model.noiseCode, state.ints, bounds);
  state.accI = prev === null ? images : halve(prev.accI) + images;
  state.accN = state.ints.map((n, k) => (prev === null ? n : halve(prev.accN[k]) + n));
  const approximate = model.noiseCode === 0 ? {} : { approximate: { noiseFraction: noiseFraction(model.noiseCode), countBounds: bounds } };
  if (kind === "black") return { record: { kind, ...base, temperatureC, counts, ...approximate } as SliceRecord, state };
  at("greys");
  state.grey = decodeGreys(d, c, prev, counts, state.ints, table === null ? null : table.lpmGreys[bin]);
  return { record: { kind, ...base, temperatureC, counts, grey: state.grey, ...approximate } as SliceRecord, state };
}

/** a - floor(a / 2), exact for any a below 2^53. */
function halve(a: number): number {
  return a - Math.floor(a / 2);
}

/** floor(a / b) of non-negative integers, exact beyond 2^53. */
function div(a: bigint, b: bigint): number {
  return Number(a / b);
}

/** A count's prediction: version 1's, or version 2's smoothed small counts and prior-table first records. */
function predictCount(version: 1 | 2, k: number, images: number, below: number, prev: Prev | null, prior: readonly number[] | null): number {
  if (prev !== null) {
    if (version === 2 && prev.ints[k] < SMOOTH_BELOW && prev.accI > 0) return rescaleCount(prev.accN[k], images, prev.accI);
    return rescaleCount(prev.ints[k], images, prev.images);
  }
  if (prior === null) return firstRecordPrediction(k, images, below);
  const i = BigInt(images);
  // The class below, scaled by the table's class-to-class ratio, once the table expects >= 64 objects there.
  if (k > 0 && i * BigInt(prior[k - 1]) >= 64n * 1024n) {
    return div(BigInt(below) * BigInt(prior[k]) + BigInt(Math.floor(prior[k - 1] / 2)), BigInt(prior[k - 1]));
  }
  return div(i * BigInt(prior[k]) + 512n, 1024n);
}

/** Counts (float32 values) of `classes` classes; fills `ints` with their integer views and `bounds` with each
 *  count's largest error (0 where sent exactly; noise-bounded when `noiseCode` > 0). */
function decodeCounts(
  classes: number, d: RangeDecoder, c: SbdContexts, predict: (k: number, below: number) => number, noiseCode: number, ints: number[], bounds: number[],
): number[] {
  const counts: number[] = [];
  for (let k = 0; k < classes; k++) {
    const cls = d.tree(c.ulp, 2);
    if (cls === 3) {
      counts.push(float32FromBits(d.direct(32)));
      ints.push(0);
      bounds.push(0);
      continue;
    }
    const pred = capPrediction(predict(k, k === 0 ? 0 : ints[k - 1]));
    const residual = getSigned(d, c.count[cappedBitLength(pred, COUNT_CONTEXTS - 1)]);
    let n: number;
    if (noiseCode === 0) {
      n = checkRange(`count ${k + 1}`, pred + residual, TWO_32 - 1);
      bounds.push(0);
    } else {
      // The residual is between bin indexes; the count is its bin's representative.
      const q = checkRange(`count ${k + 1} bin index`, quantIndex(pred, noiseCode) + residual, quantIndexLimit(noiseCode) - 1);
      const bin = quantBin(q, noiseCode);
      n = bin.value;
      bounds.push(bin.bound);
    }
    const bits = float32Bits(n) + (cls === 1 ? 1 : cls === 2 ? -1 : 0);
    if (bits < 0) throw new SbdBodyError(`count ${k + 1}: one ulp below 0`);
    counts.push(float32FromBits(bits));
    ints.push(n);
  }
  return counts;
}

/** Mean greys of the 18 LPM classes: from the prior table's grey blended with the previous record's, or (no
 *  table) the previous record's, else the nearest lower class's. */
function decodeGreys(d: RangeDecoder, c: SbdContexts, prev: Prev | null, counts: number[], ints: number[], prior: readonly number[] | null): number[] {
  const grey: number[] = [];
  for (let k = 0; k < counts.length; k++) {
    let g: number;
    if (Object.is(counts[k], 0)) {
      g = getSigned(d, c.grey[0]);
    } else {
      let pred = 33;
      const w = prev === null ? 0 : Math.min(prev.ints[k], 255);
      if (prior !== null) {
        pred = w === 0 ? prior[k] : Math.floor((prev!.grey[k] * w + prior[k] * GREY_PRIOR_WEIGHT + Math.floor((w + GREY_PRIOR_WEIGHT) / 2)) / (w + GREY_PRIOR_WEIGHT));
      } else if (w > 0) {
        pred = prev!.grey[k];
      } else {
        for (let j = k - 1; j >= 0; j--) {
          if (!Object.is(counts[j], 0)) {
            pred = grey[j];
            break;
          }
        }
      }
      g = pred + getSigned(d, c.grey[1 + cappedBitLength(ints[k], 7)]);
    }
    grey.push(checkRange(`grey ${k + 1}`, g, 255));
  }
  return grey;
}

/** The categories of a TAXO record; greys predicted from the table's (version 2 with a table) or the previous category's. */
function decodeCategories(d: RangeDecoder, c: SbdContexts, prev: Prev | null, table: SbdPriorTable | null, at: (f: string) => void): TaxoCategory[] {
  const n = prev === null ? getUnsigned(d, c.taxoN) : prev.categories + getSigned(d, c.taxoN);
  checkRange("category count", n, SBD_TAXO_MAX_CATEGORIES);
  const categories: TaxoCategory[] = [];
  let lastIndex = -1;
  let lastGrey = 64;
  for (let j = 0; j < n; j++) {
    at("category index");
    const index = checkRange(`category ${j + 1} index`, lastIndex + 1 + getSigned(d, c.taxoClass), SBD_TAXO_MAX_CATEGORIES - 1);
    at("category objects");
    const objects = checkRange(`category ${j + 1} objects`, getUnsigned(d, c.taxoCount), TWO_32 - 1);
    at("category size");
    let meanSize: number;
    const cls = d.tree(c.sizeUlp, 2);
    if (cls === 3) {
      meanSize = float32FromBits(d.direct(32));
    } else {
      const sum = getUnsigned(d, c.taxoSize);
      if (objects === 0) throw new SbdBodyError(`category ${j + 1}: size sent as a sum over 0 objects`);
      const bits = float32Bits(sum / objects) + (cls === 1 ? 1 : cls === 2 ? -1 : 0);
      if (bits < 0) throw new SbdBodyError(`category ${j + 1}: size one ulp below 0`);
      meanSize = float32FromBits(bits);
    }
    at("category grey");
    const pred = table === null ? lastGrey : table.taxoGreys[index];
    const meanGrey = checkRange(`category ${j + 1} grey`, pred + getSigned(d, c.taxoGrey), 255);
    categories.push({ index, objects, meanSize, meanGrey });
    lastIndex = index;
    lastGrey = meanGrey;
  }
  return categories;
}

function checkRange(what: string, v: number, max: number): number {
  if (!(v >= 0 && v <= max)) throw new SbdBodyError(`${what} ${v} is outside 0-${max}`);
  return v;
}
