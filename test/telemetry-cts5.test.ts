// CTS5 UVP6 file decoder: hand-built fixtures (test/fixtures/cts5, see README.md there) decode to literal
// values; writer -> decoder round trips on random records; every cut point, random damage and padding
// lengths never throw, keep what is intact and say where the trouble is; each kind of problem by hand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCts5File as decodeCts5WithChecks, parseCts5FileName } from "../host/telemetry/cts5/index.js";
import type { Cts5Phase, DecodeProblem, SliceKind, SliceRecord } from "../host/telemetry/types.js";
import { CTS5_PHASES, PROCESSINGS } from "../host/telemetry/types.js";
import { Rng } from "../simulator/random.js";
import { writeCts5Reference, type WrittenCts5 } from "./support/cts5ReferenceWriter.js";
import { layoutProblems } from "./support/problems.js";

/** The decoder without its plausibility findings: these tests write arbitrary values to check the layout. */
function decodeCts5File(bytes: Uint8Array, source: string): ReturnType<typeof decodeCts5WithChecks> {
  const out = decodeCts5WithChecks(bytes, source);
  return { ...out, problems: layoutProblems(out.problems) };
}

const FIXTURES = join(import.meta.dirname, "fixtures", "cts5");
const NAV = new Set<Cts5Phase>(["DESCENT", "DEEP_PROFILE", "ASCENT"]);
const zeros = (n: number) => new Array<number>(n).fill(0);
const f32Bits = (x: number) => { const v = new DataView(new ArrayBuffer(4)); v.setFloat32(0, x); return v.getUint32(0); };
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const bytesOf = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

interface Fixture { name: string; kind: SliceKind; records: SliceRecord[]; spans: [number, number][] }
const FIXTURE_FILES: Fixture[] = [
  { name: "4a7e_010_01_uvp6_lpm.hex", kind: "lpm", spans: [[18, 115], [115, 212], [218, 317], [333, 431], [431, 529], [537, 634]], records: [
    { kind: "lpm", phase: "DESCENT", processing: "RW", timeS: 1645552800, pressureDbar: 5, images: 1, temperatureC: 18.5,
      counts: [3012, 214, 61, 27, 13, 6, 3, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0], grey: [31, 38, 46, 53, 58, 64, 70, 79, 83, 0, 97, ...zeros(7)] },
    { kind: "lpm", phase: "DESCENT", processing: "RW", timeS: 1645552830, pressureDbar: 8.1, images: 1, temperatureC: 18.512,
      counts: [2871, 198, 55, 30, 12, 8, 2, 1, 2, 1, ...zeros(8)], grey: [32, 39, 47, 54, 60, 62, 72, 75, 88, 91, ...zeros(8)] },
    { kind: "lpm", phase: "PARK", processing: "RW", timeS: 1645588852, pressureDbar: 1554.1, images: 1, temperatureC: 23.69,
      counts: [33, 0, 4, 2, 1, 0, 1, 1, 0, 1, 1, 2, 0, 0, 1, 0, 0, 2], grey: [23, 0, 17, 21, 20, 0, 21, 19, 0, 29, 30, 35, 0, 0, 43, 0, 0, 50] },
    { kind: "lpm", phase: "ASCENT", processing: "AM", timeS: 1645646405, pressureDbar: 1973, images: 180, temperatureC: 22.875,
      counts: [448005, 16022, 913, 537, 497, 451, 210, 168, 83, 54, 24, 5, 0, 1, 0, 1, 0, 0],
      grey: [33, 35, 45, 52, 55, 63, 71, 80, 88, 92, 95, 85, 0, 33, 0, 145, 0, 0] },
    { kind: "lpm", phase: "ASCENT", processing: "AM", timeS: 1645646805, pressureDbar: 1933, images: 256, temperatureC: 22.75,
      counts: [27625.001953125, 1043, 61, 35, 30, 26, 12, 9, 5, 3, 1, ...zeros(7)], grey: [33, 36, 46, 51, 56, 62, 70, 81, 90, 93, 96, ...zeros(7)] },
    { kind: "lpm", phase: "ASCENT", processing: "DW", timeS: 1645666203, pressureDbar: 0.8, images: 2, temperatureC: 19.25,
      counts: [5980, 402, 118, 49, 22, 11, 5, 3, 2, 1, 1, 0, 0, 0, 0, 0, 1, 1], grey: [31, 38, 45, 53, 57, 61, 69, 78, 85, 90, 99, 0, 0, 0, 0, 0, 26, 26] },
  ] },
  { name: "4a7e_010_01_uvp6_txo.hex", kind: "taxo", spans: [[7, 29], [45, 73], [73, 80], [88, 101], [110, 125]], records: [
    { kind: "taxo", phase: "PARK", processing: "RW", timeS: 1645596052, pressureDbar: 1550, images: 20, categories: [
      { index: 3, objects: 2, meanSize: 2345.666748046875, meanGrey: 87 }, { index: 39, objects: 1, meanSize: 40000, meanGrey: 140 }] },
    { kind: "taxo", phase: "ASCENT", processing: "AM", timeS: 1645646400, pressureDbar: 1973, images: 300, categories: [
      { index: 0, objects: 255, meanSize: 812.5, meanGrey: 40 }, { index: 12, objects: 7, meanSize: 15342.857421875, meanGrey: 98 },
      { index: 26, objects: 1, meanSize: 61234, meanGrey: 120 }] },
    { kind: "taxo", phase: "ASCENT", processing: "AM", timeS: 1645646800, pressureDbar: 1933, images: 256, categories: [] },
    { kind: "taxo", phase: "ASCENT", processing: "RW", timeS: 1645667100, pressureDbar: 0.4, images: 1, categories: [
      { index: 5, objects: 1, meanSize: 1500.25, meanGrey: 77 }] },
    { kind: "taxo", phase: "SURFACE", processing: "RW", timeS: 1645668000, pressureDbar: 0, images: 1, categories: [
      { index: 2, objects: 3, meanSize: 333.3333435058594, meanGrey: 26 }] },
  ] },
  { name: "4a7e_010_01_uvp6_blk.hex", kind: "black", spans: [[14, 33], [33, 52], [58, 77], [95, 114], [126, 145], [157, 176]], records: [
    { kind: "black", phase: "DESCENT", processing: "RW", timeS: 1645552860, pressureDbar: 20, images: 1, temperatureC: 18.4, counts: [3120, 402, 57, 11, 2] },
    { kind: "black", phase: "DESCENT", processing: "RW", timeS: 1645553460, pressureDbar: 60, images: 1, temperatureC: 18.38, counts: [2988, 377, 49, 9, 3] },
    { kind: "black", phase: "PARK", processing: "RW", timeS: 1645588862, pressureDbar: 1554.1, images: 1, temperatureC: 23.69, counts: [4301, 611, 83, 14, 1] },
    { kind: "black", phase: "DEEP_PROFILE", processing: "RW", timeS: 1645628400, pressureDbar: 1800, images: 1, temperatureC: 21.1, counts: [4655, 702, 95, 17, 4] },
    { kind: "black", phase: "SHORT_PARK", processing: "RW", timeS: 1645642800, pressureDbar: 2000, images: 1, temperatureC: 22.3, counts: [4012, 588, 71, 12, 0] },
    { kind: "black", phase: "ASCENT", processing: "RW", timeS: 1645650000, pressureDbar: 1500, images: 1, temperatureC: 22.9, counts: [3877, 540, 66, 10, 1] },
  ] },
];
const TAG_TEXTS = [...CTS5_PHASES.map((p) => `[${p}]`), ...PROCESSINGS.map((p) => `(${p})`), "(SD)", "(MD)", "(SS)"];
const isTagPrefix = (b: Uint8Array) => TAG_TEXTS.some((t) => t.length > b.length && ascii(t).slice(0, b.length).every((c, i) => c === b[i]));
const fixtureBytes = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** Random records of a kind: any phase, processing and time step (negative and > 65535 s included). */
function randomRecords(kind: SliceKind, rng: Rng, n: number, endWith1A: boolean): SliceRecord[] {
  const out: SliceRecord[] = [];
  let phase: Cts5Phase = CTS5_PHASES[rng.int(0, 5)];
  let processing = PROCESSINGS[rng.int(0, 2)];
  let timeS = 1_650_000_000 + rng.int(0, 100_000_000); // 2022-2025: real times (see cts5Tags.ts)
  for (let i = 0; i < n; i++) {
    if (rng.next() < 0.2) phase = CTS5_PHASES[rng.int(0, 5)];
    if (rng.next() < 0.3) processing = PROCESSINGS[rng.int(0, 2)];
    const proc = NAV.has(phase) && kind !== "black" ? processing : "RW";
    const r = rng.next();
    timeS += r < 0.1 ? rng.int(65536, 300_000) : r < 0.2 ? -rng.int(1, 5000) : r < 0.25 ? 65535 : rng.int(0, 3000);
    const wide = proc === "AM" && NAV.has(phase) && kind !== "black";
    const images = wide ? [255, 256, 65535, rng.int(0, 65535)][rng.int(0, 3)] : rng.int(0, 255);
    const base = { phase, processing: proc, timeS, pressureDbar: (rng.int(0, 65535) - 1000) / 10, images };
    const count = () => (rng.next() < 0.5 ? rng.int(0, 500_000) : Math.fround(rng.next() * 10 ** rng.int(0, 6)));
    const temperatureC = (rng.int(0, 65535) - 5000) / 1000;
    if (kind === "lpm") {
      out.push({ kind, ...base, temperatureC, counts: Array.from({ length: 18 }, count), grey: Array.from({ length: 18 }, () => rng.int(0, 255)) });
    } else if (kind === "black") {
      out.push({ kind, ...base, temperatureC, counts: Array.from({ length: 5 }, () => rng.int(0, 65535)) });
    } else {
      const categories = Array.from({ length: rng.int(endWith1A && i === n - 1 ? 1 : 0, 40) }, () => ({
        index: rng.int(0, 39), objects: rng.int(1, 255), meanSize: Math.fround(rng.next() * 1e5), meanGrey: rng.int(0, 255) }));
      out.push({ kind, ...base, categories });
    }
  }
  const last = out[n - 1];
  if (endWith1A && last.kind === "lpm") last.grey.splice(15, 3, 0x1a, 0x1a, 0x1a);
  if (endWith1A && last.kind === "black") last.counts[4] = 0x1a1a;
  if (endWith1A && last.kind === "taxo") last.categories[last.categories.length - 1].meanGrey = 0x1a;
  return out;
}

function randomFile(kind: SliceKind, seed: number, n = 12, padding = 0): { file: WrittenCts5; records: SliceRecord[] } {
  const records = randomRecords(kind, new Rng(seed), n, seed % 2 === 0);
  return { file: writeCts5Reference(kind, records, padding), records };
}

function expectSane(problems: DecodeProblem[], source: string, length: number): void {
  for (const p of problems) {
    expect(p.source).toBe(source);
    expect(p.offset).toBeGreaterThanOrEqual(0);
    expect(p.offset).toBeLessThan(Math.max(length, 1));
  }
}

describe("hand-built fixtures", () => {
  for (const fx of FIXTURE_FILES) {
    it(`${fx.name} decodes to the literal values, with no problem`, () => {
      const out = decodeCts5WithChecks(fixtureBytes(fx.name), fx.name); // real-shaped files: no implausible value either
      expect(out.problems).toEqual([]);
      expect(out.kind).toBe(fx.kind);
      expect(out.records).toEqual(fx.records);
      expect(parseCts5FileName(fx.name)).toEqual({ floatId: "4a7e", cycle: 10, pattern: 1, kind: fx.kind, part: null });
    });
  }

  it("keeps float32 values to the bit", () => {
    const [lpm, taxo] = FIXTURE_FILES.map((fx) => decodeCts5File(fixtureBytes(fx.name), fx.name).records);
    const a2 = lpm[4].kind === "lpm" ? lpm[4].counts[0] : NaN;
    expect(f32Bits(a2)).toBe(0x46d7d201);
    expect(a2).toBe(27625.001953125);
    const a1 = lpm[3].kind === "lpm" ? lpm[3].counts[0] : NaN;
    expect(f32Bits(a1)).toBe(0x48dac0a0);
    const p1 = taxo[0].kind === "taxo" ? taxo[0].categories[0].meanSize : NaN;
    expect(f32Bits(p1)).toBe(0x45129aab);
  });
});

describe("writer -> decoder round trip", () => {
  for (const kind of ["lpm", "taxo", "black"] as const) {
    it(`gives back random ${kind} records exactly (60 seeds)`, () => {
      const seen = { ends1A: 0, bigStep: 0, negativeStep: 0, am255: 0, am256: 0 };
      for (let seed = 0; seed < 60; seed++) {
        const rng = new Rng(1000 + seed);
        const padding = rng.int(0, 1023);
        const { file, records } = randomFile(kind, seed, rng.int(1, 40), padding);
        const out = decodeCts5File(file.bytes, `rt-${seed}`);
        expect(layoutProblems(out.problems)).toEqual([]);
        expect(out.kind).toBe(kind);
        expect(out.records).toEqual(records);
        records.forEach((r, i) => {
          const step = i > 0 ? r.timeS - records[i - 1].timeS : 0;
          if (NAV.has(r.phase) && step > 65535) seen.bigStep++;
          if (NAV.has(r.phase) && step < 0) seen.negativeStep++;
          if (r.processing === "AM" && r.images === 255) seen.am255++;
          if (r.processing === "AM" && r.images === 256) seen.am256++;
        });
        const end = file.spans[file.spans.length - 1].end;
        if (file.bytes[end - 1] === 0x1a) seen.ends1A++;
      }
      // BLACK times are absolute and its images u8: only the 0x1A ending applies to it.
      const covered = kind === "black" ? [seen.ends1A] : Object.values(seen);
      for (const n of covered) expect(n).toBeGreaterThan(3);
    });
  }
});

describe("a file cut at every byte", () => {
  const cases = [
    ...FIXTURE_FILES.map((fx) => ({ name: fx.name, bytes: fixtureBytes(fx.name), records: fx.records, spans: fx.spans })),
    ...(["lpm", "taxo", "black"] as const).flatMap((kind) => [1, 2].map((seed) => {
      const { file, records } = randomFile(kind, seed, 10, 7);
      return { name: `random-${kind}-${seed}`, bytes: file.bytes, records, spans: file.spans.map((s): [number, number] => [s.start, s.end]) };
    })),
  ];
  for (const c of cases) {
    it(`never throws and keeps every whole record: ${c.name}`, () => {
      const clean = new Set<number>([1, ...c.spans.flat()]);
      const dataEnd = c.spans[c.spans.length - 1][1];
      for (let cut = 0; cut <= c.bytes.length; cut++) {
        const out = decodeCts5File(c.bytes.subarray(0, cut), "cut");
        expectSane(out.problems, "cut", cut);
        const whole = c.spans.filter(([, end]) => end <= cut).length;
        expect(out.records).toEqual(c.records.slice(0, whole));
        const inside = c.spans.find(([start, end]) => start < cut && cut < end);
        if (cut === 0) {
          expect(out.problems.map((p) => p.message)).toEqual(["empty file"]);
        } else if (inside !== undefined) {
          const [start, end] = inside;
          if (c.bytes.subarray(start, cut).every((b) => b === 0x1a)) {
            expect(out.problems).toEqual([]);
            continue;
          }
          expect(out.problems).toHaveLength(1);
          expect(out.problems[0].offset).toBe(start);
          // A cut record whose surviving bytes look like the start of a tag is reported as a cut tag instead.
          if (/^data ends inside the tag/.test(out.problems[0].message) && isTagPrefix(c.bytes.subarray(start, cut))) continue;
          const m = /^truncated record: (at least )?(\d+) bytes missing$/.exec(out.problems[0].message);
          expect(m, out.problems[0].message).not.toBeNull();
          if (m![1] === undefined) expect(Number(m![2])).toBe(end - cut);
          else expect(Number(m![2])).toBeLessThanOrEqual(end - cut);
        } else if (clean.has(cut) || cut >= dataEnd) {
          expect(layoutProblems(out.problems)).toEqual([]);
        } else {
          expect(out.problems.length, `cut ${cut}`).toBeGreaterThan(0);
        }
      }
    });
  }
});

describe("random damage", () => {
  it("never throws, reports inside the file and keeps the records before the damage (600 seeds)", () => {
    const kinds = ["lpm", "taxo", "black"] as const;
    const tags = ["[PARK]", "[ASCENT]", "(AM)", "(DW)", "[JUNK]", "(SD)", "[", "("].map(ascii);
    for (let seed = 0; seed < 600; seed++) {
      const rng = new Rng(seed * 7919 + 1);
      const base = seed % 4 === 3
        ? (() => { const fx = FIXTURE_FILES[seed % 3]; return { bytes: fixtureBytes(fx.name), records: fx.records, spans: fx.spans.map(([start, end]) => ({ start, end })) }; })()
        : (() => { const r = randomFile(kinds[seed % 3], seed, rng.int(1, 15), rng.int(0, 40)); return { bytes: r.file.bytes, records: r.records, spans: r.file.spans }; })();
      const bytes = [...base.bytes];
      // The damage starts at byte `from` of the original file.
      let from = bytes.length;
      const mutation = rng.int(0, 3);
      if (mutation === 0) {
        for (let k = rng.int(1, 8); k > 0; k--) {
          const at = rng.int(1, bytes.length - 1);
          bytes[at] ^= 1 << rng.int(0, 7);
          from = Math.min(from, at);
        }
      } else {
        from = rng.int(1, bytes.length - 1);
        const junk = mutation === 3 ? tags[rng.int(0, tags.length - 1)] : Array.from({ length: rng.int(1, 30) }, () => rng.int(0, 255));
        const removed = mutation === 2 ? rng.int(1, 30) : 0;
        bytes.splice(from, removed, ...(mutation === 2 ? junk.slice(0, rng.int(0, junk.length)) : junk));
      }
      const out = decodeCts5File(Uint8Array.from(bytes), `damaged-${seed}`);
      expectSane(out.problems, `damaged-${seed}`, bytes.length);
      const before = base.spans.filter((s) => s.end <= from).length;
      expect(out.records.slice(0, before)).toEqual(base.records.slice(0, before));
      // After an inserted or deleted byte the fixed-width records are misaligned; CTS5 has no checksum, so what
      // follows is only re-anchored at a phase tag once a problem has shown the damage (see decodeCts5.ts).
      for (const r of out.records) {
        expect(CTS5_PHASES).toContain(r.phase);
        if (r.kind === "lpm") expect([r.counts.length, r.grey.length]).toEqual([18, 18]);
        if (r.kind === "black") expect(r.counts).toHaveLength(5);
        if (r.kind === "taxo") {
          expect(r.categories.length).toBeLessThanOrEqual(40);
          for (const c of r.categories) expect(c.index).toBeLessThanOrEqual(39);
        }
      }
    }
  });

  it("decodes exactly an undamaged file whose record bytes spell a tag, and keeps what precedes damage", () => {
    const lpm = (timeS: number, grey: number[]): SliceRecord => ({
      kind: "lpm", phase: "ASCENT", processing: "AM", timeS, pressureDbar: 958.3 - (timeS % 7), images: 12, temperatureC: 4.25,
      counts: Array.from({ length: 18 }, (_, k) => 2 ** (18 - k)), grey,
    });
    // Greys 91 80 65 82 75 93 read "[PARK]" in the middle of a record: an undamaged file must not be cut there.
    const spelled = [33, 35, 91, 80, 65, 82, 75, 93, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69];
    const records = [lpm(1_700_000_000, spelled), lpm(1_700_000_100, spelled), lpm(1_700_000_200, spelled)];
    const file = writeCts5Reference("lpm", records);
    const out = decodeCts5File(file.bytes, "spelled");
    expect(out.problems).toEqual([]);
    expect(out.records).toEqual(records);
    const fx = FIXTURE_FILES[0];
    const b = fixtureBytes(fx.name);
    const added = decodeCts5File(bytesOf(b.subarray(0, 200), [9, 9, 9], b.subarray(200)), "added");
    expect(added.problems.length).toBeGreaterThan(0);
    expect(added.records[0]).toEqual(fx.records[0]);
  });
});

describe("padding", () => {
  for (const kind of ["lpm", "taxo", "black"] as const) {
    it(`skips 0 to 1023 bytes of 0x1A after a record that ends with 0x1A (${kind})`, () => {
      const { file, records } = randomFile(kind, 4, 5);
      expect(file.bytes[file.bytes.length - 1]).toBe(0x1a);
      for (let n = 0; n <= 1023; n++) {
        const out = decodeCts5File(bytesOf(file.bytes, new Array(n).fill(0x1a)), "pad");
        expect(layoutProblems(out.problems)).toEqual([]);
        expect(out.records).toEqual(records);
      }
      const long = decodeCts5File(bytesOf(file.bytes, new Array(1500).fill(0x1a)), "pad");
      expect(long.records).toEqual(records);
      expect(long.problems).toEqual([{ source: "pad", offset: file.bytes.length, message: expect.stringMatching(/^note: 1500 bytes of 0x1A padding/) }]);
    });
  }
});

describe("problems, one by one", () => {
  const lpmRecords = randomRecords("lpm", new Rng(5), 3, false)
    .map((r, i) => ({ ...r, phase: "PARK" as const, processing: "RW" as const, images: 7, timeS: 1_650_000_000 + 10 * i }));
  const park = writeCts5Reference("lpm", lpmRecords);
  const parkGroup = park.bytes.subarray(1);
  const decode = (...parts: (number[] | Uint8Array)[]) => decodeCts5File(bytesOf(...parts), "f");
  const messages = (problems: DecodeProblem[]) => problems.map((p) => [p.offset, p.message]);

  it("rejects an empty file, an unknown first byte and v1 files", () => {
    expect(decodeCts5File(new Uint8Array(0), "e")).toEqual({ kind: null, records: [], problems: [{ source: "e", offset: 0, message: "empty file" }] });
    for (const b of [0x00, 0x1a, 0x42, 0xff]) {
      const out = decode([b], parkGroup);
      expect([out.kind, out.records, out.problems[0].offset]).toEqual([null, [], 0]);
      expect(out.problems[0].message).toMatch(/^unknown first byte/);
    }
    for (const b of [0x0e, 0x11]) expect(decode([b], parkGroup).problems[0].message).toMatch(/LPM v1 \/ BLACK v1 not supported/);
  });

  it("skips data before any phase tag, and unknown tags, up to the next phase tag", () => {
    const before = decode([0x1b, 1, 2, 3], parkGroup);
    expect(messages(layoutProblems(before.problems))).toEqual([[1, "data before any phase tag; 3 bytes skipped to the next tag at offset 4"]]);
    expect(before.records).toEqual(lpmRecords);
    const unknown = decode([0x1b], ascii("[FOO_BAR]"), [9, 9], parkGroup);
    expect(messages(unknown.problems)).toEqual([[1, "unknown tag text [FOO_BAR]; 11 bytes skipped to the next tag at offset 12"]]);
    expect(unknown.records).toEqual(lpmRecords);
  });

  it("needs a processing tag and its reference in a navigation phase (LPM/TAXO)", () => {
    const am = writeCts5Reference("lpm", lpmRecords.map((r) => ({ ...r, phase: "ASCENT" as const, processing: "AM" as const, images: 300 })));
    const group = am.bytes.subarray(1 + 8 + 4 + 4);
    const out = decode([0x1b], ascii("[ASCENT]"), group, am.bytes.subarray(9));
    expect(messages(layoutProblems(out.problems))).toEqual([
      [1, "phase tag [ASCENT] not followed by a processing tag"],
      [9, `relative time with no reference (no processing tag after [ASCENT] at offset 1); ${group.length} bytes skipped to the next tag at offset ${9 + group.length}`],
    ]);
    expect(out.records).toEqual(lpmRecords.map((r) => ({ ...r, phase: "ASCENT", processing: "AM", images: 300 })));
    const cut = decode(am.bytes.subarray(0, 1 + 8 + 4 + 2));
    expect(messages(cut.problems)).toEqual([[9, "time reference after (AM) truncated: 2 bytes missing"]]);
    expect(messages(decode(am.bytes.subarray(0, 1 + 8 + 2)).problems)).toEqual([[9, "data ends inside the tag (AM): 2 bytes missing"]]);
    expect(messages(decode(am.bytes.subarray(0, 1 + 5)).problems)).toEqual([[1, "data ends inside the tag [ASCENT]: 3 bytes missing"]]);
    expect(messages(decode([0x1b], ascii("(RW)"), parkGroup).problems)).toEqual([[1, "processing tag (RW) before any phase tag; 4 bytes skipped to the next tag at offset 5"]]);
    expect(messages(decode([0x1b], ascii("[PARK](AM)"), parkGroup.subarray(6)).problems)).toEqual([[7, "processing tag (AM) in [PARK], whose records are always raw: ignored"]]);
    const sd = decode(am.bytes, ascii("(SD)"), [1, 2, 3], am.bytes.subarray(9));
    const at = am.bytes.length;
    expect(messages(sd.problems)).toEqual([[at, `processing tag (SD) is not used in UVP files; 7 bytes skipped to the next tag at offset ${at + 7}`]]);
    expect(sd.records).toHaveLength(6);
  });

  it("reads BLACK records without a processing tag, or with a wrong one, as (RW)", () => {
    const black = randomRecords("black", new Rng(9), 2, false).map((r) => ({ ...r, phase: "DESCENT" as const, processing: "RW" as const }));
    const file = writeCts5Reference("black", black);
    const records = file.bytes.subarray(1 + 9 + 4);
    const missing = decode([0x1d], ascii("[DESCENT]"), records);
    expect(messages(missing.problems)).toEqual([[1, "phase tag [DESCENT] not followed by a processing tag: records read as (RW)"]]);
    expect(missing.records).toEqual(black);
    const am = decode([0x1d], ascii("[DESCENT](AM)"), records);
    expect(messages(am.problems)).toEqual([[10, "processing tag (AM) in a BLACK file (only (RW) is used): records read as (RW)"]]);
    expect(am.records).toEqual(black);
  });

  it("reports TAXO N above 40 and class indexes above 39, and reads on", () => {
    const record = (n: number, index: number) => [0x10, 0, 0, 0x60, 0xe8, 0x03, 1, n, ...Array.from({ length: n }, () => [index, 1, 0, 0, 0x80, 0x3f, 50]).flat()];
    const bad = decode([0x1c], ascii("[PARK]"), record(2, 40), record(1, 7), record(41, 1), ascii("[SURFACE]"), record(0, 0));
    expect(messages(bad.problems)).toEqual([
      [7, "TAXO category 1 (offset 15) has class index 40 (at most 39): record dropped"],
      [44, "TAXO record with N = 41 categories (at most 40); 295 bytes skipped to the next tag at offset 339"],
    ]);
    expect(bad.records.map((r) => [r.phase, r.kind === "taxo" ? r.categories.map((c) => c.index) : null])).toEqual([["PARK", [7]], ["SURFACE", []]]);
  });
});
