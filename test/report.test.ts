// uvp-float report: the sunlight depth on synthetic profiles whose answer is known and on real ones, the depth
// bins, and whole reports built from data made here (a real AUX profile encoded, decoded and drawn; a short
// simulated mission replayed and drawn): every chart present with its title and axis titles, the numbers in
// its hover text, nothing the page would fetch, and the verb's options and errors.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readAuxProfileFile } from "../host/formats/argo/auxReader.js";
import { binOf, drawBottoms } from "../host/report/depthBins.js";
import { formatNumber } from "../host/report/describeMarks.js";
import { sunlightOf } from "../host/report/noiseSeries.js";
import type { ReportData } from "../host/report/reportData.js";
import { sunlightDepth, type BlackSmall, type LitSmall } from "../host/report/sunlight.js";
import { AUX_010, CHARTS, cli, makeDecodedReport, makeReplayReport, type DecodedReport, type ReplayReport } from "./support/reportFixtures.js";

/** Black records every 2 dbar from 1 to 299 dbar, small objects per image from `f`, with a +-1 deterministic jitter. */
function blackEvery2(f: (p: number) => number): BlackSmall[] {
  return Array.from({ length: 150 }, (_, i) => ({ pressureDbar: 1 + 2 * i, perImage: f(1 + 2 * i) + ((i * 7) % 3) - 1 }));
}
/** Lit 5 dbar bins from 0 to 300 dbar. */
function litBins(f: (p: number) => number): LitSmall[] {
  return Array.from({ length: 60 }, (_, i) => ({ topDbar: 5 * i, bottomDbar: 5 * i + 5, perImage: f(5 * i + 2.5) }));
}

describe("sunlight depth", () => {
  it("is the deepest black record where ambient light is above 10 % of the lit 1-2 px counts (known answer)", () => {
    // Ambient light 6000 exp(-p/10) per image over 2000 of dark noise, lit images 4000: the share is above
    // 10 % for p < 10 ln 15 = 27.08 dbar, so the deepest sunlit record is at 27 dbar and 29 is clean.
    const s = sunlightDepth(blackEvery2((p) => 2000 + 6000 * Math.exp(-p / 10)), litBins(() => 4000));
    expect(s.darkNoisePerImage).toBeCloseTo(2000, -1);
    expect(s.depthDbar).toBe(27);
    expect(s.cleanFromDbar).toBe(29);
    expect(s.points.filter((p) => p.sunlit).map((p) => p.pressureDbar)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27]);
    expect(s.verdict).toMatch(/down to 27\.0 dbar.*clean from .* 29\.0 dbar/);
  });

  it("follows the light: 3x brighter ambient light reaches 10 ln 3 dbar deeper", () => {
    const s = sunlightDepth(blackEvery2((p) => 2000 + 18000 * Math.exp(-p / 10)), litBins(() => 4000));
    expect(s.depthDbar).toBe(37); // 10 ln 45 = 38.07
  });

  it("sees none at night, in a particle bloom (lit counts alone are not light), or in a deep noise spike", () => {
    expect(sunlightDepth(blackEvery2(() => 2000), litBins(() => 4000)).depthDbar).toBeNull();
    const bloom = sunlightDepth(blackEvery2(() => 2000), litBins((p) => (p > 20 && p < 60 ? 12000 : 3000)));
    expect(bloom.depthDbar).toBeNull();
    expect(bloom.verdict).toMatch(/No sunlight seen/);
    const spike = blackEvery2(() => 2000).map((b) => (b.pressureDbar === 251 ? { ...b, perImage: 3600 } : b));
    expect(sunlightDepth(spike, litBins(() => 2500)).depthDbar).toBeNull();
  });

  it("does not take a chance high record for light when the dark noise itself scatters widely", () => {
    // Quarter-size simulated frames: +-30 % from record to record. A +25 % record is 25 % of the lit count,
    // but inside 3 sigma of the records' scatter.
    const noisy = (i: number) => 200 * (1 + 0.3 * Math.sin(i * 2.1));
    const black = Array.from({ length: 40 }, (_, i) => ({ pressureDbar: 5 * i + 2, perImage: noisy(i) }));
    black[6] = { pressureDbar: 32, perImage: 250 };
    const s = sunlightDepth(black, litBins(() => 200));
    expect(3 * s.darkNoiseSigma).toBeGreaterThan(250 - s.darkNoisePerImage!);
    expect(s.points.find((p) => p.pressureDbar === 32)!.share).toBeGreaterThan(0.2);
    expect(s.depthDbar).toBeNull();
  });

  it("says so when it cannot judge", () => {
    expect(sunlightDepth([], litBins(() => 4000)).verdict).toMatch(/No black records/);
    expect(sunlightDepth(blackEvery2(() => 2000), []).verdict).toMatch(/No lit images/);
  });

  it("on the real float 4903634: cycle 10 (midday) sunlit to 18.4 dbar, cycle 46 (night) none, the others 10-20 dbar", () => {
    const depth = (cycle: string) => {
      const aux = readAuxProfileFile(AUX_010.replace("_010_", `_${cycle}_`));
      const data = {
        lpm: aux.lpm.map((l) => ({ pressureDbar: l.pressureDbar, timeS: l.timeS, images: l.images, counts: l.counts, grey: l.grey, phase: "ASCENT" })),
        black: aux.black.map((b) => ({ pressureDbar: b.pressureDbar, timeS: b.timeS, images: b.images, counts: b.counts, phase: "ASCENT" })),
      } as unknown as ReportData;
      return sunlightOf(data);
    };
    const c10 = depth("010");
    expect(c10.depthDbar).toBeCloseTo(18.4, 3);
    expect(c10.cleanFromDbar).toBeCloseTo(23.2, 3);
    expect(c10.darkNoisePerImage).toBeGreaterThan(2000);
    expect(c10.darkNoisePerImage).toBeLessThan(2100);
    expect(depth("046").depthDbar).toBeNull();
    // The other daytime cycles (README figures).
    expect(["001", "005", "020", "030"].map((c) => depth(c).depthDbar?.toFixed(1))).toEqual(["9.5", "11.7", "15.8", "20.4"]);
  });
});

describe("report depth bins", () => {
  it("follow the zone table 5 / 10 / 20 / 40 dbar", () => {
    expect(binOf(0)).toEqual({ topDbar: 0, bottomDbar: 5 });
    expect(binOf(99.9)).toEqual({ topDbar: 95, bottomDbar: 100 });
    expect(binOf(100)).toEqual({ topDbar: 100, bottomDbar: 110 });
    expect(binOf(999)).toEqual({ topDbar: 980, bottomDbar: 1000 });
    expect(binOf(1973.2)).toEqual({ topDbar: 1960, bottomDbar: 2000 });
    expect(binOf(-0.4)).toEqual({ topDbar: -5, bottomDbar: 0 });
  });

  it("close heat-map gaps of up to two bins, not wider ones", () => {
    const bottoms = drawBottoms([binOf(462), binOf(481), binOf(700)]);
    expect(bottoms.get(460)).toBe(480);
    expect(bottoms.get(480)).toBe(490);
    expect(bottoms.get(700)).toBe(720);
  });
});

/** The <figure> of chart `id` in a page. */
function figure(html: string, id: string): string {
  const m = new RegExp(`<figure id="chart-${id}"[\\s\\S]*?</figure>`, "u").exec(html);
  if (!m) throw new Error(`no figure for chart ${id}`);
  return m[0];
}

/** What a self-contained page must not hold: anything a browser would fetch. */
function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/https?:\/\//iu);
  expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\((?!#)|\ssrc=|\shref=/iu);
}

describe("uvp-float report on decoded telemetry (real AUX profile, encoded and decoded)", () => {
  let dir = "";
  let made: DecodedReport;
  let html = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "uvp-report-"));
    made = makeDecodedReport(dir);
    html = readFileSync(made.html, "utf8");
  });

  it("has --help with an example and the exit codes", () => {
    const r = cli("report", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: uvp-float report/);
    expect(r.stdout).toMatch(/Example/);
    expect(r.stdout).toMatch(/Exit codes/);
  });

  it("draws every chart of decoded data, with its title and axis titles", () => {
    for (const c of CHARTS.filter((x) => !x.replayOnly)) {
      const f = figure(html, c.id);
      expect(f, c.id).toMatch(/data-drawn="yes"/);
      expect(f, c.id).toContain("<svg");
      expect(f, c.id).toContain(`>${c.title}</text>`);
      for (const axis of c.axes) expect(f, `${c.id}: ${axis}`).toContain(`>${axis}`);
    }
    expect(html).not.toContain('id="chart-truth-');
  });

  it("names the Argo variables and units in captions and hover text", () => {
    for (const name of ["NB_SIZE_SPECTRA_PARTICLES", "BLACK_NB_SIZE_SPECTRA_PARTICLES", "NB_OBJECT_CATEGORY", "CONCENTRATION_LPM", "CONCENTRATION_CATEGORY", "GREY_SIZE_SPECTRA_PARTICLES", "NB_IMAGE_PARTICLES"]) {
      expect(html, name).toContain(`<code>${name}</code>`);
    }
    expect(figure(html, "concentration-heatmap")).toMatch(/<title>size class \(µm\): 50\.8; bin top \(dbar\): 0; [^<]*CONCENTRATION_LPM \(#\/L\): /);
    expect(figure(html, "taxa")).toMatch(/<title>INDEX_CATEGORY: \d+ \(\d+\); [^<]*NB_OBJECT_CATEGORY \(count\): \d+/);
  });

  it("computes CONCENTRATION_LPM of a bin as its counts over Image_volume x its images", () => {
    const doc = JSON.parse(readFileSync(made.decodedJson, "utf8")) as { records: Array<{ KIND: string; PRES: number; NB_IMAGE_PARTICLES: number; NB_SIZE_SPECTRA_PARTICLES: number[] }> };
    const inBin = doc.records.filter((r) => r.KIND === "LPM" && r.PRES >= 1960 && r.PRES < 2000);
    expect(inBin.length).toBeGreaterThan(0);
    const count = inBin.reduce((a, r) => a + r.NB_SIZE_SPECTRA_PARTICLES[3], 0);
    const images = inBin.reduce((a, r) => a + r.NB_IMAGE_PARTICLES, 0);
    const expected = formatNumber(count / (0.72 * images), ".4~g");
    expect(figure(html, "concentration-heatmap")).toContain(`<title>size class (µm): 102; bin top (dbar): 1960; bin bottom (dbar): 2000; CONCENTRATION_LPM (#/L): ${expected}; NB_SIZE_SPECTRA_PARTICLES (count): ${count}; NB_IMAGE_PARTICLES: ${images}</title>`);
  });

  it("finds the sunlit layer of this midday profile and says how it was judged", () => {
    expect(html).toMatch(/Sunlight contaminates the 1-2 px counts down to 18\.4 dbar/);
    expect(figure(html, "sunlight")).toMatch(/dark noise N0 .*median of the \d+ black records at 100-200 dbar/s);
    expect(figure(html, "sunlight")).toContain(">sunlight to 18.4 dbar</text>");
  });

  it("is one self-contained file: nothing to fetch", () => {
    expectSelfContained(html);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it("draws the same charts from the CTS5 files themselves", () => {
    const out = join(dir, "from-cts5.html");
    const r = cli("report", made.cts5Dir, "--profile", "000118LP", "--out", out, "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.records).toEqual({ lpm: 109, black: 157, taxo: 109 });
    expect(summary.charts.filter((c: { drawn: boolean }) => c.drawn)).toHaveLength(7);
    expect(summary.chartWarnings).toEqual([]);
    expect(summary.sunlight.depthDbar).toBeCloseTo(18.4, 3);
    const figures = (h: string) => [...h.matchAll(/<figure[\s\S]*?<\/figure>/gu)].map((m) => m[0].replace(/ from the decoded document [^;.]*|profile 000118LP, HW_CONF Image_volume/gu, "")).join("\n");
    expect(figures(readFileSync(out, "utf8"))).toBe(figures(html));
  });

  it("still draws damaged telemetry, listing each problem with its file, and exits 65", () => {
    const damaged = join(dir, "damaged");
    mkdirSync(damaged);
    for (const name of readdirSync(made.cts5Dir)) copyFileSync(join(made.cts5Dir, name), join(damaged, name));
    const lpm = join(damaged, readdirSync(damaged).find((n) => n.endsWith("_uvp6_lpm.hex"))!);
    const bytes = readFileSync(lpm);
    writeFileSync(lpm, bytes.subarray(0, bytes.length - 40)); // the last record cut short
    const out = join(dir, "damaged.html");
    const r = cli("report", damaged, "--profile", "000118LP", "--out", out);
    expect(r.status).toBe(65);
    expect(r.stdout).toContain(`problem: ${lpm} at byte`);
    const page = readFileSync(out, "utf8");
    expect(page).toMatch(/1 problem reading the inputs/);
    expect(figure(page, "concentration-heatmap")).toMatch(/data-drawn="yes"/);
  });

  it("never overwrites without --force, and names the file", () => {
    const r = cli("report", made.decodedJson, "--out", made.html);
    expect(r.status).toBe(73);
    expect(r.stderr).toContain(`${made.html} exists; give --force`);
    expect(cli("report", made.decodedJson, "--out", made.html, "--force", "--profile", "000118LP").status).toBe(0);
  });

  it("refuses what it cannot read, naming the file and what to give", () => {
    const junk = join(dir, "notes.txt");
    writeFileSync(junk, "hello\n");
    const r = cli("report", junk, "--out", join(dir, "x.html"));
    expect(r.status).toBe(65);
    expect(r.stderr).toContain(`${junk}: not a report input`);
    expect(r.stderr).toMatch(/give decoded data/);
    const missing = cli("report", join(dir, "nope.json"), "--out", join(dir, "x.html"));
    expect(missing.status).toBe(65);
    expect(missing.stderr).toMatch(/nope\.json: cannot read \(ENOENT\)/);
    expect(cli("report", made.decodedJson).status).toBe(64); // no --out
    expect(cli("report", made.decodedJson, "--out", join(dir, "x.html"), "--phase", "SIDEWAYS").status).toBe(64);
  });
});

describe("uvp-float report on a simulated replay", () => {
  let dir = "";
  let made: ReplayReport;
  let html = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "uvp-report-replay-"));
    made = makeReplayReport(dir);
    html = readFileSync(made.html, "utf8");
  });

  it("draws all ten charts, the firmware beside the truth among them", () => {
    for (const c of CHARTS) {
      const f = figure(html, c.id);
      expect(f, c.id).toMatch(/data-drawn="yes"/);
      expect(f, c.id).toContain(`>${c.title}</text>`);
      for (const axis of c.axes) expect(f, `${c.id}: ${axis}`).toContain(`>${axis}`);
    }
    for (const series of ["firmware (LPM_DATA)", "truth: objects placed", "truth: as drawn"]) expect(figure(html, "truth-concentration")).toContain(`>${series}</text>`);
    expectSelfContained(html);
    const json = cli("report", `${made.prefix}.summary.json`, "--out", made.html, "--force", "--json");
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).chartWarnings).toEqual([]);
  });

  it("shows the replay's own verdict and checks, with the truth per bloc read from the stream", () => {
    expect(html).toContain("PASS: the firmware agrees with the ground truth");
    expect(html).toMatch(/<th>Per frame \(no touching objects\)<\/th><td>(\d+) of \1 frames/);
    expect(html).toMatch(/Truth per bloc from [^<]*mission\.uvps \(\d+ lit blocs lined up with the log\)/);
    expect(html).toMatch(/the volume the replay used/);
  });

  it("finds the summary from the log, and says when the stream is gone", () => {
    const other = join(dir, "moved");
    mkdirSync(other);
    copyFileSync(`${made.prefix}.rs232.log`, join(other, "m.rs232.log"));
    const summary = JSON.parse(readFileSync(`${made.prefix}.summary.json`, "utf8"));
    writeFileSync(join(other, "m.summary.json"), JSON.stringify({ ...summary, source: join(other, "gone.uvps") }));
    const out = join(other, "m.html");
    const r = cli("report", join(other, "m.rs232.log"), "--out", out);
    expect(r.status).toBe(0);
    const page = readFileSync(out, "utf8");
    expect(page).toContain("PASS: the firmware agrees with the ground truth");
    expect(page).toMatch(/gone\.uvps \(named by the summary\) is not there/);
    expect(figure(page, "truth-concentration")).toMatch(/data-drawn="no"/);
    expect(figure(page, "concentration-heatmap")).toMatch(/data-drawn="yes"/);
    // Given explicitly, the stream brings the truth back.
    const again = cli("report", join(other, "m.rs232.log"), made.stream, "--out", out, "--force");
    expect(again.status).toBe(0);
    expect(figure(readFileSync(out, "utf8"), "truth-concentration")).toMatch(/data-drawn="yes"/);
  });

  it("does not mix a replay with decoded data", () => {
    const r = cli("report", `${made.prefix}.summary.json`, AUX_010.replace(/R4903634_010_aux\.nc$/u, "README.md"), "--out", join(dir, "y.html"));
    expect(r.status).toBe(65); // README.md is no report input at all
    const cts5 = join(dir, "cts5");
    expect(cli("encode", AUX_010, "--format", "cts5", "--out", cts5).status).toBe(0);
    const mixed = cli("report", `${made.prefix}.summary.json`, cts5, "--out", join(dir, "y.html"));
    expect(mixed.status).toBe(64);
    expect(mixed.stderr).toMatch(/give either decoded data .* or one replay's outputs/);
  });
});
