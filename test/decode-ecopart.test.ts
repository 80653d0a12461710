// decode --format ecopart on a real profile (float 4903634, cycle 30, through the SBD encoder and back): the
// tables EcoPart's UVP6 remote import reads (ecotaxa/ecopart, py/part_app/funcs/uvp6remote_sample_import.py),
// parsed here the way that importer parses them (tab-separated, by header name; per-image counts multiplied
// by IMAGE_NUMBER_PARTICLES and rounded), give back the counts of the source AUX file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { readAuxProfileFile } from "../host/formats/argo/auxReader.js";
import { packageRoot } from "../host/paths.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const AUX = join(import.meta.dirname, "fixtures", "argo-4903634", "R4903634_030_aux.nc");
const aux = readAuxProfileFile(AUX);

/** A tab-separated table as EcoPart's csv.DictReader(delimiter='\t') reads it. */
function dictRows(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...lines] = text.trimEnd().split("\n").map((l) => l.split("\t"));
  return { header: head, rows: lines.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]]))) };
}

/** %Y%m%dT%H%M%S of a Unix time, written differently from the code under test. */
function stamp(timeS: number): string {
  const d = new Date(timeS * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

let dir = "";
let sbd = "";
let out = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-ecopart-"));
  sbd = join(dir, "sbd");
  expect(cli("encode", AUX, "--format", "sbd", "--out", sbd).status).toBe(0);
  out = join(dir, "ecopart");
  const r = cli("decode", sbd, "--profile", "000118LP", "--format", "ecopart", "--latitude=-12.5", "--longitude", "75.25", "--out", out, "--json");
  expect(r.status, r.stderr).toBe(0);
}, 60_000);

describe("decode --format ecopart", () => {
  it("names the files as EcoPart's importer matches them: <sample>_<camera>_DEPTH_<type>.txt", () => {
    expect(readdirSync(out).sort()).toEqual(["4903634-030_000118LP_DEPTH_LPM.txt", "4903634-030_000118LP_DEPTH_META.txt", "4903634-030_000118LP_DEPTH_TAXO2.txt"]);
    for (const f of readdirSync(out)) expect(f).toMatch(/^([^_]+)_([^_]+)_([^_]+)_([^_]+)\.txt$/);
  });

  it("writes the camera's calibration in META, Aa in mm^2 as EcoPart keeps it", () => {
    const meta = new Map(readFileSync(join(out, "4903634-030_000118LP_DEPTH_META.txt"), "utf8").trimEnd().split("\n").map((l) => l.split("\t") as [string, string]));
    const profile = loadProfile("000118LP");
    expect(meta.get("camera_ref")).toBe("000118LP");
    expect(Number(meta.get("aa"))).toBeCloseTo(0.0023, 12);
    expect(Number(meta.get("exp"))).toBe(profile.hw.exp);
    expect(Number(meta.get("image_volume"))).toBe(0.72);
    expect(Number(meta.get("pixel_size"))).toBe(73);
    for (let k = 1; k <= 40; k++) expect(Number(meta.get(`category_name_${k}`))).toBe(profile.taxo?.taxoIds[k - 1] ?? 0);
  });

  it("gives back every LPM count of the AUX file the way EcoPart computes it (per-image value x images, rounded)", () => {
    const { header, rows } = dictRows(readFileSync(join(out, "4903634-030_000118LP_DEPTH_LPM.txt"), "utf8"));
    expect(header.slice(0, 5)).toEqual(["DATE_TIME", "PRES_decibar", "LATITUDE_decimal_degree", "LONGITUDE_decimal_degree", "IMAGE_NUMBER_PARTICLES"]);
    expect(header.slice(5, 23)).toEqual(Array.from({ length: 18 }, (_, k) => `NB_SIZE_SPECTRA_PARTICLES_class_${k + 1}`));
    expect(rows).toHaveLength(aux.lpm.length);
    const byTime = [...aux.lpm].sort((a, b) => a.timeS - b.timeS);
    rows.forEach((row, i) => {
      const level = byTime[i];
      expect(row.DATE_TIME).toBe(stamp(level.timeS));
      expect(Math.fround(Number(row.PRES_decibar))).toBe(level.pressureDbar);
      expect(Number(row.LATITUDE_decimal_degree)).toBe(-12.5);
      expect(Number(row.LONGITUDE_decimal_degree)).toBe(75.25);
      const images = Number(row.IMAGE_NUMBER_PARTICLES);
      expect(images).toBe(level.images);
      for (let k = 0; k < 18; k++) {
        const perImage = Number(row[`NB_SIZE_SPECTRA_PARTICLES_class_${k + 1}`]);
        expect(Math.round(perImage * images)).toBe(Math.round(level.counts[k]));
        expect(Math.abs(perImage * images - level.counts[k])).toBeLessThanOrEqual(1e-9 * Math.max(1, level.counts[k]));
        expect(Number(row[`GREY_SIZE_SPECTRA_PARTICLES_class_${k + 1}`])).toBe(level.grey[k]);
      }
    });
  });

  it("puts each TAXO category's objects and mean size in the column of its TAXO_CONF class", () => {
    const { header, rows } = dictRows(readFileSync(join(out, "4903634-030_000118LP_DEPTH_TAXO2.txt"), "utf8"));
    expect(header.slice(0, 3)).toEqual(["DATE_TIME", "PRES_decibar", "IMAGE_NUMBER_PLANKTON"]);
    expect(header).toHaveLength(3 + 80);
    const byTime = [...aux.taxo].sort((a, b) => a.timeS - b.timeS);
    expect(rows).toHaveLength(byTime.length);
    rows.forEach((row, i) => {
      const level = byTime[i];
      expect(Number(row.IMAGE_NUMBER_PLANKTON)).toBe(level.images);
      const objects = new Array(40).fill(0);
      level.index.forEach((ix, j) => (objects[ix] = level.objects[j]));
      for (let k = 0; k < 40; k++) expect(Number(row[`NB_PLANKTON_cat_${k + 1}`])).toBe(objects[k]);
      level.index.forEach((ix, j) => expect(Number(row[`SIZE_PLANKTON_cat_${ix + 1}`])).toBe(level.meanSize[j]));
    });
  });

  it("follows the house rules: --profile and --out required, a bad sample name refused, no overwrite without --force", () => {
    expect(cli("decode", sbd, "--format", "ecopart", "--out", join(dir, "x")).status).toBe(64);
    expect(cli("decode", sbd, "--format", "ecopart", "--profile", "000118LP").status).toBe(64);
    expect(cli("decode", sbd, "--format", "ecopart", "--profile", "000118LP", "--sample", "a_b", "--out", join(dir, "y")).status).toBe(64);
    expect(cli("decode", sbd, "--format", "ecopart", "--profile", "000118LP", "--latitude", "95", "--out", join(dir, "y")).status).toBe(64);
    const again = cli("decode", sbd, "--format", "ecopart", "--profile", "000118LP", "--out", out);
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/DEPTH_META\.txt exists; give --force/);
    expect(cli("decode", sbd, "--format", "ecopart", "--profile", "000118LP", "--out", out, "--force").status).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
