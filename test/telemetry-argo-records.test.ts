// Decoded slice records as Argo-named rows (names, units, concentrations) and the JSON / CSV / CBOR outputs.
// Records are built here, independent of the decoders; the LPM one is level 1 of the real AUX file of cycle 10.
import { Decoder } from "cbor-x";
import { describe, expect, it } from "vitest";
import { ARGO_2023_NAMES, ARGO_CURRENT_NAMES } from "../host/formats/argo/auxNames.js";
import { ARGO_FIELDS, ARGO_UNITS, fromArgoRow, isoTime, toArgoRow, toArgoRows, type ArgoLpmRow, type ArgoTaxoRow } from "../host/telemetry/argoRecords.js";
import { csvColumns, formatCbor, formatCsv, formatDecoded, formatJson, parseDecodedDocument, sliceRecordsOf, type DecodedDocument } from "../host/telemetry/outputFormats.js";
import type { BlackSlice, LpmSlice, SliceRecord, TaxoSlice } from "../host/telemetry/types.js";

// R4903634_010_aux.nc, LPM level 1: 164 images averaged, with non-integer float32 counts.
const lpm: LpmSlice = {
  kind: "lpm", phase: "ASCENT", processing: "AM", timeS: 1657024917, pressureDbar: 3.3, images: 164, temperatureC: 9.95,
  counts: [1048557, 86131, 27625.001953125, 15566, 15701.0009765625, 12523, 5592, 3103.000244140625, 1354, 658, 221, 63, 24, 5, 1.9999998807907104, 0, 0, 0],
  grey: [33, 37, 40, 43, 46, 50, 54, 58, 60, 65, 66, 67, 63, 72, 77, 0, 0, 0],
};
const black: BlackSlice = { kind: "black", phase: "ASCENT", processing: "RW", timeS: 1657024935, pressureDbar: 2.4, images: 2, temperatureC: 10, counts: [9439, 234, 5, 0, 0] };
const taxo: TaxoSlice = {
  kind: "taxo", phase: "ASCENT", processing: "AM", timeS: 1657024917, pressureDbar: 3.3, images: 164,
  categories: [{ index: 13, objects: 12, meanSize: 1741.9166259765625, meanGrey: 61 }, { index: 14, objects: 19, meanSize: 1402.73681640625, meanGrey: 68 }],
};
const park: LpmSlice = { ...lpm, phase: "PARK", processing: "RW", images: 0, counts: lpm.counts.map(() => 0), grey: lpm.grey.map(() => 0) };
const records: SliceRecord[] = [lpm, black, taxo, park];

describe("Argo-named rows", () => {
  const allFields = [...ARGO_FIELDS.common, ...ARGO_FIELDS.lpm, ...ARGO_FIELDS.black, ...ARGO_FIELDS.taxo, ...ARGO_FIELDS.approximate];

  it("use the current AUX names, never the 2023 ones, each with a unit entry", () => {
    const names = allFields.map((x) => x.name);
    for (const kind of ["lpm", "black", "taxo"] as const) {
      for (const [field, name] of Object.entries(ARGO_CURRENT_NAMES[kind])) {
        if (field !== "timeS") expect(names, name).toContain(name);
      }
      for (const [field, name] of Object.entries(ARGO_2023_NAMES[kind])) {
        if (name !== (ARGO_CURRENT_NAMES[kind] as Record<string, string>)[field]) expect(names, name).not.toContain(name);
      }
    }
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(typeof ARGO_UNITS[n], n).toBe("string");
    expect(ARGO_UNITS).toMatchObject({ PRES: "dbar", CONCENTRATION_LPM: "#/L", CONCENTRATION_CATEGORY: "#/L", OBJECT_MEAN_VOLUME_CATEGORY: "pixel^3", TEMP_PARTICLES: "degree_Celsius" });
  });

  it("turn an LPM record into PRES, TIME, NB_*, GREY_* and CONCENTRATION_LPM = NB / (Image_volume * NB_IMAGE)", () => {
    const row = toArgoRow(lpm, { imageVolumeL: 0.72 }) as ArgoLpmRow;
    expect(row).toMatchObject({ KIND: "LPM", TIME: "2022-07-05T12:41:57Z", TIME_UNIX_S: 1657024917, PRES: 3.3, PHASE: "ASCENT", PROCESSING: "AM", NB_IMAGE_PARTICLES: 164, TEMP_PARTICLES: 9.95 });
    expect(row.NB_SIZE_SPECTRA_PARTICLES).toEqual(lpm.counts);
    expect(row.GREY_SIZE_SPECTRA_PARTICLES).toEqual(lpm.grey);
    expect(row.CONCENTRATION_LPM).toHaveLength(18);
    expect(row.CONCENTRATION_LPM[0]).toBe(1048557 / (0.72 * 164));
    expect(row.CONCENTRATION_LPM[0]).toBeCloseTo(8880.056, 3); // 1048557 / 118.08 L, by hand
    expect(row.CONCENTRATION_LPM[2]).toBe(27625.001953125 / (0.72 * 164));
    expect(row.CONCENTRATION_LPM[17]).toBe(0);
  });

  it("leave concentrations null without images or without an image volume", () => {
    expect((toArgoRow(park, { imageVolumeL: 0.72 }) as ArgoLpmRow).CONCENTRATION_LPM).toEqual(Array(18).fill(null));
    expect((toArgoRow(lpm) as ArgoLpmRow).CONCENTRATION_LPM).toEqual(Array(18).fill(null));
    const t = toArgoRow(taxo, { imageVolumeL: 0.72 }) as ArgoTaxoRow;
    expect(t).toMatchObject({ KIND: "TAXO", NB_IMAGE_CATEGORY: 164, NB_CATEGORY: 2, INDEX_CATEGORY: [13, 14], NB_OBJECT_CATEGORY: [12, 19], OBJECT_MEAN_GREY_LEVEL_CATEGORY: [61, 68] });
    expect(t.CONCENTRATION_CATEGORY).toEqual([12 / (0.72 * 164), 19 / (0.72 * 164)]);
    expect(toArgoRow(black)).toMatchObject({ KIND: "BLACK", BLACK_NB_IMAGE_PARTICLES: 2, BLACK_TEMP_PARTICLES: 10, BLACK_NB_SIZE_SPECTRA_PARTICLES: [9439, 234, 5, 0, 0] });
  });

  it("give ISO times without milliseconds when whole, and null for impossible dates", () => {
    expect(isoTime(0)).toBe("1970-01-01T00:00:00Z");
    expect(isoTime(1.5)).toBe("1970-01-01T00:00:01.500Z");
    expect(isoTime(Number.NaN)).toBeNull();
  });

  it("read back into the same slice records, and name the field that does not", () => {
    for (const r of records) expect(fromArgoRow(toArgoRow(r, { imageVolumeL: 0.72 }))).toEqual(r);
    // An approximate record (noise-bounded SBD) keeps its mark and bounds through a row and back.
    const approximate: SliceRecord = { ...black, approximate: { noiseFraction: 0.1, countBounds: [3, 1, 0, 0, 0] } };
    expect(toArgoRow(approximate)).toMatchObject({ NOISE_FRACTION: 0.1, BLACK_NB_SIZE_SPECTRA_PARTICLES_BOUND: [3, 1, 0, 0, 0] });
    expect(fromArgoRow(toArgoRow(approximate))).toEqual(approximate);
    expect(toArgoRow(black)).not.toHaveProperty("NOISE_FRACTION");
    expect(() => fromArgoRow({ ...toArgoRow(lpm), PHASE: "SINKING" }, "x.json record 3")).toThrow(/x\.json record 3: PHASE must be one of DESCENT/);
    expect(() => fromArgoRow({ ...toArgoRow(black), BLACK_NB_SIZE_SPECTRA_PARTICLES: [1, 2] })).toThrow(/BLACK_NB_SIZE_SPECTRA_PARTICLES must be 5 numbers/);
  });
});

describe("output formats", () => {
  const doc: DecodedDocument = {
    records: toArgoRows(records, { imageVolumeL: 0.72 }),
    problems: [{ source: "4903634_010_01_uvp6_lpm.hex", offset: 97, message: "truncated record" }],
    summary: { records: { lpm: 2, black: 1, taxo: 1 } },
  };

  it("CSV: one header with units, vectors expanded to the AUX widths, empty cells for other kinds", () => {
    const csv = formatCsv(doc.records);
    const lines = csv.trimEnd().split("\n");
    expect(lines).toHaveLength(1 + records.length);
    const header = lines[0].split(",");
    // Then the noise-bounded mode's marks, last: NOISE_FRACTION and each count's bound.
    expect(header).toHaveLength(6 + (2 + 3 * 18) + (2 + 5) + (2 + 5 * 40) + (1 + 18 + 5));
    expect(header.slice(-24, -22)).toEqual(["NOISE_FRACTION", "NB_SIZE_SPECTRA_PARTICLES_BOUND_1 [count]"]);
    expect(header.length).toBe(csvColumns().length);
    expect(header.slice(0, 9)).toEqual(["KIND", "TIME [UTC]", "TIME_UNIX_S [s]", "PRES [dbar]", "PHASE", "PROCESSING", "NB_IMAGE_PARTICLES [count]", "TEMP_PARTICLES [degree_Celsius]", "NB_SIZE_SPECTRA_PARTICLES_1 [count]"]);
    expect(header).toContain("NB_SIZE_SPECTRA_PARTICLES_18 [count]");
    expect(header).toContain("BLACK_NB_SIZE_SPECTRA_PARTICLES_5 [count]");
    expect(header).toContain("CONCENTRATION_CATEGORY_40 [#/L]");
    expect(header).toContain("INDEX_CATEGORY_1");
    const cell = (line: number, name: string) => lines[line].split(",")[header.findIndex((h) => h === name || h.startsWith(`${name} [`))];
    expect(cell(1, "KIND")).toBe("LPM");
    expect(cell(1, "TIME")).toBe("2022-07-05T12:41:57Z");
    expect(cell(1, "NB_SIZE_SPECTRA_PARTICLES_3")).toBe("27625.001953125"); // the float32 value, exactly
    expect(cell(1, "NB_SIZE_SPECTRA_PARTICLES_15")).toBe("1.9999998807907104");
    expect(cell(1, "BLACK_NB_IMAGE_PARTICLES")).toBe("");
    expect(cell(2, "BLACK_NB_SIZE_SPECTRA_PARTICLES_2")).toBe("234");
    expect(cell(2, "NB_SIZE_SPECTRA_PARTICLES_1")).toBe("");
    expect(cell(3, "INDEX_CATEGORY_2")).toBe("14");
    expect(cell(3, "INDEX_CATEGORY_3")).toBe("");
    expect(cell(4, "CONCENTRATION_LPM_1")).toBe(""); // no images
    expect(Number(cell(1, "CONCENTRATION_LPM_1"))).toBe(1048557 / (0.72 * 164));
    expect(formatDecoded("csv", doc)).toBe(csv);
  });

  it("CBOR: one item that reads back to the same document and the same float32 counts", () => {
    const bytes = formatCbor(doc);
    expect(formatDecoded("cbor", doc)).toEqual(bytes);
    expect(new Decoder({ useRecords: false, mapsAsObjects: true }).decode(bytes)).toEqual(JSON.parse(JSON.stringify(doc)));
    const back = parseDecodedDocument(bytes, "out.cbor");
    expect(back).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(sliceRecordsOf(back, "out.cbor")).toEqual(records);
  });

  it("JSON: one document {records, problems, summary}, nulls instead of NaN, records read back", () => {
    const text = formatJson(doc);
    expect(text).not.toMatch(/NaN/);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(["records", "problems", "summary"]);
    expect(parsed.problems[0]).toEqual({ source: "4903634_010_01_uvp6_lpm.hex", offset: 97, message: "truncated record" });
    expect(parsed.records[3].CONCENTRATION_LPM[0]).toBeNull();
    expect(sliceRecordsOf(parseDecodedDocument(new TextEncoder().encode(text), "out.json"), "out.json")).toEqual(records);
    expect(() => parseDecodedDocument(new TextEncoder().encode('{"rows": []}'), "x.json")).toThrow(/x\.json: no "records" list/);
  });
});
