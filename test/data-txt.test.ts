// The camera's *_data.txt: the real line from the user guide read exactly, the special lines, bad lines
// reported with their line numbers and byte offsets while the good ones are kept, and the writer.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDataTxt, formatDataTxtImage, readDataTxt, type DataTxtImage } from "../host/formats/dataTxt.js";
import { replayFile } from "../host/replay/replayFile.js";
import { REAL_ACQ_CONF, REAL_HW_CONF } from "./support/config.js";
import { tempDir } from "./support/streams.js";

const REAL_LINE = "20220518-214011-120,700.3,27.13,1:1,2589,31.4,9.5;2,176,37.9,15.9;3,45,47.8,24.4;4,34,60.1,28.0;";
const TAXO = "TAXO_CONF,TAXO_NKE_0,Mglob_20220421,65535,20,93382,56693;";
const REAL_TIME_S = Date.UTC(2022, 4, 18, 21, 40, 11, 120) / 1000;

describe("readDataTxt", () => {
  it("reads the real line exactly", () => {
    const got = readDataTxt(`${REAL_HW_CONF}\n${REAL_ACQ_CONF}\n${REAL_LINE}\n`);
    expect(got.problems).toEqual([]);
    expect(got.hwConf).toBe(REAL_HW_CONF);
    expect(got.acqConf).toBe(REAL_ACQ_CONF);
    expect(got.taxoConf).toBeNull();
    expect(got.images).toEqual([{
      timeS: REAL_TIME_S, depthDbar: 700.3, temperatureC: 27.13, kind: "lit", overexposedPercent: null, empty: false,
      entries: [
        { areaPx: 1, count: 2589, meanGrey: 31.4, sdGrey: 9.5 },
        { areaPx: 2, count: 176, meanGrey: 37.9, sdGrey: 15.9 },
        { areaPx: 3, count: 45, meanGrey: 47.8, sdGrey: 24.4 },
        { areaPx: 4, count: 34, meanGrey: 60.1, sdGrey: 28.0 },
      ],
    }]);
  });

  it("reads black, over-exposed and empty lines, TAXO_CONF, CRLF and a time without milliseconds", () => {
    const text = [
      REAL_HW_CONF, REAL_ACQ_CONF, TAXO,
      "20220518-214012,700.1,27.10,0:1,4012,22.0,1.1;",
      "20220518-214013-500,699.9,27.11,1:OVER_EXPOSED,22.2%",
      "20220518-214014-000,699.8,27.12,1:EMPTY_IMAGE;",
      "",
    ].join("\r\n");
    const got = readDataTxt(text);
    expect(got.problems).toEqual([]);
    expect(got.taxoConf).toBe(TAXO);
    expect(got.images.map((i) => [i.kind, i.overexposedPercent, i.empty, i.entries.length])).toEqual([
      ["black", null, false, 1], ["lit", 22.2, false, 0], ["lit", null, true, 0],
    ]);
    expect(got.images[0].timeS).toBe(Date.UTC(2022, 4, 18, 21, 40, 12) / 1000);
    expect(got.images[1].timeS).toBe(Date.UTC(2022, 4, 18, 21, 40, 13, 500) / 1000);
  });

  it("reports bad lines with line number and byte offset, and keeps every good one", () => {
    const lines = [
      REAL_HW_CONF,                                             // 1
      REAL_ACQ_CONF,                                            // 2
      REAL_LINE,                                                // 3
      "20220518-214012-120,700.3,27.13,2:1,5,30.0,1.0;",        // 4 flag
      "20220518-214013-120,700.3,27.13,1:1,5,30.0;",           // 5 three fields
      "20221318-214014-120,700.3,27.13,1:1,5,30.0,1.0;",        // 6 month 13
      "20220518-214015-120,7OO.3,27.13,1:1,5,30.0,1.0;",        // 7 letter O in depth
      "hello",                                                  // 8
      "20220518-214016-120,700.3,27.13,1:1,5,30.0,1.0;2,3,4",   // 9 cut short
      "20220518-214017-120,700.3,27.13,1:",                     // 10 nothing after ':'
      "20220518-214018-120,700.3,1:1,5,30.0,1.0;",              // 11 missing field
      "HW_CONF,again;",                                         // 12 second HW_CONF
      "20220518-214019-120,700.2,27.13,1:EMPTY_IMAGE;",         // 13 good
    ];
    const text = `${lines.join("\n")}\n`;
    const got = readDataTxt(text);
    const offsetOf = (line: number) => Buffer.byteLength(lines.slice(0, line - 1).map((l) => `${l}\n`).join(""));
    expect(got.images.map((i) => i.timeS)).toEqual([REAL_TIME_S, REAL_TIME_S + 8]);
    expect(got.hwConf).toBe(REAL_HW_CONF);
    expect(got.problems.map((p) => p.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const p of got.problems) expect(p.offset).toBe(offsetOf(p.line));
    expect(got.problems.map((p) => p.message)).toEqual([
      'flag "2" is neither 1 (lit) nor 0 (black)',
      'object entry 1 "1,5,30.0" has 3 fields where 4 were expected (area,count,mean,sd)',
      'time "20221318-214014-120" is not YYYYMMDD-HHMMSS[-mmm]',
      'depth "7OO.3" is not a number',
      'neither a configuration line (HW_CONF, ACQ_CONF, TAXO_CONF) nor an image line: "hello"',
      "the objects do not end with ';' (line cut short?)",
      "no objects after ':' (an empty image is written EMPTY_IMAGE;)",
      "3 fields before ':' where 4 were expected (time,depth,temp,flag)",
      "a second HW_CONF line: the first one is kept",
    ]);
  });

  it("counts byte offsets in UTF-8", () => {
    const got = readDataTxt("ACQ_CONF,é;\nbad\n");
    expect(got.problems).toEqual([{ line: 2, offset: 13, message: expect.any(String) }]);
  });
});

describe("readDataTxt on raw bytes", () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const bytes = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : p)));
  const BAD = "20220518-214016-120,7OO.3,27.13,1:1,5,30.0,1.0;";

  it("reports a line after invalid UTF-8 bytes at its true byte offset", () => {
    const file = bytes(
      `${REAL_HW_CONF}\n${REAL_ACQ_CONF}\n`,
      Buffer.from([0x23, 0xff, 0xfe, 0xc3, 0x28, 0xe9, 0x80, 0x0a]), // not UTF-8 (a lone 0xff, a bad 2-byte sequence...)
      `${REAL_LINE}\n`, Buffer.from("caf\u00e9 \u00b5m\n", "utf8"), `${BAD}\n`,
    );
    const got = readDataTxt(file);
    expect(got.images).toHaveLength(1);
    expect(got.problems).toHaveLength(3);
    const [garbage, utf8, bad] = got.problems;
    expect(garbage).toMatchObject({ line: 3, offset: file.indexOf(Buffer.from([0x23, 0xff])) });
    expect(utf8).toMatchObject({ line: 5, offset: file.indexOf("caf"), message: expect.stringContaining('"caf\u00e9 \u00b5m"') });
    expect(bad).toEqual({ line: 6, offset: file.indexOf(BAD), message: 'depth "7OO.3" is not a number' });
    // Decoding the bytes as UTF-8 first would have moved the offsets (each bad byte becomes 3 bytes of U+FFFD).
    expect(readDataTxt(file.toString("utf8")).problems[2].offset).not.toBe(file.indexOf(BAD));
  });

  it("counts a cut file's last line, without newline, from its true offset", () => {
    const file = bytes(`${REAL_HW_CONF}\r\n`, Buffer.from([0xb5, 0x0d, 0x0a]), "20220518-214016");
    const got = readDataTxt(file);
    expect(got.problems.map((p) => [p.line, p.offset])).toEqual([[2, file.indexOf(0xb5)], [3, file.indexOf("20220518")]]);
  });

  it("accepts a leading UTF-8 BOM and blank lines, as bytes and as text", () => {
    const text = `\r\n\n${REAL_HW_CONF}\r\n${REAL_ACQ_CONF}\r\n${REAL_LINE}\r\n${BAD}\r\n`;
    const file = bytes(BOM, text);
    for (const got of [readDataTxt(file), readDataTxt(file.toString("utf8")), readDataTxt(new Uint8Array(file))]) {
      expect(got.hwConf).toBe(REAL_HW_CONF);
      expect(got.acqConf).toBe(REAL_ACQ_CONF);
      expect(got.images.map((i) => i.timeS)).toEqual([REAL_TIME_S]);
      expect(got.problems).toEqual([{ line: 6, offset: file.indexOf(BAD), message: 'depth "7OO.3" is not a number' }]);
    }
    const first = readDataTxt(bytes(BOM, "hello\n"));
    expect(first.problems).toEqual([{ line: 1, offset: 3, message: expect.stringContaining('"hello"') }]);
  });
});

describe("replay of a *_data.txt", () => {
  const tmp = tempDir("data-txt");
  afterAll(tmp.cleanup);

  it("is recognised after a BOM and blank lines, and its problems carry true byte offsets", () => {
    const path = join(tmp.dir, "bom_data.txt");
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n \r\n${REAL_HW_CONF}\n${REAL_ACQ_CONF}\n`, "latin1"),
      Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(`${REAL_LINE}\nhello\n`, "latin1"),
    ]);
    writeFileSync(path, file);
    const out = replayFile(path, { build: "scalar" });
    expect(out.summary.records.lpm).toBeGreaterThan(0);
    expect(out.inputProblems.map((p) => p.offset)).toEqual([file.indexOf(Buffer.from([0xff, 0xfe])), file.indexOf("hello")]);
  });
});

describe("formatDataTxtImage", () => {
  it("writes the real line back exactly", () => {
    expect(formatDataTxtImage(readDataTxt(REAL_LINE).images[0])).toBe(REAL_LINE);
  });

  it("round-trips black, over-exposed and empty images", () => {
    const images: DataTxtImage[] = [
      { timeS: REAL_TIME_S, depthDbar: 12.5, temperatureC: -1.25, kind: "black", overexposedPercent: null, empty: false, entries: [{ areaPx: 1, count: 4000, meanGrey: 22, sdGrey: 0.5 }, { areaPx: 17, count: 1, meanGrey: 200.1, sdGrey: 0 }] },
      { timeS: REAL_TIME_S + 0.5, depthDbar: 12.4, temperatureC: 3, kind: "lit", overexposedPercent: 22.2, empty: false, entries: [] },
      { timeS: REAL_TIME_S + 1, depthDbar: 0, temperatureC: 3, kind: "lit", overexposedPercent: null, empty: true, entries: [] },
    ];
    expect(formatDataTxtImage(images[1])).toBe("20220518-214011-620,12.4,3.00,1:OVER_EXPOSED,22.2%");
    expect(formatDataTxtImage(images[2])).toBe("20220518-214012-120,0.0,3.00,1:EMPTY_IMAGE;");
    const text = formatDataTxt({ hwConf: REAL_HW_CONF, acqConf: REAL_ACQ_CONF, taxoConf: TAXO, images });
    const back = readDataTxt(text);
    expect(back.problems).toEqual([]);
    expect(back.images).toEqual(images);
    expect([back.hwConf, back.acqConf, back.taxoConf]).toEqual([REAL_HW_CONF, REAL_ACQ_CONF, TAXO]);
  });
});
