// Compact SBD format version 2: prior tables (fitted on other profiles), their refusal when missing, the firmware's
// checks of a table, and damaged messages.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import { Firmware, Status } from "../host/firmware/index.js";
import { FloatTelemetry } from "../host/firmware/floatTelemetry.js";
import { encodeSbdWithFirmware } from "../host/firmware/encodeSbd.js";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import { decodeSbdMessages, priorTableBytes, priorTableProblem, PRIOR_TABLE_BYTES } from "../host/telemetry/sbd/index.js";
import { trainPriorTable } from "../host/telemetry/sbd/trainPriorTable.js";
import type { SliceRecord } from "../host/telemetry/types.js";
import { expectSurvivesDamage } from "./support/sbdDamage.js";
import { encodeSbdCycleV2 } from "./support/sbdReferenceEncoderV2.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "argo-4903634");
const profile = loadProfile("000118LP");
const load = (cycle: string) => sliceRecordsFromAux(readAuxProfile(readFileSync(join(FIXTURES, `R4903634_${cycle}_aux.nc`))), profile.zones) as SliceRecord[];
const train = [load("001"), load("010"), load("030")];
const heldOut = load("046");
const reference = (rs: readonly SliceRecord[], table: Parameters<typeof encodeSbdCycleV2>[1]["table"], maxBytes = 340) =>
  encodeSbdCycleV2(rs, { floatId: 4903634, cycle: 46, maxBytes, table });
const table = trainPriorTable(3, train, (rs, t) => reference(rs, t));
const inputs = (ms: Uint8Array[]) => ms.map((bytes, i) => ({ source: `m${i}.sbd`, bytes }));
const size = (ms: Uint8Array[]) => ms.reduce((a, m) => a + m.length, 0);
// Exact values: a number's shortest round-trip text, with -0 spelled out; pressure and temperature travel as u16
// codes, so they compare as the float32 values the AUX file holds.
const bits = (rs: SliceRecord[]) =>
  JSON.stringify(rs, (k, v) => (typeof v !== "number" ? v : Object.is(v, -0) ? "-0" : String(k === "pressureDbar" || k === "temperatureC" ? Math.fround(v) : v)));

describe("prior tables", () => {
  it("a table fitted on cycles 001, 010, 030 gives cycle 046 back bit for bit, in fewer bytes than no table, at 100-340 B", () => {
    for (const limit of [100, 270, 340]) {
      const withTable = reference(heldOut, table, limit);
      const without = reference(heldOut, null, limit);
      const back = decodeSbdMessages(inputs(withTable), { priorTables: [table] });
      expect(back.problems).toEqual([]);
      const order = (rs: SliceRecord[]) => ["lpm", "black", "taxo"].flatMap((k) => rs.filter((r) => r.kind === k));
      expect(bits(back.records)).toBe(bits(order(heldOut)));
      expect(withTable.every((m) => m.length <= limit && m[1] === 0x20 + (m[1] & 15) && m[13] === 3)).toBe(true);
      expect(size(withTable)).toBeLessThan(size(without));
    }
  });

  it("a message whose table the decoder lacks is refused, naming the id; the others still decode", () => {
    const withTable = reference(heldOut.filter((r) => r.kind === "lpm"), table);
    const plain = encodeSbdCycleV2(heldOut.filter((r) => r.kind === "black"), { floatId: 4903634, cycle: 47, maxBytes: 340, table: null });
    const r = decodeSbdMessages([...inputs(withTable), ...inputs(plain).map((m) => ({ ...m, source: `p-${m.source}` }))]);
    expect(r.problems.length).toBe(withTable.length);
    expect(r.problems[0]).toEqual({
      source: "m0.sbd", offset: 13,
      message: "message was coded with SBD prior table id 3, which this decoder does not hold (no table given); a profile under profiles/ must carry table 3 (\"sbdPriorTable\")",
    });
    expect(r.records.length).toBe(heldOut.filter((x) => x.kind === "black").length);
    const other = { ...table, id: 4 };
    expect(decodeSbdMessages(inputs(withTable.slice(0, 1)), { priorTables: [other] }).problems[0].message).toContain("holds 4");
  });

  it("checks a table's shape; the firmware refuses a bad one (status, no table in force) and wants a new configuration after any", () => {
    expect(priorTableProblem(table)).toBeNull();
    expect(priorTableProblem({ ...table, id: 0 })).toMatch(/id 0/);
    expect(priorTableProblem({ ...table, lpmGreys: table.lpmGreys.slice(1) })).toMatch(/lpmGreys/);
    expect(priorTableBytes(table).length).toBe(PRIOR_TABLE_BYTES);
    const fw = Firmware.create("scalar");
    const ft = new FloatTelemetry(fw);
    const bad = priorTableBytes(table);
    bad[4 + 3] = 0x80; // an LPM count of 2^31 or more
    expect(ft.setPriorTable(bad)).toBe(Status.PRIOR_TABLE);
    expect(fw.raw.floatPriorTableId()).toBe(0);
    expect(ft.setPriorTable(priorTableBytes(table).subarray(0, 100))).toBe(Status.PRIOR_TABLE);
    expect(ft.setPriorTable(priorTableBytes(table))).toBe(Status.OK);
    expect(fw.raw.floatPriorTableId()).toBe(3);
    expect(ft.pushSlice(heldOut[0])).toBe(Status.FLOAT_NOT_CONFIGURED);
    expect(ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { cycle: 46 }))).toBe(Status.OK);
    expect(ft.pushSlice(heldOut[0])).toBe(Status.OK);
  });

  it("the firmware's table-coded messages survive drops, duplicates, reordering, truncation and bit flips (30 seeds)", () => {
    const messages = encodeSbdWithFirmware(heldOut, table, { zones: profile.zones, float: profile.float, cycle: 46, sbdMaxBytes: 270 });
    expectSurvivesDamage(messages, [table], 30);
  });
});
