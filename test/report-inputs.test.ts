// report's inputs as a user gives them by mistake: a folder with nothing to draw, the same data twice.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../host/paths.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const AUX = join(import.meta.dirname, "fixtures", "argo-4903634", "R4903634_010_aux.nc");

describe("uvp-float report inputs", () => {
  it("refuses (65) a folder that holds nothing it can draw, naming what it skipped", () => {
    const dir = mkdtempSync(join(tmpdir(), "uvp-report-in-"));
    const empty = join(dir, "empty");
    mkdirSync(empty);
    writeFileSync(join(empty, "notes.txt"), "not telemetry\n");
    const r = cli("report", empty, "--out", join(dir, "r.html"));
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/no decoded record, CTS5 \.hex file or SBD message found[^]*notes\.txt/);
  });

  it("draws a slice given twice (a decoded document and its own messages) once, and says so", () => {
    const dir = mkdtempSync(join(tmpdir(), "uvp-report-in-"));
    expect(cli("encode", AUX, "--format", "sbd", "--out", join(dir, "sbd")).status).toBe(0);
    expect(cli("decode", join(dir, "sbd"), "--profile", "000118LP", "--out", join(dir, "d.json")).status).toBe(0);
    const r = cli("report", join(dir, "d.json"), join(dir, "sbd"), "--out", join(dir, "r.html"), "--json");
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(JSON.stringify(out)).toMatch(/375 records given more than once were drawn once/);
    expect(JSON.stringify(out)).toMatch(/109 LPM|"lpm":109/);
  });

  it("takes the class bounds and TAXO_CONF ids from the profile the decoded document names", () => {
    const dir = mkdtempSync(join(tmpdir(), "uvp-report-in-"));
    expect(cli("encode", AUX, "--format", "sbd", "--out", join(dir, "sbd")).status).toBe(0);
    expect(cli("decode", join(dir, "sbd"), "--profile", "000118LP", "--out", join(dir, "d.json")).status).toBe(0);
    expect(cli("report", join(dir, "d.json"), "--out", join(dir, "r.html")).status).toBe(0);
    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html).toMatch(/Size classes<\/th><td><code>HW_CONF<\/code> of profile 000118LP/);
    expect(html).not.toMatch(/no HW_CONF given/);
  });
});
