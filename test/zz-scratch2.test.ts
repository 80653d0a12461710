import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import { Firmware } from "../host/firmware/index.js";
import { FloatTelemetry } from "../host/firmware/floatTelemetry.js";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import { trainPriorTable } from "../host/telemetry/sbd/trainPriorTable.js";
import { priorTableBytes } from "../host/telemetry/sbd/priorTable.js";
import { encodeSbdCycleV2 } from "./support/sbdReferenceEncoderV2.js";
import type { SliceRecord } from "../host/telemetry/types.js";

it("scratch2", () => {
  const dir = "test/fixtures/argo-4903634";
  const profile = loadProfile("000118LP");
  const files = readdirSync(dir).filter((f) => f.endsWith("_aux.nc")).sort();
  const recs = files.map((f) => sliceRecordsFromAux(readAuxProfile(readFileSync(join(dir, f))), profile.zones) as SliceRecord[]);
  const enc = (rs: readonly SliceRecord[], table: any) => encodeSbdCycleV2(rs, { floatId: 4903634, cycle: 20, maxBytes: 340, table });
  const table = trainPriorTable(7, recs.slice(0, 3), enc);
  for (const t of [null, table]) {
    for (const build of ["simd", "scalar"] as const) {
      for (const kind of ["lpm", "black", "taxo"]) {
        const ofKind = recs[4].filter((r) => r.kind === kind);
        const ft = new FloatTelemetry(Firmware.create(build));
        expect(ft.setPriorTable(t === null ? new Uint8Array(0) : priorTableBytes(t))).toBe(0);
        ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { cycle: 20, sbdMaxBytes: 340, formats: { cts5: false, sbd: true } }));
        for (const r of ofKind) ft.pushSlice(r);
        ft.finish();
        const fw = ft.takeParts().filter((p) => p.format === "sbd").map((p) => Array.from(p.bytes));
        const ref = enc(ofKind, t).map((m) => Array.from(m));
        expect(fw.length).toBe(ref.length);
        fw.forEach((m, i) => expect(m, `${build} ${kind} ${t?.id} msg ${i}`).toEqual(ref[i]));
      }
    }
  }
});
