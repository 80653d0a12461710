// compareWithAux on records built from the real AUX file of float 4903634, cycle 10, as a decoder would return
// them: pressure and temperature from their uint16 transmission codes, counts as the exact float32 values.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAuxProfileFile } from "../host/formats/argo/auxReader.js";
import type { AuxProfile } from "../host/formats/argo/auxTypes.js";
import { compareWithAux, comparisonIsClean, comparisonTable } from "../host/telemetry/compareAux.js";
import type { BlackSlice, LpmSlice, SliceRecord, TaxoSlice } from "../host/telemetry/types.js";

const aux = readAuxProfileFile(join(import.meta.dirname, "fixtures", "argo-4903634", "R4903634_010_aux.nc"));

// What the CTS5 packing leaves of the AUX float32 values: (P + 100) * 10 and (T + 5) * 1000 as integers.
const pres = (p: number) => (Math.round((p + 100) * 10) - 1000) / 10;
const temp = (t: number) => Math.round((t + 5) * 1000) / 1000 - 5;

function recordsOf(a: AuxProfile): SliceRecord[] {
  const common = { phase: "ASCENT", processing: "AM" } as const;
  return [
    ...a.lpm.map((l): LpmSlice => ({ kind: "lpm", ...common, timeS: l.timeS, pressureDbar: pres(l.pressureDbar), images: l.images, temperatureC: temp(l.temperatureC), counts: [...l.counts], grey: [...l.grey] })),
    ...a.black.map((l): BlackSlice => ({ kind: "black", ...common, processing: "RW", timeS: l.timeS, pressureDbar: pres(l.pressureDbar), images: l.images, temperatureC: temp(l.temperatureC), counts: [...l.counts] })),
    ...a.taxo.map((l): TaxoSlice => ({
      kind: "taxo", ...common, timeS: l.timeS, pressureDbar: pres(l.pressureDbar), images: l.images,
      categories: l.index.map((index, j) => ({ index, objects: l.objects[j], meanSize: l.meanSize[j], meanGrey: l.meanGrey[j] })),
    })),
  ];
}

/** The next float32 above x (x positive). */
function nextUlp(x: number): number {
  const f = new Float32Array([x]);
  new Uint32Array(f.buffer)[0]++;
  return f[0];
}

describe("compareWithAux on R4903634_010_aux.nc", () => {
  it("finds no difference between the AUX file and records carrying the same values", () => {
    const records = recordsOf(aux);
    expect(records.some((r) => r.kind === "lpm" && r.pressureDbar !== Math.fround(r.pressureDbar))).toBe(true); // decoded, not float32
    const c = compareWithAux(records, aux);
    expect(c.differences).toEqual([]);
    expect(c.perKind.lpm).toEqual({ decoded: 109, aux: 109, matched: 109, different: 0, onlyInDecoded: 0, onlyInAux: 0 });
    expect(c.perKind.black).toMatchObject({ matched: 157, different: 0 });
    expect(c.perKind.taxo).toMatchObject({ matched: 109, different: 0 });
    expect(c).toMatchObject({ matched: 375, different: 0, onlyInDecoded: 0, onlyInAux: 0, skipped: 0 });
    expect(comparisonIsClean(c)).toBe(true);
  });

  it("reports a count one float32 ulp off, naming the record and the class", () => {
    const records = recordsOf(aux);
    const target = records.find((r): r is LpmSlice => r.kind === "lpm" && r.counts[2] === 27625.001953125);
    expect(target).toBeDefined();
    const before = target!.counts[2];
    target!.counts[2] = nextUlp(before);
    expect(target!.counts[2] - before).toBe(0.001953125);
    const c = compareWithAux(records, aux);
    expect(c.differences).toEqual([
      { kind: "lpm", timeS: target!.timeS, pressureDbar: Math.fround(target!.pressureDbar), field: "NB_SIZE_SPECTRA_PARTICLES_3", decoded: 27625.00390625, aux: 27625.001953125 },
    ]);
    expect(c.perKind.lpm).toMatchObject({ matched: 109, different: 1 });
    expect(comparisonIsClean(c)).toBe(false);
  });

  it("tells +0 from -0 in counts and a TAXO category count or index change", () => {
    const records = recordsOf(aux);
    const lpm = records.find((r): r is LpmSlice => r.kind === "lpm" && r.counts[17] === 0)!;
    lpm.counts[17] = -0;
    const taxo = records.filter((r): r is TaxoSlice => r.kind === "taxo" && r.categories.length >= 2);
    taxo[0].categories[1].objects += 1;
    taxo[1].categories[0].index = 39;
    const c = compareWithAux(records, aux);
    const fields = c.differences.map((d) => `${d.kind} ${d.field}`);
    expect(fields).toContain("lpm NB_SIZE_SPECTRA_PARTICLES_18");
    expect(fields).toContain("taxo NB_OBJECT_CATEGORY_2");
    expect(fields).toContain("taxo INDEX_CATEGORY");
    expect(c.perKind.taxo.different).toBe(2);
  });

  it("counts a removed record as only in the AUX file, and extra phases as only decoded unless left out", () => {
    const records = recordsOf(aux);
    const i = records.findIndex((r) => r.kind === "black");
    const [removed] = records.splice(i, 1);
    const park: BlackSlice = { ...(removed as BlackSlice), phase: "PARK", processing: "RW", timeS: removed.timeS - 86400, pressureDbar: 1000 };
    records.push(park);
    const c = compareWithAux(records, aux);
    expect(c.differences).toEqual([]);
    expect(c.perKind.black).toEqual({ decoded: 157, aux: 157, matched: 156, different: 0, onlyInDecoded: 1, onlyInAux: 1 });
    expect(c.onlyInAuxRecords).toEqual([{ kind: "black", timeS: removed.timeS, pressureDbar: Math.fround(removed.pressureDbar) }]);
    expect(c.onlyInDecodedRecords).toEqual([{ kind: "black", timeS: park.timeS, pressureDbar: 1000, phase: "PARK" }]);
    const ascentOnly = compareWithAux(records, aux, { phases: ["ASCENT"] });
    expect(ascentOnly).toMatchObject({ skipped: 1, onlyInDecoded: 0, onlyInAux: 1 });
    expect(comparisonTable(ascentOnly)).toEqual([
      "kind   decoded  aux  matched  different  only-decoded  only-aux",
      "LPM        109  109      109          0             0         0",
      "BLACK      156  157      156          0             0         1",
      "TAXO       109  109      109          0             0         0",
    ]);
  });

  it("still pairs records whose times are all shifted, by pressure, and reports TIME_UNIX_S", () => {
    const records = recordsOf(aux).map((r) => ({ ...r, timeS: r.timeS + 3 }));
    const c = compareWithAux(records, aux);
    expect(c.matched).toBe(375);
    expect(c.differences.every((d) => d.field === "TIME_UNIX_S" && d.decoded === (d.aux as number) + 3)).toBe(true);
    expect(c.differences).toHaveLength(375);
  });
});
