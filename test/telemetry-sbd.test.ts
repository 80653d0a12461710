// Compact SBD format v1: the host decoder against the independent reference encoder in test/support.
import { describe, expect, it } from "vitest";
import {
  crc16CcittFalse,
  decodeSbdMessages,
  RangeDecoder,
  newProbs,
  type SbdDecodeResult,
} from "../host/telemetry/sbd/index.js";
import { CTS5_PHASES, PROCESSINGS, type SliceKind, type SliceRecord, type TaxoCategory } from "../host/telemetry/types.js";
import { Rng } from "../simulator/random.js";
import { layoutProblems } from "./support/problems.js";
import {
  encodeSbdCycle,
  frameSbdMessage,
  putSigned,
  putUnsigned,
  RangeEncoder,
  referenceContexts,
  referenceCrc16,
  SbdBodyWriter,
} from "./support/sbdReferenceEncoder.js";

const TWO_32 = 2 ** 32;
const view = new DataView(new ArrayBuffer(4));
const bits = (x: number) => (view.setFloat32(0, x), view.getUint32(0));
const fromBits = (b: number) => (view.setUint32(0, b), view.getFloat32(0));
const ulp = (x: number, d: number) => fromBits(bits(x) + d);
const RAW_COUNTS = [NaN, -0, Infinity, -Infinity, 0.3, 1e30, -5, TWO_32, 0.49999997, 2.5, 1e-45, 3.4e38, 4294967040];

/** A float32 count of one of the shapes the format distinguishes; `heavy` allows the costly ones. */
function genCount(rng: Rng, heavy: boolean): number {
  switch (rng.int(0, heavy ? 9 : 6)) {
    case 0: case 1: return 0;
    case 2: case 3: return rng.int(1, 300);
    case 4: return ulp(rng.int(1, 5000), 1);
    case 5: return ulp(rng.int(1, 5000), -1);
    case 6: return rng.chance(0.5) ? ulp(0, 1) : Math.fround(rng.int(0, 20000) / rng.int(1, 7));
    case 7: return Math.fround(rng.int(0, TWO_32 - 1));
    case 8: return rng.chance(0.5) ? TWO_32 - 256 : ulp(rng.int(2 ** 20, 2 ** 24), rng.pick([-1, 1]));
    default: return Math.fround(rng.pick(RAW_COUNTS));
  }
}

function genCategories(rng: Rng, limit: number): TaxoCategory[] {
  const n = rng.pick([0, 40, rng.int(1, 4), rng.int(1, limit >= 200 ? 12 : 5)]);
  if (n === 40) {
    // 40 categories fit a small message only when uniform (the coder's adaptation does the rest).
    if (limit < 240) return Array.from({ length: 40 }, (_, index) => ({ index, objects: 1, meanSize: rng.pick([1, 2]), meanGrey: 64 }));
    return Array.from({ length: 40 }, (_, index) => {
      const objects = rng.int(1, 255);
      const raw = limit >= 330 && rng.chance(0.5);
      return { index, objects, meanSize: Math.fround(raw ? rng.next() * 1000 : rng.int(0, 100000) / objects), meanGrey: rng.int(0, 255) };
    });
  }
  const pool = Array.from({ length: 40 }, (_, i) => i);
  for (let i = 39; i > 0; i--) { const j = rng.int(0, i); [pool[i], pool[j]] = [pool[j], pool[i]]; }
  const indices = pool.slice(0, n);
  if (rng.chance(0.8)) indices.sort((a, b) => a - b);
  return indices.map((index) => {
    const objects = rng.pick([0, rng.int(1, 255), rng.int(256, 100000), rng.chance(0.2) ? TWO_32 - 1 : 3]);
    const exact = objects > 0 && rng.chance(0.6);
    const meanSize = exact
      ? Math.fround(rng.int(0, 1e7) / objects)
      : Math.fround(rng.pick([NaN, -0, 0, Infinity, 1e-40, rng.next() * 5000, 12.5, 1e38]));
    return { index, objects, meanSize, meanGrey: rng.int(0, 255) };
  });
}

/** `n` records of `kind`: phase changes, negative and huge time steps, images 0 and large, every count shape. */
function genRecords(rng: Rng, kind: SliceKind, n: number, limit: number): SliceRecord[] {
  const out: SliceRecord[] = [];
  let t = rng.int(0, TWO_32 - 1), p = rng.int(0, 65535), q = rng.int(0, 65535), images = rng.int(0, 300);
  let phase = rng.int(0, 5), proc = rng.int(0, 2);
  for (let r = 0; r < n; r++) {
    if (rng.chance(0.15)) { phase = rng.int(0, 5); proc = rng.int(0, 2); }
    const jump = rng.int(0, 9);
    t = jump === 0 ? rng.int(0, TWO_32 - 1) : Math.min(TWO_32 - 1, Math.max(0, t + (jump === 1 ? rng.int(-100000, 0) : rng.int(0, 120))));
    p = rng.chance(0.1) ? rng.int(0, 65535) : Math.min(65535, Math.max(0, p + rng.int(-30, 30)));
    q = Math.min(65535, Math.max(0, q + rng.int(-50, 50)));
    const prevImages = images;
    images = rng.pick([0, prevImages, rng.int(1, 300), rng.chance(0.1) ? TWO_32 - 1 : 1, prevImages * rng.int(1, 3)]);
    // The count predictions rescale by images / prevImages; keep the ratio where a u32 count stays codable.
    if (prevImages > 0) images = Math.min(images, prevImages * 64, TWO_32 - 1);
    const base = { phase: CTS5_PHASES[phase], processing: PROCESSINGS[proc], timeS: t, pressureDbar: (p - 1000) / 10, images };
    if (kind === "taxo") { out.push({ kind, ...base, categories: genCategories(rng, limit) }); continue; }
    const classes = kind === "lpm" ? 18 : 5;
    let heavyLeft = limit < 200 ? 1 : 18;
    const counts = Array.from({ length: classes }, (_, k) => {
      const heavy = heavyLeft > 0 && rng.chance(0.3);
      if (heavy) heavyLeft--;
      return k > 10 && !heavy && rng.chance(0.6) ? 0 : genCount(rng, heavy);
    });
    if (kind === "black") { out.push({ kind, ...base, temperatureC: (q - 5000) / 1000, counts }); continue; }
    // Small messages get greys shaped like real ones (rising with size); larger ones get any grey.
    const anyGrey = (k: number) => (limit < 200 ? Math.min(255, Math.max(0, 30 + 5 * k + rng.int(-20, 20))) : rng.int(0, 255));
    const grey = counts.map((c, k) => (Object.is(c, 0) && rng.chance(0.9) ? 0 : anyGrey(k)));
    out.push({ kind, ...base, temperatureC: (q - 5000) / 1000, counts, grey });
  }
  return out;
}

/** First difference between two values, comparing numbers with Object.is (so -0, NaN and float32 bits count). */
function diff(a: unknown, b: unknown, path = "$"): string | null {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) ? null : `${path}: ${a} vs ${b}`;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b ? null : `${path}: ${String(a)} vs ${String(b)}`;
  const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  if (ka.join() !== kb.join()) return `${path}: keys ${ka} vs ${kb}`;
  for (const k of ka) {
    const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}

/** The sequence numbers a summary line says were not received ("messages 2-4, 6 and 9 of 12 not received"). */
function namedMissing(text: string): number[] {
  const m = /^messages? ([\d, and-]+?)(?: of \d+)? not received/.exec(text);
  if (m === null) return [];
  return m[1].split(/, | and /).flatMap((item) => {
    const [a, b = a] = item.split("-").map(Number);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}

const KIND_ORDER: SliceKind[] = ["lpm", "black", "taxo"];
const byKind = (records: SliceRecord[]) => KIND_ORDER.flatMap((k) => records.filter((r) => r.kind === k));
const msgFields = (m: Uint8Array) => ({ kind: KIND_ORDER[(m[1] & 15) - 1], seq: m[7] | (m[8] << 8), last: m[9] === 1, first: m[10] | (m[11] << 8), count: m[12] });

const cats = (r: SliceRecord) => (r.kind === "taxo" ? r.categories : []);
const counts = (r: SliceRecord) => (r.kind === "taxo" ? [] : r.counts);
const nearInt = (c: number, d: number) => c !== Math.floor(c + 0.5) && bits(c) - bits(Math.floor(c + 0.5)) === d;
/** Shapes the round trip must cover, checked so that a generator change cannot quietly drop one. */
const SHAPES: Record<string, (r: SliceRecord, prev?: SliceRecord) => boolean> = {
  "images 0": (r) => r.images === 0,
  "images 2^32-1": (r) => r.images === TWO_32 - 1,
  "negative time step": (r, prev) => prev !== undefined && r.timeS < prev.timeS,
  "large time step": (r, prev) => prev !== undefined && r.timeS - prev.timeS > 65535,
  "phase change": (r, prev) => prev !== undefined && r.phase !== prev.phase,
  "0 categories": (r) => r.kind === "taxo" && r.categories.length === 0,
  "40 categories": (r) => r.kind === "taxo" && r.categories.length === 40,
  "objects > 255": (r) => cats(r).some((c) => c.objects > 255),
  "objects 2^32-1": (r) => cats(r).some((c) => c.objects === TWO_32 - 1),
  "exact size": (r) => cats(r).some((c) => c.objects > 0 && Math.fround(Math.floor(c.meanSize * c.objects + 0.5) / c.objects) === c.meanSize),
  "arbitrary size": (r) => cats(r).some((c) => Number.isNaN(c.meanSize) || Object.is(c.meanSize, -0) || !Number.isInteger(c.meanSize * 8)),
  "zero count": (r) => counts(r).some((c) => Object.is(c, 0)),
  "ulp above": (r) => counts(r).some((c) => nearInt(c, 1)),
  "ulp below": (r) => counts(r).some((c) => nearInt(c, -1)),
  "huge count": (r) => counts(r).some((c) => c >= 2 ** 31 && c < TWO_32),
  NaN: (r) => counts(r).some((c) => Number.isNaN(c)),
  "-0": (r) => counts(r).some((c) => Object.is(c, -0)),
  Infinity: (r) => counts(r).some((c) => c === Infinity),
  fraction: (r) => counts(r).some((c) => c > 0 && c < 2 ** 23 && Math.abs(bits(c) - bits(Math.floor(c + 0.5))) > 1),
};
const shapes = (records: SliceRecord[]) =>
  Object.keys(SHAPES).filter((name) => records.some((r, i) => SHAPES[name](r, records[i - 1]?.kind === r.kind ? records[i - 1] : undefined)));

function genCycle(rng: Rng, limit: number, sizes: [number, number, number]): SliceRecord[] {
  return KIND_ORDER.flatMap((k, i) => genRecords(rng, k, sizes[i], limit));
}

describe("compact SBD v1 building blocks", () => {
  it("CRC-16/CCITT-FALSE gives the catalogue check value 0x29B1 for '123456789'", () => {
    const b = new TextEncoder().encode("123456789");
    expect(crc16CcittFalse(b)).toBe(0x29b1);
    expect(referenceCrc16(b)).toBe(0x29b1);
  });

  it("range decoder returns what the reference encoder coded (adaptive, direct and tree bits)", () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 50; trial++) {
      const ops = Array.from({ length: rng.int(1, 400) }, () => ({ kind: rng.int(0, 2), v: rng.int(0, 2 ** 20), ctx: rng.int(0, 3) }));
      const enc = new RangeEncoder();
      const eProbs = Array.from({ length: 4 }, () => newProbs(64));
      for (const o of ops) {
        if (o.kind === 0) enc.bit(eProbs[o.ctx], 1 + (o.v % 63), o.v % 7 === 0 ? 1 : 0);
        else if (o.kind === 1) enc.direct(o.v, 21);
        else enc.tree(eProbs[o.ctx], 6, o.v % 64);
      }
      const d = new RangeDecoder(enc.finish());
      const dProbs = Array.from({ length: 4 }, () => newProbs(64));
      for (const o of ops) {
        if (o.kind === 0) expect(d.bit(dProbs[o.ctx], 1 + (o.v % 63))).toBe(o.v % 7 === 0 ? 1 : 0);
        else if (o.kind === 1) expect(d.direct(21)).toBe(o.v);
        else expect(d.tree(dProbs[o.ctx], 6)).toBe(o.v % 64);
      }
    }
  });

  it("never throws on random bytes, empty input or bytes that start like a message", () => {
    const rng = new Rng(11);
    const inputs = Array.from({ length: 3000 }, (_, i) => {
      const b = Uint8Array.from({ length: rng.int(0, 360) }, () => rng.int(0, 255));
      if (i % 2 === 0 && b.length > 1) { b[0] = 0x55; b[1] = 0x10 | rng.int(0, 4); }
      if (i % 4 === 0 && b.length >= 15) b.set(frameSbdMessage({ kindCode: rng.int(1, 3), floatId: 1, cycle: 1, seq: 0, flags: 0, firstIndex: 0, count: rng.int(1, 255) }, b.subarray(13, b.length - 2)));
      return { source: `r${i}`, bytes: b };
    });
    let result: SbdDecodeResult | undefined;
    expect(() => { result = decodeSbdMessages(inputs); }).not.toThrow();
    expect(result!.problems.length).toBeGreaterThan(2000);
  });
});

describe("compact SBD v1 round trip", () => {
  for (const limit of [100, 270, 340]) {
    it(`every record comes back bit for bit with ${limit}-byte messages`, () => {
      const covered = new Set<string>();
      for (let seed = 1; seed <= 12; seed++) {
        const rng = new Rng(limit * 1000 + seed);
        const records = genCycle(rng, limit, [rng.int(1, 80), rng.int(0, 40), rng.int(1, 40)]);
        const messages = encodeSbdCycle(records, { floatId: 4903634, cycle: 300 + seed, maxBytes: limit });
        for (const x of shapes(records)) covered.add(x);
        const next: Record<SliceKind, number> = { lpm: 0, black: 0, taxo: 0 };
        messages.forEach((m, i) => {
          const f = msgFields(m);
          expect(m.length).toBeLessThanOrEqual(limit);
          expect(f.count).toBeGreaterThan(0);
          expect([f.seq, f.last, f.first]).toEqual([i, i === messages.length - 1, next[f.kind]]);
          next[f.kind] += f.count;
        });
        const shuffled = messages.map((bytes, i) => ({ source: `m${i}`, bytes }));
        for (let i = shuffled.length - 1; i > 0; i--) { const j = rng.int(0, i); [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]; }
        const result = decodeSbdMessages(shuffled);
        expect(layoutProblems(result.problems)).toEqual([]);
        const expected = byKind(records);
        expect(result.records.length).toBe(expected.length);
        expected.forEach((r, i) => expect(diff(result.records[i], r)).toBeNull());
        result.origins.forEach((o, i) => {
          const f = msgFields(messages[o.seq]);
          expect(o.source).toBe(`m${o.seq}`);
          expect(o.index - f.first).toBeGreaterThanOrEqual(0);
          expect(o.index - f.first).toBeLessThan(f.count);
          expect(f.kind).toBe(result.records[i].kind);
        });
        expect(result.summary.cycles[0]).toMatchObject({ total: messages.length, missing: [], duplicatesIgnored: 0 });
        expect(result.summary.lines).toEqual([`float 4903634 cycle ${300 + seed}: all ${messages.length} messages received`]);
      }
      expect([...covered].sort()).toEqual(Object.keys(SHAPES).sort());
    });
  }

  it("a record that does not fit an empty message is refused; one that fits starts a new message", () => {
    const heavy: SliceRecord = { kind: "lpm", phase: "ASCENT", processing: "AM", timeS: 1, pressureDbar: 0, images: 3, temperatureC: 20, counts: Array(18).fill(NaN), grey: Array(18).fill(200) };
    expect(() => encodeSbdCycle([heavy], { floatId: 1, cycle: 1, maxBytes: 100 })).toThrow(RangeError);
    const ms = encodeSbdCycle([heavy, heavy, heavy], { floatId: 1, cycle: 1, maxBytes: 150 });
    expect(ms.map((m) => m[12])).toEqual([1, 1, 1]);
    expect(decodeSbdMessages(ms.map((bytes, i) => ({ source: `h${i}`, bytes }))).records.length).toBe(3);
  });
});

type Delivery = { source: string; bytes: Uint8Array; damaged: boolean; cycle: number; seq: number };

describe("compact SBD v1 under faults", () => {
  it("drops, duplicates, reordering, truncation and bit flips over 240 seeds", () => {
    for (let seed = 1; seed <= 240; seed++) {
      const rng = new Rng(seed);
      const limit = rng.int(100, 340);
      const cycles = Array.from({ length: rng.int(1, 2) }, (_, ci) => {
        const records = genCycle(rng, limit, [rng.int(1, 30), rng.int(0, 8), rng.int(0, 12)]);
        return { cycle: 10 + ci, records, messages: encodeSbdCycle(records, { floatId: 77 + ci, cycle: 10 + ci, maxBytes: limit }) };
      });
      const deliveries: Delivery[] = [];
      cycles.forEach((c, ci) => c.messages.forEach((bytes, seq) => {
        const src = (what: string) => `c${ci}-m${seq}-${what}-${deliveries.length}`;
        const fate = rng.int(0, 9);
        if (fate === 0) return; // dropped
        if (fate !== 1) deliveries.push({ source: src("ok"), bytes, damaged: false, cycle: ci, seq });
        if (fate === 2) deliveries.push({ source: src("dup"), bytes: bytes.slice(), damaged: false, cycle: ci, seq });
        if (fate <= 1 || fate === 3) {
          const bad = rng.chance(0.4) ? bytes.slice(0, rng.int(0, bytes.length - 1)) : bytes.slice();
          if (bad.length === bytes.length) {
            const flips = new Set(Array.from({ length: rng.int(1, 3) }, () => rng.int(0, bytes.length * 8 - 1)));
            for (const f of flips) bad[f >> 3] ^= 1 << (f & 7);
          }
          deliveries.push({ source: src("bad"), bytes: bad, damaged: true, cycle: ci, seq });
        }
      }));
      for (let i = deliveries.length - 1; i > 0; i--) { const j = rng.int(0, i); [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]]; }
      let result!: SbdDecodeResult;
      expect(() => { result = decodeSbdMessages(deliveries); }, `seed ${seed}`).not.toThrow();
      const damaged = new Set(deliveries.filter((d) => d.damaged).map((d) => d.source));
      for (const s of damaged) expect(result.problems.some((p) => p.source === s), `seed ${seed}: ${s} reported`).toBe(true);
      for (const p of layoutProblems(result.problems)) expect(damaged.has(p.source), `seed ${seed}: unexpected ${p.source}: ${p.message}`).toBe(true);
      cycles.forEach((c, ci) => {
        const intact = deliveries.filter((d) => !d.damaged && d.cycle === ci);
        const seqs = [...new Set(intact.map((d) => d.seq))].sort((a, b) => a - b);
        const got = result.records.filter((_, i) => result.origins[i].floatId === 77 + ci);
        const expected = seqs.flatMap((s) => {
          const f = msgFields(c.messages[s]);
          return c.records.filter((r) => r.kind === f.kind).slice(f.first, f.first + f.count).map((record, j) => ({ record, kind: f.kind, index: f.first + j }));
        }).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.index - b.index);
        expect(got.length, `seed ${seed}`).toBe(expected.length);
        expected.forEach((e, i) => expect(diff(got[i], e.record), `seed ${seed}`).toBeNull());
        const summary = result.summary.cycles.find((s) => s.floatId === 77 + ci);
        if (seqs.length === 0) return expect(summary).toBeUndefined();
        const lastSeq = c.messages.length - 1;
        const total = seqs.includes(lastSeq) ? c.messages.length : null;
        const end = total ?? seqs[seqs.length - 1] + 1;
        const missing = Array.from({ length: end }, (_, s) => s).filter((s) => !seqs.includes(s));
        expect(summary, `seed ${seed}`).toMatchObject({ received: seqs, total, missing, undecodable: [], duplicatesIgnored: intact.length - seqs.length });
        expect(namedMissing(summary!.text), `seed ${seed}`).toEqual(missing);
        if (total === null) expect(summary!.text).toContain(`messages after ${seqs[seqs.length - 1]} may be missing: the last message was not received`);
      });
    }
  });
});

/** A one-record message whose body `write` codes by hand (to forge values no encoder sends). */
function forged(kindCode: number, write: (e: RangeEncoder, c: ReturnType<typeof referenceContexts>) => void, version = 1): Uint8Array {
  const enc = new RangeEncoder();
  write(enc, referenceContexts());
  return frameSbdMessage({ version, kindCode, floatId: 5, cycle: 2, seq: 0, flags: 1, firstIndex: 0, count: 1 }, enc.finish());
}
const taxoHead = (phase: number, proc: number) => (e: RangeEncoder, c: ReturnType<typeof referenceContexts>) => {
  e.direct(phase, 3); e.direct(proc, 2); e.direct(1700000000, 32); e.direct(1000, 16); putUnsigned(e, c.img, 1);
};

describe("compact SBD v1 rejections", () => {
  const one = (bytes: Uint8Array) => decodeSbdMessages([{ source: "x.sbd", bytes }]);
  const good = encodeSbdCycle(genCycle(new Rng(3), 340, [2, 0, 0]), { floatId: 9, cycle: 1, maxBytes: 340 })[0];

  it("rejects an unknown format version with a clear message", () => {
    const r = one(frameSbdMessage({ version: 3, kindCode: 1, floatId: 5, cycle: 2, seq: 0, flags: 1, firstIndex: 0, count: 1 }, good.subarray(13, good.length - 2)));
    expect(r.problems).toEqual([{ source: "x.sbd", offset: 1, message: "format version 3 is not supported by this decoder (knows 1 and 2)" }]);
    expect(r.records).toEqual([]);
    expect(r.summary.cycles).toEqual([]);
  });

  it("rejects bad magic, short messages, bad CRC, unknown kind, reserved flags and a zero count", () => {
    const msg = (i: number, patch: (b: Uint8Array) => void) => { const b = good.slice(); patch(b); return { source: `p${i}`, bytes: b }; };
    const reframe = (b: Uint8Array) => b.set(frameSbdMessage({ version: b[1] >> 4, kindCode: b[1] & 15, floatId: 9, cycle: 1, seq: 0, flags: b[9], firstIndex: 0, count: b[12] }, b.subarray(13, b.length - 2)));
    const r = decodeSbdMessages([
      msg(0, (b) => (b[0] = 0x54)),
      { source: "p1", bytes: good.subarray(0, 13) },
      msg(2, (b) => (b[20] ^= 4)),
      msg(3, (b) => { b[1] = 0x14; reframe(b); }),
      msg(4, (b) => { b[9] = 3; reframe(b); }),
      msg(5, (b) => { b[9] = 0; b[12] = 0; reframe(b); }),
    ]);
    expect(r.problems.map((p) => [p.source, p.offset])).toEqual([["p0", 0], ["p1", 13], ["p2", good.length - 2], ["p3", 1], ["p4", 9], ["p5", 12]]);
    expect(r.problems.map((p) => p.message).join("\n")).toMatch(/bad magic[^]*shorter[^]*CRC mismatch[^]*unknown record kind 4[^]*reserved flag[^]*record count is 0/);
  });

  it("rejects bodies that decode to impossible values, and bytes after the last record", () => {
    const cases: [Uint8Array, RegExp][] = [
      [forged(1, (e) => { e.direct(6, 3); e.direct(0, 2); }), /phase code 6/],
      [forged(2, (e) => { e.direct(7, 3); e.direct(0, 2); }), /phase code 7/],
      [forged(1, (e) => { e.direct(0, 3); e.direct(3, 2); }), /processing code 3/],
      [forged(3, (e, c) => { taxoHead(2, 2)(e, c); putUnsigned(e, c.taxoN, 41); }), /category count 41/],
      [forged(3, (e, c) => { taxoHead(2, 2)(e, c); putUnsigned(e, c.taxoN, 1); putSigned(e, c.taxoClass, 40); }), /index 40/],
      [forged(3, (e, c) => { taxoHead(2, 2)(e, c); putUnsigned(e, c.taxoN, 1); putSigned(e, c.taxoClass, 0); putUnsigned(e, c.taxoCount, 1); e.tree(c.sizeUlp, 2, 0); putUnsigned(e, c.taxoSize, 3); putSigned(e, c.taxoGrey, 300); }), /grey 364/],
      [forged(3, (e, c) => { taxoHead(2, 2)(e, c); putUnsigned(e, c.taxoN, 1); putSigned(e, c.taxoClass, 0); putUnsigned(e, c.taxoCount, 0); e.tree(c.sizeUlp, 2, 0); }), /over 0 objects/],
    ];
    const w = new SbdBodyWriter();
    w.write({ kind: "taxo", phase: "PARK", processing: "RW", timeS: 5, pressureDbar: 900, images: 1, categories: [] });
    const body = w.enc.finish();
    cases.push([frameSbdMessage({ kindCode: 3, floatId: 5, cycle: 2, seq: 0, flags: 1, firstIndex: 0, count: 1 }, Uint8Array.from([...body, 0, 0, 0, 0, 0, 7])), /bytes after its last record/]);
    for (const [bytes, why] of cases) {
      const r = one(bytes);
      expect(r.records).toEqual([]);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].message).toMatch(why);
      expect(r.problems[0].offset).toBeGreaterThanOrEqual(13);
      expect(r.summary.cycles[0]).toMatchObject({ received: [0], undecodable: [0], total: 1 });
    }
  });

  it("keeps the first copy of a sequence number and reports a different second one", () => {
    const [a, b] = encodeSbdCycle(genCycle(new Rng(8), 100, [30, 0, 0]), { floatId: 1, cycle: 4, maxBytes: 100 });
    const fake = frameSbdMessage({ kindCode: b[1] & 15, floatId: 1, cycle: 4, seq: 0, flags: b[9], firstIndex: b[10] | (b[11] << 8), count: b[12] }, b.subarray(13, b.length - 2));
    const r = decodeSbdMessages([{ source: "a", bytes: a }, { source: "a2", bytes: a }, { source: "fake", bytes: fake }]);
    expect(layoutProblems(r.problems).map((p) => p.source)).toEqual(["fake"]);
    expect(r.problems[0].message).toMatch(/message 0 received again with different bytes \(first difference at byte \d+\)[^]*from a is kept/);
    expect(r.summary.cycles[0].duplicatesIgnored).toBe(2);
    expect(new Set(r.origins.map((o) => o.source))).toEqual(new Set(["a"]));
  });

  it("summary lines name the missing messages", () => {
    const ms = encodeSbdCycle(genCycle(new Rng(21), 100, [60, 0, 0]), { floatId: 4903634, cycle: 7, maxBytes: 100 });
    expect(ms.length).toBeGreaterThanOrEqual(12);
    const keep = (drop: number[]) => ms.map((bytes, seq) => ({ source: `s${seq}`, bytes })).filter((_, seq) => !drop.includes(seq));
    const n = ms.length, last = n - 1;
    expect(decodeSbdMessages(keep([4, 7])).summary.lines).toEqual([`float 4903634 cycle 7: messages 4 and 7 of ${n} not received`]);
    expect(decodeSbdMessages(keep([2, 3, 4, 9])).summary.cycles[0].text).toBe(`messages 2-4 and 9 of ${n} not received`);
    expect(decodeSbdMessages(keep([5, last])).summary.cycles[0].text).toBe(`message 5 not received; messages after ${last - 1} may be missing: the last message was not received`);
  });
});
