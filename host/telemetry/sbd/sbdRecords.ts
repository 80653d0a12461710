// Decoding the n records of one compact SBD body (README "A record"). Every field is checked against what
// a version-1 encoder can produce; the first impossible value rejects the whole body.
import {
  CTS5_PHASES,
  PROCESSINGS,
  type BlackSlice,
  type LpmSlice,
  type SliceKind,
  type SliceRecord,
  type TaxoCategory,
  type TaxoSlice,
} from "../types.js";
import { RangeDecoder, type BitCosts } from "./rangeDecoder.js";
import {
  SbdBodyError,
  TWO_32,
  cappedBitLength,
  capPrediction,
  COUNT_CONTEXTS,
  firstRecordPrediction,
  float32Bits,
  float32FromBits,
  getSigned,
  getUnsigned,
  newSbdContexts,
  rescaleCount,
  type SbdContexts,
} from "./sbdNumbers.js";

/** Size classes of an LPM record. */
export const SBD_LPM_CLASSES = 18;
/** Size classes of a BLACK record (the camera's classes 1-5). */
export const SBD_BLACK_CLASSES = 5;
/** Most categories of a TAXO record, and the bound of their class index. */
export const SBD_TAXO_MAX_CATEGORIES = 40;

/** The records of a body, or where (byte offset in the message) and why it cannot be decoded. */
export type SbdBodyResult = { ok: true; records: SliceRecord[]; offsets: number[] } | { ok: false; offset: number; message: string };

/** What the next record is predicted from: the previous record of the same message. */
interface Prev {
  phase: number;
  processing: number;
  t: number;
  dt: number;
  p: number;
  dp: number;
  images: number;
  q: number;
  /** Integer views of the counts (n for classes 0-2, 0 for class 3). */
  ints: number[];
  grey: number[];
  categories: number;
}

/** Decodes `count` records of `kind` from a body that starts at byte `bodyOffset` of its message; `costs`, when
 *  given, receives the information of each field family (labels "first:<field>" / "later:<field>"). */
export function decodeSbdBody(kind: SliceKind, count: number, body: Uint8Array, bodyOffset = 13, costs: BitCosts | null = null): SbdBodyResult {
  const d = new RangeDecoder(body);
  d.costs = costs;
  const c = newSbdContexts();
  const records: SliceRecord[] = [];
  // Where each record starts in the message, as near as a range coder allows: the code register holds the 4
  // bytes before the read position.
  const offsets: number[] = [];
  let prev: Prev | null = null;
  let r = 0;
  try {
    for (; r < count; r++) {
      offsets.push(bodyOffset + Math.min(Math.max(d.position - 4, 0), body.length));
      const out = decodeRecord(kind, d, c, prev);
      records.push(out.record);
      prev = out.state;
    }
  } catch (e) {
    // Only SbdBodyError is expected; anything else is a decoder bug, still reported rather than thrown.
    const why = e instanceof SbdBodyError ? e.message : `internal decoder error: ${String(e)}`;
    // The code register holds the 4 bytes before the read position: the failing value started there.
    const at = Math.min(Math.max(d.position - 4, 0), body.length);
    return { ok: false, offset: bodyOffset + at, message: `record ${r + 1} of ${count}: ${why}` };
  }
  // A version-1 encoder's output ends where the decoder stops reading: more bytes mean a foreign body.
  if (body.length > d.position) {
    return {
      ok: false,
      offset: bodyOffset + d.position,
      message: `body has ${body.length - d.position} bytes after its last record`,
    };
  }
  return { ok: true, records, offsets };
}

function decodeRecord(kind: SliceKind, d: RangeDecoder, c: SbdContexts, prev: Prev | null) {
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
  const base = {
    phase: CTS5_PHASES[phase],
    processing: PROCESSINGS[processing],
    timeS: t,
    // One division of an exact integer: the double nearest the 0.1 dbar decimal (prints as 989.4).
    pressureDbar: (p - 1000) / 10,
    images,
  };
  const state: Prev = { phase, processing, t, dt, p, dp, images, q: 0, ints: [], grey: [], categories: 0 };
  if (kind === "taxo") {
    at("category count");
    const categories = decodeCategories(d, c, prev);
    state.categories = categories.length;
    const record: TaxoSlice = { kind, ...base, categories };
    return { record, state };
  }
  at("temperature");
  state.q = prev === null ? d.direct(16) : checkRange("temperature code", prev.q + getSigned(d, c.temp), 0xffff);
  const temperatureC = (state.q - 5000) / 1000; // the double nearest the 0.001 C decimal
  at("counts");
  const counts = decodeCounts(kind === "lpm" ? SBD_LPM_CLASSES : SBD_BLACK_CLASSES, d, c, prev, images, state.ints);
  if (kind === "black") {
    const record: BlackSlice = { kind, ...base, temperatureC, counts };
    return { record, state };
  }
  at("greys");
  state.grey = decodeGreys(d, c, prev, counts, state.ints);
  const record: LpmSlice = { kind, ...base, temperatureC, counts, grey: state.grey };
  return { record, state };
}

/** Counts (float32 values) of `classes` classes; fills `ints` with their integer views. */
function decodeCounts(
  classes: number,
  d: RangeDecoder,
  c: SbdContexts,
  prev: Prev | null,
  images: number,
  ints: number[],
): number[] {
  const counts: number[] = [];
  for (let k = 0; k < classes; k++) {
    const cls = d.tree(c.ulp, 2);
    if (cls === 3) {
      counts.push(float32FromBits(d.direct(32)));
      ints.push(0);
      continue;
    }
    const pred = capPrediction(
      prev === null ? firstRecordPrediction(k, images, k === 0 ? 0 : ints[k - 1]) : rescaleCount(prev.ints[k], images, prev.images),
    );
    const n = checkRange(`count ${k + 1}`, pred + getSigned(d, c.count[cappedBitLength(pred, COUNT_CONTEXTS - 1)]), TWO_32 - 1);
    const bits = float32Bits(n) + (cls === 1 ? 1 : cls === 2 ? -1 : 0);
    if (bits < 0) throw new SbdBodyError(`count ${k + 1}: one ulp below 0`);
    counts.push(float32FromBits(bits));
    ints.push(n);
  }
  return counts;
}

/** Mean greys of the 18 LPM classes, predicted from the previous record or the nearest lower class. */
function decodeGreys(d: RangeDecoder, c: SbdContexts, prev: Prev | null, counts: number[], ints: number[]): number[] {
  const grey: number[] = [];
  for (let k = 0; k < counts.length; k++) {
    let g: number;
    if (Object.is(counts[k], 0)) {
      g = getSigned(d, c.grey[0]);
    } else {
      let pred = 33;
      if (prev !== null && prev.ints[k] > 0) {
        pred = prev.grey[k];
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

/** The categories of a TAXO record. */
function decodeCategories(d: RangeDecoder, c: SbdContexts, prev: Prev | null): TaxoCategory[] {
  const at = (field: string) => {
    if (d.costs !== null) d.costs.label = `${prev === null ? "first" : "later"}:${field}`;
  };
  const n = prev === null ? getUnsigned(d, c.taxoN) : prev.categories + getSigned(d, c.taxoN);
  checkRange("category count", n, SBD_TAXO_MAX_CATEGORIES);
  const categories: TaxoCategory[] = [];
  let lastIndex = -1;
  let lastGrey = 64;
  for (let j = 0; j < n; j++) {
    at("category index");
    const index = checkRange(`category ${j + 1} index`, lastIndex + 1 + getSigned(d, c.taxoClass), 39);
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
    const meanGrey = checkRange(`category ${j + 1} grey`, lastGrey + getSigned(d, c.taxoGrey), 255);
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
