// uvp-float encode as an engineer runs it (the compiled bin; npm test builds first): a real AUX profile through
// the firmware's encoders, decoded and compared with the AUX file by the operator's verbs; a replay's RS232 log
// sliced and encoded; and replay --telemetry writing what the float sends.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync } from "node:fs";
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

  it("encodes CTS5 files (parts of at most 4,096 bytes) that compare identical too, and refuses to overwrite them", () => {
    const out = join(dir, "cts5");
    const enc = cli("encode", AUX, "--format", "cts5", "--out", out);
    expect(enc.status, enc.stderr).toBe(0);
    expect(enc.stdout).toMatch(/CTS5: \d+ file\(s\), \d+ bytes/);
    const files = readdirSync(out).sort();
    expect(files).toContain("d2d2_030_01_uvp6_lpm.hex");
    expect(files).toContain("d2d2_030_01_uvp6_blk.hex");
    expect(files.every((f) => statSync(join(out, f)).size <= 4096)).toBe(true);
    expect(cli("compare", out, AUX).status).toBe(0);
    const again = cli("encode", AUX, "--format", "cts5", "--out", out);
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/exists.*give --force/);
  });

  it("slices and encodes a replay's RS232 log, and replay --telemetry writes the same messages", () => {
    const stream = join(dir, "m.uvps");
    writeMissionStream(loadProfile("000118LP"), { seed: 4, profileDepthDbar: 120, parkDepthDbar: 120, parkDurationS: 0, phases: ["ascent"], frameScale: 0.2 }, stream, false);
    const rep = cli("replay", stream, "--out", join(dir, "m"), "--telemetry", join(dir, "tele"));
    expect(rep.status, rep.stderr).toBe(0);
    expect(rep.stdout).toMatch(/telemetry: \d+ CTS5 file\(s\), \d+ bytes; \d+ SBD message\(s\)/);
    const enc = cli("encode", join(dir, "m.rs232.log"), "--format", "sbd", "--out", join(dir, "fromlog"), "--cycle", "1", "--json");
    expect(enc.status, enc.stderr).toBe(0);
    // The whole profile is an ascent, so slicing the log in one phase gives what the replay's float sent.
    const sbd = (d: string) => readdirSync(d).filter((f) => f.endsWith(".sbd")).sort().map((f) => statSync(join(d, f)).size);
    expect(sbd(join(dir, "fromlog"))).toEqual(sbd(join(dir, "tele")));
  });

  it("says what it needs", () => {
    expect(cli("encode", AUX, "--out", join(dir, "x")).status).toBe(64);
    expect(cli("encode", join(dir, "missing.nc"), "--format", "sbd", "--out", join(dir, "x")).status).toBe(65);
    const help = cli("encode", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Example:/);
  });
});
