// The NetCDF-4 writer and reader on their own (h5wasm): what goes in comes out bit for bit, dimensions are named
// by their attached scales, a damaged file is one clear ArgoAuxError (decode-netcdf.test.ts checks that the CLI
// then prints no HDF5 error stack), and
// a dataset whose shapes do not match its dimensions is refused before anything is written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readAuxProfileFile, readAuxProfileFileAsync } from "../host/formats/argo/auxReader.js";
import { ArgoAuxError } from "../host/formats/argo/netcdf3.js";
import { Nc4File } from "../host/formats/argo/netcdf4.js";
import { isHdf5, loadH5wasm, type H5wasm } from "../host/formats/netcdf4/h5wasmModule.js";
import { num, text, type NcDataset } from "../host/formats/netcdf4/netcdf4Model.js";
import { writeNetcdf4 } from "../host/formats/netcdf4/netcdf4Writer.js";
import { auxNetcdfDataset } from "../host/telemetry/auxNetcdf.js";
import { toArgoRows } from "../host/telemetry/argoRecords.js";
import { sliceRecordsFromDecodedAux } from "../host/telemetry/fromAux.js";

let h5: H5wasm;
let dir = "";
beforeAll(async () => {
  h5 = await loadH5wasm();
  dir = mkdtempSync(join(tmpdir(), "uvp-nc4-"));
});

const small: NcDataset = {
  dimensions: [{ name: "N_PROF", size: 2 }, { name: "N_LEVELS", size: 3 }, { name: "STRING4", size: 4 }],
  variables: [
    { name: "COUNTS", type: "float", dims: ["N_PROF", "N_LEVELS"], values: [27625.001953125, 1, 99999, 0.1, 2.5, 99999], attributes: [num("_FillValue", "float", 99999), text("units", "count")] },
    { name: "CYCLE", type: "int", dims: ["N_PROF"], values: [7, -3], attributes: [] },
    { name: "NAME", type: "char", dims: ["N_PROF", "STRING4"], values: "AB  CDEF", attributes: [text("long_name", "")] },
  ],
  attributes: [text("title", "a test"), num("numbers", "double", [1.5, 2])],
};

describe("NetCDF-4 through h5wasm", () => {
  it("reads back what it wrote: float32 values bit for bit, dimension names, fill values, text", () => {
    const path = join(dir, "small.nc");
    writeNetcdf4(h5, path, small);
    expect(isHdf5(readFileSync(path))).toBe(true);
    const nc = Nc4File.openPath(path, 0, "small.nc");
    expect(nc.dimSize("N_LEVELS")).toBe(3);
    expect(nc.has("N_LEVELS")).toBe(false); // a bare dimension is not a variable
    const c = nc.numeric("COUNTS");
    expect(c.dimNames).toEqual(["N_PROF", "N_LEVELS"]);
    expect(c.values).toEqual([27625.001953125, 1, 99999, Math.fround(0.1), 2.5, 99999]);
    expect(c.fill).toBe(99999);
    expect(nc.numeric("CYCLE")).toMatchObject({ type: "int", values: [7, -3], fill: -2147483647 });
    expect(nc.strings("NAME")).toEqual(["AB", "CDEF"]);
    expect(nc.textAttribute("COUNTS", "units")).toBe("count");
    expect(nc.textAttribute("NAME", "long_name")).toBe(" "); // HDF5 has no empty fixed string: one blank, as Argo files do
  });

  it("refuses a variable whose values do not fill its dimensions, and writes nothing", () => {
    const path = join(dir, "bad.nc");
    const bad = { ...small, variables: [{ ...small.variables[0], values: [1, 2, 3] }] };
    expect(() => writeNetcdf4(h5, path, bad)).toThrow(/COUNTS\(N_PROF, N_LEVELS\) needs 6 values, got 3/);
    expect(existsSync(path)).toBe(false);
  });

  it("reads its own AUX layout back, and reports a truncated NetCDF-4 AUX file as one ArgoAuxError", async () => {
    const aux = readAuxProfileFile(join(import.meta.dirname, "fixtures", "argo-4903634", "R4903634_010_aux.nc"));
    const rows = toArgoRows(sliceRecordsFromDecodedAux(aux), { imageVolumeL: 0.72 });
    const meta = { platform: "4903634", floatSerial: null, cycle: 10, cycles: [10], imageVolumeL: 0.72, imageVolumeFrom: "test", sources: [], problems: [], sbdLines: [], uvpFloatVersion: "0", created: new Date(0) };
    const whole = join(dir, "whole.nc");
    writeNetcdf4(h5, whole, auxNetcdfDataset(rows, meta));
    const back = await readAuxProfileFileAsync(whole);
    const inTimeOrder = (levels: { timeS: number; counts: number[] }[]) => [...levels].sort((a, b) => a.timeS - b.timeS).map((l) => [l.timeS, ...l.counts]);
    expect(inTimeOrder(back.lpm)).toEqual(inTimeOrder(aux.lpm));
    expect(back.names).toBe("current");
    const cut = join(dir, "cut.nc");
    writeFileSync(cut, readFileSync(whole).subarray(0, 50_000));
    await expect(readAuxProfileFileAsync(cut)).rejects.toThrow(ArgoAuxError);
    await expect(readAuxProfileFileAsync(cut)).rejects.toThrow(/cut\.nc: not a readable NetCDF-4 file \(50000 bytes\)/);
  });
});
