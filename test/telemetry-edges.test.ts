// Edges of the float side found in review, each pinned: long cycles, extreme predictions, values the formats
// cannot carry, a refused last record, TAXO blocs without images, tag-like bytes, and host-side range checks.
import { describe, expect, it } from "vitest";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import type { ZoneTable } from "../host/config/profile.js";
import { BUILDS, Firmware, Status } from "../host/firmware/index.js";
import { FloatTelemetry, type TelemetryPart } from "../host/firmware/floatTelemetry.js";
import type { BlocRecord } from "../host/firmware/records.js";
import { decodeCts5File } from "../host/telemetry/cts5/index.js";
import { decodeSbdMessages } from "../host/telemetry/sbd/index.js";
import type { LpmSlice, SliceRecord } from "../host/telemetry/types.js";

const ZONES: ZoneTable = { boundariesDbar: [100], sliceThicknessDbar: [1, 10], processing: ["raw", "mean"] };

function floatSide(build: (typeof BUILDS)[number], sbdMaxBytes = 340, formats = { cts5: true, sbd: true }): FloatTelemetry {
  const ft = new FloatTelemetry(Firmware.create(build));
  expect(ft.configure(buildFloatConfigBlob(ZONES, { wmo: 77, sbdMaxBytes }, { formats }))).toBe(Status.OK);
  return ft;
}
const sbdOf = (parts: TelemetryPart[]) => decodeSbdMessages(parts.filter((p) => p.format === "sbd").map((p, i) => ({ source: `m${i}`, bytes: p.bytes })));
const cts5Of = (parts: TelemetryPart[]) => parts.filter((p) => p.format === "cts5").flatMap((p) => decodeCts5File(p.bytes, "f").records);
const lpm = (over: Partial<LpmSlice> = {}): LpmSlice => ({
  kind: "lpm", phase: "ASCENT", processing: "AM", timeS: 1.7e9, pressureDbar: 50, images: 10, temperatureC: 4,
  counts: Array.from({ length: 18 }, (_, k) => 2 ** (17 - k)), grey: Array.from({ length: 18 }, (_, k) => 30 + 4 * k), ...over,
});
const bloc = (i: number, kind: "LPM" | "BLACK" = "LPM"): BlocRecord => ({
  kind, overexposed: false, images: 2, framesAccumulated: 2, timeS: 1.7e9 + 10 * i, pressureDbar: 60 - i * 0.01, temperatureC: 5,
  counts: Array.from({ length: 18 }, (_, k) => (i * 7919 + k * 104729) % (5000 >> Math.min(k, 12))), grey: Array.from({ length: 18 }, (_, k) => 30 + k),
});

describe.each(BUILDS)("float side edges (%s build)", (build) => {
  it("numbers more than 256 messages of a cycle without repeating (u16 sequence): every record comes back", () => {
    const ft = floatSide(build, 100);
    for (let i = 0; i < 1200; i++) for (const s of ft.pushBloc(bloc(i))) expect(s).toBe(Status.OK);
    expect(ft.finish()).toBe(Status.OK);
    const parts = ft.takeParts();
    const sbd = sbdOf(parts);
    expect(parts.filter((p) => p.format === "sbd").length).toBeGreaterThan(300);
    expect(sbd.problems).toEqual([]);
    expect(sbd.records).toHaveLength(1200);
    expect(sbd.summary.lines[0]).toMatch(/all \d+ messages received/);
  });

  it("caps a first record's prediction, so a huge image count cannot bend a count", () => {
    const ft = floatSide(build, 340, { cts5: false, sbd: true }); // CTS5 carries at most 65,535 images
    const r = lpm({ images: 2 ** 21 + 5000, counts: Array(18).fill(1000) });
    expect(ft.pushSlice(r)).toBe(Status.OK);
    expect(ft.finish()).toBe(Status.OK);
    expect(sbdOf(ft.takeParts()).records).toEqual([{ ...r, pressureDbar: 50, temperatureC: 4 }]);
  });

  it("refuses at entry a bloc whose pressure or temperature no format can carry (not later, silently)", () => {
    const ft = floatSide(build);
    expect(ft.pushBloc({ ...bloc(1), pressureDbar: 7000 })).toEqual([Status.BLOC_RECORD]);
    expect(ft.pushBloc({ ...bloc(2), temperatureC: 61 })).toEqual([Status.BLOC_RECORD]);
    expect(ft.pushBloc({ ...bloc(3, "BLACK"), temperatureC: -6 })).toEqual([Status.BLOC_RECORD]);
    expect(ft.pushBloc(bloc(4))).toEqual([Status.OK]);
    expect(ft.finish()).toBe(Status.OK);
    expect(sbdOf(ft.takeParts()).records).toHaveLength(1);
  });

  it("closes the cycle with an empty last message when its last record was refused", () => {
    const ft = floatSide(build, 100);
    const small = (i: number) => lpm({ timeS: 1.7e9 + i, counts: Array(18).fill(3), grey: Array(18).fill(40) });
    let i = 0;
    const taken: TelemetryPart[] = [];
    while ((taken.push(...ft.takeParts()), taken.length === 0) || i < 3) expect(ft.pushSlice(small(i++))).toBe(Status.OK);
    // Seal the open message with a record no message can hold: it is refused once it waited for the release.
    const huge = lpm({ timeS: 1.7e9 + 1000, counts: Array(18).fill(0.3), grey: Array(18).fill(255) });
    let s = ft.pushSlice(huge);
    while (s === Status.OK) s = ft.pushSlice(huge);
    expect(s).toBe(Status.RECORD_TOO_LARGE);
    expect(ft.finish()).toBe(Status.OK);
    const sbd = sbdOf([...taken, ...ft.takeParts()]);
    expect(sbd.problems).toEqual([]);
    expect(sbd.summary.lines[0]).toMatch(/all \d+ messages received/);
    expect(sbd.summary.cycles[0].total).not.toBeNull();
  });

  it("sends the TAXO slice of classified objects even when their blocs report 0 images", () => {
    const ft = floatSide(build);
    const b = { ...bloc(1), taxo: [{ kind: "TAXO" as const, timeS: 1.7e9, pressureDbar: 60, triplets: [{ classIndex: 4, volumePx3: 900, meanGrey: 70 }], candidates: 1, candidatesOverLimit: 0, unclassified: false }] };
    expect(ft.pushBloc(b, 0)).toEqual([Status.OK, Status.OK]);
    expect(ft.finish()).toBe(Status.OK);
    const taxo = sbdOf(ft.takeParts()).records.filter((r) => r.kind === "taxo");
    expect(taxo).toHaveLength(1);
    expect(taxo[0]).toMatchObject({ images: 0, categories: [{ index: 4, objects: 1, meanSize: 900, meanGrey: 70 }] });
  });

  it("refuses slices thinner than 0.01 dbar (both builds would number them differently)", () => {
    const ft = new FloatTelemetry(Firmware.create(build));
    expect(ft.configure(buildFloatConfigBlob({ ...ZONES, sliceThicknessDbar: [1e-20, 10] }, { wmo: 1, sbdMaxBytes: 340 }))).toBe(Status.FLOAT_CONFIG_ZONES);
    expect(ft.configure(buildFloatConfigBlob({ ...ZONES, sliceThicknessDbar: [0.01, 10] }, { wmo: 1, sbdMaxBytes: 340 }))).toBe(Status.OK);
  });

  it("never starts a CTS5 record with '[' or '(': a time step that would is given a new reference", () => {
    const ft = floatSide(build);
    // Step 21032 s = 0x5228 and pressure code 10583 = 0x2957: the record would start with the bytes "(RW)".
    const records = [lpm({ timeS: 1.7e9 }), lpm({ timeS: 1.7e9 + 21032, pressureDbar: 958.3 }), lpm({ timeS: 1.7e9 + 21032 + 0x15b })];
    for (const r of records) expect(ft.pushSlice(r)).toBe(Status.OK);
    expect(ft.finish()).toBe(Status.OK);
    const parts = ft.takeParts();
    expect(cts5Of(parts).map((r) => [r.timeS, r.pressureDbar])).toEqual(records.map((r) => [r.timeS, r.pressureDbar]));
    const file = parts.find((p) => p.format === "cts5")!.bytes;
    expect(Buffer.from(file).toString("latin1").split("(AM)").length - 1).toBe(3);
  });

  it("refuses a PARK record said to be averaged, and host values its staging cannot hold", () => {
    const ft = floatSide(build);
    expect(ft.pushSlice(lpm({ phase: "PARK", processing: "AM" }))).toBe(Status.SLICE_RECORD);
    expect(ft.pushSlice(lpm({ timeS: -1 }))).toBe(Status.SLICE_RECORD);
    expect(ft.pushSlice(lpm({ grey: Array(18).fill(300) }))).toBe(Status.SLICE_RECORD);
    const taxo: SliceRecord = { kind: "taxo", phase: "ASCENT", processing: "AM", timeS: 1, pressureDbar: 1, images: 1, categories: [{ index: 259, objects: 1, meanSize: 1, meanGrey: 1 }] };
    expect(ft.pushSlice(taxo)).toBe(Status.SLICE_RECORD);
    expect(ft.counters().recordsInvalid).toBe(1);
  });
});
