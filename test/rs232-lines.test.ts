// LPM_DATA / BLACK_DATA lines in the UVP6 grammar: the specification's real example round-trips exactly.
import { describe, expect, it } from "vitest";
import type { BlocRecord } from "../host/firmware/index.js";
import { cameraDateTime, formatRecordLine, parseRecordLine } from "../host/formats/rs232Lines.js";

// From the Hydroptic/LOV RS232 specification (DOMAIN.md section 3).
const SPEC_LINE =
  "LPM_DATA,1554.09,20220223,040052,1,23.69,33,0,4,2,1,0,1,1,0,1,1,2,0,0,1,0,0,2,23,0,17,21,20,0,21,19,0,29,30,35,0,0,43,0,0,50;";

function recordOf(line: string): BlocRecord {
  const p = parseRecordLine(line);
  const timeS = Date.UTC(+p.date.slice(0, 4), +p.date.slice(4, 6) - 1, +p.date.slice(6, 8), +p.time.slice(0, 2), +p.time.slice(2, 4), +p.time.slice(4, 6)) / 1000;
  return { kind: p.kind, overexposed: false, images: p.images, framesAccumulated: p.images, timeS, pressureDbar: p.pressureDbar, temperatureC: p.temperatureC, counts: p.counts, grey: p.grey ?? new Array(18).fill(0) };
}

describe("RS232 record lines", () => {
  it("formats the specification's LPM_DATA example exactly", () => {
    expect(formatRecordLine(recordOf(SPEC_LINE))).toBe(SPEC_LINE);
  });

  it("formats BLACK_DATA without greys", () => {
    const r = { ...recordOf(SPEC_LINE), kind: "BLACK" as const };
    expect(formatRecordLine(r)).toBe("BLACK_DATA,1554.09,20220223,040052,1,23.69,33,0,4,2,1,0,1,1,0,1,1,2,0,0,1,0,0,2;");
  });

  it("prints the over-exposed bloc as IMG = 0 and 36 zeros", () => {
    const r: BlocRecord = { ...recordOf(SPEC_LINE), overexposed: true, images: 0, counts: new Array(18).fill(0), grey: new Array(18).fill(0) };
    expect(formatRecordLine(r)).toBe(`LPM_DATA,1554.09,20220223,040052,0,23.69,${new Array(36).fill(0).join(",")};`);
  });

  it("writes UTC date and time, truncating fractional seconds", () => {
    expect(cameraDateTime(1652906411.999)).toEqual(["20220518", "204011"]);
  });

  it("refuses malformed lines, naming the field", () => {
    expect(() => parseRecordLine("LPM_DATA,1,2;")).toThrow(/fields/);
    expect(() => parseRecordLine(SPEC_LINE.replace(",33,", ",x,"))).toThrow(/field 6/);
    expect(() => parseRecordLine(SPEC_LINE.replace("20220223", "2022-02-23"))).toThrow(/YYYYMMDD/);
    expect(() => parseRecordLine("TAXO_DATA,3;")).toThrow(/not an LPM_DATA/);
  });
});
