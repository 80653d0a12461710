// An independent TypeScript encoder of the compact SBD format version 2 (docs/operators.md, "Compact SBD messages,
// format version 2"), for tests and the benchmark's cross-check. It shares the v1 reference's range coder,
// number coding and record head (test/support only) and nothing with host/telemetry/sbd but the record and prior-table types.
import type { SliceKind, SliceRecord } from "../../host/telemetry/types.js";
import type { SbdPriorTable } from "../../host/telemetry/sbd/priorTable.js";
import {
  RangeEncoder, bitLen, f32bits, floatClass, isF32, isInt, need, probs, putSigned, putUnsigned, referenceCrc16, tree, writeRecordHead,
  type RecordHead,
} from "./sbdReferenceEncoder.js";

const TWO_32 = 2 ** 32;
const TWO_40 = 2 ** 40;
const EDGES = [5, 10, 20, 35, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000];

// A message's contexts: version 1's shapes without a table; with one, its bytes u in the firmware's flat order
// (42 trees of 64 entries: DT, DP, IMG, TEMP, COUNT 0-23, GREY 0-8, TAXO_N, TAXO_CLASS, TAXO_COUNT, TAXO_SIZE,
// TAXO_GREY; then SAME_PHASE, SIZE_ULP[4], ULP[4]), each starting at min(2017, max(31, 8u + 4)).
function contexts(table: SbdPriorTable | null) {
  const ulpTree = () => {
    const t = probs(4);
    t[1] = 1843;
    return t;
  };
  const from = (offset: number, n: number, fallback: Uint16Array) => {
    if (table === null) return fallback;
    const t = new Uint16Array(n);
    for (let i = 0; i < n; i++) t[i] = Math.min(2017, Math.max(31, 8 * table.initialProbabilities[offset + i] + 4));
    return t;
  };
  const T = (ctx: number, centre: number) => from(ctx * 64, 64, tree(centre));
  return {
    dt: T(0, 4), dp: T(1, 3), img: T(2, 4), temp: T(3, 6),
    count: Array.from({ length: 24 }, (_, j) => T(4 + j, Math.max(0, j - 1 - Math.floor(j / 4)))),
    grey: Array.from({ length: 9 }, (_, j) => T(28 + j, j === 0 ? 0 : Math.max(1, 8 - j))),
    taxoN: T(37, 2), taxoClass: T(38, 2), taxoCount: T(39, 3), taxoSize: T(40, 14), taxoGrey: T(41, 5),
    samePhase: from(42 * 64, 1, probs(1, 1843)), sizeUlp: from(42 * 64 + 1, 4, ulpTree()), ulp: from(42 * 64 + 5, 4, ulpTree()),
  };
}

const div = (a: bigint, b: bigint) => Number(a / b);

function binOf(p: number): number {
  let b = 0;
  for (const e of EDGES) if (p >= (e + 100) * 10) b++;
  return b;
}

/** The noise-bounded mode's bins, written from the layout text apart from host/ and assembly/ (BigInt
 *  arithmetic, the step found by bisection): index and representative of integer `n` (< 2^32) at `code`. */
export function referenceQuantise(n: number, code: number): { index: number; value: number } {
  if (n === 0) return { index: 0, value: 0 };
  const stepOf = (b: number): bigint => {
    if (b > 24) return 1n;
    const limit = BigInt(code * code) * (1n << BigInt(b - 1)); // 10000 s^2 <= limit
    let lo = 1n;
    let hi = 1n << 20n;
    while (lo < hi) {
      const mid = (lo + hi + 1n) / 2n;
      if (10000n * mid * mid <= limit) lo = mid;
      else hi = mid - 1n;
    }
    return lo;
  };
  const b = bitLen(n);
  let index = 1n;
  for (let j = 1; j < b; j++) {
    const s = stepOf(j);
    index += ((1n << BigInt(j - 1)) + s - 1n) / s;
  }
  const base = 1n << BigInt(b - 1);
  const s = stepOf(b);
  const j = (BigInt(n) - base) / s;
  const binLo = base + j * s;
  const width = binLo + s > 2n * base ? 2n * base - binLo : s;
  return { index: Number(index + j), value: Number(binLo + (width - 1n) / 2n) };
}

interface PrevRecord extends RecordHead { q: number; ints: number[]; grey: number[]; nCat: number; accN: number[]; accI: number }

/** Writes the records of one v2 message; `table` is the prior table the header names (null: id 0, no table). */
export class SbdBodyWriterV2 {
  /** The message's coder. */
  readonly enc = new RangeEncoder();
  private readonly c: ReturnType<typeof contexts>;
  private prev: PrevRecord | null = null;
  constructor(private readonly table: SbdPriorTable | null, private readonly noiseCode = 0) {
    this.c = contexts(table);
  }

  /** Appends one record; throws RangeError when a field cannot be coded. */
  write(r: SliceRecord): void {
    const { enc, c, prev, table } = this;
    const next: PrevRecord = { ...writeRecordHead(enc, c, prev, r), q: 0, ints: [], grey: [], nCat: 0, accN: [], accI: 0 };
    const { p, i } = next;
    const bin = binOf(p);
    if (r.kind === "taxo") {
      const cats = r.categories;
      need(cats.length <= 40, "more than 40 categories");
      if (prev === null) putUnsigned(enc, c.taxoN, cats.length);
      else putSigned(enc, c.taxoN, cats.length - prev.nCat);
      let lastIndex = -1;
      let lastGrey = 64;
      for (const cat of cats) {
        need(isInt(cat.index, 39) && isInt(cat.objects, TWO_32 - 1) && isInt(cat.meanGrey, 255), "bad category");
        need(isF32(cat.meanSize), "mean size is not a float32 value");
        putSigned(enc, c.taxoClass, cat.index - lastIndex - 1);
        putUnsigned(enc, c.taxoCount, cat.objects);
        const s = cat.meanSize;
        const sum = Math.floor(s * cat.objects + 0.5);
        const d = cat.objects > 0 && Number.isFinite(s) && f32bits(s) < 0x80000000 && sum < TWO_40 ? f32bits(s) - f32bits(sum / cat.objects) : NaN;
        const cls = d === 0 ? 0 : d === 1 ? 1 : d === -1 ? 2 : 3;
        enc.tree(c.sizeUlp, 2, cls);
        if (cls === 3) enc.direct(f32bits(s), 32);
        else putUnsigned(enc, c.taxoSize, sum);
        const greyPred = table !== null ? table.taxoGreys[cat.index] : lastGrey;
        putSigned(enc, c.taxoGrey, cat.meanGrey - greyPred);
        lastIndex = cat.index;
        lastGrey = cat.meanGrey;
      }
      next.nCat = cats.length;
      this.prev = next;
      return;
    }
    const q = Math.floor((r.temperatureC + 5) * 1000 + 0.5);
    need(isInt(q, 0xffff), "temperature out of range");
    if (prev === null) enc.direct(q, 16);
    else putSigned(enc, c.temp, q - prev.q);
    next.q = q;
    need(r.counts.length === (r.kind === "lpm" ? 18 : 5) && r.counts.every(isF32), "bad counts");
    const prior = table === null ? null : r.kind === "lpm" ? table.lpmCounts[bin] : table.blackCounts[bin];
    const noise = this.noiseCode;
    r.counts.forEach((count, k) => {
      const { cls, n: exact } = floatClass(count);
      const n = cls === 3 || noise === 0 ? exact : referenceQuantise(exact, noise).value;
      enc.tree(c.ulp, 2, cls);
      next.ints.push(n);
      if (cls === 3) return enc.direct(f32bits(count), 32);
      const below = k === 0 ? 0 : next.ints[k - 1];
      let pred: number;
      if (prev !== null) {
        // Small counts: the message's smoothed rate (sums halved at each record), less noisy than one record.
        pred = prev.ints[k] < 64 && prev.accI > 0 ? rescale(prev.accN[k], i, prev.accI) : rescale(prev.ints[k], i, prev.i);
      } else if (prior !== null) {
        const absolute = div(BigInt(i) * BigInt(prior[k]) + 512n, 1024n);
        const ratio = k > 0 && i * prior[k - 1] >= 64 * 1024;
        pred = ratio ? div(BigInt(below) * BigInt(prior[k]) + BigInt(Math.floor(prior[k - 1] / 2)), BigInt(prior[k - 1])) : absolute;
      } else {
        pred = k === 0 ? i * 2048 : k === 1 ? Math.floor(below / 16) : k === 2 ? Math.floor(below / 4) : Math.floor((below * 5) / 8);
      }
      pred = Math.min(pred, TWO_32 - 1);
      const residual = noise === 0 ? n - pred : referenceQuantise(exact, noise).index - referenceQuantise(pred, noise).index;
      putSigned(enc, c.count[Math.min(bitLen(pred), 23)], residual);
    });
    const dec = (a: number) => a - Math.floor(a / 2);
    next.accI = prev === null ? i : dec(prev.accI) + i;
    next.accN = next.ints.map((n, k) => (prev === null ? n : dec(prev.accN[k]) + n));
    if (r.kind === "lpm") {
      need(r.grey.length === 18 && r.grey.every((g) => isInt(g, 255)), "bad greys");
      const priorGrey = table === null ? null : table.lpmGreys[bin];
      r.grey.forEach((g, k) => {
        if (Object.is(r.counts[k], 0)) return putSigned(enc, c.grey[0], g);
        let pred = 33;
        const prevN = prev === null ? 0 : prev.ints[k];
        if (priorGrey !== null) {
          // The previous record's grey weighs its objects (at most 255), the table's weighs 4.
          const w = Math.min(prevN, 255);
          pred = w === 0 ? priorGrey[k] : Math.floor((prev!.grey[k] * w + priorGrey[k] * 4 + Math.floor((w + 4) / 2)) / (w + 4));
        } else if (prevN > 0) pred = prev!.grey[k];
        else for (let j = k - 1; j >= 0; j--) if (!Object.is(r.counts[j], 0)) { pred = r.grey[j]; break; }
        putSigned(enc, c.grey[1 + Math.min(bitLen(next.ints[k]), 7)], g - pred);
      });
      next.grey = r.grey.slice();
    }
    this.prev = next;
  }
}

function rescale(prevN: number, i: number, prevI: number): number {
  if (prevI === 0) return prevN;
  return Number((BigInt(prevN) * BigInt(i) + BigInt(Math.floor(prevI / 2))) / BigInt(prevI));
}

/** Header fields of a v2 message. */
export interface SbdFrameFieldsV2 { kindCode: number; floatId: number; cycle: number; seq: number; flags: number; firstIndex: number; count: number; tableId: number }

/** Header (14 bytes) + body + CRC-16 LE. */
export function frameSbdMessageV2(f: SbdFrameFieldsV2, body: Uint8Array): Uint8Array {
  const m = new Uint8Array(14 + body.length + 2);
  m.set([0x55, (2 << 4) | f.kindCode, f.floatId & 0xff, (f.floatId >> 8) & 0xff, f.floatId >> 16]);
  m.set([f.cycle & 0xff, f.cycle >> 8, f.seq & 0xff, f.seq >> 8, f.flags, f.firstIndex & 0xff, f.firstIndex >> 8, f.count, f.tableId], 5);
  m.set(body, 14);
  const crc = referenceCrc16(m.subarray(0, 14 + body.length));
  m[14 + body.length] = crc & 0xff;
  m[15 + body.length] = crc >> 8;
  return m;
}

/** Options of encodeSbdCycleV2. */
export interface SbdCycleOptionsV2 {
  floatId: number; cycle: number; maxBytes: number; table: SbdPriorTable | null;
  /** Noise-bounded mode: counts within (code / 100) of their Poisson sd; 0 or absent: lossless. */
  noiseCode?: number;
}

const KINDS: readonly SliceKind[] = ["lpm", "black", "taxo"];

/** Encodes a cycle's records as v2 messages (LPM, then BLACK, then TAXO), as encodeSbdCycle does for v1. */
export function encodeSbdCycleV2(records: readonly SliceRecord[], o: SbdCycleOptionsV2): Uint8Array[] {
  need(isInt(o.maxBytes, 340) && o.maxBytes >= 100, "maxBytes must be 100-340");
  need(isInt(o.floatId, 0xffffff) && isInt(o.cycle, 0xffff), "float id or cycle out of range");
  need(isInt(o.noiseCode ?? 0, 100), "noise code must be 0-100");
  const framing = 16;
  const parts: { kindCode: number; firstIndex: number; count: number; body: Uint8Array }[] = [];
  KINDS.forEach((kind, kindIndex) => {
    const list = records.filter((r) => r.kind === kind);
    let w: SbdBodyWriterV2 | null = null;
    let firstIndex = 0;
    let count = 0;
    const close = (writer: SbdBodyWriterV2) => parts.push({ kindCode: kindIndex + 1, firstIndex, count, body: writer.enc.finish() });
    for (let index = 0; index < list.length; index++) {
      if (w !== null && count < 255) {
        const snap = w.enc.snapshot();
        w.write(list[index]);
        if (framing + w.enc.finishedLength() <= o.maxBytes) {
          count++;
          continue;
        }
        w.enc.restore(snap);
      }
      if (w !== null) close(w);
      need(index <= 0xffff, "more than 65536 records of one kind");
      w = new SbdBodyWriterV2(o.table, o.noiseCode ?? 0);
      firstIndex = index;
      w.write(list[index]);
      need(framing + w.enc.finishedLength() <= o.maxBytes, `${kind} record ${index} does not fit an empty ${o.maxBytes}-byte message`);
      count = 1;
    }
    if (w !== null) close(w);
  });
  need(parts.length <= 65536, "more than 65536 messages in a cycle");
  return parts.map((p, seq) =>
    frameSbdMessageV2({ ...p, floatId: o.floatId, cycle: o.cycle, seq, flags: (seq === parts.length - 1 ? 1 : 0) | ((o.noiseCode ?? 0) << 1), tableId: o.table?.id ?? 0 }, p.body),
  );
}
