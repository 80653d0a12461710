// AUX TAXO levels with fill categories: real AUX files hold categories of 0 objects, mean size 99999 (the
// fill value) and grey 255, which the Coriolis decoder writes for the NaN or infinite mean size a float sends
// for a category without objects. The shipped files of float 4903634 happen to hold none, so this test builds
// one: a real AUX file (cycle 046) with such categories written into its TAXO variables in place, byte for byte
// where the NetCDF header puts them. Such a level must be read whole, encoded (exit 0, not 65), decoded and
// compared back equal, in both formats.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { packageRoot } from "../host/paths.js";
import { compareWithAux, comparisonIsClean } from "../host/telemetry/compareAux.js";
import { fromArgoRow, toArgoRow } from "../host/telemetry/argoRecords.js";
import { formatCsv } from "../host/telemetry/outputFormats.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import { loadProfile } from "../host/config/profile.js";
import type { TaxoSlice } from "../host/telemetry/types.js";
import { withFillCategories } from "./support/fillCategories.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const REAL = readFileSync(join(import.meta.dirname, "fixtures", "argo-4903634", "R4903634_046_aux.nc"));

let dir = "";
let patched = "";
const LEVELS = [3, 10, 40];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-fill-"));
  patched = join(dir, "R4903634_046_aux.nc");
  writeFileSync(patched, withFillCategories(REAL, LEVELS, 39));
});

describe("TAXO categories the AUX file holds as fill (0 objects, size 99999, grey 255)", () => {
  it("are read as the float sent them: the level kept whole, the size NaN, nothing reported", () => {
    const real = readAuxProfile(REAL);
    const aux = readAuxProfile(readFileSync(patched));
    expect(aux.problems).toEqual([]);
    expect(aux.taxo).toHaveLength(real.taxo.length);
    const levelsWithFill = aux.taxo.filter((t) => t.meanSize.some((s) => Number.isNaN(s)));
    expect(levelsWithFill).toHaveLength(LEVELS.length);
    for (const t of levelsWithFill) {
      const before = real.taxo.find((r) => r.timeS === t.timeS)!;
      expect(t.categories).toBe(before.categories + 1);
      expect(t.index.slice(0, -1)).toEqual(before.index); // the valid categories of the level are all there
      expect([t.index.at(-1), t.objects.at(-1), t.meanGrey.at(-1)]).toEqual([39, 0, 255]);
    }
  });

  for (const format of ["cts5", "sbd"]) {
    it(`go through encode (exit 0), decode and compare (exit 0, every field equal) in ${format}`, () => {
      const out = join(dir, format);
      const enc = cli("encode", patched, "--format", format, "--out", out, "--json");
      expect(enc.status, enc.stdout + enc.stderr).toBe(0);
      expect(JSON.parse(enc.stdout).records.taxo).toBe(readAuxProfile(REAL).taxo.length);
      const decoded = join(dir, `${format}.json`);
      expect(cli("decode", out, "--out", decoded).status).toBe(0);
      const doc = JSON.parse(readFileSync(decoded, "utf8"));
      const fills = doc.records.filter((r: { KIND: string; OBJECT_MEAN_VOLUME_CATEGORY: (number | null)[] }) => r.KIND === "TAXO" && r.OBJECT_MEAN_VOLUME_CATEGORY.includes(null));
      expect(fills).toHaveLength(LEVELS.length);
      const cmp = cli("compare", decoded, patched, "--json");
      expect(cmp.status, cmp.stdout + cmp.stderr).toBe(0);
      expect(JSON.parse(cmp.stdout).perKind.taxo).toMatchObject({ matched: readAuxProfile(REAL).taxo.length, different: 0 });
      // Straight from the files as well.
      expect(cli("compare", out, patched).status).toBe(0);
    });
  }

  it("compare treats fill as equal to a NaN or infinite size, and to nothing else", () => {
    const aux = readAuxProfile(readFileSync(patched));
    const records = sliceRecordsFromAux(aux, loadProfile("000118LP").zones);
    const taxo = records.filter((r): r is TaxoSlice => r.kind === "taxo" && r.categories.some((c) => Number.isNaN(c.meanSize)));
    const withSize = (size: number) => records.map((r) => (taxo.includes(r as TaxoSlice) ? { ...r, categories: (r as TaxoSlice).categories.map((c) => (Number.isNaN(c.meanSize) ? { ...c, meanSize: size } : c)) } : r));
    for (const size of [NaN, Infinity, -Infinity, new DataView(Uint32Array.of(0xffc00000).buffer).getFloat32(0, true)]) {
      expect(comparisonIsClean(compareWithAux(withSize(size), aux)), String(size)).toBe(true);
    }
    for (const size of [0, 5, 1e6]) {
      const c = compareWithAux(withSize(size), aux);
      expect(c.perKind.taxo.different, String(size)).toBe(LEVELS.length);
      expect(c.differences[0]).toMatchObject({ field: expect.stringMatching(/^OBJECT_MEAN_VOLUME_CATEGORY_\d+$/), decoded: size });
    }
    // A real size where the AUX file has one is still compared bit for bit: NaN there is a difference.
    const nanEverywhere = records.map((r) => (r.kind === "taxo" && r.categories.length > 0 ? { ...r, categories: r.categories.map((c) => ({ ...c, meanSize: NaN })) } : r));
    expect(compareWithAux(nanEverywhere, aux).perKind.taxo.different).toBeGreaterThan(LEVELS.length);
  });

  it("are written null in JSON, empty in CSV, and read back as NaN", () => {
    const rec: TaxoSlice = { kind: "taxo", phase: "ASCENT", processing: "AM", timeS: 1.7e9, pressureDbar: 235, images: 10, categories: [
      { index: 15, objects: 2, meanSize: 113534.5, meanGrey: 89 }, { index: 39, objects: 0, meanSize: NaN, meanGrey: 255 }] };
    const row = toArgoRow(rec);
    expect(JSON.parse(JSON.stringify(row)).OBJECT_MEAN_VOLUME_CATEGORY).toEqual([113534.5, null]);
    const back = fromArgoRow(JSON.parse(JSON.stringify(row))) as TaxoSlice;
    expect(back.categories[1].meanSize).toBeNaN();
    expect(back.categories[0]).toEqual(rec.categories[0]);
    const [header, line] = formatCsv([row]).trim().split("\n");
    const cells = line.split(",");
    const col = (name: string) => cells[header.split(",").findIndex((h) => h.startsWith(name))];
    expect([col("OBJECT_MEAN_VOLUME_CATEGORY_1"), col("OBJECT_MEAN_VOLUME_CATEGORY_2"), col("OBJECT_MEAN_GREY_LEVEL_CATEGORY_2")]).toEqual(["113534.5", "", "255"]);
  });
});
