// Writes an NcDataset as a NetCDF-4 file through h5wasm (HDF5 in WebAssembly), with the conventions netCDF-C
// itself follows, so that ncdump, Python's netCDF4 and xarray see named dimensions (never phony_dim_N):
// - every dimension is an HDF5 dimension scale (CLASS = "DIMENSION_SCALE") whose NAME is netCDF-C's
//   "This is a netCDF dimension but not a netCDF variable." + the size in 10 columns, with an int
//   _Netcdf4Dimid giving its order; every variable has its dimensions' scales attached, in order;
// - link and attribute creation order are tracked (netCDF-C lists variables and attributes in that order);
// - char data and text attributes are fixed-length ASCII strings (NC_CHAR), not variable-length NC_STRING;
// - _FillValue is written as an attribute of the variable's own type, which is what the readers mask with.

import type { H5wasm } from "./h5wasmModule.js";
import type { NcAttribute, NcDataset, NcType, NcVariable } from "./netcdf4Model.js";

const NOT_A_VARIABLE = "This is a netCDF dimension but not a netCDF variable.";
/** Numeric variables with at least this many values are written deflated. */
const DEFLATE_FROM_VALUES = 256;

type Numbers = Int8Array | Int32Array | Float32Array | Float64Array;

function typedArray(type: Exclude<NcType, "char">, values: ArrayLike<number>): Numbers {
  if (type === "byte") return Int8Array.from(values);
  if (type === "int") return Int32Array.from(values);
  if (type === "float") return Float32Array.from(values);
  return Float64Array.from(values);
}

/** The ASCII bytes of a text, non-ASCII characters as '?': NC_CHAR holds bytes and Argo text is ASCII. */
function ascii(s: string): string {
  return s.replace(/[^\x20-\x7e\t\n\r]/gu, "?");
}

interface HasAttributes {
  create_attribute(name: string, data: unknown, shape?: number[] | null, dtype?: string | null): void;
}

function writeAttribute(target: HasAttributes, a: NcAttribute): void {
  if (a.type === "char") {
    // HDF5 cannot store a zero-length fixed string: an empty text is one blank, as Argo files do.
    const value = a.value === "" ? " " : ascii(a.value);
    target.create_attribute(a.name, value, [], `A${value.length}`);
    return;
  }
  const values = typeof a.value === "number" ? [a.value] : a.value;
  target.create_attribute(a.name, typedArray(a.type, values), typeof a.value === "number" ? [] : [values.length], null);
}

/** Writes `ds` to `path` (created or truncated) as NetCDF-4. Throws on a shape that does not match its dimensions. */
export function writeNetcdf4(h5: H5wasm, path: string, ds: NcDataset): void {
  const sizes = new Map(ds.dimensions.map((d) => [d.name, d.size]));
  for (const v of ds.variables) checkShape(v, sizes);
  const file = new h5.File(path, "w", { track_order: true });
  try {
    ds.dimensions.forEach((d, id) => {
      if (!(d.size >= 1)) throw new Error(`dimension ${d.name} has size ${d.size}; NetCDF-4 dimensions written here need at least 1`);
      // A dimension that is not a variable: a scale of the dimension's length whose values nobody reads.
      const scale = file.create_dataset({ name: d.name, data: new Float32Array(d.size), track_order: true });
      scale.make_scale(`${NOT_A_VARIABLE}${String(d.size).padStart(10)}`);
      scale.create_attribute("_Netcdf4Dimid", new Int32Array([id]), [], null);
    });
    for (const v of ds.variables) {
      const shape = v.dims.map((n) => sizes.get(n) as number);
      // Numeric arrays of some size are deflated in one chunk (mostly fill values: an AUX layout shrinks ~5x);
      // every netCDF-4 reader inflates them. Small ones stay contiguous, where deflate would only add bytes.
      const deflate = v.type !== "char" && v.values.length >= DEFLATE_FROM_VALUES ? { chunks: shape, compression: "gzip" as const, compression_opts: 4 } : {};
      const dset =
        v.type === "char"
          ? file.create_dataset({ name: v.name, data: [...ascii(v.values as string)], shape, dtype: "A1", track_order: true })
          : file.create_dataset({ name: v.name, data: typedArray(v.type, v.values as ArrayLike<number>), shape, track_order: true, ...deflate });
      v.dims.forEach((dim, i) => dset.attach_scale(i, dim));
      for (const a of v.attributes) writeAttribute(dset as unknown as HasAttributes, a);
    }
    for (const a of ds.attributes) writeAttribute(file as unknown as HasAttributes, a);
  } finally {
    file.close();
  }
}

function checkShape(v: NcVariable, sizes: ReadonlyMap<string, number>): void {
  let count = 1;
  for (const d of v.dims) {
    const n = sizes.get(d);
    if (n === undefined) throw new Error(`variable ${v.name} uses dimension ${d}, which is not defined`);
    count *= n;
  }
  if (v.values.length !== count) throw new Error(`variable ${v.name}(${v.dims.join(", ")}) needs ${count} values, got ${v.values.length}`);
}
