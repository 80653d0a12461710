// uvp-float decode and compare as a user runs them (the compiled bin; npm test builds first), on CTS5 files and
// SBD messages written by the tests' own reference writers from the real AUX file of float 4903634, cycle 10.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readAuxProfileFile } from "../host/formats/argo/auxReader.js";
import { packageRoot } from "../host/paths.js";
import type { BlackSlice, LpmSlice, SliceKind, SliceRecord, TaxoSlice } from "../host/telemetry/types.js";
import { writeCts5Reference } from "./support/cts5ReferenceWriter.js";
import { encodeSbdCycle } from "./support/sbdReferenceEncoder.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const AUX = join(import.meta.dirname, "fixtures", "argo-4903634", "R4903634_010_aux.nc");

// What the float would have sent: the AUX levels in time order, pressure and temperature from their uint16 codes.
const aux = readAuxProfileFile(AUX);
const pres = (p: number) => (Math.round((p + 100) * 10) - 1000) / 10;
const temp = (t: number) => Math.round((t + 5) * 1000) / 1000 - 5;
const byTime = <T extends { timeS: number }>(xs: T[]) => [...xs].sort((a, b) => a.timeS - b.timeS);
const records: SliceRecord[] = [
  ...byTime(aux.lpm).map((l): LpmSlice => ({ kind: "lpm", phase: "ASCENT", processing: "AM", timeS: l.timeS, pressureDbar: pres(l.pressureDbar), images: l.images, temperatureC: temp(l.temperatureC), counts: [...l.counts], grey: [...l.grey] })),
  ...byTime(aux.black).map((l): BlackSlice => ({ kind: "black", phase: "ASCENT", processing: "RW", timeS: l.timeS, pressureDbar: pres(l.pressureDbar), images: l.images, temperatureC: temp(l.temperatureC), counts: [...l.counts] })),
  ...byTime(aux.taxo).map((l): TaxoSlice => ({
    kind: "taxo", phase: "ASCENT", processing: "AM", timeS: l.timeS, pressureDbar: pres(l.pressureDbar), images: l.images,
    categories: l.index.map((index, j) => ({ index, objects: l.objects[j], meanSize: l.meanSize[j], meanGrey: l.meanGrey[j] })),
  })),
];
const ofKind = (k: SliceKind) => records.filter((r) => r.kind === k);

let dir = "";
let cts5Dir = "";
let sbdDir = "";
let messages: Uint8Array[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-telemetry-cli-"));
  cts5Dir = join(dir, "cts5");
  sbdDir = join(dir, "sbd");
  mkdirSync(cts5Dir);
  mkdirSync(sbdDir);
  for (const [kind, suffix] of [["lpm", "lpm"], ["black", "blk"], ["taxo", "txo"]] as const) {
    writeFileSync(join(cts5Dir, `3ab2_010_01_uvp6_${suffix}.hex`), writeCts5Reference(kind, ofKind(kind), 40).bytes);
  }
  writeFileSync(join(cts5Dir, "notes.txt"), "not telemetry\n");
  messages = encodeSbdCycle(records, { floatId: 4903634, cycle: 10, maxBytes: 340 });
  messages.forEach((m, i) => writeFileSync(join(sbdDir, `msg-${String(i).padStart(3, "0")}.sbd`), m));
});

describe("uvp-float decode and compare", () => {
  it("have --help with an example", () => {
    for (const verb of ["decode", "compare"]) {
      const r = cli(verb, "--help");
      expect(r.status, verb).toBe(0);
      expect(r.stdout, verb).toMatch(/Usage: uvp-float/);
      expect(r.stdout, verb).toMatch(/Example/);
      expect(r.stdout, verb).toMatch(/Exit codes/);
    }
  });

  it("decode a directory of CTS5 files to JSON, then compare it with the AUX file: identical", () => {
    const out = join(dir, "cts5.json");
    const r = cli("decode", cts5Dir, "--profile", "000118LP", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/decoded 3 CTS5 files and 0 SBD messages/);
    expect(r.stdout).toMatch(/records: 109 LPM, 157 BLACK, 109 TAXO/);
    expect(r.stdout).toMatch(/skipped .*notes\.txt/);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.records).toHaveLength(375);
    expect(doc.problems).toEqual([]);
    const lpm = doc.records.find((x: { KIND: string; NB_IMAGE_PARTICLES: number }) => x.KIND === "LPM" && x.NB_IMAGE_PARTICLES === 164);
    expect(lpm.CONCENTRATION_LPM[0]).toBe(lpm.NB_SIZE_SPECTRA_PARTICLES[0] / (0.72 * 164));
    const c = cli("compare", out, AUX);
    expect(c.status).toBe(0);
    expect(c.stdout).toMatch(/LPM +109 +109 +109 +0 +0 +0/);
    expect(c.stdout).toMatch(/identical/);
    expect(cli("decode", cts5Dir, "--out", out).status).toBe(73); // never overwritten without --force
    expect(cli("decode", cts5Dir, "--out", out, "--force").status).toBe(0);
  });

  it("decode SBD messages to CSV on stdout (summary on stderr) and compare them straight from the files", () => {
    const r = cli("decode", sbdDir, "--format", "csv", "--image-volume", "0.72");
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^KIND,TIME \[UTC\],TIME_UNIX_S \[s\],PRES \[dbar\],PHASE,PROCESSING,/);
    expect(lines).toHaveLength(1 + 375);
    expect(r.stdout).toMatch(/,27625\.001953125,/);
    expect(r.stderr).toMatch(new RegExp(`decoded 0 CTS5 files and ${messages.length} SBD messages`));
    expect(r.stderr).toMatch(/float 4903634 cycle 10: all \d+ messages? received/);
    const c = cli("compare", sbdDir, AUX, "--json");
    expect(c.status).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ matched: 375, onlyInAux: 0, differences: [] });
  });

  it("report a lost SBD message and a truncated CTS5 file (exit 65), and compare then exits 1", () => {
    const lossy = join(dir, "sbd-lossy");
    mkdirSync(lossy);
    messages.forEach((m, i) => i !== 1 && writeFileSync(join(lossy, `msg-${i}.sbd`), m));
    const r = cli("decode", lossy, "--json", "--out", join(dir, "lossy.cbor"), "--format", "cbor");
    expect(r.status).toBe(65);
    expect(JSON.parse(r.stdout)).toMatchObject({ complete: false, problems: 0 });
    expect(r.stdout).toMatch(/message 1 of \d+ not received/);
    const c = cli("compare", join(dir, "lossy.cbor"), AUX);
    expect(c.status).toBe(1);
    expect(c.stdout).toMatch(/only in the AUX file/);

    const cut = join(dir, "3ab2_010_01_uvp6_blk.hex");
    const whole = readFileSync(join(cts5Dir, "3ab2_010_01_uvp6_blk.hex"));
    writeFileSync(cut, whole.subarray(0, whole.length - 40 - 7)); // padding and 7 bytes of the last record gone
    const t = cli("decode", cut);
    expect(t.status).toBe(65);
    expect(t.stderr).toMatch(/problem: .*3ab2_010_01_uvp6_blk\.hex at byte \d+: .*truncated/);
    expect(JSON.parse(t.stdout).records).toHaveLength(156);
  });

  it("name the file and what to do on bad input", () => {
    const junk = join(dir, "junk.bin");
    writeFileSync(junk, "hello");
    const j = cli("decode", junk);
    expect(j.status).toBe(65);
    expect(j.stderr).toMatch(/junk\.bin at byte 0: neither a CTS5 \.hex file .* nor an SBD message/);
    const missing = cli("decode", join(dir, "nope.hex"));
    expect(missing.status).toBe(65);
    expect(missing.stderr).toMatch(/nope\.hex: cannot read \(ENOENT\); check the path/);
    const notAux = cli("compare", cts5Dir, junk);
    expect(notAux.status).toBe(65);
    expect(notAux.stderr).toMatch(/junk\.bin.*\nThe last argument must be an Argo AUX profile file/);
    expect(cli("compare", AUX).status).toBe(64);
    expect(cli("decode", cts5Dir, "--format", "xml").status).toBe(64);
    expect(cli("decode", cts5Dir, "--profile", "000118LP", "--image-volume", "1").status).toBe(64);
    rmSync(junk);
  });
});
