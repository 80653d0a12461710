// What the AUX reader needs from a NetCDF file, whichever its format: NetCDF-3 (netcdf3.ts, through netcdfjs)
// or NetCDF-4 / HDF5 (netcdf4.ts, through h5wasm).
import type { NcNumeric } from "./netcdf3.js";

/** A NetCDF file opened for reading variables by name. */
export interface NcSource {
  /** The file's name in messages. */
  readonly label: string;
  /** Variables whose data a truncated file cuts, with the byte their data would end at (NetCDF-3 only). */
  readonly cut: ReadonlyMap<string, number>;
  /** The file's length in bytes. */
  readonly byteLength: number;
  /** Why a cut variable cannot be read. */
  cutMessage(name: string): string;
  /** Whether a variable (not a bare dimension) of that name exists. */
  has(name: string): boolean;
  /** A dimension's length, or undefined. */
  dimSize(name: string): number | undefined;
  /** A numeric variable in C order, with its dimension names and fill value. */
  numeric(name: string): NcNumeric;
  /** A char variable as single characters in C order. */
  chars(name: string): string[];
  /** A text attribute of a variable, or undefined. */
  textAttribute(variable: string, name: string): string | undefined;
  /** A char variable as strings along its last dimension, trailing blanks and NULs removed. */
  strings(name: string): string[];
}
