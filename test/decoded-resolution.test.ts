// Decoded numbers as a reader expects them: pressure and temperature at their code's resolution (PRES 989.4,
// not 989.4000000000001; TEMP to 0.001), in the JSON and CSV of decode and in the report, while counts and
// float32 mean sizes keep every digit of their float32 value.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodePressureCode, decodeTemperatureCode } from "../host/telemetry/cts5/index.js";
import { decodeSbdMessages } from "../host/telemetry/sbd/index.js";
import { packageRoot } from "../host/paths.js";
import type { SliceRecord } from "../host/telemetry/types.js";
import { encodeSbdCycle } from "./support/sbdReferenceEncoder.js";
import { encodeSbdCycleV2 } from "./support/sbdReferenceEncoderV2.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const CTS5 = join(import.meta.dirname, "fixtures", "cts5");
const decimals = (x: number) => (String(x).split(".")[1] ?? "").length;

describe("decoded pressure and temperature", () => {
  it("are, for every u16 code, the double nearest code / 10 - 100 and code / 1000 - 5 (printed with at most 1 and 3 decimals)", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const p = decodePressureCode(code);
      const t = decodeTemperatureCode(code);
      expect(decimals(p)).toBeLessThanOrEqual(1);
      expect(decimals(t)).toBeLessThanOrEqual(3);
      // The same value a reader gets from the decimal text, and the code comes back from it.
      expect(p).toBe(Number(((code - 1000) / 10).toFixed(1)));
      expect(t).toBe(Number(((code - 5000) / 1000).toFixed(3)));
      expect(Math.round((p + 100) * 10)).toBe(code);
      expect(Math.round((t + 5) * 1000)).toBe(code);
    }
    // The plain formula does not: 1081 / 10 - 100 is 8.099999999999994.
    expect(String(1081 / 10 - 100)).toBe("8.099999999999994");
    expect(String(decodePressureCode(1081))).toBe("8.1");
    expect(String(decodePressureCode(10894))).toBe("989.4");
  });

  it("come out of the SBD decoder the same way", () => {
    const records: SliceRecord[] = [1081, 10894, 1008, 999, 65535].map((code, i) => ({
      kind: "black", phase: "ASCENT", processing: "RW", timeS: 1.7e9 + 60 * i, pressureDbar: code / 10 - 100, images: 1,
      temperatureC: (23512 + 1111 * i) / 1000 - 5, counts: [3120, 402, 57, 11, 2],
    }));
    // Format 1 (still decoded) and format 2 (what the firmware writes) alike.
    for (const messages of [encodeSbdCycle(records, { floatId: 1, cycle: 1, maxBytes: 340 }), encodeSbdCycleV2(records, { floatId: 1, cycle: 1, maxBytes: 340, table: null })]) {
      const decoded = decodeSbdMessages(messages.map((bytes, i) => ({ source: `m${i}`, bytes }))).records;
      expect(decoded.map((r) => r.pressureDbar)).toEqual([8.1, 989.4, 0.8, -0.1, 6453.5]);
      expect(decoded.map((r) => String((r as { temperatureC: number }).temperatureC))).toEqual(["18.512", "19.623", "20.734", "21.845", "22.956"]);
    }
  });
});

describe("decode and report print them at that resolution, counts and sizes in full", () => {
  const dir = mkdtempSync(join(tmpdir(), "uvp-resolution-"));

  it("in JSON and CSV", () => {
    const json = cli("decode", CTS5, "--format", "json", "--profile", "000118LP");
    expect(json.status, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    for (const r of doc.records) {
      expect(decimals(r.PRES), JSON.stringify(r)).toBeLessThanOrEqual(1);
      for (const t of [r.TEMP_PARTICLES, r.BLACK_TEMP_PARTICLES].filter((x) => x !== undefined)) expect(decimals(t)).toBeLessThanOrEqual(3);
    }
    expect(json.stdout).toMatch(/"PRES": 8\.1,/);
    expect(json.stdout).toMatch(/"PRES": 0\.8,/);
    expect(json.stdout).not.toMatch(/\d\.\d*(9999|0000)\d+[,\n\]]/); // no binary noise digits anywhere
    // Counts and mean sizes are float32 values, written in full.
    expect(json.stdout).toMatch(/27625\.001953125/);
    expect(json.stdout).toMatch(/2345\.666748046875/);
    const csv = cli("decode", CTS5, "--format", "csv");
    expect(csv.status).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split("\n");
    const col = header.split(",").indexOf("PRES [dbar]");
    expect(rows.map((r) => r.split(",")[col])).toContain("8.1");
    expect(rows.every((r) => decimals(Number(r.split(",")[col])) <= 1 && !/e/.test(r.split(",")[col]))).toBe(true);
    expect(csv.stdout).toMatch(/,27625\.001953125,/);
  });

  it("in the report's hover text", () => {
    const out = join(dir, "r.html");
    const r = cli("report", CTS5, "--profile", "000118LP", "--out", out);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(out, "utf8");
    const pressures = [...html.matchAll(/(?:PRES|pressure) \(dbar\): (-?[\d.]+)/g)].map((m) => m[1]);
    expect(pressures.length).toBeGreaterThan(0);
    expect(pressures.every((p) => decimals(Number(p)) <= 1)).toBe(true);
    expect(html).not.toMatch(/\d\.\d*(99999|00000)\d+/);
  });
});
