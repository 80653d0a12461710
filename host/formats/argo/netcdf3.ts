// A thin, defensive layer over netcdfjs for NetCDF-3 (classic / 64-bit offset) files: shapes, fill values,
// char arrays, and clear errors for truncated or foreign files instead of whatever netcdfjs throws deep inside.

import { NetCDFReader } from "netcdfjs";
import type { NcSource } from "./ncSource.js";

/** Thrown for files that cannot be read as an Argo AUX profile at all (not NetCDF-3, truncated, no UVP data). */
export class ArgoAuxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ArgoAuxError";
  }
}

/** NetCDF-3 default fill values (netcdf.h NC_FILL_*), used when a variable has no _FillValue attribute. */
const DEFAULT_FILL: Record<string, number> = {
  byte: -127,
  short: -32767,
  int: -2147483647,
  float: Math.fround(9.969209968386869e36),
  double: 9.969209968386869e36,
};

interface NcAttribute {
  name: string;
  type: string;
  value: number | string | number[];
}

type NcVariable = NetCDFReader["variables"][number];

/** A numeric variable flattened in C order, with its shape and the fill value its values are compared with. */
export interface NcNumeric {
  name: string;
  type: string;
  dimNames: string[];
  shape: number[];
  /** Values as netcdfjs reads them: float32 data come through DataView.getFloat32, so every value is the exact
   *  float32 widened to a double (bit-exact, Math.fround(v) === v). */
  values: number[];
  fill: number;
}

/** A NetCDF-3 file read defensively: shapes, fill values and char arrays checked, truncation reported. */
export class NcFile implements NcSource {
  /** Variables whose data a truncated file cuts, with the byte their data would end at. */
  readonly cut = new Map<string, number>();
  /** The file's length in bytes. */
  byteLength = 0;

  private constructor(
    private readonly reader: NetCDFReader,
    readonly label: string,
  ) {}

  /** Parses the header and notes every variable whose data a truncated file cuts (`cut`); those are refused
   *  when read, the others stay readable. */
  static open(bytes: Uint8Array, label: string): NcFile {
    if (bytes.length < 4) throw new ArgoAuxError(`${label}: ${bytes.length} bytes is too short for a NetCDF-3 file`);
    let reader: NetCDFReader;
    try {
      reader = new NetCDFReader(bytes);
    } catch (e) {
      const why = e instanceof RangeError ? `header cut short: ${e.message}` : e instanceof Error ? e.message : String(e);
      throw new ArgoAuxError(`${label}: not a readable NetCDF-3 file (${why})`, { cause: e });
    }
    const file = new NcFile(reader, label);
    file.checkExtent(bytes.length);
    return file;
  }

  private checkExtent(byteLength: number): void {
    this.byteLength = byteLength;
    const rec = this.reader.recordDimension;
    const numrecs = rec.length;
    const step = rec.recordStep ?? 0;
    for (const v of this.reader.variables) {
      const e = v.record ? (numrecs > 0 ? v.offset + (numrecs - 1) * step + v.size : 0) : v.offset + v.size;
      if (!Number.isFinite(e)) throw new ArgoAuxError(`${this.label}: corrupt NetCDF header (variable ${v.name})`);
      if (e > byteLength) this.cut.set(v.name, e);
    }
  }

  /** The reason a cut variable cannot be read, naming the file's length and where the variable would end. */
  cutMessage(name: string): string {
    return `truncated NetCDF file: ${this.byteLength} bytes, but variable ${name} extends to byte ${this.cut.get(name)}`;
  }

  has(name: string): boolean {
    return this.reader.variables.some((v) => v.name === name);
  }

  dimSize(name: string): number | undefined {
    return this.reader.dimensions.find((d) => d.name === name)?.size;
  }

  private variable(name: string): NcVariable {
    const v = this.reader.variables.find((x) => x.name === name);
    if (v === undefined) throw new ArgoAuxError(`${this.label}: variable ${name} is missing`);
    if (this.cut.has(name)) throw new ArgoAuxError(`${this.label}: ${this.cutMessage(name)}`);
    return v;
  }

  private attributes(v: NcVariable): NcAttribute[] {
    return v.attributes as unknown as NcAttribute[];
  }

  /** A text attribute of a variable, or undefined. */
  textAttribute(variable: string, name: string): string | undefined {
    const v = this.reader.variables.find((x) => x.name === variable);
    const a = v === undefined ? undefined : this.attributes(v).find((x) => x.name === name);
    return typeof a?.value === "string" ? a.value : undefined;
  }

  private dims(v: NcVariable): { names: string[]; shape: number[] } {
    const names: string[] = [];
    const shape: number[] = [];
    for (const id of v.dimensions) {
      const d = this.reader.dimensions[id];
      if (d === undefined) throw new ArgoAuxError(`${this.label}: variable ${v.name} uses unknown dimension ${id}`);
      names.push(d.name);
      // The record dimension's size in the header is 0 (unlimited); its current length is numrecs.
      shape.push(v.record && id === this.reader.recordDimension.id ? this.reader.recordDimension.length : d.size);
    }
    return { names, shape };
  }

  private raw(v: NcVariable): (string | number | number[])[] {
    try {
      return this.reader.getDataVariable(v);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ArgoAuxError(`${this.label}: cannot read variable ${v.name} (${why})`, { cause: e });
    }
  }

  /** A numeric variable (byte, short, int, float, double). Non-record variables only carry their own values:
   *  netcdfjs also returns the 4-byte alignment padding, which is dropped here. */
  numeric(name: string): NcNumeric {
    const v = this.variable(name);
    if (v.type === "char") throw new ArgoAuxError(`${this.label}: variable ${name} is char, expected numeric`);
    const { names, shape } = this.dims(v);
    const count = shape.reduce((a, b) => a * b, 1);
    const raw = this.raw(v);
    if (raw.length < count) {
      throw new ArgoAuxError(`${this.label}: variable ${name} holds ${raw.length} values, its shape needs ${count}`);
    }
    const values = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const r = raw[i];
      // netcdfjs returns bytes as one-element arrays of unsigned values; NetCDF bytes are signed.
      const x = Array.isArray(r) ? r[0] : r;
      if (typeof x !== "number") throw new ArgoAuxError(`${this.label}: variable ${name} value ${i} is not a number`);
      values[i] = v.type === "byte" && x > 127 ? x - 256 : x;
    }
    return { name, type: v.type, dimNames: names, shape, values, fill: this.fillValue(v) };
  }

  /** The variable's _FillValue (as the variable's own type would store it), else the NetCDF default fill. */
  private fillValue(v: NcVariable): number {
    const a = this.attributes(v).find((x) => x.name === "_FillValue");
    const raw = a === undefined ? DEFAULT_FILL[v.type] : Array.isArray(a.value) ? a.value[0] : a.value;
    if (typeof raw !== "number") return Number.NaN;
    return v.type === "float" ? Math.fround(raw) : raw;
  }

  /** A char variable as single characters in C order ("" for a NUL), e.g. DIRECTION(N_PROF) -> ["A", "A", "A"]. */
  chars(name: string): string[] {
    const v = this.variable(name);
    if (v.type !== "char") throw new ArgoAuxError(`${this.label}: variable ${name} is ${v.type}, expected char`);
    const count = this.dims(v).shape.reduce((a, b) => a * b, 1);
    return this.raw(v)
      .slice(0, count)
      .map((c) => (typeof c === "string" ? c : ""));
  }

  /** A char variable as strings along its last dimension, trailing blanks and NULs removed. */
  strings(name: string): string[] {
    const v = this.variable(name);
    if (v.type !== "char") throw new ArgoAuxError(`${this.label}: variable ${name} is ${v.type}, expected char`);
    const { shape } = this.dims(v);
    const width = shape.length === 0 ? 1 : shape[shape.length - 1];
    const count = shape.reduce((a, b) => a * b, 1);
    const raw = this.raw(v);
    const rows: string[] = [];
    for (let start = 0; start + width <= count && width > 0; start += width) {
      // netcdfjs gives one string per char, "" for a NUL.
      let s = "";
      for (let i = start; i < start + width; i++) {
        const c = raw[i];
        s += typeof c === "string" && c.length > 0 ? c : "\0";
      }
      rows.push(s.replace(/[\s\0]+$/u, ""));
    }
    return rows;
  }
}

/** True when x is missing data: equal to the variable's fill value, or NaN. */
export function isFill(x: number, fill: number): boolean {
  return Number.isNaN(x) || x === fill;
}
