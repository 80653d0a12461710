// Both decoders flag values no float sends, each with its file and byte offset, while the real float's
// profiles (its AUX files through the firmware's encoders) and the CTS5 fixtures decode without a problem.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import { loadProfile } from "../host/config/profile.js";
import { Firmware, Status } from "../host/firmware/index.js";
import { FloatTelemetry } from "../host/firmware/floatTelemetry.js";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { packageRoot } from "../host/paths.js";
import { decodeCts5File } from "../host/telemetry/cts5/index.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import { implausibleRecords, MAX_OBJECTS_PER_IMAGE } from "../host/telemetry/plausibility.js";
import { decodeSbdMessages } from "../host/telemetry/sbd/index.js";
import type { DecodeProblem, LpmSlice, SliceRecord } from "../host/telemetry/types.js";
import { Rng } from "../simulator/random.js";
import { writeCts5Reference } from "./support/cts5ReferenceWriter.js";
import { encodeSbdCycle } from "./support/sbdReferenceEncoder.js";

const ARGO = join(packageRoot(), "test", "fixtures", "argo-4903634");
const T0 = Date.UTC(2022, 4, 18) / 1000;

function lpm(o: Partial<LpmSlice> = {}): LpmSlice {
  return {
    kind: "lpm", phase: "PARK", processing: "RW", timeS: T0, pressureDbar: 1000, images: 20, temperatureC: 8.5,
    counts: [40000, 900, 80, 20, 10, 5, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], grey: new Array(18).fill(40), ...o,
  };
}

const implausible = (problems: DecodeProblem[]) => problems.filter((p) => p.message.startsWith("implausible"));

describe("the real float's profiles", () => {
  it.each(["001", "005", "010", "020", "030", "046"])("cycle %s through both encoders decodes with no problem", (cycle) => {
    const profile = loadProfile("000118LP");
    const aux = readAuxProfile(readFileSync(join(ARGO, `R4903634_${cycle}_aux.nc`)));
    const ft = new FloatTelemetry(Firmware.create("auto"));
    expect(ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { floatId: 4903634, cycle: aux.cycle, pattern: 1 }))).toBe(Status.OK);
    for (const r of sliceRecordsFromAux(aux, profile.zones)) expect(ft.pushSlice(r)).toBe(Status.OK);
    expect(ft.finish()).toBe(Status.OK);
    const parts = ft.takeParts();
    const cts5 = parts.filter((p) => p.format === "cts5").map((p, i) => decodeCts5File(p.bytes, `f${i}`));
    expect(cts5.flatMap((r) => r.problems)).toEqual([]);
    const sbd = decodeSbdMessages(parts.filter((p) => p.format === "sbd").map((p, i) => ({ source: `m${i}`, bytes: p.bytes })));
    expect(sbd.problems).toEqual([]);
  });

  it("the CTS5 fixture files decode with no problem", () => {
    for (const name of ["4a7e_010_01_uvp6_lpm.hex", "4a7e_010_01_uvp6_txo.hex", "4a7e_010_01_uvp6_blk.hex"]) {
      expect(decodeCts5File(readFileSync(join(packageRoot(), "test", "fixtures", "cts5", name)), name).problems).toEqual([]);
    }
  });
});

describe("CTS5: values no float sends", () => {
  it("random record bytes after a valid tag: counts like -6.5e36 are named with their record's offset", () => {
    const good = writeCts5Reference("lpm", [lpm()]).bytes;
    const rng = new Rng(7);
    let flagged = 0;
    for (let seed = 0; seed < 40; seed++) {
      const bytes = Uint8Array.from(good);
      for (let i = 1 + "[PARK]".length; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
      const out = decodeCts5File(bytes, "random.hex");
      const found = implausible(out.problems);
      if (out.records.length > 0) expect(found.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const p of found) expect(p.offset).toBe(7); // the record starts right after the type byte and [PARK]
      flagged += found.length > 0 ? 1 : 0;
    }
    expect(flagged).toBeGreaterThan(30);
  });

  it("a flipped bit in a raw count (173 -> 173.001953125) is named, an AM average's fraction is not", () => {
    const raw = writeCts5Reference("lpm", [lpm({ counts: [173, ...new Array(17).fill(0)] })]).bytes;
    const at = 1 + 6 + 4 + 2 + 1 + 2; // type, [PARK], time, pressure, images, temperature: the first count
    raw[at] ^= 1; // lowest mantissa bit of 173 (0x432D0000) -> 173.0000152...
    const out = decodeCts5File(raw, "flip.hex");
    expect(out.records[0].kind === "lpm" && out.records[0].counts[0]).not.toBe(173);
    expect(implausible(out.problems).map((p) => [p.offset, p.message])).toEqual([[7, expect.stringMatching(/count 1 is 173\.0000\d+, not a whole number in a raw \(RW\) LPM record/)]]);
    const am = lpm({ phase: "ASCENT", processing: "AM", images: 200, counts: [27625.001953125, ...new Array(17).fill(0)] });
    expect(implausibleRecords([{ record: am, source: "x", offset: 0 }], T0)).toEqual([]);
  });

  it("each bound, one by one", () => {
    const cases: Array<[SliceRecord, RegExp]> = [
      [lpm({ counts: [-1, ...new Array(17).fill(0)] }), /count 1 is negative/],
      [lpm({ counts: [NaN, ...new Array(17).fill(0)] }), /count 1 is NaN/],
      [lpm({ images: 1, counts: [MAX_OBJECTS_PER_IMAGE + 1, ...new Array(17).fill(0)] }), /more than 1 images can hold/],
      [lpm({ images: 0, counts: [1, ...new Array(17).fill(0)] }), /more than 0 images can hold/],
      [lpm({ images: 300 }), /300 images in a raw \(RW\) slice/],
      [lpm({ pressureDbar: -100 }), /pressure -100 dbar outside -10 to 6000/],
      [lpm({ pressureDbar: 6453.5 }), /pressure 6453.5 dbar/],
      [lpm({ temperatureC: 60.5 }), /temperature 60.5 degree C outside -3 to 60/],
      [lpm({ timeS: 1000 }), /time 1000 \(1970-01-01T00:16:40Z\) outside 2015-01-01/],
      [{ kind: "taxo", phase: "PARK", processing: "RW", timeS: T0, pressureDbar: 1000, images: 1, categories: [{ index: 0, objects: 26, meanSize: 900, meanGrey: 60 }] }, /26 classified objects, more than 1 images can hold/],
      [{ kind: "taxo", phase: "PARK", processing: "RW", timeS: T0, pressureDbar: 1000, images: 4, categories: [{ index: 0, objects: 2, meanSize: NaN, meanGrey: 60 }] }, /mean size NaN for 2 objects/],
    ];
    for (const [record, why] of cases) {
      const problems = implausibleRecords([{ record, source: "s", offset: 42 }], T0);
      expect(problems.map((p) => p.message), String(why)).toEqual([expect.stringMatching(why)]);
      expect(problems[0]).toMatchObject({ source: "s", offset: 42 });
    }
    const empty = { kind: "taxo" as const, phase: "PARK" as const, processing: "RW" as const, timeS: T0, pressureDbar: 1000, images: 4, categories: [{ index: 0, objects: 0, meanSize: NaN, meanGrey: 255 }] };
    expect(implausibleRecords([{ record: empty, source: "s", offset: 0 }], T0)).toEqual([]); // the camera's 0/0 for an empty category
    // A bloc found over-exposed after some frames were classified prints TAXO_DATA,0 with their objects (the demo
    // mission sends five such): a raw slice of 0 images, or an AM slice that merged one, is not flagged.
    const overexposed = { ...empty, processing: "RW" as const, images: 0, categories: [{ index: 0, objects: 2, meanSize: 1167, meanGrey: 83 }] };
    const merged = { ...empty, phase: "ASCENT" as const, processing: "AM" as const, images: 2, categories: [{ index: 0, objects: 60, meanSize: 1167, meanGrey: 83 }] };
    expect(implausibleRecords([{ record: overexposed, source: "s", offset: 0 }, { record: merged, source: "s", offset: 9 }], T0)).toEqual([]);
  });

  it("a record 90 days from the rest of its file, and an AM slice with more images than its time allows", () => {
    const group = [0, 1, 2].map((i) => ({ record: lpm({ timeS: T0 + i * 3600 }), source: "f", offset: 10 + i }));
    group.push({ record: lpm({ timeS: T0 + 90 * 86400 }), source: "f", offset: 99 });
    expect(implausibleRecords(group, T0 + 100 * 86400).map((p) => [p.offset, p.message])).toEqual([[99, expect.stringMatching(/90 days from the other records'.*outside one cycle/)]]);
    const am = (t: number, images: number) => ({ record: lpm({ phase: "ASCENT", processing: "AM", timeS: t, images }), source: "f", offset: t - T0 });
    expect(implausibleRecords([am(T0, 255 + 25 * 10), am(T0 + 10, 60)], T0 + 1e5)).toEqual([]);
    expect(implausibleRecords([am(T0, 256 + 25 * 10), am(T0 + 10, 60)], T0 + 1e5).map((p) => p.message)).toEqual([expect.stringMatching(/506 images in 10 s before the next ASCENT slice/)]);
  });
});

describe("SBD: values no float sends, though the checksum holds", () => {
  it("names the message and the record's offset", () => {
    const records = [lpm(), lpm({ timeS: T0 + 7200, counts: [173.5, ...new Array(17).fill(0)] }), lpm({ timeS: T0 + 14400, temperatureC: -4.5 })];
    const messages = encodeSbdCycle(records, { floatId: 1, cycle: 3, maxBytes: 340 });
    const out = decodeSbdMessages(messages.map((bytes, i) => ({ source: `m${i}`, bytes })));
    expect(out.records).toHaveLength(3);
    const found = implausible(out.problems);
    expect(found.map((p) => p.message)).toEqual([
      expect.stringMatching(/count 1 is 173\.5, not a whole number in a raw \(RW\) LPM record/),
      expect.stringMatching(/temperature -4\.5 degree C outside -3 to 60/),
    ]);
    for (const p of found) {
      expect(p.source).toBe("m0");
      expect(p.offset).toBeGreaterThanOrEqual(13); // inside the body, after the 13-byte header
      expect(p.offset).toBeLessThan(messages[0].length);
    }
  });
});
