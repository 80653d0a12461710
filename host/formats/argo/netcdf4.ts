// NetCDF-4 (HDF5) files read through h5wasm, behind the same NcSource interface as the NetCDF-3 reader: the
// dimensions are the HDF5 dimension scales attached to each variable (netCDF-4's own convention), the fill value
// is the _FillValue attribute or the NetCDF default fill of the type. h5wasm must be loaded first (loadH5wasm).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dataset, File as H5File } from "h5wasm";
import { h5wasmIfLoaded, withoutHdf5Diagnostics, type H5wasm } from "../netcdf4/h5wasmModule.js";
import { ArgoAuxError, type NcNumeric } from "./netcdf3.js";
import type { NcSource } from "./ncSource.js";

const NOT_A_VARIABLE = "This is a netCDF dimension but not a netCDF variable.";

/** NetCDF default fill values (netcdf.h NC_FILL_*), by HDF5 dtype string as h5wasm reports it. */
const DEFAULT_FILL: Record<string, number> = {
  "<b": -127, "<h": -32767, "<i": -2147483647, "<f": Math.fround(9.969209968386869e36), "<d": 9.969209968386869e36,
};
const TYPE_NAME: Record<string, string> = { "<b": "byte", "<h": "short", "<i": "int", "<f": "float", "<d": "double" };

/** A NetCDF-4 file read with h5wasm; every value is copied out, and the HDF5 file closed, when it is opened. */
export class Nc4File implements NcSource {
  readonly cut = new Map<string, number>();
  private readonly dims = new Map<string, number>();
  private readonly vars = new Map<string, { dtype: string; dimNames: string[]; shape: number[]; values: unknown; fill: unknown; texts: Map<string, string> }>();

  private constructor(readonly label: string, readonly byteLength: number) {}

  /** Reads the file at `path` (its bytes already checked to start with the HDF5 signature). */
  static openPath(path: string, byteLength: number, label: string): Nc4File {
    const h5 = h5wasmIfLoaded();
    if (h5 === null) throw new ArgoAuxError(`${label}: a NetCDF-4 file, but the HDF5 reader is not loaded (call loadH5wasm() first)`);
    const nc = new Nc4File(label, byteLength);
    const unreadable = (e: unknown) =>
      new ArgoAuxError(`${label}: not a readable NetCDF-4 file (${byteLength} bytes): HDF5 cannot open it; truncated or damaged?`, { cause: e });
    let file: H5File;
    try {
      file = withoutHdf5Diagnostics(() => new h5.File(path, "r"));
    } catch (e) {
      throw unreadable(e);
    }
    // h5wasm gives a File even when HDF5 refused to open it (a negative id): nothing can be read from it.
    if (!(file.file_id >= 0n)) throw unreadable(null);
    try {
      withoutHdf5Diagnostics(() => nc.load(h5, file));
    } catch (e) {
      if (e instanceof ArgoAuxError) throw e;
      throw new ArgoAuxError(`${label}: cannot read the NetCDF-4 file (${e instanceof Error ? e.message : String(e)})`, { cause: e });
    } finally {
      withoutHdf5Diagnostics(() => file.close());
    }
    return nc;
  }

  /** Reads NetCDF-4 bytes (through a temporary file: h5wasm's Node build reads the real file system). */
  static openBytes(bytes: Uint8Array, label: string): Nc4File {
    const dir = mkdtempSync(join(tmpdir(), "uvp-nc4-"));
    try {
      const path = join(dir, "file.nc");
      writeFileSync(path, bytes);
      return Nc4File.openPath(path, bytes.length, label);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  private load(h5: H5wasm, file: H5File): void {
    // Each attribute read is a call into the HDF5 library: every dataset's list is fetched once, and the scales'
    // own bookkeeping (DIMENSION_LIST, REFERENCE_LIST: references) is never read as values.
    const datasets: [string, Dataset, Dataset["attrs"]][] = [];
    for (const name of file.keys()) {
      const e = file.get(name);
      if (e instanceof h5.Dataset) datasets.push([name, e, e.attrs]);
    }
    for (const [name, d, attrs] of datasets) {
      if (attrs.CLASS !== undefined && String(attrs.CLASS.value) === "DIMENSION_SCALE") this.dims.set(name, (d.shape ?? [1])[0]);
    }
    for (const [name, d, attrs] of datasets) {
      if (attrs.NAME !== undefined && String(attrs.NAME.value).startsWith(NOT_A_VARIABLE)) continue;
      const shape = d.shape ?? [];
      // A dimension without an attached scale is what netCDF-C calls a phony dimension.
      const dimNames = shape.map((_, i) => d.get_attached_scales(i)[0]?.replace(/^\//u, "") ?? `phony_dim_${i}`);
      const dtype = typeof d.dtype === "string" ? d.dtype : JSON.stringify(d.dtype);
      const texts = new Map<string, string>();
      for (const [k, a] of Object.entries(attrs)) {
        if (k === "DIMENSION_LIST" || k === "REFERENCE_LIST" || k === "_FillValue") continue;
        if (typeof a.dtype === "string" && /^[SA]/u.test(a.dtype) && typeof a.value === "string") texts.set(k, a.value);
      }
      this.vars.set(name, { dtype, dimNames, shape, values: d.value, fill: attrs._FillValue?.value, texts });
    }
  }

  cutMessage(name: string): string {
    return `${this.label}: variable ${name} cannot be read`;
  }

  textAttribute(variable: string, name: string): string | undefined {
    return this.vars.get(variable)?.texts.get(name);
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  dimSize(name: string): number | undefined {
    return this.dims.get(name);
  }

  private variable(name: string) {
    const v = this.vars.get(name);
    if (v === undefined) throw new ArgoAuxError(`${this.label}: variable ${name} is missing`);
    return v;
  }

  numeric(name: string): NcNumeric {
    const v = this.variable(name);
    const type = TYPE_NAME[v.dtype];
    if (type === undefined) throw new ArgoAuxError(`${this.label}: variable ${name} is of HDF5 type ${v.dtype}, expected a NetCDF number type`);
    const raw = v.values;
    const values = ArrayBuffer.isView(raw) ? Array.from(raw as unknown as ArrayLike<number>) : typeof raw === "number" ? [raw] : null;
    if (values === null) throw new ArgoAuxError(`${this.label}: variable ${name} holds no numbers`);
    const f = ArrayBuffer.isView(v.fill) ? (v.fill as unknown as ArrayLike<number>)[0] : typeof v.fill === "number" ? v.fill : DEFAULT_FILL[v.dtype];
    const fill = type === "float" ? Math.fround(f) : f;
    return { name, type, dimNames: v.dimNames, shape: v.shape, values, fill };
  }

  chars(name: string): string[] {
    const v = this.variable(name);
    if (!/^[AS]1$/u.test(v.dtype)) throw new ArgoAuxError(`${this.label}: variable ${name} is ${v.dtype}, expected char`);
    const raw = v.values;
    const list = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
    return list.map((c) => (typeof c === "string" ? c.replace(/\0/gu, "") : ""));
  }

  strings(name: string): string[] {
    const v = this.variable(name);
    const chars = this.chars(name);
    const width = v.shape.length === 0 ? 1 : v.shape[v.shape.length - 1];
    const rows: string[] = [];
    for (let start = 0; start + width <= chars.length && width > 0; start += width) {
      rows.push(chars.slice(start, start + width).map((c) => (c === "" ? "\0" : c)).join("").replace(/[\s\0]+$/u, ""));
    }
    return rows;
  }
}
