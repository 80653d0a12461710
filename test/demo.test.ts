// The README's second command: `npm run demo` must run end to end on a fresh clone (simulate, replay on both
// builds with classification and the float side, decode the SBD messages, draw the report) and exit 0, the
// decoded messages holding no problem. It writes into demo-out/, the demo's own folder.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../host/paths.js";

describe("npm run demo", () => {
  it("runs end to end, both builds write the same bytes, and its SBD messages decode with no problem", () => {
    const root = packageRoot();
    const r = spawnSync(process.execPath, [join(root, "dist", "scripts", "demo.js")], { encoding: "utf8", timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = join(root, "demo-out");
    for (const f of ["mission.uvps", "mission.rs232.log", "mission.summary.json", "decoded.csv", "report.html"]) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, "mission.rs232.log"))).toEqual(readFileSync(join(out, "mission-scalar.rs232.log")));
    const files = readdirSync(join(out, "telemetry")).sort();
    expect(files).toEqual(readdirSync(join(out, "telemetry-scalar")).sort());
    for (const f of files) expect(readFileSync(join(out, "telemetry", f)), f).toEqual(readFileSync(join(out, "telemetry-scalar", f)));
    expect(files.some((f) => /^[0-9a-f]{4}_001_01_uvp6_txo\.hex$/.test(f)), files.join(" ")).toBe(true);
    expect(r.stdout + r.stderr).toMatch(/no problems/);
  });
});
