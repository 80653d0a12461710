// Importing a directory of camera PNGs with a pressure CSV: rows matched by file name, exact time or
// interpolation; frames in time order; unmatched, unreadable and odd-sized images reported by name.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodePng } from "../host/formats/png.js";
import { importPngDirectory } from "../host/formats/pngDirectory.js";
import { PressureMatcher, readPressureCsv } from "../host/formats/pressureCsv.js";
import { readStreamFile } from "../host/formats/stream/streamReader.js";
import { TEST_HEADER, tempDir } from "./support/streams.js";

const tmp = tempDir("png-directory");
afterAll(tmp.cleanup);

const T0 = Date.UTC(2022, 4, 18, 21, 40, 11) / 1000;

function frame(seed: number, w = 8, h = 6) {
  return { widthPx: w, heightPx: h, pixels: new Uint8Array(w * h).map((_, i) => (i * 13 + seed * 7) & 255) };
}

function setup(name: string, files: Record<string, Uint8Array>, csv: string) {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dir, file), bytes);
  const csvPath = join(tmp.dir, `${name}.csv`);
  writeFileSync(csvPath, csv);
  return { dir, csvPath, out: join(tmp.dir, `${name}.uvps`) };
}

describe("importPngDirectory", () => {
  it("matches by time (exact or interpolated), orders frames by time and reports what it leaves out", () => {
    const { dir, csvPath, out } = setup("by-time", {
      "20220518-214013-500.png": encodePng(frame(3)),
      "20220518-214011.png": encodePng(frame(1)),
      "20220518-214012-000.png": encodePng(frame(2)),
      "20220518-214015.png": encodePng(frame(5)),            // 15 s: after the last row
      "20220518-214012-250.png": encodePng(frame(9, 4, 4)),  // another size
      "20220518-214012-750.png": Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
      "notes.txt": new Uint8Array([1]),
    }, [
      "time,pressure_dbar,temperature_c,kind,phase",
      "20220518-214011,700.0,27.0,lit,ascent",
      "2022-05-18T21:40:12Z,699.0,26.0,black,ascent",
      "20220518-214014,697.0,,lit,park",
      "20220518-2140,1,2,lit,ascent",
    ].join("\n"));
    const result = importPngDirectory(dir, csvPath, TEST_HEADER, out, { temperatureC: 19.5 });
    expect(result.frames).toBe(3);
    expect(result.problems).toEqual([
      { file: "by-time.csv line 5", message: 'time "20220518-2140" is neither YYYYMMDD-HHMMSS[-mmm] nor ISO 8601' },
      { file: "20220518-214015.png", message: "no pressure: its time is after the last row's time" },
      { file: "20220518-214012-250.png", message: "frame is 4 x 4, not 8 x 6 like the first one" },
      { file: "20220518-214012-750.png", message: expect.stringMatching(/^not a usable PNG: /) },
    ].sort((a, b) => order(a.file) - order(b.file)));
    const got = readStreamFile(out);
    expect(got.problems).toEqual([]);
    expect(got.header).toMatchObject(TEST_HEADER);
    expect(got.frames.map((f) => [f.index, f.timeS - T0, f.pressureDbar, f.temperatureC, f.kind, f.phase])).toEqual([
      [0, 0, 700, 27, "lit", "ascent"],
      [1, 1, 699, 26, "black", "ascent"],
      [2, 2.5, 697.5, 19.5, "lit", "park"], // 3/4 of the way: pressure interpolated; no temperature in one row; kind/phase of the nearer (later) row
    ]);
    expect(got.frames[0].pixels).toEqual(frame(1).pixels);
    expect(got.frames[2].pixels).toEqual(frame(3).pixels);
  });

  it("matches by file name, taking the time from the row or from the name", () => {
    const { dir, csvPath, out } = setup("by-file", {
      "a.png": encodePng(frame(1)),
      "20220518-214011-500.png": encodePng(frame(2)),
      "b.png": encodePng(frame(3)),
    }, "file;time;pressure_dbar\n20220518-214011-500.png;;10.5\na.png;2022-05-18 21:40:11.250;10.25\nb.png;;11\n");
    const result = importPngDirectory(dir, csvPath, TEST_HEADER, out, { encoding: "raw", phase: "park", kind: "black" });
    expect(result.problems).toEqual([{ file: "b.png", message: "no pressure: its row (line 4) has no time and its name holds none" }]);
    const got = readStreamFile(out);
    expect(got.frames.map((f) => [f.timeS - T0, f.pressureDbar, f.kind, f.phase, f.temperatureC])).toEqual([
      [0.25, 10.25, "black", "park", 20],
      [0.5, 10.5, "black", "park", 20],
    ]);
  });

  it("refuses a CSV without the needed columns, as a problem, and still writes a (frameless) stream", () => {
    const { dir, csvPath, out } = setup("bad-csv", { "20220518-214011.png": encodePng(frame(1)) }, "when,depth\n1,2\n");
    const result = importPngDirectory(dir, csvPath, TEST_HEADER, out);
    expect(result.frames).toBe(0);
    expect(result.problems.map((p) => p.file)).toEqual(["bad-csv.csv line 1", "20220518-214011.png"]);
    expect(readStreamFile(out).problems).toEqual([]);
    expect(() => importPngDirectory(dir, csvPath, TEST_HEADER, out)).toThrow(/already exists/);
    expect(() => importPngDirectory(join(tmp.dir, "missing"), csvPath, TEST_HEADER, join(tmp.dir, "x.uvps"))).toThrow(/missing/);
  });
});

describe("PressureMatcher", () => {
  const table = readPressureCsv("time,pressure_dbar\n20220518-214000,100\n20220518-214020,90\n20220518-214130,80\n");
  const m = new PressureMatcher(table, 30);

  it("interpolates within the gap limit and refuses across a wider gap or outside the rows", () => {
    expect(m.match("x.png", T0 - 11 + 5)).toMatchObject({ pressureDbar: 97.5, how: "interpolated" });
    expect(m.match("x.png", T0 - 11)).toMatchObject({ pressureDbar: 100, how: "time" });
    expect(m.match("x.png", T0 + 30)).toBe("the rows around its time (lines 3 and 4) are 70.000 s apart, more than 30 s");
    expect(m.match("x.png", T0 - 12)).toBe("its time is before the first row's time");
    expect(m.match("x.png", null)).toMatch(/holds no YYYYMMDD-HHMMSS/);
  });
});

function order(file: string): number {
  return ["by-time.csv line 5", "20220518-214015.png", "20220518-214012-250.png", "20220518-214012-750.png"].indexOf(file);
}
