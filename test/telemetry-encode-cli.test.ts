// uvp-float encode as an engineer runs it (the compiled bin; npm test builds first): a real AUX profile through
// the firmware's encoders, decoded and compared with the AUX file by the operator's verbs; a replay's RS232 log
// sliced and encoded; and replay --telemetry writing what the float sends.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { packageRoot } from "../host/paths.js";
import { writeMissionStream } from "../simulator/writeMission.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const AUX = join(import.meta.dirname, "fixtures", "argo-4903634", "R4903634_030_aux.nc");

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-encode-cli-"));
});

describe("uvp-float encode", () => {
  it("encodes a real AUX profile to SBD messages that decode and compare identical to the AUX file", () => {
    const out = join(dir, "sbd");
    const enc = cli("encode", AUX, "--format", "sbd", "--out", out, "--sbd-bytes", "270", "--json");
    expect(enc.status, enc.stderr).toBe(0);
    const report = JSON.parse(enc.stdout);
    expect(report.records).toEqual({ lpm: 109, black: 162, taxo: 109 });
    expect(report.messages).toBe(readdirSync(out).length);
    expect(readdirSync(out).every((f) => /^4903634_030_\d{3}\.sbd$/.test(f) && statSync(join(out, f)).size <= 270)).toBe(true);
    const decoded = join(dir, "decoded.json");
    expect(cli("decode", out, "--profile", "000118LP", "--out", decoded).status).toBe(0);
    const cmp = cli("compare", decoded, AUX);
    expect(cmp.status, cmp.stdout + cmp.stderr).toBe(0);
  });

  it("--sbd-noise: smaller messages, decoded marked APPROXIMATE with bounds, which compare calls within bound (exit 2), never identical", () => {
    const lossless = join(dir, "sbd-lossless");
    const noisy = join(dir, "sbd-noise");
    expect(cli("encode", AUX, "--format", "sbd", "--out", lossless).status).toBe(0);
    const enc = cli("encode", AUX, "--format", "sbd", "--out", noisy, "--sbd-noise", "0.2", "--json");
    expect(enc.status, enc.stderr).toBe(0);
    expect(JSON.parse(enc.stdout).sbdNoiseFraction).toBe(0.2);
    const bytes = (d: string) => readdirSync(d).reduce((a, f) => a + statSync(join(d, f)).size, 0);
    expect(bytes(noisy)).toBeLessThan(bytes(lossless));
    const decoded = join(dir, "noise.json");
    const dec = cli("decode", noisy, "--profile", "000118LP", "--out", decoded);
    expect(dec.status, dec.stdout + dec.stderr).toBe(0);
    expect(dec.stdout).toMatch(/APPROXIMATE: 271 records from noise-bounded SBD messages \(f = 0.2\)/);
    const doc = JSON.parse(readFileSync(decoded, "utf8"));
    const lpm = doc.records.find((r: { KIND: string }) => r.KIND === "LPM");
    expect(lpm.NOISE_FRACTION).toBe(0.2);
    expect(lpm.NB_SIZE_SPECTRA_PARTICLES_BOUND).toHaveLength(18);
    expect(doc.summary.approximateRecords).toBe(271);
    // A NetCDF file would read back as exact levels: refused, nothing written.
    const nc = cli("decode", noisy, "--format", "netcdf", "--out", join(dir, "noise.nc"));
    expect(nc.status).toBe(64);
    expect(nc.stderr).toMatch(/approximate counts .* NetCDF layout cannot mark/);
    expect(readdirSync(dir).some((f) => f.startsWith("noise.nc"))).toBe(false);
    for (const input of [decoded, noisy]) {
      const cmp = cli("compare", input, AUX, "--json");
      expect(cmp.status, cmp.stderr).toBe(2);
      const c = JSON.parse(cmp.stdout);
      expect(c.verdict).toBe("within-bound");
      expect(c.approximate.countsWithinBound).toBeGreaterThan(0);
      expect(c.approximate.countsOutOfBound).toBe(0);
      expect(c.approximate.worstErrorOverSd).toBeLessThanOrEqual(0.1);
    }
    expect(cli("compare", noisy, AUX).stdout).toMatch(/WITHIN BOUND, not identical/);
    // A count pushed past its bound is a difference (exit 1), named with the bound it broke.
    const k = lpm.NB_SIZE_SPECTRA_PARTICLES_BOUND.findIndex((b: number) => b > 0);
    lpm.NB_SIZE_SPECTRA_PARTICLES[k] += lpm.NB_SIZE_SPECTRA_PARTICLES_BOUND[k] + 1;
    const tampered = join(dir, "noise-tampered.json");
    writeFileSync(tampered, JSON.stringify(doc));
    const bad = cli("compare", tampered, AUX);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/NB_SIZE_SPECTRA_PARTICLES_\d+: decoded .* \(approximate, beyond its bound \d+\)/);
    // Lossless stays the only mode called identical.
    expect(cli("compare", lossless, AUX).status).toBe(0);
    expect(cli("encode", AUX, "--format", "sbd", "--out", join(dir, "x"), "--sbd-noise", "1.5").status).toBe(64);
    expect(cli("encode", AUX, "--format", "sbd", "--out", join(dir, "x"), "--sbd-noise", "0.125").status).toBe(64);
  });

  it("encodes one CTS5 file per kind, named by the float's serial, that compares identical too, and refuses to overwrite it", () => {
    const out = join(dir, "cts5");
    const enc = cli("encode", AUX, "--format", "cts5", "--out", out);
    expect(enc.status, enc.stderr).toBe(0);
    expect(enc.stdout).toMatch(/CTS5: 3 file\(s\), \d+ bytes/);
    // xxxx is the profile's float.serialHex (000118LP: the documented default 0000), not bits of the WMO id.
    expect(readdirSync(out).sort()).toEqual(["0000_030_01_uvp6_blk.hex", "0000_030_01_uvp6_lpm.hex", "0000_030_01_uvp6_txo.hex"]);
    expect(statSync(join(out, "0000_030_01_uvp6_lpm.hex")).size).toBeGreaterThan(4096); // one file, past the firmware's buffer
    expect(cli("compare", out, AUX).status).toBe(0);
    const again = cli("encode", AUX, "--format", "cts5", "--out", out);
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/exists.*give --force/);
  });

  it("splits a CTS5 file into #01, #02... parts of at most --cts5-part-bytes that concatenate to it and decode alike", () => {
    const out = join(dir, "cts5-parts");
    const enc = cli("encode", AUX, "--format", "cts5", "--out", out, "--cts5-part-bytes", "2000", "--json");
    expect(enc.status, enc.stderr).toBe(0);
    const files = readdirSync(out).sort();
    const lpm = files.filter((f) => f.startsWith("0000_030_01_uvp6_lpm#"));
    expect(lpm.length).toBeGreaterThan(2);
    expect(lpm).toEqual(lpm.map((_, i) => `0000_030_01_uvp6_lpm#${String(i + 1).padStart(2, "0")}.hex`));
    expect(files.every((f) => statSync(join(out, f)).size <= 2000)).toBe(true);
    const joined = Buffer.concat(lpm.map((f) => readFileSync(join(out, f))));
    expect(joined.equals(readFileSync(join(dir, "cts5", "0000_030_01_uvp6_lpm.hex")))).toBe(true);
    const dec = cli("decode", out, "--out", join(dir, "parts.json"));
    expect(dec.status, dec.stderr).toBe(0);
    expect(dec.stdout).toMatch(/CTS5: .*0000_030_01_uvp6_lpm\.hex: joined from parts #01-#\d\d/);
    expect(cli("compare", join(dir, "parts.json"), AUX).status).toBe(0);
    // A lost part is named, and the records before it still come out.
    rmSync(join(out, lpm[1]));
    const lost = cli("decode", out, "--json", "--out", join(dir, "lost.json"));
    expect(lost.status).toBe(65);
    expect(lost.stdout).toMatch(/part #02 of 0000_030_01_uvp6_lpm\.hex missing/);
    expect(cli("encode", AUX, "--format", "cts5", "--out", join(dir, "tiny"), "--cts5-part-bytes", "100").status).toBe(64); // > 99 parts
    expect(cli("encode", AUX, "--format", "cts5", "--out", join(dir, "tiny"), "--cts5-part-bytes", "99").status).toBe(64);
  });

  it("slices and encodes a replay's RS232 log, and replay --telemetry writes the same messages", () => {
    const stream = join(dir, "m.uvps");
    writeMissionStream(loadProfile("000118LP"), { seed: 4, profileDepthDbar: 120, parkDepthDbar: 120, parkDurationS: 0, phases: ["ascent"], frameScale: 0.2 }, stream, false);
    const rep = cli("replay", stream, "--out", join(dir, "m"), "--telemetry", join(dir, "tele"));
    expect(rep.status, rep.stderr).toBe(0);
    expect(rep.stdout).toMatch(/telemetry: \d+ CTS5 file\(s\), \d+ bytes; \d+ SBD message\(s\)/);
    expect(readdirSync(join(dir, "tele")).filter((f) => f.endsWith(".hex")).sort()).toEqual(["0000_001_01_uvp6_blk.hex", "0000_001_01_uvp6_lpm.hex"]); // no model: no TAXO
    const split = cli("replay", stream, "--out", join(dir, "m2"), "--telemetry", join(dir, "tele2"), "--cts5-part-bytes", "1000");
    expect(split.status, split.stderr).toBe(0);
    const lpmParts = readdirSync(join(dir, "tele2")).filter((f) => f.startsWith("0000_001_01_uvp6_lpm#")).sort();
    expect(lpmParts.length).toBeGreaterThan(1);
    expect(Buffer.concat(lpmParts.map((f) => readFileSync(join(dir, "tele2", f)))).equals(readFileSync(join(dir, "tele", "0000_001_01_uvp6_lpm.hex")))).toBe(true);
    const enc = cli("encode", join(dir, "m.rs232.log"), "--format", "sbd", "--out", join(dir, "fromlog"), "--cycle", "1", "--json");
    expect(enc.status, enc.stderr).toBe(0);
    // The whole profile is an ascent, so slicing the log in one phase gives what the replay's float sent.
    const sbd = (d: string) => readdirSync(d).filter((f) => f.endsWith(".sbd")).sort().map((f) => statSync(join(d, f)).size);
    expect(sbd(join(dir, "fromlog"))).toEqual(sbd(join(dir, "tele")));
    // --sbd-noise reaches the float side of a replay as it does encode's: the same noise-bounded messages.
    const noisy = cli("replay", stream, "--out", join(dir, "m3"), "--telemetry", join(dir, "tele3"), "--sbd-noise", "0.1");
    expect(noisy.status, noisy.stderr).toBe(0);
    expect(cli("encode", join(dir, "m.rs232.log"), "--format", "sbd", "--out", join(dir, "fromlog3"), "--cycle", "1", "--sbd-noise", "0.1").status).toBe(0);
    const bytesOf = (d: string) => readdirSync(d).filter((f) => f.endsWith(".sbd")).sort().map((f) => readFileSync(join(d, f)));
    expect(Buffer.concat(bytesOf(join(dir, "tele3"))).equals(Buffer.concat(bytesOf(join(dir, "fromlog3"))))).toBe(true);
    expect(bytesOf(join(dir, "tele3")).every((m) => m[9] >> 1 === 10)).toBe(true);
    expect(cli("replay", stream, "--out", join(dir, "m4"), "--sbd-noise", "0.1").status).toBe(64); // without --telemetry
  });

  it("says what it needs", () => {
    expect(cli("encode", AUX, "--out", join(dir, "x")).status).toBe(64);
    expect(cli("encode", join(dir, "missing.nc"), "--format", "sbd", "--out", join(dir, "x")).status).toBe(65);
    const help = cli("encode", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Example:/);
  });
});
