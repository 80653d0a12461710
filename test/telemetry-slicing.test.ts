// The firmware's slicing (bloc records -> slice records) against a plain reference slicer on random missions,
// read back through the lossless SBD decoder; plus the float side's statuses and counters.
import { describe, expect, it } from "vitest";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import type { ZoneTable } from "../host/config/profile.js";
import { BUILDS, Firmware, Status } from "../host/firmware/index.js";
import { FloatTelemetry } from "../host/firmware/floatTelemetry.js";
import type { BlocRecord, TaxoTriplet } from "../host/firmware/records.js";
import { decodeCts5File } from "../host/telemetry/cts5/index.js";
import { decodeSbdMessages } from "../host/telemetry/sbd/index.js";
import { CTS5_PHASES, type Cts5Phase, type SliceRecord } from "../host/telemetry/types.js";
import { Rng } from "../simulator/random.js";
import { referenceSlices, type SliceEvent } from "./support/referenceSlicer.js";
import { layoutProblems } from "./support/problems.js";

const REAL_ZONES: ZoneTable = { boundariesDbar: [1, 100, 500, 1000], sliceThicknessDbar: [1, 5, 10, 20, 40], processing: ["decimated", "mean", "mean", "mean", "mean"] };
const MIXED_ZONES: ZoneTable = { boundariesDbar: [10, 50, 200], sliceThicknessDbar: [2, 5, 10, 25], processing: ["raw", "mean", "decimated", "mean"] };
const SETTINGS = { wmo: 4903634, sbdMaxBytes: 340 };

function bloc(rng: Rng, kind: "LPM" | "BLACK", timeS: number, pressureDbar: number): BlocRecord {
  const counts = Array.from({ length: 18 }, (_, k) => (rng.chance(0.05) ? 0 : Math.floor(rng.next() * 3000 * 0.55 ** k)));
  return {
    kind, overexposed: false, images: kind === "LPM" ? rng.int(1, 3) : 2, framesAccumulated: 2, timeS, pressureDbar,
    temperatureC: 4 + rng.next() * 8, counts, grey: counts.map((c, k) => (c === 0 ? 0 : Math.min(255, 30 + 4 * k + rng.int(0, 10)))),
  };
}

function triplets(rng: Rng): TaxoTriplet[] {
  return Array.from({ length: rng.int(0, 30) }, () => ({ classIndex: rng.int(0, 39), volumePx3: rng.int(100, 65535), meanGrey: rng.int(20, 200) }));
}

/** A random mission: phases in order, blocs every few seconds, pressures across every zone, TAXO now and then. */
function mission(rng: Rng): SliceEvent[] {
  const events: SliceEvent[] = [];
  let t = 1.65e9 + rng.int(0, 1e6) + rng.next();
  const leg = (phase: Cts5Phase, from: number, to: number, n: number): void => {
    events.push({ phase });
    for (let i = 0; i < n; i++) {
      t += rng.int(1, 40) + rng.next();
      const p = from + ((to - from) * i) / n + rng.next() * 0.3;
      if (rng.chance(0.1)) events.push({ bloc: bloc(rng, "BLACK", t, p) });
      const lit = bloc(rng, "LPM", t, p);
      events.push(rng.chance(0.5) ? { bloc: lit, taxo: { images: lit.images, triplets: triplets(rng) } } : { bloc: lit });
    }
  };
  leg("DESCENT", 0, 300, rng.int(20, 120));
  leg("PARK", 300, 302, rng.int(3, 20));
  leg("DEEP_PROFILE", 302, 1100, rng.int(20, 120));
  leg("ASCENT", 1100, 0.2, rng.int(80, 400));
  leg("SURFACE", 0.2, 0.1, rng.int(1, 5));
  return events;
}

function runFirmware(build: (typeof BUILDS)[number], events: SliceEvent[], zones: ZoneTable): { records: SliceRecord[]; cts5: SliceRecord[]; ft: FloatTelemetry } {
  const ft = new FloatTelemetry(Firmware.create(build));
  expect(ft.configure(buildFloatConfigBlob(zones, SETTINGS, { cycle: 7 }))).toBe(Status.OK);
  for (const e of events) {
    if ("phase" in e) expect(ft.setPhase(e.phase)).toBe(Status.OK);
    else {
      const b = e.taxo ? { ...e.bloc, taxo: [{ kind: "TAXO" as const, timeS: e.bloc.timeS, pressureDbar: e.bloc.pressureDbar, triplets: e.taxo.triplets, candidates: 0, candidatesOverLimit: 0, unclassified: false }] } : e.bloc;
      for (const s of ft.pushBloc(b, e.taxo?.images)) expect(s).toBe(Status.OK);
    }
  }
  expect(ft.finish()).toBe(Status.OK);
  const parts = ft.takeParts();
  const sbd = decodeSbdMessages(parts.filter((p) => p.format === "sbd").map((p, i) => ({ source: `m${i}`, bytes: p.bytes })));
  expect(layoutProblems(sbd.problems)).toEqual([]);
  const cts5 = parts.filter((p) => p.format === "cts5").flatMap((p) => decodeCts5File(p.bytes, "f").records);
  return { records: sbd.records, cts5, ft };
}

const ofKind = (rs: SliceRecord[], k: string) => rs.filter((r) => r.kind === k);

describe.each(BUILDS)("firmware slicing against the reference slicer (%s build)", (build) => {
  for (const [name, zones] of [["the real float's zones", REAL_ZONES], ["raw, mean and decimated zones", MIXED_ZONES]] as const) {
    it(`gives the reference's slice records on 12 random missions with ${name}`, () => {
      for (let seed = 1; seed <= 12; seed++) {
        const events = mission(new Rng(seed * 31 + zones.boundariesDbar.length));
        const expected = referenceSlices(events, zones);
        const { records, cts5 } = runFirmware(build, events, zones);
        for (const k of ["lpm", "black", "taxo"]) {
          expect(ofKind(records, k)).toEqual(ofKind(expected, k));
          // CTS5 carries the same records (TAXO counts here stay <= 255, images within their fields).
          expect(ofKind(cts5, k).length).toBe(ofKind(expected, k).length);
        }
        expect(ofKind(records, "lpm").some((r) => r.processing === "AM")).toBe(true);
      }
    });
  }

  it("counts decimated blocs and the black objects of classes 6-18 it does not send", () => {
    const rng = new Rng(5);
    const events: SliceEvent[] = [{ phase: "ASCENT" }];
    let dropped = 0;
    for (let i = 0; i < 10; i++) {
      const b = bloc(rng, i % 2 ? "BLACK" : "LPM", 1.7e9 + i, 0.5); // all within the first 1-dbar decimated slice
      if (b.kind === "BLACK") dropped += b.counts.slice(5).reduce((a, c) => a + c, 0);
      events.push({ bloc: b });
    }
    const { ft, records } = runFirmware(build, events, REAL_ZONES);
    expect(ft.counters().blocsDecimated).toBe(4);
    expect(ft.counters().blackObjectsDropped).toBe(dropped);
    expect(ofKind(records, "lpm").map((r) => r.processing)).toEqual(["DW"]);
  });
});

describe.each(BUILDS)("float side statuses (%s build)", (build) => {
  it("refuses bad configurations, phases and records with their status, and keeps working", () => {
    const fw = Firmware.create(build);
    const ft = new FloatTelemetry(fw);
    expect(fw.raw.floatSetPhase(4)).toBe(Status.FLOAT_NOT_CONFIGURED);
    const good = buildFloatConfigBlob(REAL_ZONES, SETTINGS);
    const broken = (at: number, v: number) => { const b = good.slice(); b[at] = v; return b; };
    expect(ft.configure(broken(0, 0))).toBe(Status.FLOAT_CONFIG_HEADER);
    expect(ft.configure(broken(15, 0))).toBe(Status.FLOAT_CONFIG_ZONES);
    expect(ft.configure(broken(80, 3))).toBe(Status.FLOAT_CONFIG_ZONES);
    expect(ft.configure(broken(18, 0))).toBe(Status.FLOAT_CONFIG_TELEMETRY);
    expect(ft.configure(buildFloatConfigBlob({ ...REAL_ZONES, boundariesDbar: [1, 100, 50, 1000] }, SETTINGS))).toBe(Status.FLOAT_CONFIG_ZONES);
    expect(ft.configure(good)).toBe(Status.OK);
    expect(fw.raw.floatSetPhase(6)).toBe(Status.FLOAT_PHASE);
    const lpm = { kind: "lpm", phase: "ASCENT", processing: "AM", timeS: 1.7e9, pressureDbar: 10, images: 3, temperatureC: 5, counts: Array(18).fill(1), grey: Array(18).fill(40) } as const;
    expect(ft.pushSlice({ ...lpm, pressureDbar: 7000 })).toBe(Status.SLICE_RECORD); // (P + 100) * 10 beyond u16
    expect(ft.pushSlice({ ...lpm, temperatureC: -6 })).toBe(Status.SLICE_RECORD);
    expect(ft.pushSlice({ kind: "taxo", phase: "ASCENT", processing: "AM", timeS: 1, pressureDbar: 1, images: 1, categories: [{ index: 40, objects: 1, meanSize: 1, meanGrey: 1 }] })).toBe(Status.SLICE_RECORD);
    expect(fw.raw.floatPushBloc()).toBe(Status.BLOC_RECORD); // staging area still zero: kind 0
    expect(ft.pushSlice(lpm)).toBe(Status.OK);
    expect(ft.finish()).toBe(Status.OK);
    const parts = ft.takeParts();
    expect(parts.map((p) => `${p.format}/${p.kind}`)).toEqual(["sbd/lpm", "cts5/lpm"]);
    expect(fw.raw.telemetryReleasePart(0)).toBe(Status.NO_PART);
  });

  it("holds a record while its part waits for the host, then writes it first in the next part", () => {
    const fw = Firmware.create(build);
    const x = fw.raw;
    const ft = new FloatTelemetry(fw);
    expect(ft.configure(buildFloatConfigBlob(REAL_ZONES, { wmo: 1, sbdMaxBytes: 100 }, { formats: { cts5: false, sbd: true } }))).toBe(Status.OK);
    // Drive the raw exports (no auto-drain) until the first message seals.
    const rng = new Rng(9);
    let pushed = 0;
    while (x.telemetryReadyParts() === 0) {
      expect(x.floatClearSlice(2)).toBe(Status.OK);
      const v = new DataView(x.memory.buffer, x.sliceStagingPtr(2), 608);
      v.setUint8(1, 4);
      v.setUint32(4, 1.7e9 + pushed * 60, true);
      v.setFloat64(8, 900 - pushed, true);
      v.setFloat64(16, 4, true);
      v.setUint32(24, 2, true);
      for (let k = 0; k < 5; k++) v.setFloat32(28 + 4 * k, rng.int(0, 60000), true);
      expect(x.floatPushSlice(2)).toBe(Status.OK);
      pushed++;
    }
    expect(x.floatPushSlice(2)).toBe(Status.PART_WAITING);
    expect(x.floatClearSlice(2)).toBe(Status.PART_WAITING);
    expect(x.floatFinish()).toBe(Status.PART_WAITING);
    const stream = 3 + 1; // SBD, BLACK
    expect(x.telemetryReadyParts()).toBe(1 << stream);
    const first = new Uint8Array(x.memory.buffer, x.telemetryPartPtr(stream), x.telemetryPartBytes(stream)).slice();
    expect(first.length).toBeLessThanOrEqual(100);
    expect(x.telemetryReleasePart(stream)).toBe(Status.OK);
    expect(ft.finish()).toBe(Status.OK);
    const rest = ft.takeParts();
    const decoded = decodeSbdMessages([{ source: "first", bytes: first }, ...rest.map((p, i) => ({ source: `m${i}`, bytes: p.bytes }))]);
    expect(decoded.problems).toEqual([]);
    expect(decoded.records.length).toBe(pushed);
    expect(decoded.summary.lines[0]).toMatch(/all 2 messages received/);
  });

  it("refuses a record no empty message can hold, counts it, and carries on", () => {
    const ft = new FloatTelemetry(Firmware.create(build));
    expect(ft.configure(buildFloatConfigBlob(REAL_ZONES, { wmo: 1, sbdMaxBytes: 100 }))).toBe(Status.OK);
    const huge = { kind: "lpm", phase: "ASCENT", processing: "AM", timeS: 1.7e9, pressureDbar: 10, images: 3, temperatureC: 5, counts: Array(18).fill(0.3), grey: Array(18).fill(255) } as const;
    expect(ft.pushSlice(huge)).toBe(Status.RECORD_TOO_LARGE);
    expect(ft.pushSlice({ ...huge, counts: Array(18).fill(3), grey: Array(18).fill(40) })).toBe(Status.OK);
    expect(ft.finish()).toBe(Status.OK);
    expect(ft.counters().sbdRecordsTooLarge).toBe(1);
    const parts = ft.takeParts();
    expect(parts.filter((p) => p.format === "cts5").flatMap((p) => decodeCts5File(p.bytes, "f").records)).toHaveLength(2);
    expect(decodeSbdMessages(parts.filter((p) => p.format === "sbd").map((p) => ({ source: "m", bytes: p.bytes }))).records).toHaveLength(1);
  });

  it("names every CTS5 phase it is given", () => {
    const ft = new FloatTelemetry(Firmware.create(build));
    expect(ft.configure(buildFloatConfigBlob(REAL_ZONES, SETTINGS))).toBe(Status.OK);
    for (const phase of CTS5_PHASES) expect(ft.setPhase(phase)).toBe(Status.OK);
  });
});
