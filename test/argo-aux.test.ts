// Argo AUX profile reader on the real files of float 4903634 (test/fixtures/argo-4903634, see README.md there),
// plus synthetic NetCDF-3 files written here: current variable names, profiles in another order, fill values.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { NetCDFReader } from "netcdfjs";
import { describe, expect, it } from "vitest";
import { ARGO_2023_NAMES, ARGO_CURRENT_NAMES } from "../host/formats/argo/auxNames.js";
import { ArgoAuxError, readAuxProfile, readAuxProfileFile } from "../host/formats/argo/auxReader.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "argo-4903634");
const FILES = readdirSync(FIXTURES)
  .filter((f) => /^R4903634_\d{3}_aux\.nc$/u.test(f))
  .sort();
const fixture = (cycle: number): string => join(FIXTURES, `R4903634_${String(cycle).padStart(3, "0")}_aux.nc`);

describe("Argo AUX reader on the real files of float 4903634", () => {
  it("has the six profile fixtures", () => {
    expect(FILES).toEqual([1, 5, 10, 20, 30, 46].map((c) => `R4903634_${String(c).padStart(3, "0")}_aux.nc`));
  });

  it.each(FILES)("reads %s with no problems", (f) => {
    const p = readAuxProfileFile(join(FIXTURES, f));
    expect(p.problems).toEqual([]);
    expect(p.names).toBe("2023");
    expect(p.platform).toBe("4903634");
    expect(p.cycle).toBe(Number(f.slice(9, 12)));
    expect(p.direction).toBe("A");
    expect(p.profiles).toEqual({ lpm: [0], black: [1], taxo: [2] });
    expect(p.juldDays).toBeGreaterThan(26000);
    expect(p.lpm.length).toBeGreaterThan(80);
    expect(p.black.length).toBeGreaterThan(80);
    expect(p.taxo.length).toBeGreaterThan(80);
    for (const lv of p.lpm) {
      expect(lv.counts).toHaveLength(18);
      expect(lv.grey).toHaveLength(18);
      expect(lv.images).toBeGreaterThan(0);
      expect(lv.pressureDbar).toBeGreaterThanOrEqual(0);
      expect(lv.pressureDbar).toBeLessThan(2100);
      expect(Number.isInteger(lv.timeS)).toBe(true); // the float's times are whole seconds
      expect(Math.abs(lv.timeS - (p.profileTimeS ?? 0))).toBeLessThan(3 * 86400);
      for (const g of lv.grey) expect(g >= 0 && g <= 255).toBe(true);
    }
    for (const lv of p.black) {
      expect(lv.counts).toHaveLength(5);
      for (const c of lv.counts) expect(Number.isInteger(c) && c >= 0).toBe(true); // uint16 on the float
    }
    for (const lv of p.taxo) {
      expect(lv.categories).toBeLessThanOrEqual(40);
      for (const a of [lv.index, lv.objects, lv.meanSize, lv.meanGrey]) expect(a).toHaveLength(lv.categories);
      for (const k of lv.index) expect(Number.isInteger(k) && k >= 0 && k < 40).toBe(true);
      for (const n of lv.objects) expect(Number.isInteger(n) && n >= 1).toBe(true);
    }
  });

  it("holds the cycle 10 slice of DOMAIN.md section 9 exactly (1973 dbar, 180 images)", () => {
    const p = readAuxProfileFile(fixture(10));
    const lv = p.lpm.filter((l) => l.pressureDbar === Math.fround(1973) && l.images === 180);
    expect(lv).toHaveLength(1);
    expect(lv[0]).toEqual({
      pressureDbar: 1973,
      timeS: Date.UTC(2022, 6, 5, 6, 45, 21) / 1000,
      images: 180,
      temperatureC: Math.fround(3.99),
      counts: [448005, 16022, 913, 537, 497, 451, 210, 168, 83, 54, 24, 5, 0, 1, 0, 1, 0, 0],
      grey: [33, 35, 45, 52, 55, 63, 71, 80, 88, 92, 95, 85, 0, 33, 0, 145, 0, 0],
    });
    expect(p.lpm.at(-1)).toBe(lv[0]); // the deepest slice, first of the ascent
    expect(p.profileTimeS).toBeCloseTo(Date.UTC(2022, 6, 5, 12, 41, 54) / 1000, 0);
  });

  it("keeps non-integer float32 counts bit-exact (27625.001953125 at 3.3 dbar, cycle 10)", () => {
    const bytes = readFileSync(fixture(10));
    const p = readAuxProfile(bytes);
    const lv = p.lpm[1];
    expect(lv.pressureDbar).toBe(Math.fround(3.3));
    expect(lv.images).toBe(164);
    expect(Object.is(lv.counts[2], 27625.001953125)).toBe(true);
    expect(lv.counts[4]).toBe(15701.0009765625);
    // The same four bytes read straight from the file: NB_SIZE_SPECTRA_PARTICLES[0][1][2], big-endian float32.
    const nc = new NetCDFReader(bytes);
    const v = nc.variables.find((x) => x.name === "NB_SIZE_SPECTRA_PARTICLES");
    expect(v).toBeDefined();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32((v?.offset ?? 0) + (1 * 18 + 2) * 4)).toBe(0x46d7d201);
    // Every count of every file is a float32 value, and some are not integers.
    let nonInteger = 0;
    for (const f of FILES) {
      for (const l of readAuxProfileFile(join(FIXTURES, f)).lpm) {
        for (const c of l.counts) {
          expect(Math.fround(c)).toBe(c);
          if (!Number.isInteger(c)) nonInteger++;
        }
      }
    }
    expect(nonInteger).toBeGreaterThan(100);
  });

  it("reads what a truncated file still holds, and lists what the cut took", () => {
    const bytes = readFileSync(fixture(10));
    const whole = readAuxProfile(bytes, "whole.nc");
    const half = readAuxProfile(bytes.subarray(0, bytes.length >> 1), "half.nc");
    expect(half.lpm).toEqual(whole.lpm);
    expect(half.black).toEqual(whole.black);
    expect(half.taxo).toEqual([]);
    expect(half.problems[0]).toMatch(/^truncated NetCDF file \(226112 bytes\): NUMBER_OBJECTS_CATEGORY, .* and \d+ more cut short, not read$/u);
    expect(half.problems).toContain("truncated NetCDF file: 226112 bytes, but variable NUMBER_OBJECTS_CATEGORY extends to byte 279200: no TAXO data read");
    const lastByte = readAuxProfile(bytes.subarray(0, bytes.length - 1), "last.nc");
    expect([lastByte.lpm, lastByte.black, lastByte.taxo]).toEqual([whole.lpm, whole.black, whole.taxo]);
    expect(lastByte.problems).toEqual(["truncated NetCDF file (452223 bytes): HISTORY_QCTEST cut short, not read"]);
    const early = readAuxProfile(bytes.subarray(0, 60000), "early.nc");
    expect([early.lpm.length, early.black.length, early.taxo.length]).toEqual([0, 0, 0]);
    for (const k of ["LPM", "BLACK", "TAXO"]) expect(early.problems.join("\n")).toMatch(new RegExp(`truncated NetCDF file: 60000 bytes, but variable \\w+ extends to byte \\d+: no ${k} data read`, "u"));
  });

  it("gives a clear error for garbage, empty files and a header cut short", () => {
    const bytes = readFileSync(fixture(10));
    const cases: [Uint8Array, RegExp][] = [
      [bytes.subarray(0, 200), /not a readable NetCDF-3 file \(header cut short/u],
      [Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 255), /not a readable NetCDF-3 file.*should start with CDF/u],
      [new TextEncoder().encode("CDF\u0001 but then nothing sensible at all....."), /not a readable NetCDF-3 file/u],
      [new Uint8Array(0), /too short/u],
    ];
    for (const [b, message] of cases) {
      expect(() => readAuxProfile(b, "broken.nc")).toThrow(ArgoAuxError);
      expect(() => readAuxProfile(b, "broken.nc")).toThrow(message);
    }
  });
});

// ---- A minimal NetCDF-3 classic writer (non-record variables), to build files with other names and layouts.

type NcType = "char" | "int" | "float" | "double";
interface WVar {
  name: string;
  type: NcType;
  dims: string[];
  values: readonly number[] | string;
  fill?: number | string;
}
const TYPE_CODE: Record<NcType, number> = { char: 2, int: 4, float: 5, double: 6 };
const TYPE_SIZE: Record<NcType, number> = { char: 1, int: 4, float: 4, double: 8 };

function writeNetcdf3(dims: [string, number][], vars: WVar[]): Uint8Array {
  const head: number[] = [];
  const u32 = (x: number) => head.push((x >>> 24) & 255, (x >>> 16) & 255, (x >>> 8) & 255, x & 255);
  const pad = (a: number[]) => {
    while (a.length % 4 !== 0) a.push(0);
  };
  const name = (s: string) => {
    u32(s.length);
    for (const c of s) head.push(c.charCodeAt(0));
    pad(head);
  };
  const encode = (type: NcType, values: readonly number[] | string): number[] => {
    const out: number[] = [];
    if (typeof values === "string") {
      for (const c of values) out.push(c.charCodeAt(0));
    } else {
      const dv = new DataView(new ArrayBuffer(8));
      for (const x of values) {
        if (type === "int") dv.setInt32(0, x);
        else if (type === "float") dv.setFloat32(0, x);
        else dv.setFloat64(0, x);
        for (let i = 0; i < TYPE_SIZE[type]; i++) out.push(dv.getUint8(i));
      }
    }
    pad(out);
    return out;
  };
  head.push(67, 68, 70, 1);
  u32(0); // numrecs
  u32(10);
  u32(dims.length);
  for (const [n, size] of dims) {
    name(n);
    u32(size);
  }
  u32(0);
  u32(0); // no global attributes
  u32(11);
  u32(vars.length);
  const beginAt: number[] = [];
  const data = vars.map((v) => encode(v.type, v.values));
  for (const [i, v] of vars.entries()) {
    name(v.name);
    u32(v.dims.length);
    for (const d of v.dims) u32(dims.findIndex(([n]) => n === d));
    if (v.fill === undefined) {
      u32(0);
      u32(0);
    } else {
      u32(12);
      u32(1);
      name("_FillValue");
      u32(TYPE_CODE[v.type]);
      u32(1);
      head.push(...encode(v.type, typeof v.fill === "string" ? v.fill : [v.fill]));
    }
    u32(TYPE_CODE[v.type]);
    u32(data[i].length);
    beginAt.push(head.length);
    u32(0); // begin, patched below
  }
  const out = new Uint8Array(head.length + data.reduce((a, d) => a + d.length, 0));
  out.set(head);
  let at = head.length;
  for (const [i, d] of data.entries()) {
    new DataView(out.buffer).setUint32(beginAt[i], at);
    out.set(d, at);
    at += d.length;
  }
  return out;
}

/** Cycle 10 rewritten with the current names and the profiles in another order (0 TAXO, 1 LPM, 2 BLACK). */
function cycle10WithCurrentNames(edit?: (name: string, values: number[], nLevels: number) => void): Uint8Array {
  const src = new NetCDFReader(readFileSync(fixture(10)));
  const dim = (n: string) => src.dimensions.find((d) => d.name === n)?.size ?? 0;
  const nL = dim("N_LEVELS");
  const order = [2, 0, 1]; // new profile p holds old profile order[p]
  const rename = new Map<string, string>();
  for (const kind of ["lpm", "black", "taxo"] as const) {
    const a = ARGO_2023_NAMES[kind] as Record<string, string>;
    const b = ARGO_CURRENT_NAMES[kind] as Record<string, string>;
    for (const f of Object.keys(a)) rename.set(a[f], b[f]);
  }
  const vars: WVar[] = [];
  for (const v of src.variables) {
    const dimNames = v.dimensions.map((d) => src.dimensions[d].name);
    if (v.record || dimNames[0] !== "N_PROF" || !(rename.has(v.name) || ["PRES", "MTIME", "JULD", "CYCLE_NUMBER", "PLATFORM_NUMBER", "DIRECTION"].includes(v.name))) continue;
    const attr = (v.attributes as unknown as { name: string; value: number | string }[]).find((a) => a.name === "_FillValue");
    const per = dimNames.slice(1).reduce((a, d) => a * dim(d), 1);
    const raw = src.getDataVariable(v).slice(0, 3 * per);
    const newName = rename.get(v.name) ?? v.name;
    if (v.type === "char") {
      const chars = raw.map((c) => (typeof c === "string" && c !== "" ? c : "\0"));
      const permuted = order.flatMap((o) => chars.slice(o * per, (o + 1) * per)).join("");
      vars.push({ name: newName, type: "char", dims: dimNames, values: permuted, fill: attr?.value });
    } else {
      const nums = raw as number[];
      const permuted = order.flatMap((o) => nums.slice(o * per, (o + 1) * per));
      edit?.(newName, permuted, nL);
      vars.push({ name: newName, type: v.type as NcType, dims: dimNames, values: permuted, fill: attr?.value });
    }
  }
  vars.push({ name: "REFERENCE_DATE_TIME", type: "char", dims: ["DATE_TIME"], values: "19500101000000" });
  const dims: [string, number][] = ["DATE_TIME", "STRING8", "N_PROF", "N_LEVELS", "N_VALUES40", "N_VALUES18", "N_VALUES5"].map((n) => [n, dim(n)]);
  return writeNetcdf3(dims, vars);
}

describe("Argo AUX reader on synthetic files", () => {
  it("reads the current names and finds the profiles by their data, not their position", () => {
    const original = readAuxProfileFile(fixture(10));
    const p = readAuxProfile(cycle10WithCurrentNames(), "current.nc");
    expect(p.problems).toEqual([]);
    expect(p.names).toBe("current");
    expect(p.profiles).toEqual({ lpm: [1], black: [2], taxo: [0] });
    expect(p.lpm).toEqual(original.lpm);
    expect(p.black).toEqual(original.black);
    expect(p.taxo).toEqual(original.taxo);
    expect([p.platform, p.cycle, p.direction, p.juldDays]).toEqual([original.platform, original.cycle, original.direction, original.juldDays]);
  });

  it("skips and reports levels with fill values, and ignores fully filled levels", () => {
    const p = readAuxProfile(
      cycle10WithCurrentNames((name, values, nL) => {
        const lpm = 1; // LPM is profile 1 in the rewritten file
        if (name === "NB_SIZE_SPECTRA_PARTICLES") values[(lpm * nL + 5) * 18 + 3] = 99999;
        if (name === "PRES") values[lpm * nL + 6] = 99999;
        if (name === "NB_CATEGORY") values[0 * nL + 4] = 41;
      }),
      "holes.nc",
    );
    expect(p.lpm).toHaveLength(107);
    expect(p.problems).toEqual([
      "LPM profile 1 level 5: NB_SIZE_SPECTRA_PARTICLES has fill values, level skipped",
      "LPM profile 1 level 6: PRES is fill, level skipped",
      "TAXO profile 0 level 4: NB_CATEGORY = 41 is not a count 0-40, level skipped",
    ]);
  });

  it("refuses a NetCDF file with no UVP6 variables", () => {
    const b = writeNetcdf3(
      [["N_PROF", 1], ["N_LEVELS", 2]],
      [{ name: "PRES", type: "float", dims: ["N_PROF", "N_LEVELS"], values: [1, 2], fill: 99999 }],
    );
    expect(() => readAuxProfile(b, "ctd.nc")).toThrow(/ctd\.nc: no UVP6 image-count variables/u);
  });
});
