// The SBD noise-bounded mode (docs/operators.md, "Noise-bounded counts"): the bins and their bound, the firmware
// against the independent reference encoder, round trips within the bound, the header's code, damaged messages.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import { Firmware, Status } from "../host/firmware/index.js";
import { FloatTelemetry } from "../host/firmware/floatTelemetry.js";
import { encodeSbdWithFirmware } from "../host/firmware/encodeSbd.js";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import { decodeSbdMessage, decodeSbdMessages, crc16CcittFalse } from "../host/telemetry/sbd/index.js";
import { quantBin, quantIndex, quantIndexLimit } from "../host/telemetry/sbd/noiseQuantiser.js";
import { trainPriorTable } from "../host/telemetry/sbd/trainPriorTable.js";
import { implausibleRecords, MAX_OBJECTS_PER_IMAGE } from "../host/telemetry/plausibility.js";
import { CTS5_PHASES, type BlackSlice, type LpmSlice, type SliceRecord } from "../host/telemetry/types.js";
import { Rng } from "../simulator/random.js";
import { expectSurvivesDamage } from "./support/sbdDamage.js";
import { encodeSbdCycleV2, referenceQuantise } from "./support/sbdReferenceEncoderV2.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "argo-4903634");
const profile = loadProfile("000118LP");
const files = readdirSync(FIXTURES).filter((f) => f.endsWith("_aux.nc")).sort();
const profiles = files.map((f) => sliceRecordsFromAux(readAuxProfile(readFileSync(join(FIXTURES, f))), profile.zones) as SliceRecord[]);
const reference = (rs: readonly SliceRecord[], table: Parameters<typeof encodeSbdCycleV2>[1]["table"], noiseCode: number, maxBytes = 340) =>
  encodeSbdCycleV2(rs, { floatId: 4903634, cycle: 46, maxBytes, table, noiseCode });
const table = trainPriorTable(5, profiles.slice(0, 3), (rs, t) => reference(rs, t, 0));
const inputs = (ms: Uint8Array[]) => ms.map((bytes, i) => ({ source: `m${i}.sbd`, bytes }));
const CODES = [5, 10, 20, 50];
const TWO_24 = 2 ** 24;
const view = new DataView(new ArrayBuffer(4));
const f32bits = (x: number) => (view.setFloat32(0, x), view.getUint32(0));
const fromBits = (b: number) => (view.setUint32(0, b), view.getFloat32(0));

/** Every decoded count against the one sent: within its bound, the bound within f sqrt(n) / 2, exact where the
 *  bound is 0; everything else bit for bit. Returns the largest |error| / sqrt(n) seen. */
function checkWithinBound(sent: readonly SliceRecord[], decoded: readonly SliceRecord[], code: number): number {
  expect(decoded.length).toBe(sent.length);
  let worst = 0;
  sent.forEach((s, i) => {
    const d = decoded[i];
    expect(d.kind).toBe(s.kind);
    if (s.kind === "taxo") return expect({ ...d, pressureDbar: Math.fround(d.pressureDbar) }).toEqual({ ...s, pressureDbar: Math.fround(s.pressureDbar) });
    const { approximate, ...rest } = d as LpmSlice | BlackSlice;
    expect(approximate?.noiseFraction).toBe(code / 100);
    const bounds = approximate!.countBounds;
    expect(bounds.length).toBe(s.counts.length);
    // Pressure and temperature travel as u16 codes: they compare as the float32 values the AUX file holds.
    const f32 = (r: SliceRecord) => ({ ...r, counts: [], pressureDbar: Math.fround(r.pressureDbar), temperatureC: Math.fround((r as LpmSlice).temperatureC) });
    expect(f32(rest as SliceRecord)).toEqual(f32(s));
    s.counts.forEach((c, k) => {
      const got = (rest as LpmSlice).counts[k];
      const n = Math.floor(c + 0.5);
      if (bounds[k] === 0) return expect(Object.is(got, c), `count ${k}: ${got} vs ${c}`).toBe(true);
      expect(Math.abs(got - c), `count ${k} ${c} -> ${got}`).toBeLessThanOrEqual(bounds[k]);
      expect((200 * bounds[k]) ** 2).toBeLessThanOrEqual(code * code * n);
      worst = Math.max(worst, Math.abs(got - c) / Math.sqrt(c));
    });
  });
  return worst;
}

describe("noise-bounded bins", () => {
  it("every integer up to 2^24 lies within its bin's bound, the bound within f sqrt(n) / 2, bins numbered without gaps (f = 0.1, 1)", () => {
    for (const code of [10, 100]) {
      // Each bin is checked at both ends of the integers it holds: every integer between lies as close or closer.
      const checkBin = (q: number, first: number, lastV: number) => {
        const { value, bound } = quantBin(q, code);
        const ok = quantIndex(value, code) === q && value - first <= bound && lastV - value <= bound && value >= first && (200 * bound) ** 2 <= code * code * first;
        if (!ok) throw new Error(`code ${code}: bin ${q} holding ${first}-${lastV}: ${value} ± ${bound}`);
      };
      let q = 0;
      let first = 0;
      for (let v = 1; v <= TWO_24 + 4; v++) {
        const next = quantIndex(v, code);
        if (next === q) continue;
        if (next !== q + 1) throw new Error(`code ${code}: ${v} has index ${next} after ${q}`);
        checkBin(q, first, v - 1);
        q = next;
        first = v;
      }
    }
  });

  it("agrees with the reference encoder's bins (BigInt, bisection) on edges and random integers; exact from 2^24 and where f sqrt(n) < 2", () => {
    const rng = new Rng(7);
    for (const code of [1, ...CODES, 100]) {
      const edges = [0, 1, 2, 3, 399, 400, 401, 2 ** 20 - 1, 2 ** 20, TWO_24 - 1, TWO_24, TWO_24 + 1, 2 ** 31, 4294967040, 2 ** 32 - 1];
      const values = [...edges, ...Array.from({ length: 300 }, () => rng.int(0, 2 ** 32 - 1)), ...Array.from({ length: 300 }, () => rng.int(0, 5000))];
      for (const v of values) {
        const ref = referenceQuantise(v, code);
        expect(quantIndex(v, code), `code ${code} v ${v}`).toBe(ref.index);
        const bin = quantBin(ref.index, code);
        expect(bin.value).toBe(ref.value);
        if (v >= TWO_24 || code * code * v < 40000) expect(bin).toEqual({ value: v, bound: 0 });
      }
      expect(quantIndexLimit(code)).toBe(quantIndex(2 ** 32 - 1, code) + 1);
    }
  });
});

describe("noise-bounded messages", () => {
  it("the firmware (simd and scalar) writes the reference encoder's bytes per kind, with and without a prior table, at 340 and 100 B", () => {
    // One kind at a time: the firmware seals messages of the three kinds as records come, the reference kind by kind.
    for (const kind of ["lpm", "black"] as const) {
      const held = profiles[4].filter((r) => r.kind === kind);
      for (const code of [10, 50]) {
        for (const t of [null, table]) {
          for (const limit of [340, 100]) {
            const ref = reference(held, t, code, limit);
            for (const build of ["simd", "scalar"] as const) {
              const fw = encodeSbdWithFirmware(held, t, { zones: profile.zones, float: { ...profile.float, sbdNoiseFraction: code / 100 }, cycle: 46, sbdMaxBytes: limit, build });
              const what = `${build} ${kind} code ${code} table ${t?.id ?? 0} ${limit} B`;
              expect(fw.length, what).toBe(ref.length);
              fw.forEach((m, i) => expect(Buffer.from(m).equals(Buffer.from(ref[i])), `${what} message ${i}`).toBe(true));
            }
          }
        }
      }
    }
  });

  it("the six real profiles come back within the bound at f = 0.05-0.5, greys, TAXO and record fields exact, in fewer bytes", () => {
    const order = (rs: readonly SliceRecord[]) => ["lpm", "black", "taxo"].flatMap((k) => rs.filter((r) => r.kind === k));
    for (const code of CODES) {
      let worst = 0;
      for (const rs of profiles.slice(3)) {
        const lossless = reference(rs, table, 0);
        const ms = reference(rs, table, code);
        expect(ms.every((m) => m[9] >> 1 === code && m.length <= 340)).toBe(true);
        expect(ms.reduce((a, m) => a + m.length, 0)).toBeLessThan(lossless.reduce((a, m) => a + m.length, 0));
        const back = decodeSbdMessages(inputs(ms), { priorTables: [table] });
        expect(back.problems).toEqual([]);
        worst = Math.max(worst, checkWithinBound(order(rs), back.records, code));
      }
      expect(worst).toBeLessThanOrEqual(code / 200);
      expect(worst).toBeGreaterThan(0);
    }
  });

  it("random records with adversarial counts (0, 1, one ulp off, 2^24 +- 1, 2^31, the largest float32 below 2^32, raw values) round-trip within the bound (60 seeds)", () => {
    const special = [0, 1, 2, 399, 400, TWO_24 - 1, TWO_24, TWO_24 + 2, 2 ** 31, 4294967040, 4294967296, NaN, -0, 0.3, Infinity];
    for (let seed = 1; seed <= 60; seed++) {
      const rng = new Rng(seed);
      const code = rng.pick([1, 5, 10, 20, 50, 100]);
      const kind = rng.pick(["lpm", "black"] as const);
      const records: SliceRecord[] = [];
      let images = rng.int(0, 255);
      for (let r = 0; r < rng.int(1, 30); r++) {
        images = rng.chance(0.2) ? rng.int(0, 255) : images;
        const count = () => {
          const x = rng.int(0, 5);
          const n = x === 0 ? rng.pick(special) : x === 1 ? rng.int(0, 100) : x === 2 ? rng.int(0, 3_000_000) : x === 3 ? rng.int(0, 2 ** 32 - 1) : rng.int(0, 100_000);
          const v = Math.fround(n);
          // One ulp off an integer, as averaged (AM) counts are.
          return x === 4 && v > 0 && v < TWO_24 && rng.chance(0.5) ? fromBits(f32bits(v) + rng.pick([-1, 1])) : v;
        };
        const base = { phase: CTS5_PHASES[rng.int(0, 5)], processing: "RW" as const, timeS: 1_650_000_000 + r * 60, pressureDbar: (1000 + 10 * r) / 10 - 100, images };
        const counts = Array.from({ length: kind === "lpm" ? 18 : 5 }, count);
        records.push(kind === "lpm" ? { kind, ...base, pressureDbar: 100 + r, temperatureC: 20, counts, grey: counts.map(() => rng.int(0, 255)) } : { kind, ...base, pressureDbar: 100 + r, temperatureC: 20, counts });
      }
      const ms = encodeSbdCycleV2(records, { floatId: 1, cycle: 2, maxBytes: 340, table: null, noiseCode: code });
      const back = ms.flatMap((m) => {
        const r = decodeSbdMessage("m", m);
        expect(r.ok, `seed ${seed}`).toBe(true);
        return r.ok ? r.records : [];
      });
      checkWithinBound(records, back, code);
    }
  });

  it("the header carries the code in flags bits 1-7: above 100 is refused at byte 9, a version-1 message with those bits too", () => {
    const m = reference(profiles[5].filter((r) => r.kind === "black"), null, 20)[0];
    const withFlags = (bytes: Uint8Array, flags: number) => {
      const b = bytes.slice();
      b[9] = flags;
      const crc = crc16CcittFalse(b, 0, b.length - 2);
      b[b.length - 2] = crc & 0xff;
      b[b.length - 1] = crc >> 8;
      return b;
    };
    const ok = decodeSbdMessage("m", m);
    expect(ok.ok && ok.header.noiseCode).toBe(20);
    const bad = decodeSbdMessage("m", withFlags(m, (101 << 1) | (m[9] & 1)));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatchObject({ offset: 9, message: expect.stringMatching(/noise code 101 .* above 100/) });
    const v1 = withFlags(m, 4);
    v1[1] = 0x12;
    const crc = crc16CcittFalse(v1, 0, v1.length - 2);
    v1[v1.length - 2] = crc & 0xff;
    v1[v1.length - 1] = crc >> 8;
    const r1 = decodeSbdMessage("m", v1);
    expect(!r1.ok && r1.problem.message).toMatch(/reserved flag bits set/);
    // The same record with another code is a different message: the code is read, never assumed.
    const other = decodeSbdMessage("m", withFlags(m, 5 << 1));
    expect(other.ok ? other.records : null).not.toEqual(ok.ok ? ok.records : null);
  });

  it("the plausibility check gives an approximate count its bound: a full frame's objects stay plausible once rounded up", () => {
    const base = { kind: "black" as const, phase: "ASCENT" as const, processing: "RW" as const, timeS: 1_650_000_000, pressureDbar: 100, images: 1, temperatureC: 20 };
    const counts = [MAX_OBJECTS_PER_IMAGE + 300, 0, 0, 0, 0];
    const check = (r: SliceRecord) => implausibleRecords([{ record: r, source: "m", offset: 14 }], 1_700_000_000);
    expect(check({ ...base, counts, approximate: { noiseFraction: 1, countBounds: [512, 0, 0, 0, 0] } })).toEqual([]);
    expect(check({ ...base, counts })[0].message).toMatch(/more than 1 images can hold/);
    expect(check({ ...base, counts, approximate: { noiseFraction: 1, countBounds: [100, 0, 0, 0, 0] } })).toHaveLength(1);
  });

  it("the firmware refuses a code above 100 (a fraction above 1) and keeps its configuration", () => {
    const ft = new FloatTelemetry(Firmware.create("scalar"));
    expect(ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { cycle: 3, sbdNoiseFraction: 1.01 }))).toBe(Status.FLOAT_CONFIG_TELEMETRY);
    expect(ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { cycle: 3, sbdNoiseFraction: 1 }))).toBe(Status.OK);
  });

  it("the firmware's noise-bounded messages survive drops, duplicates, reordering, truncation and bit flips (40 seeds)", () => {
    const messages = encodeSbdWithFirmware(profiles[5], table, { zones: profile.zones, float: { ...profile.float, sbdNoiseFraction: 0.1 }, cycle: 46, sbdMaxBytes: 270 });
    expectSurvivesDamage(messages, [table], 40);
  });
});
