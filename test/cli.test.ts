// The CLI as a user runs it: the compiled bin on real files (npm test builds first).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { encodePgm } from "../host/formats/pgm.js";
import { encodePng } from "../host/formats/png.js";
import { parseRecordLine } from "../host/formats/rs232Lines.js";
import { packageRoot } from "../host/paths.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

let dir = "";
const W = 40;
const H = 10;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-cli-"));
  const px = new Uint8Array(W * H);
  px[0] = 100; // a 1-px object in the corner
  for (let x = 10; x < 15; x++) px[3 * W + x] = 60; // a 5-px line
  px[4 * W + 15] = 60; // joined diagonally
  writeFileSync(join(dir, "20220518-214011-120.png"), encodePng({ widthPx: W, heightPx: H, pixels: px }));
  writeFileSync(join(dir, "20220518-214012-000.pgm"), encodePgm({ widthPx: W, heightPx: H, pixels: px }));
  writeFileSync(join(dir, "broken.png"), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
});

describe("uvp-float CLI", () => {
  it("has --help on every verb, with an example", () => {
    for (const verb of ["objects", "spectrum", "replay", "import", "profiles"]) {
      const r = cli(verb, "--help");
      expect(r.status, verb).toBe(0);
      expect(r.stdout, verb).toMatch(/Usage: uvp-float/);
      expect(r.stdout, verb).toMatch(/Example/);
    }
  });

  it("lists a frame's objects as CSV, the same from the firmware and the reference", () => {
    const png = join(dir, "20220518-214011-120.png");
    const fw = cli("objects", png, "--profile", "000118LP", "--threshold", "21");
    const ref = cli("objects", png, "--profile", "000118LP", "--threshold", "21", "--reference");
    expect(fw.status).toBe(0);
    expect(fw.stdout.trim().split("\n")).toEqual([
      "id,area_px,grey_sum,grey_mean,x_min,y_min,x_max,y_max,esd_um,size_class",
      "1,1,100,100,0,0,0,0,54.1,1",
      "2,6,360,60,10,3,15,4,149.7,5",
    ]);
    expect(ref.stdout).toBe(fw.stdout);
  });

  it("gives JSON with --json, and the scalar build agrees", () => {
    const pgm = join(dir, "20220518-214012-000.pgm");
    const a = JSON.parse(cli("objects", pgm, "--profile", "000118LP", "--json").stdout);
    const b = JSON.parse(cli("objects", pgm, "--profile", "000118LP", "--json", "--build", "scalar").stdout);
    expect(a.objects).toHaveLength(2);
    expect(a.threshold).toBe(22);
    expect(b.objects).toEqual(a.objects);
  });

  it("prints LPM_DATA lines in the camera's grammar, timed by the file names", () => {
    const r = cli("spectrum", join(dir, "20220518-214011-120.png"), join(dir, "20220518-214012-000.pgm"),
      "--profile", "000118LP", "--pressure", "700.3", "--temperature", "27.13", "--threshold", "21");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1); // Frames_per_bloc 2: one bloc
    const rec = parseRecordLine(lines[0]);
    expect(rec).toMatchObject({ kind: "LPM", pressureDbar: 700.3, date: "20220518", time: "214011", images: 2, temperatureC: 27.13 });
    expect(rec.counts.slice(0, 6)).toEqual([2, 0, 0, 0, 2, 0]); // 1 px: 54 um; 6 px: 150 um (128-161)
    expect(rec.grey!.slice(0, 6)).toEqual([100, 0, 0, 0, 60, 0]);
  });

  it("imports a PNG directory with a pressure CSV into a stream that replays", () => {
    const csv = join(dir, "pressures.csv");
    writeFileSync(csv, "file,pressure_dbar,temperature_c\n20220518-214011-120.png,700.3,27.13\n");
    const stream = join(dir, "imported.uvps");
    const r = cli("import", dir, "--pressures", csv, "--profile", "000118LP", "--out", stream);
    expect(r.stdout).toMatch(/1 frames/);
    expect(r.status).toBe(65); // broken.png is left out and listed
    expect(r.stderr).toMatch(/broken\.png/);
    const replay = cli("replay", stream, "--out", join(dir, "imported"), "--json");
    expect(replay.status, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout).frames.fed).toBe(1);
  });

  it("writes no stream when a directory holds no usable frame, and refuses transparent PNGs", () => {
    const empty = mkdtempSync(join(tmpdir(), "uvp-empty-"));
    const csv = join(empty, "p.csv");
    writeFileSync(csv, "file,pressure_dbar\n");
    const out = join(empty, "none.uvps");
    const r = cli("import", empty, "--pressures", csv, "--profile", "000118LP", "--out", out);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/no frame could be imported/);
    expect(existsSync(out)).toBe(false);
    const rgba = new PNG({ width: 4, height: 2 });
    rgba.data.fill(100);
    rgba.data[3] = 0; // the first pixel is transparent
    writeFileSync(join(empty, "clear.png"), PNG.sync.write(rgba));
    const t = cli("objects", join(empty, "clear.png"), "--profile", "000118LP");
    expect(t.status).toBe(65);
    expect(t.stderr).toMatch(/transparent/);
  });

  it("refuses a PNG declaring more pixels than the sensor before decoding it", () => {
    const huge = new Uint8Array(readFileSync(join(dir, "20220518-214011-120.png")));
    new DataView(huge.buffer).setUint32(16, 60000);
    new DataView(huge.buffer).setUint32(20, 60000);
    writeFileSync(join(dir, "huge.png"), huge);
    const t0 = Date.now();
    const r = cli("objects", join(dir, "huge.png"), "--profile", "000118LP");
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/60000 x 60000 px, larger than the sensor/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it("names the file and exits 65 on unreadable input, 64 on usage errors", () => {
    const missing = cli("objects", join(dir, "nope.png"), "--profile", "000118LP");
    expect(missing.status).toBe(65);
    expect(missing.stderr).toMatch(/nope\.png/);
    const broken = cli("objects", join(dir, "broken.png"), "--profile", "000118LP");
    expect(broken.status).toBe(65);
    expect(broken.stderr).toMatch(/broken\.png/);
    expect(cli("objects", join(dir, "nope.png")).status).toBe(64); // no --profile
    expect(cli("objects", join(dir, "nope.png"), "--profile", "NOPE").stderr).toMatch(/known profiles: .*000118LP/);
    expect(cli("spectrum", "--profile", "000118LP").status).toBe(64);
    expect(cli("frobnicate").status).toBe(64);
    expect(cli("objects", "x.png", "--profile", "000118LP", "--threshold", "300").status).toBe(64);
  });
});

describe("uvp-float model convert", () => {
  it("checks every option before writing anything", () => {
    const dump = join(dir, "dump.txt");
    writeFileSync(dump, "booster[0]:\n0:leaf=0.5\nbooster[1]:\n0:leaf=-0.5\n");
    const out = join(dir, "m.bin");
    const bad = cli("model", "convert", dump, "--out", out, "--classes", "2", "--taxo-name", "a,b;");
    expect(bad.status).toBe(64);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/); // a message, not a stack trace
    expect(existsSync(out)).toBe(false);
    const good = cli("model", "convert", dump, "--out", out, "--classes", "2");
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^TAXO_CONF,TAXO_UVPF,m,65535,2,/m);
    expect(cli("model", "inspect", out).stdout).toMatch(/classes: 2/);
  });

  it("warns when the model's missing-value direction is not the camera's, and still converts it", () => {
    // booster[1]'s split sends a missing value to its "no" child (2); the camera sends NaN to "yes".
    const dump = join(dir, "missing.txt");
    writeFileSync(
      dump,
      "booster[0]:\n0:[f22<0.5] yes=1,no=2,missing=1\n\t1:leaf=1\n\t2:leaf=-1\n" +
        "booster[1]:\n0:[f24<10] yes=1,no=2,missing=2\n\t1:leaf=-1\n\t2:leaf=1\n",
    );
    const out = join(dir, "missing.bin");
    const result = cli("model", "convert", dump, "--out", out, "--classes", "2", "--json");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: 1 of 2 splits send a missing \(NaN\) feature to the "no" child .* booster\[1\] \(line 5\) node 0 \(feature 24\)/);
    expect(JSON.parse(result.stdout).warnings[0]).toMatch(/may get another class than in XGBoost/);
    const quiet = join(dir, "quiet.txt");
    writeFileSync(quiet, "booster[0]:\n0:[f22<0.5] yes=1,no=2,missing=1\n\t1:leaf=1\n\t2:leaf=-1\nbooster[1]:\n0:leaf=0\n");
    const ok = cli("model", "convert", quiet, "--out", join(dir, "quiet.bin"), "--classes", "2");
    expect(ok.status).toBe(0);
    expect(ok.stderr).not.toMatch(/warning/);
  });
});
