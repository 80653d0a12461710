// UVP6-HF-shaped data (pre-2022 HW_CONF, the 40.3 um class list, 10 images per bloc, a descent cast),
// hand-built because real casts cannot be shipped: one rounding of pressure for the float side whichever
// way a bloc arrives, replay --phase, the report's class list from the input's HW_CONF or a profile file,
// and replay <dir> finding per-image files in sub-folders and under EcoPart's name.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseHwConf } from "../host/config/hwConf.js";
import { loadProfile } from "../host/config/profile.js";
import { formatDataTxt, type DataTxtImage } from "../host/formats/dataTxt.js";
import { parseRecordLine } from "../host/formats/rs232Lines.js";
import { packageRoot } from "../host/paths.js";
import { readReportInputs } from "../host/report/reportInputs.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

// The illustrative pre-2022 profile's lines with a UVP6-HF's calibration: Aa 2300 um^2, Exp 1.136 (a 1-px
// object is 54.1 um, so the 40.3 um class never fills) and 10 images per bloc.
const legacy = loadProfile("legacy-40um");
const hwFields = legacy.lines.hwConf.replace(/;$/, "").split(",");
hwFields[hwFields.indexOf("1130.000")] = "2300.000";
hwFields[hwFields.indexOf("1.310")] = "1.136";
const HF_HW_CONF = `${hwFields.join(",")};`;
const acqFields = legacy.lines.acqConf.replace(/;$/, "").split(",");
acqFields[4] = "10"; // Frames_per_bloc (field 4 counting the keyword)
const HF_ACQ_CONF = `${acqFields.join(",")};`;

// A descent from 127.8 dbar by 0.1 dbar per image: every bloc of 10 images has a mean pressure on a
// 0.05 tie (128.25, 129.25, ...), which the camera prints with 2 decimals and the float codes at 0.1 dbar.
const START_S = Date.UTC(2021, 5, 1, 12, 0, 0) / 1000;
const START_DBAR = 127.8; // where double means of such blocs fall below their printed ties (128.24999999999997 for 128.25)
function descentImages(count: number): DataTxtImage[] {
  return Array.from({ length: count }, (_, i) => ({
    timeS: START_S + i * 0.25, depthDbar: Number((START_DBAR + i * 0.1).toFixed(1)), temperatureC: 12.5, kind: "lit" as const,
    overexposedPercent: null, empty: false,
    entries: [{ areaPx: 1, count: 2000 + i, meanGrey: 30.4, sdGrey: 5 }, { areaPx: 2, count: 150, meanGrey: 36.2, sdGrey: 6 }, { areaPx: 5, count: 12, meanGrey: 48, sdGrey: 9 }],
  }));
}

let dir: string;
let profilePath: string;
let dataTxt: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-hf-"));
  const profile = JSON.parse(readFileSync(join(packageRoot(), "profiles", "legacy-40um.json"), "utf8"));
  profile.name = "uvp6-hf-test";
  profile.hwConf = HF_HW_CONF;
  profile.acqConf = HF_ACQ_CONF;
  profile.zones.processing = profile.zones.processing.map(() => "raw"); // every bloc sent with its own pressure code
  profilePath = join(dir, "uvp6-hf-test.json");
  writeFileSync(profilePath, JSON.stringify(profile, null, 2));
  dataTxt = join(dir, "cast", "20210601_data.txt");
  mkdirSync(join(dir, "cast"));
  writeFileSync(dataTxt, formatDataTxt({ hwConf: HF_HW_CONF, acqConf: HF_ACQ_CONF, taxoConf: null, images: descentImages(120) }));
});

/** The files of a directory, name -> bytes. */
function filesOf(d: string): Map<string, Buffer> {
  return new Map(readdirSync(d).sort().map((n) => [n, readFileSync(join(d, n))]));
}

describe("UVP6-HF data: one rounding of pressure for the float side", () => {
  it("replay --telemetry gives the same CTS5 files and SBD messages as encode of its RS232 log, ties included", () => {
    const r = cli("replay", dataTxt, "--profile", profilePath, "--out", join(dir, "hf"), "--telemetry", join(dir, "tm-replay"), "--phase", "descent");
    expect(r.status, r.stderr).toBe(0);
    const log = readFileSync(join(dir, "hf.rs232.log"), "utf8");
    const lpm = log.split("\n").filter((l) => l.startsWith("LPM_DATA")).map(parseRecordLine);
    expect(lpm).toHaveLength(12);
    expect(lpm.map((p) => p.images)).toEqual(new Array(12).fill(10));
    expect(lpm.map((p) => p.pressureDbar.toFixed(2))).toEqual(Array.from({ length: 12 }, (_, b) => `${128 + b}.25`));
    // The test means something: the double means of these blocs are not all the decimals printed, and a
    // float coding (P + 100) x 10 half up gets another 0.1-dbar code from some of them.
    const means = Array.from({ length: 12 }, (_, b) => {
      let sum = 0;
      for (let i = 0; i < 10; i++) sum += Number((START_DBAR + (b * 10 + i) * 0.1).toFixed(1));
      return sum / 10;
    });
    const code = (p: number) => Math.floor((p + 100) * 10 + 0.5);
    expect(means.filter((m, b) => code(m) !== code(lpm[b].pressureDbar)).length).toBeGreaterThan(0);
    for (const format of ["cts5", "sbd"]) {
      const e = cli("encode", join(dir, "hf.rs232.log"), "--format", format, "--profile", profilePath, "--phase", "DESCENT", "--out", join(dir, `tm-encode-${format}`));
      expect(e.status, e.stderr).toBe(0);
    }
    const replayed = filesOf(join(dir, "tm-replay"));
    const encoded = new Map([...filesOf(join(dir, "tm-encode-cts5")), ...filesOf(join(dir, "tm-encode-sbd"))]);
    expect([...replayed.keys()]).toEqual([...encoded.keys()].sort());
    for (const [name, bytes] of replayed) expect(bytes.equals(encoded.get(name)!), name).toBe(true);
  });

  it("replay --phase labels the float's records (DESCENT here; a *_data.txt alone is ASCENT)", () => {
    const d = cli("decode", join(dir, "tm-replay"), "--json");
    expect(d.status, d.stderr).toBe(0);
    const records = (JSON.parse(d.stdout) as { records: Array<{ PHASE?: string; phase?: string }> }).records;
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((x) => x.PHASE ?? x.phase))).toEqual(new Set(["DESCENT"]));
    const a = cli("replay", dataTxt, "--profile", profilePath, "--out", join(dir, "hf-asc"), "--telemetry", join(dir, "tm-asc"));
    expect(a.status, a.stderr).toBe(0);
    const asc = (JSON.parse(cli("decode", join(dir, "tm-asc"), "--json").stdout) as { records: Array<{ PHASE?: string; phase?: string }> }).records;
    expect(new Set(asc.map((x) => x.PHASE ?? x.phase))).toEqual(new Set(["ASCENT"]));
    const bad = cli("replay", dataTxt, "--profile", profilePath, "--out", join(dir, "x"), "--telemetry", join(dir, "tm-x"), "--phase", "sideways");
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/--phase must be one of descent, park, deep-profile, short-park, ascent, surface/);
    expect(cli("replay", dataTxt, "--out", join(dir, "y"), "--phase", "descent").status).toBe(64); // no --telemetry
  });
});

describe("UVP6-HF data: the report's class list", () => {
  it("comes from the RS232 log's own pre-2022 HW_CONF (40.3 um first), whatever --profile says", () => {
    const data = readReportInputs([join(dir, "hf.rs232.log")], { volume: null, profile: loadProfile("000118LP"), phase: null });
    expect(data.classes.boundsUm[0]).toBe(40.3);
    expect(data.classes.boundsUm).toEqual(parseHwConf(HF_HW_CONF).classLowerBoundsUm);
    expect(data.notes.join("\n")).toMatch(/HW_CONF class list \(40\.3 um first\) is used, not profile 000118LP's \(50\.8 um first\)/);
    // The 40.3-50.8 um class never fills: a 1-px object is already 54.1 um with Aa 2300 / Exp 1.136.
    expect(data.lpm.every((r) => r.counts[0] === 0)).toBe(true);
    expect(data.lpm.every((r) => r.counts[1] > 0)).toBe(true);
  });

  it("comes from a profile file given by path for decoded telemetry, which names no class list", () => {
    const r = cli("report", join(dir, "tm-replay"), "--profile", profilePath, "--out", join(dir, "hf.html"), "--json");
    expect(r.status, r.stderr).toBe(0);
    // The 1-px objects (2,000 per image, 54.1 um) are drawn under 50.8 um, their class in the 40.3 list; with
    // the 2022 list the decoded class index 1 would be labelled 64 um and 50.8 would stay empty.
    const html = readFileSync(join(dir, "hf.html"), "utf8");
    expect(html).toMatch(/size class \(µm\): 50\.8; bin top \(dbar\): \d+; bin bottom \(dbar\): \d+; CONCENTRATION_LPM \(#\/L\): \d{4}/);
    const data = readReportInputs([join(dir, "tm-replay")], { volume: null, profile: loadProfile(profilePath), phase: null });
    expect(data.classes.boundsUm[0]).toBe(40.3);
    expect(data.classes.from).toMatch(/uvp6-hf-test/);
    expect(cli("report", join(dir, "tm-replay"), "--profile", join(dir, "nope.json"), "--out", join(dir, "n.html")).stderr).toMatch(/nope\.json: cannot read it/);
  });
});

describe("replay <dir>: the camera's per-image files in sub-folders and under EcoPart's name", () => {
  it("finds raw/<sample>/particules.csv and *_data.txt files below the directory, with distinct outputs", () => {
    const project = join(dir, "ecopart");
    for (const sample of ["cast_001", "cast_002"]) {
      mkdirSync(join(project, "raw", sample), { recursive: true });
      writeFileSync(join(project, "raw", sample, "particules.csv"), formatDataTxt({ hwConf: HF_HW_CONF, acqConf: HF_ACQ_CONF, taxoConf: null, images: descentImages(20) }));
    }
    mkdirSync(join(project, "extra", "deeper"), { recursive: true });
    writeFileSync(join(project, "extra", "deeper", "20210602_data.txt"), formatDataTxt({ hwConf: HF_HW_CONF, acqConf: HF_ACQ_CONF, taxoConf: null, images: descentImages(10) }));
    writeFileSync(join(project, "notes.csv"), "not a stream\n");
    const r = cli("replay", project, "--out", join(dir, "fleet-out"), "--jobs", "1", "--json");
    expect(r.status, r.stderr).toBe(0);
    const outputs = readdirSync(join(dir, "fleet-out")).filter((n) => n.endsWith(".rs232.log")).sort();
    expect(outputs).toEqual(["20210602_data.replay.rs232.log", "cast_001_particules.replay.rs232.log", "cast_002_particules.replay.rs232.log"]);
    const log = readFileSync(join(dir, "fleet-out", "cast_001_particules.replay.rs232.log"), "utf8");
    expect(log.split("\n").filter((l) => l.startsWith("LPM_DATA"))).toHaveLength(2);
  });

  it("says which names it looked for when it finds none", () => {
    const empty = join(dir, "empty");
    mkdirSync(join(empty, "sub"), { recursive: true });
    writeFileSync(join(empty, "sub", "readme.txt"), "nothing here\n");
    const r = cli("replay", empty);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/no stream file found: looked for \*\.uvps, \*_data\.txt or particules\.csv in this directory and its sub-folders/);
  });
});
