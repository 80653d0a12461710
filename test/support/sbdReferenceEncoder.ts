// An independent TypeScript encoder of the compact SBD format version 1 (README "Compact SBD messages"), used
// only by tests to check the host decoder. It shares nothing with host/telemetry/sbd but the record types, so
// a misreading of the README on one side shows up as a round-trip failure instead of cancelling out.
import { CTS5_PHASES, PROCESSINGS, type SliceKind, type SliceRecord } from "../../host/telemetry/types.js";

const TWO_24 = 2 ** 24;
const TWO_32 = 2 ** 32;
const TWO_40 = 2 ** 40;

/** CRC-16/CCITT-FALSE computed bit by bit (deliberately not the host's table-driven version). */
export function referenceCrc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** Coder state saved before a record so a record that does not fit can be taken back. */
export interface EncoderSnapshot { low: number; range: number; cache: number; cacheSize: number; length: number }

/** LZMA binary range encoder with carry propagation through a cache byte; registers kept as exact Numbers. */
export class RangeEncoder {
  private low = 0;
  private range = TWO_32 - 1;
  private cache = 0;
  private cacheSize = 1;
  private readonly out: number[] = [];

  /** Encodes `bit` with adaptive probability probs[index] (11 bits, shift 4) and updates it. */
  bit(probs: Uint16Array, index: number, bit: number): void {
    const p = probs[index];
    const bound = Math.floor(this.range / 2048) * p;
    if (bit === 0) {
      this.range = bound;
      probs[index] = p + ((2048 - p) >> 4);
    } else {
      this.low += bound;
      this.range -= bound;
      probs[index] = p - (p >> 4);
    }
    this.normalize();
  }

  /** Encodes the low `count` bits of a non-negative integer as equiprobable bits, MSB first. */
  direct(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) {
      this.range = Math.floor(this.range / 2);
      if (Math.floor(value / 2 ** i) % 2 === 1) this.low += this.range;
      this.normalize();
    }
  }

  /** Encodes a `bits`-bit value MSB first as a bit tree over probs[1 .. 2^bits - 1]. */
  tree(probs: Uint16Array, bits: number, value: number): void {
    let m = 1;
    for (let i = bits - 1; i >= 0; i--) {
      const b = Math.floor(value / 2 ** i) % 2;
      this.bit(probs, m, b);
      m = 2 * m + b;
    }
  }

  /** The coder state, to restore if the next record does not fit. */
  snapshot(): EncoderSnapshot {
    return { low: this.low, range: this.range, cache: this.cache, cacheSize: this.cacheSize, length: this.out.length };
  }

  /** Returns to a snapshot; bytes written before it are final (a carry only ever reaches the cache). */
  restore(s: EncoderSnapshot): void {
    ({ low: this.low, range: this.range, cache: this.cache, cacheSize: this.cacheSize } = s);
    this.out.length = s.length;
  }

  /** The body as sent: flushed, without the coder's first byte (always 0) and without trailing 0x00 bytes. */
  finish(): Uint8Array {
    for (let i = 0; i < 5; i++) this.shiftLow();
    if (this.out[0] !== 0) throw new Error("range coder's first byte is not 0");
    let end = this.out.length;
    while (end > 1 && this.out[end - 1] === 0) end--;
    return Uint8Array.from(this.out.slice(1, end));
  }

  /** Length finish() would give now, leaving the encoder as it was. */
  finishedLength(): number {
    const s = this.snapshot();
    const n = this.finish().length;
    this.restore(s);
    return n;
  }

  private normalize(): void {
    if (this.range < TWO_24) {
      this.range *= 256;
      this.shiftLow();
    }
  }

  private shiftLow(): void {
    if (this.low < 0xff000000 || this.low >= TWO_32) {
      const carry = this.low >= TWO_32 ? 1 : 0;
      let temp = this.cache;
      do {
        this.out.push((temp + carry) % 256);
        temp = 0xff;
      } while (--this.cacheSize !== 0);
      this.cache = Math.floor((this.low % TWO_32) / TWO_24);
    }
    this.cacheSize++;
    this.low = (this.low % TWO_24) * 256;
  }
}

/** n probabilities of one context, each p / 4096. */
export const probs = (n: number, p = 1024) => new Uint16Array(n).fill(p);

/** A tree shaped for expected bit length c, computed leaf-weight sums per node (README "Contexts"). */
export function tree(c: number): Uint16Array {
  const w = Array.from({ length: 64 }, (_, b) => 2 ** Math.max(8, 20 - Math.abs(b - c)));
  const t = probs(64);
  for (let depth = 0; depth < 6; depth++) {
    const span = 64 / 2 ** depth;
    for (let node = 0; node < 2 ** depth; node++) {
      const lo = node * span;
      const sum = (a: number, b: number) => w.slice(a, b).reduce((x, y) => x + y, 0);
      const all = sum(lo, lo + span);
      t[2 ** depth + node] = Math.min(2017, Math.max(31, Math.floor((sum(lo, lo + span / 2) * 2048 + Math.floor(all / 2)) / all)));
    }
  }
  return t;
}

/** Fresh contexts of a message (README "Contexts"). */
export function referenceContexts() {
  const ulpTree = () => {
    const t = probs(4);
    t[1] = 1843;
    return t;
  };
  const ulp = ulpTree();
  return {
    dt: tree(4), dp: tree(3), img: tree(4), temp: tree(6),
    count: Array.from({ length: 24 }, (_, j) => tree(Math.max(0, j - 1 - Math.floor(j / 4)))),
    grey: Array.from({ length: 9 }, (_, j) => tree(j === 0 ? 0 : Math.max(1, 8 - j))),
    taxoN: tree(2), taxoClass: tree(2), taxoCount: tree(3), taxoSize: tree(14), taxoGrey: tree(5),
    samePhase: probs(1, 1843), sizeUlp: ulpTree(), ulp,
  };
}

/** Bits needed for v (0 for 0). */
export function bitLen(v: number): number {
  let b = 0;
  while (b < 64 && 2 ** b <= v) b++;
  return b;
}

/** putUnsigned: bit length on a 6-bit tree, then the bits below the top one as direct bits. */
export function putUnsigned(enc: RangeEncoder, ctx: Uint16Array, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= TWO_40) throw new RangeError(`putUnsigned: ${v} is not an integer in 0..2^40-1`);
  const b = bitLen(v);
  enc.tree(ctx, 6, b);
  if (b >= 2) enc.direct(v - 2 ** (b - 1), b - 1);
}

/** putSigned: putUnsigned of the zigzag value. */
export function putSigned(enc: RangeEncoder, ctx: Uint16Array, s: number): void {
  putUnsigned(enc, ctx, s >= 0 ? 2 * s : -2 * s - 1);
}

const view = new DataView(new ArrayBuffer(4));
/** The float32 bits of x. */
export function f32bits(x: number): number {
  view.setFloat32(0, x);
  return view.getUint32(0);
}

/** Float class and integer view of a float32 value (README "Float32 values"). */
export function floatClass(c: number): { cls: number; n: number } {
  if (Number.isFinite(c) && f32bits(c) < 0x80000000) {
    const n = Math.floor(c + 0.5);
    const d = n < TWO_32 ? f32bits(c) - f32bits(n) : NaN;
    if (d === 0 || d === 1) return { cls: d, n };
    if (d === -1) return { cls: 2, n };
  }
  return { cls: 3, n: 0 };
}

/** Throws the reference encoders' RangeError unless `ok`. */
export function need(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(`SBD reference encoder: ${what}`);
}
/** Whether v is an integer in 0..max. */
export const isInt = (v: number, max: number) => Number.isInteger(v) && v >= 0 && v <= max;
/** Whether v is a float32 value (NaN included). */
export const isF32 = (v: number) => Number.isNaN(v) || Math.fround(v) === v;

/** The record fields both versions code the same way, as the next record predicts from them. */
export interface RecordHead { phase: number; proc: number; t: number; dt: number; p: number; dp: number; i: number }

/** The contexts writeRecordHead codes with. */
export interface RecordHeadContexts { samePhase: Uint16Array; dt: Uint16Array; dp: Uint16Array; img: Uint16Array }

/** Codes a record's phase, processing, time, pressure and images, predicted from `prev` (null: first of the message). */
export function writeRecordHead(enc: RangeEncoder, c: RecordHeadContexts, prev: RecordHead | null, r: SliceRecord): RecordHead {
  const phase = CTS5_PHASES.indexOf(r.phase);
  const proc = PROCESSINGS.indexOf(r.processing);
  const t = r.timeS;
  const p = Math.floor((r.pressureDbar + 100) * 10 + 0.5);
  const i = r.images;
  need(phase >= 0 && proc >= 0, "unknown phase or processing");
  need(isInt(t, TWO_32 - 1) && isInt(p, 0xffff) && isInt(i, TWO_32 - 1), "time, pressure or images out of range");
  if (prev === null || prev.phase !== phase || prev.proc !== proc) {
    if (prev !== null) enc.bit(c.samePhase, 0, 1);
    enc.direct(phase, 3);
    enc.direct(proc, 2);
  } else enc.bit(c.samePhase, 0, 0);
  const dt = prev === null ? 0 : t - prev.t;
  const dp = prev === null ? 0 : p - prev.p;
  if (prev === null) {
    enc.direct(t, 32);
    enc.direct(p, 16);
    putUnsigned(enc, c.img, i);
  } else {
    putSigned(enc, c.dt, dt - prev.dt);
    putSigned(enc, c.dp, dp - prev.dp);
    putSigned(enc, c.img, i - prev.i);
  }
  return { phase, proc, t, dt, p, dp, i };
}

interface PrevRecord extends RecordHead { q: number; ints: number[]; grey: number[]; nCat: number }

/** Writes the records of one message, each predicted from the one before it in the message. */
export class SbdBodyWriter {
  /** The message's coder. */
  readonly enc = new RangeEncoder();
  private readonly c = referenceContexts();
  private prev: PrevRecord | null = null;

  /** Appends one record; throws RangeError when a field cannot be coded. */
  write(r: SliceRecord): void {
    const { enc, c, prev } = this;
    const next: PrevRecord = { ...writeRecordHead(enc, c, prev, r), q: 0, ints: [], grey: [], nCat: 0 };
    const { i } = next;
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
        putSigned(enc, c.taxoGrey, cat.meanGrey - lastGrey);
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
    r.counts.forEach((count, k) => {
      const { cls, n } = floatClass(count);
      enc.tree(c.ulp, 2, cls);
      next.ints.push(n);
      if (cls === 3) return enc.direct(f32bits(count), 32);
      const below = k === 0 ? 0 : next.ints[k - 1];
      const first = k === 0 ? i * 2048 : k === 1 ? Math.floor(below / 16) : k === 2 ? Math.floor(below / 4) : Math.floor((below * 5) / 8);
      const pred = Math.min(prev === null ? first : rescale(prev.ints[k], i, prev.i), 2 ** 32 - 1);
      putSigned(enc, c.count[Math.min(bitLen(pred), 23)], n - pred);
    });
    if (r.kind === "lpm") {
      need(r.grey.length === 18 && r.grey.every((g) => isInt(g, 255)), "bad greys");
      r.grey.forEach((g, k) => {
        if (Object.is(r.counts[k], 0)) return putSigned(enc, c.grey[0], g);
        let pred = 33;
        if (prev !== null && prev.ints[k] > 0) pred = prev.grey[k];
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

/** Header fields of a message; version defaults to 1 (tests set others to check rejection). */
export interface SbdFrameFields { version?: number; kindCode: number; floatId: number; cycle: number; seq: number; flags: number; firstIndex: number; count: number }

/** Header + body + CRC-16 LE. */
export function frameSbdMessage(f: SbdFrameFields, body: Uint8Array): Uint8Array {
  const m = new Uint8Array(13 + body.length + 2);
  m.set([0x55, ((f.version ?? 1) << 4) | f.kindCode, f.floatId & 0xff, (f.floatId >> 8) & 0xff, f.floatId >> 16]);
  m.set([f.cycle & 0xff, f.cycle >> 8, f.seq & 0xff, f.seq >> 8, f.flags, f.firstIndex & 0xff, f.firstIndex >> 8, f.count], 5);
  m.set(body, 13);
  const crc = referenceCrc16(m.subarray(0, 13 + body.length));
  m[13 + body.length] = crc & 0xff;
  m[14 + body.length] = crc >> 8;
  return m;
}

/** Options of encodeSbdCycle: float id, cycle number and message size limit (100-340 bytes). */
export interface SbdCycleOptions { floatId: number; cycle: number; maxBytes: number }

const KINDS: readonly SliceKind[] = ["lpm", "black", "taxo"];

/** Encodes a cycle's records as messages (LPM, then BLACK, then TAXO); a record that does not fit starts a
 *  new message; throws RangeError if one record alone does not fit an empty message. */
export function encodeSbdCycle(records: readonly SliceRecord[], o: SbdCycleOptions): Uint8Array[] {
  need(isInt(o.maxBytes, 340) && o.maxBytes >= 100, "maxBytes must be 100-340");
  need(isInt(o.floatId, 0xffffff) && isInt(o.cycle, 0xffff), "float id or cycle out of range");
  const parts: { kindCode: number; firstIndex: number; count: number; body: Uint8Array }[] = [];
  KINDS.forEach((kind, kindIndex) => {
    const list = records.filter((r) => r.kind === kind);
    let w: SbdBodyWriter | null = null;
    let firstIndex = 0;
    let count = 0;
    const close = (writer: SbdBodyWriter) => parts.push({ kindCode: kindIndex + 1, firstIndex, count, body: writer.enc.finish() });
    for (let index = 0; index < list.length; index++) {
      if (w !== null && count < 255) {
        const snap = w.enc.snapshot();
        w.write(list[index]);
        if (15 + w.enc.finishedLength() <= o.maxBytes) {
          count++;
          continue;
        }
        w.enc.restore(snap);
      }
      if (w !== null) close(w);
      need(index <= 0xffff, "more than 65536 records of one kind");
      w = new SbdBodyWriter();
      firstIndex = index;
      w.write(list[index]);
      need(15 + w.enc.finishedLength() <= o.maxBytes, `${kind} record ${index} does not fit an empty ${o.maxBytes}-byte message`);
      count = 1;
    }
    if (w !== null) close(w);
  });
  need(parts.length <= 256, "more than 256 messages in a cycle");
  return parts.map((p, seq) =>
    frameSbdMessage({ ...p, floatId: o.floatId, cycle: o.cycle, seq, flags: seq === parts.length - 1 ? 1 : 0 }, p.body),
  );
}
