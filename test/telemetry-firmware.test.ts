// The firmware's float side against independent code: the host decoders (written from the README), the
// reference SBD encoder and CTS5 writer (test/support), a plain reference slicer, and the real float's data.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import { loadProfile } from "../host/config/profile.js";
import { BUILDS, Firmware, Status } from "../host/firmware/index.js";
import { FloatTelemetry, type TelemetryPart } from "../host/firmware/floatTelemetry.js";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { decodeCts5File } from "../host/telemetry/cts5/index.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import { decodeSbdMessages } from "../host/telemetry/sbd/index.js";
import type { SliceKind, SliceRecord } from "../host/telemetry/types.js";
import { writeCts5Reference } from "./support/cts5ReferenceWriter.js";
import { encodeSbdCycleV2 } from "./support/sbdReferenceEncoderV2.js";
import { trainPriorTable } from "../host/telemetry/sbd/trainPriorTable.js";
import { priorTableBytes, type SbdPriorTable } from "../host/telemetry/sbd/priorTable.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "argo-4903634");
const AUX_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith("_aux.nc")).sort();
const profile = loadProfile("000118LP");
const KINDS: SliceKind[] = ["lpm", "black", "taxo"];

function encode(build: (typeof BUILDS)[number], records: readonly SliceRecord[], opts: { sbdMaxBytes?: number; cycle?: number; formats?: { cts5: boolean; sbd: boolean }; table?: SbdPriorTable | null } = {}): TelemetryPart[] {
  const ft = new FloatTelemetry(Firmware.create(build));
  if (opts.table) expect(ft.setPriorTable(priorTableBytes(opts.table))).toBe(Status.OK);
  expect(ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { cycle: opts.cycle ?? 1, sbdMaxBytes: opts.sbdMaxBytes, formats: opts.formats }))).toBe(Status.OK);
  for (const r of records) expect(ft.pushSlice(r)).toBe(Status.OK);
  expect(ft.finish()).toBe(Status.OK);
  return ft.takeParts();
}

function decodeParts(parts: TelemetryPart[]): { cts5: SliceRecord[]; sbd: SliceRecord[]; problems: number } {
  const cts = parts.filter((p) => p.format === "cts5").map((p, i) => decodeCts5File(p.bytes, `part${i}`));
  const sbd = decodeSbdMessages(parts.filter((p) => p.format === "sbd").map((p, i) => ({ source: `msg${i}`, bytes: p.bytes })));
  return { cts5: cts.flatMap((c) => c.records), sbd: sbd.records, problems: cts.reduce((a, c) => a + c.problems.length, 0) + sbd.problems.length };
}

/** A record as the float32 AUX file holds it (pressure and temperature as float32), to compare field by field. */
function asAux(r: SliceRecord): unknown {
  const base = { kind: r.kind, timeS: r.timeS, pressureDbar: Math.fround(r.pressureDbar), images: r.images };
  if (r.kind === "taxo") return { ...base, categories: r.categories };
  return { ...base, temperatureC: Math.fround(r.temperatureC), counts: r.counts, ...(r.kind === "lpm" ? { grey: r.grey } : {}) };
}
const byTime = (a: SliceRecord[]) => KINDS.flatMap((k) => a.filter((r) => r.kind === k).sort((x, y) => x.timeS - y.timeS));

describe.each(BUILDS)("real float data through the firmware encoders (%s build)", (build) => {
  it.each(AUX_FILES)("%s: every LPM, BLACK and TAXO level comes back identical (float32 bits) from CTS5 and SBD", (file) => {
    const aux = readAuxProfile(readFileSync(join(FIXTURES, file)));
    const records = sliceRecordsFromAux(aux, profile.zones);
    for (const limit of [340, 100]) {
      const decoded = decodeParts(encode(build, records, { sbdMaxBytes: limit, cycle: aux.cycle }));
      expect(decoded.problems).toBe(0);
      const expected = byTime(records).map(asAux);
      expect(byTime(decoded.sbd).map(asAux)).toEqual(expected);
      if (limit === 340) expect(byTime(decoded.cts5).map(asAux)).toEqual(expected);
      // toEqual treats -0 and 0 alike; the counts' float32 bits must match exactly.
      const bitsOf = (rs: SliceRecord[]) => new Uint32Array(new Float32Array(byTime(rs).flatMap((r) => (r.kind === "taxo" ? r.categories.map((c) => c.meanSize) : r.counts))).buffer);
      expect(bitsOf(decoded.sbd)).toEqual(bitsOf(records));
      // The levels read back equal what the AUX file holds (the decoded values, not our records, are compared).
      expect(byTime(decoded.sbd).filter((r) => r.kind === "lpm").length).toBe(aux.lpm.length);
      const lpmAux = aux.lpm.map((l) => ({ kind: "lpm", timeS: l.timeS, pressureDbar: l.pressureDbar, images: l.images, temperatureC: l.temperatureC, counts: l.counts, grey: l.grey })).sort((a, b) => a.timeS - b.timeS);
      expect(byTime(decoded.sbd).filter((r) => r.kind === "lpm").map(asAux)).toEqual(lpmAux);
    }
  });
});

describe.each(BUILDS)("firmware bytes against the reference encoders (%s build)", (build) => {
  const aux = readAuxProfile(readFileSync(join(FIXTURES, "R4903634_020_aux.nc")));
  const records = sliceRecordsFromAux(aux, profile.zones);
  // A prior table fitted (through the reference encoder) on three other profiles, never on cycle 20.
  const others = ["R4903634_001_aux.nc", "R4903634_010_aux.nc", "R4903634_030_aux.nc"].map((f) => sliceRecordsFromAux(readAuxProfile(readFileSync(join(FIXTURES, f))), profile.zones));
  const table = trainPriorTable(9, others, (rs, t) => encodeSbdCycleV2(rs, { floatId: 4903634, cycle: 1, maxBytes: 340, table: t }));
  for (const limit of [100, 270, 340]) {
    for (const t of [null, table] as (SbdPriorTable | null)[]) {
      it(`SBD messages at ${limit} bytes ${t === null ? "without a prior table" : "with a prior table"} are byte-identical to the reference encoder's, kind by kind`, () => {
        for (const kind of KINDS) {
          const ofKind = records.filter((r) => r.kind === kind);
          const firmware = encode(build, ofKind, { sbdMaxBytes: limit, cycle: 20, formats: { cts5: false, sbd: true }, table: t }).map((p) => Array.from(p.bytes));
          const reference = encodeSbdCycleV2(ofKind, { floatId: 4903634, cycle: 20, maxBytes: limit, table: t }).map((m) => Array.from(m));
          expect(firmware.length).toBeGreaterThan(0);
          expect(firmware[0][13]).toBe(t?.id ?? 0);
          expect(firmware).toEqual(reference);
        }
      });
    }
  }
  it("each kind's CTS5 file is byte-identical to the reference writer's one file of all its records, across buffer chunks", () => {
    let chunked = 0;
    for (const kind of KINDS) {
      const ofKind = records.filter((r) => r.kind === kind);
      const ft = new FloatTelemetry(Firmware.create(build));
      expect(ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { cycle: 20, formats: { cts5: true, sbd: false } }))).toBe(Status.OK);
      for (const r of ofKind) expect(ft.pushSlice(r)).toBe(Status.OK);
      expect(ft.finish()).toBe(Status.OK);
      const files = ft.takeParts();
      expect(files.map((p) => p.kind)).toEqual([kind]);
      const bytes = files[0].bytes;
      // One type byte, at the start only: NKE writes one file per sensor and cycle.
      expect(Array.from(bytes)).toEqual(Array.from(writeCts5Reference(kind, ofKind).bytes));
      expect(decodeCts5File(bytes, "f").records.length).toBe(ofKind.length);
      const chunks = ft.cts5ChunkCounts()[kind];
      // Chunks of at most 4,096 bytes, each but the last filled to within one record (<= 99 B here) of it.
      expect(chunks).toBeGreaterThanOrEqual(Math.ceil(bytes.length / 4096));
      expect(chunks).toBeLessThanOrEqual(Math.max(1, Math.ceil(bytes.length / (4096 - 99))));
      if (chunks > 1) chunked++;
    }
    // The real profile's LPM file is over 4,096 bytes: the buffer was handed over in several chunks.
    expect(chunked).toBeGreaterThan(0);
  });
});

describe("the firmware's SBD messages under telemetry faults", () => {
  it("gives back every intact message's records exactly and reports every damaged or missing one (150 seeds)", async () => {
    const { Rng } = await import("../simulator/random.js");
    const aux = readAuxProfile(readFileSync(join(FIXTURES, "R4903634_046_aux.nc")));
    const messages = encode("simd", sliceRecordsFromAux(aux, profile.zones), { formats: { cts5: false, sbd: true }, cycle: 46 }).map((p) => p.bytes);
    const recordsOf = messages.map((m) => decodeSbdMessages([{ source: "m", bytes: m }]).records.map((r) => JSON.stringify(r)));
    for (let seed = 1; seed <= 150; seed++) {
      const rng = new Rng(seed);
      const sent: { source: string; bytes: Uint8Array; intact: number | null }[] = [];
      const dropped: number[] = [];
      messages.forEach((m, i) => {
        const fate = rng.int(0, 9);
        if (fate === 0) return void dropped.push(i);
        let bytes = m;
        let intact: number | null = i;
        if (fate === 1) { bytes = m.slice(0, rng.int(0, m.length - 1)); intact = null; }
        if (fate === 2) { bytes = m.slice(); bytes[rng.int(0, m.length - 1)] ^= 1 << rng.int(0, 7); intact = null; }
        sent.push({ source: `msg${i}`, bytes, intact });
        if (fate === 3) sent.push({ source: `msg${i}-again`, bytes: m, intact: i });
      });
      for (let i = sent.length - 1; i > 0; i--) { const j = rng.int(0, i); [sent[i], sent[j]] = [sent[j], sent[i]]; }
      const result = decodeSbdMessages(sent.map(({ source, bytes }) => ({ source, bytes })));
      const got = new Set(result.records.map((r) => JSON.stringify(r)));
      const intactIndexes = new Set(sent.flatMap((s) => (s.intact === null ? [] : [s.intact])));
      for (const i of intactIndexes) for (const r of recordsOf[i]) expect(got.has(r), `seed ${seed}: message ${i}`).toBe(true);
      for (const s of sent.filter((x) => x.intact === null)) {
        if (!intactIndexes.has(Number(s.source.slice(3)))) expect(result.problems.some((p) => p.source === s.source), `seed ${seed}: ${s.source}`).toBe(true);
      }
      const missing = [...dropped, ...sent.filter((s) => s.intact === null).map((s) => Number(s.source.slice(3)))].filter((i) => !intactIndexes.has(i));
      if (missing.length > 0) expect(result.summary.lines.join(" "), `seed ${seed}`).toMatch(/not received|may be missing/);
      expect(result.records.length).toBe([...intactIndexes].reduce((a, i) => a + recordsOf[i].length, 0));
    }
  });
});
