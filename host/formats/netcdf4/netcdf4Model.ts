// A NetCDF file as plain data (dimensions, variables with attributes, global attributes), the shape the NetCDF-4
// writer takes. Only the classic data model: named dimensions, no groups, no user types.

/** NetCDF external types this project writes (the classic model's, as netCDF-4 stores them). */
export type NcType = "char" | "byte" | "int" | "float" | "double";

/** One attribute: text (NC_CHAR) or numbers of a given type (a single number is written as one value). */
export type NcAttribute =
  | { name: string; type: "char"; value: string }
  | { name: string; type: Exclude<NcType, "char">; value: number | readonly number[] };

/** One dimension. */
export interface NcDimension {
  name: string;
  size: number;
}

/** One variable: values flattened in C order (the last dimension varies fastest); text for a char variable. */
export interface NcVariable {
  name: string;
  type: NcType;
  dims: readonly string[];
  values: ArrayLike<number> | string;
  attributes: readonly NcAttribute[];
}

/** A whole file. */
export interface NcDataset {
  dimensions: readonly NcDimension[];
  variables: readonly NcVariable[];
  attributes: readonly NcAttribute[];
}

/** A text attribute. */
export const text = (name: string, value: string): NcAttribute => ({ name, type: "char", value });
/** A numeric attribute of `type`. */
export const num = (name: string, type: Exclude<NcType, "char">, value: number | readonly number[]): NcAttribute => ({ name, type, value });
