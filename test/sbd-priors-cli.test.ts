// uvp-float sbd-priors as an engineer runs it (the compiled bin; npm test builds first): a table fitted on two real
// AUX profiles, the same as trainPriorTable through the firmware gives, and the verb's refusals.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { encodeSbdWithFirmware } from "../host/firmware/encodeSbd.js";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { packageRoot } from "../host/paths.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import { parsePriorTableJson } from "../host/telemetry/sbd/priorTableJson.js";
import { trainPriorTable } from "../host/telemetry/sbd/trainPriorTable.js";
import type { SliceRecord } from "../host/telemetry/types.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const aux = (c: string) => join(import.meta.dirname, "fixtures", "argo-4903634", `R4903634_${c}_aux.nc`);

describe("uvp-float sbd-priors", () => {
  const dir = mkdtempSync(join(tmpdir(), "uvp-sbd-priors-"));
  const out = join(dir, "table.json");

  it("writes the table trainPriorTable fits through the firmware, with its provenance, and refuses to overwrite it", () => {
    const r = cli("sbd-priors", aux("001"), aux("005"), "--id", "7", "--out", out, "--json");
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 7, records: 666, bytesOnFloat: 4504 });
    const text = readFileSync(out, "utf8");
    const table = parsePriorTableJson(text, out);
    expect(JSON.parse(text).fittedOn).toEqual(["R4903634_001_aux.nc", "R4903634_005_aux.nc"]);
    const profile = loadProfile("000118LP");
    const profiles = ["001", "005"].map((c) => sliceRecordsFromAux(readAuxProfile(readFileSync(aux(c))), profile.zones) as SliceRecord[]);
    const expected = trainPriorTable(7, profiles, (rs, t) => encodeSbdWithFirmware(rs, t, { zones: profile.zones, float: profile.float, cycle: 1, sbdMaxBytes: 340 }));
    expect(table).toEqual(expected);
    const again = cli("sbd-priors", aux("001"), "--id", "7", "--out", out);
    expect(again.status).toBe(73);
    expect(again.stderr).toContain("--force");
  });

  it("says what it needs: an id 1-255, an output, readable AUX files", () => {
    expect(cli("sbd-priors", aux("001"), "--out", join(dir, "a.json")).status).toBe(64);
    expect(cli("sbd-priors", aux("001"), "--id", "0", "--out", join(dir, "a.json")).status).toBe(64);
    expect(cli("sbd-priors", aux("001"), "--id", "3").status).toBe(64);
    const bad = join(dir, "bad.nc");
    writeFileSync(bad, "not a netcdf file");
    const r = cli("sbd-priors", bad, "--id", "3", "--out", join(dir, "b.json"));
    expect(r.status).toBe(65);
    expect(r.stderr).toContain("bad.nc");
    expect(cli("sbd-priors", "--help").stdout).toContain("Example:");
  });
});
