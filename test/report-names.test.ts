// The report names what it shows: the float (WMO number and serial), the cycle, the camera (serial and
// firmware) and the taxa by name, from logs and telemetry made here.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { packageRoot } from "../host/paths.js";
import { buildReport } from "../host/report/buildReport.js";
import { readReportInputs } from "../host/report/reportInputs.js";
import { readTaxaCsv } from "../host/report/taxaNames.js";
import { cli } from "./support/reportFixtures.js";
import { REAL_ACQ_CONF, REAL_HW_CONF } from "./support/config.js";

const DEMO = JSON.parse(readFileSync(join(packageRoot(), "profiles", "models", "demo-taxa.json"), "utf8")) as { taxoConf: string };
const SPEC_HW_CONF = "HW_CONF,000175LP,0,UNDEFINED,0,000180VE2,0,250,,0.600,393857,10000,2,0,40000,0,16,2340.000,1.300,73,0.660,UNDEFINED,202204270906,someone@example.org,50.8,64,80.6,102,128,161,203,256,323,406,512,645,813,1020,1290,1630,2050,2580,ver2022.01;";

/** A camera RS232 log: camera lines, then blocs with TAXO_DATA lines classifying into categories 0-3. */
function cameraLog(hwConf: string, taxoConf: string): string {
  const lines = [hwConf, REAL_ACQ_CONF.replace("TAXO_NKE_0", taxoConf.split(",")[1]), taxoConf];
  for (let b = 0; b < 6; b++) {
    const p = (10 + 5 * b).toFixed(2);
    lines.push(`TAXO_DATA,2,0,1200,60,1,900,55,${b % 4},700,40;`);
    lines.push(`LPM_DATA,${p},20220518,2140${String(b * 2).padStart(2, "0")},2,12.50,${[2500, 180, 40, 20, 9, 5, 3, 2, 1, ...new Array(9).fill(0)].join(",")},${[31, 37, 47, 52, 55, 60, 65, 70, 80, ...new Array(9).fill(0)].join(",")};`);
  }
  return `${lines.join("\n")}\n`;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-names-"));
});

describe("the report names the camera and the taxa", () => {
  it("a log of the demonstration model: taxa by the model's names, camera serial and firmware from HW_CONF", async () => {
    const log = join(dir, "demo.rs232.log");
    writeFileSync(log, cameraLog(SPEC_HW_CONF, DEMO.taxoConf));
    const data = readReportInputs([log], { volume: null, profile: null, phase: null });
    expect(data.taxoNames).toEqual(["aggregate", "copepod", "fibre", "dark sphere"]);
    expect(data.taxoNamesFrom.join()).toMatch(/model demo-taxa/);
    expect(data.identity.camera).toMatch(/^000175LP, firmware ver2022\.01 \(HW_CONF of .*demo\.rs232\.log\)$/);
    const html = (await buildReport(data, new Date(0))).html;
    expect(html).toMatch(/<title>UVP6 replay report: camera 000175LP<\/title>/);
    expect(html).toMatch(/INDEX_CATEGORY: 1 copepod \(45072\)/);
    expect(html).toMatch(/INDEX_CATEGORY: 3 dark sphere \(85079\)/);
    expect(html).toMatch(/<th>Taxa<\/th><td>0 aggregate \(84963\), 1 copepod \(45072\), 2 fibre \(85011\), 3 dark sphere \(85079\); names from model demo-taxa/);
  });

  it("a real TAXO_CONF is not named by the demonstration model's placeholder ids, only by --taxa", async () => {
    // Float 4903634's own TAXO_CONF holds 84963 and 85011, two of the demo's placeholder ids.
    const real = loadProfile("000118LP");
    const log = join(dir, "real.rs232.log");
    writeFileSync(log, cameraLog(REAL_HW_CONF, real.lines.taxoConf!));
    const plain = readReportInputs([log], { volume: null, profile: null, phase: null });
    expect(plain.taxoIds).toContain(84963);
    expect(plain.taxoNames!.every((n) => n === null)).toBe(true);
    expect(plain.identity.camera).toMatch(/^000118LP, firmware not in its HW_CONF/);
    const csv = join(dir, "names.csv");
    writeFileSync(csv, "ecotaxa_id,name\n# a comment\n93382;Copepoda\n56693\tdetritus\n84963,\"fibre<living\"\n");
    const taxa = readTaxaCsv(csv);
    const named = readReportInputs([log], { volume: null, profile: null, phase: null, taxa });
    expect(named.taxoNames!.slice(0, 2)).toEqual(["Copepoda", "detritus"]);
    expect(named.taxoNames![real.taxo!.taxoIds.indexOf(84963)]).toBe("fibre<living");
    expect(named.taxoNamesFrom).toEqual([`${csv} (--taxa, 3 names)`]);
    const html = (await buildReport(named, new Date(0))).html;
    expect(html).toMatch(/INDEX_CATEGORY: 0 Copepoda \(93382\)/);
    expect(html).toMatch(/fibre&lt;living/); // escaped, never markup
    // The verb: --taxa, and a bad file named with its line.
    const r = cli("report", log, "--taxa", csv, "--out", join(dir, "real.html"), "--json");
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).taxa[0]).toEqual({ index: 0, ecotaxaId: 93382, name: "Copepoda" });
    writeFileSync(join(dir, "bad.csv"), "id,name\n93382,Copepoda\nabc,oops\n");
    const bad = cli("report", log, "--taxa", join(dir, "bad.csv"), "--out", join(dir, "bad.html"));
    expect(bad.status).toBe(65);
    expect(bad.stderr).toMatch(/bad\.csv line 3: "abc" is not an EcoTaxa id/);
  });
});

describe("the report names the float and the cycle", () => {
  const golden = join(packageRoot(), "test", "golden", "000118LP", "telemetry");

  it("from SBD message headers (WMO number, cycle)", async () => {
    const sbdDir = join(dir, "sbd");
    mkdirSync(sbdDir);
    for (const f of readdirSync(golden).filter((n) => n.endsWith(".sbd"))) copyFileSync(join(golden, f), join(sbdDir, f));
    const data = readReportInputs([sbdDir], { volume: null, profile: loadProfile("000118LP"), phase: null });
    expect(data.identity.float).toBe("WMO 4903634 (SBD messages)");
    expect(data.identity.cycle).toBe("1");
    expect(data.identity.camera).toMatch(/^000118LP, .*\(HW_CONF of profile 000118LP\)$/);
    const html = (await buildReport(data, new Date(0))).html;
    expect(html).toMatch(/<title>UVP6 float data report: float 4903634, cycle 1, camera 000118LP<\/title>/);
    expect(html).toMatch(/<th>Float<\/th><td>WMO 4903634 \(SBD messages\)<\/td>/);
  });

  it("from CTS5 file names (the float's serial, the cycle), and the profile's WMO number when no message says it", () => {
    const cts5Dir = join(dir, "cts5");
    mkdirSync(cts5Dir);
    for (const f of readdirSync(golden).filter((n) => n.endsWith(".hex"))) {
      copyFileSync(join(golden, f), join(cts5Dir, f.replace(/^[0-9a-f]{4}_\d{3}_/iu, "0a1b_012_")));
    }
    const data = readReportInputs([cts5Dir], { volume: null, profile: loadProfile("000118LP"), phase: null });
    expect(data.identity.float).toBe("WMO 4903634 (profile 000118LP), serial 0a1b (CTS5 file names)");
    expect(data.identity.cycle).toBe("12");
    const none = readReportInputs([cts5Dir], { volume: null, profile: null, phase: null });
    expect(none.identity.float).toBe("serial 0a1b (CTS5 file names)");
    expect(none.identity.camera).toBeNull();
  });
});
