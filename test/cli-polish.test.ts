// Every verb of the CLI, as a user meets it: --help with an example and the exit codes, --json for machines,
// errors that name the file and say what to do, outputs never overwritten without --force.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hostVerbs } from "../host/cli/main.js";
import { encodePng } from "../host/formats/png.js";
import { packageRoot } from "../host/paths.js";
import { simulateVerb } from "../simulator/cli/simulateVerb.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const verbs = [simulateVerb, ...hostVerbs];

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-polish-"));
});

describe("every verb", () => {
  it.each(verbs.map((v) => v.name))("%s: --help exits 0 with usage, an example, the exit codes and --json", (name) => {
    const r = cli(name, "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: uvp-float/);
    expect(r.stdout).toMatch(/Example/);
    expect(r.stdout).toMatch(/Exit codes/);
    expect(r.stdout).toMatch(/--json/);
  });

  it("'uvp-float help <verb>' prints that verb's help", () => {
    const r = cli("help", "report");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(cli("report", "--help").stdout);
  });

  it.each(verbs.map((v) => v.name))("%s: accepts --json", (name) => {
    // Without its arguments a verb may stop at a usage error, but never at --json itself.
    const r = cli(name, "--json");
    expect(r.stderr).not.toMatch(/Unknown option/);
    expect([0, 64]).toContain(r.status);
  });

  it("names the missing file and says what to do", () => {
    const missing = join(dir, "nope");
    const cases: string[][] = [
      ["objects", `${missing}.png`, "--profile", "000118LP"],
      ["spectrum", `${missing}.png`, "--profile", "000118LP"],
      ["replay", `${missing}.uvps`],
      ["replay", `${missing}.uvps`, `${missing}-2.uvps`],
      ["import", missing, "--pressures", `${missing}.csv`, "--profile", "000118LP", "--out", join(dir, "x.uvps")],
      ["model", "inspect", `${missing}.bin`],
      ["encode", `${missing}.nc`, "--format", "sbd", "--out", join(dir, "msgs")],
      ["decode", `${missing}.hex`],
    ];
    for (const args of cases) {
      const r = cli(...args);
      expect(r.status, args.join(" ")).toBe(65);
      expect(r.stderr, args.join(" ")).toMatch(/nope.*check the path/);
    }
  });
});

describe("--json where it was missing, and --force", () => {
  it("simulate: JSON when done, and the stream is never overwritten without --force", () => {
    const out = join(dir, "sim.uvps");
    const args = ["simulate", "--profile", "000118LP", "--seed", "3", "--out", out, "--profile-depth", "20", "--park-hours", "0.05", "--frame-scale", "0.1"];
    const r = cli(...args, "--json");
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ out, profile: "000118LP", seed: 3, bytes: statSync(out).size });
    expect(doc.frames).toBeGreaterThan(0);
    const again = cli(...args);
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/sim\.uvps exists; give --force/);
    expect(cli(...args, "--force").status).toBe(0);
  });

  it("import: JSON with the files left out, and --force", () => {
    const frames = join(dir, "frames");
    mkdirSync(frames);
    const px = new Uint8Array(40 * 10);
    px[5] = 100;
    writeFileSync(join(frames, "20220518-214011-120.png"), encodePng({ widthPx: 40, heightPx: 10, pixels: px }));
    writeFileSync(join(frames, "20220518-214013-000.png"), encodePng({ widthPx: 40, heightPx: 10, pixels: px }));
    const csv = join(dir, "p.csv");
    writeFileSync(csv, "file,pressure_dbar\n20220518-214011-120.png,700.3\n");
    const out = join(dir, "imported.uvps");
    const args = ["import", frames, "--pressures", csv, "--profile", "000118LP", "--out", out];
    const r = cli(...args, "--json");
    expect(r.status).toBe(65); // the second frame has no pressure
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ out, frames: 1 });
    expect(doc.problems[0].file).toBe("20220518-214013-000.png");
    expect(cli(...args).status).toBe(73);
    expect(cli(...args, "--force").status).toBe(65);
  });

  it("model convert: JSON with the TAXO_CONF line, and --force", () => {
    const dump = join(dir, "dump.txt");
    writeFileSync(dump, "booster[0]:\n0:leaf=0.5\nbooster[1]:\n0:leaf=-0.5\n");
    const out = join(dir, "m.bin");
    const args = ["model", "convert", dump, "--out", out, "--classes", "2"];
    const r = cli(...args, "--json");
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ out, classes: 2, bytes: statSync(out).size, taxoConf: expect.stringMatching(/^TAXO_CONF,TAXO_UVPF,m,/) });
    const before = readFileSync(out);
    expect(cli(...args).status).toBe(73);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(cli(...args, "--force").status).toBe(0);
    expect(JSON.parse(cli("model", "inspect", out, "--json").stdout)).toMatchObject({ file: out, firmware: "OK" });
  });

  it("profiles: JSON", () => {
    const r = cli("profiles", "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).map((p: { name: string }) => p.name)).toContain("000118LP");
  });
});
