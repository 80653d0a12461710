// Decoded records laid out as an Argo AUX profile file (NetCDF-4): N_PROF = 3 (0 LPM, 1 BLACK, 2 TAXO) as in
// the real AUX files, N_LEVELS = the most records of one kind, vectors along N_VALUES18 / N_VALUES5 / N_VALUES40.
// Every level or value a kind does not have is the fill value (99999; 999999 for times), never a zero: a record
// that was not received cannot be told from an empty one otherwise. Times: JULD is the profile's first record
// (days since 1950-01-01), MTIME each record's offset from it in days, so the AUX reader gives back the times.

import { num, text, type NcAttribute, type NcDataset, type NcVariable } from "../formats/netcdf4/netcdf4Model.js";
import type { ArgoRow } from "./argoRecords.js";
import { AUX_CODE_VARIABLES, AUX_COMMON_VARIABLES, AUX_FILL, AUX_TIME_FILL, CODE_FILL, auxKindVariables, type AuxLevelVariable } from "./auxNetcdfVariables.js";
import { CTS5_PHASES, PROCESSINGS } from "./types.js";

const KINDS = ["LPM", "BLACK", "TAXO"] as const;
const REFERENCE_EPOCH_S = Date.UTC(1950, 0, 1) / 1000;
const STATION_PARAMETERS = 9;

/** What the file says about where its records came from. */
export interface AuxNetcdfMetadata {
  /** WMO number (SBD messages carry it), or null. */
  platform: string | null;
  /** The float's CTS5 serial (hexadecimal, from the file names), or null. */
  floatSerial: string | null;
  /** The cycle, when the records come from one; else null (CYCLE_NUMBER is then fill). */
  cycle: number | null;
  /** Every cycle the inputs named. */
  cycles: number[];
  imageVolumeL: number | null;
  imageVolumeFrom: string | null;
  /** The input files and messages. */
  sources: string[];
  /** Problems met while decoding, one line each, and what the SBD summary says. */
  problems: string[];
  sbdLines: string[];
  uvpFloatVersion: string;
  /** The file's creation time. */
  created: Date;
}

function yyyymmddhhmiss(d: Date): string {
  return d.toISOString().replace(/[-:T]/gu, "").slice(0, 14);
}

function padded(s: string, width: number): string {
  return s.slice(0, width).padEnd(width, " ");
}

/** The value(s) of one layout variable for one row, `width` long, fill where the row has none. */
function rowValues(row: ArgoRow, v: AuxLevelVariable, t0S: number): number[] {
  const o = row as unknown as Record<string, unknown>;
  const fill = v.type === "byte" ? CODE_FILL : v.type === "double" ? AUX_TIME_FILL : AUX_FILL;
  if (v.field === "MTIME") return [(row.TIME_UNIX_S - t0S) / 86400];
  if (v.field === "UVP_PHASE") return [CTS5_PHASES.indexOf(row.PHASE)];
  if (v.field === "UVP_PROCESSING") return [PROCESSINGS.indexOf(row.PROCESSING)];
  const x = o[v.field];
  const list = Array.isArray(x) ? x : [x];
  return Array.from({ length: v.width }, (_, k) => {
    const e = list[k];
    return typeof e === "number" && Number.isFinite(e) ? e : fill;
  });
}

/** The NetCDF-4 dataset of `rows` (any order; each kind is written in time order). */
export function auxNetcdfDataset(rows: readonly ArgoRow[], meta: AuxNetcdfMetadata): NcDataset {
  const perKind = KINDS.map((k) => rows.filter((r) => r.KIND === k).sort((a, b) => a.TIME_UNIX_S - b.TIME_UNIX_S));
  // A kind without records still has its profile, all fill; N_LEVELS is at least 1 (HDF5 scales need a length).
  const nLevels = Math.max(1, ...perKind.map((r) => r.length));
  const withConcentrations = meta.imageVolumeL !== null;
  const kindVars = auxKindVariables(withConcentrations);
  const t0 = perKind.map((r) => (r.length > 0 ? r[0].TIME_UNIX_S : null));

  const levelVars: NcVariable[] = [];
  const addLevelVariable = (v: AuxLevelVariable, kinds: readonly number[]): void => {
    const fill = v.type === "byte" ? CODE_FILL : v.type === "double" ? AUX_TIME_FILL : AUX_FILL;
    const values = new Array<number>(KINDS.length * nLevels * v.width).fill(fill);
    for (const p of kinds) {
      perKind[p].forEach((row, l) => {
        const got = rowValues(row, v, t0[p] ?? 0);
        for (let k = 0; k < v.width; k++) values[(p * nLevels + l) * v.width + k] = got[k];
      });
    }
    const dims = v.width === 1 ? ["N_PROF", "N_LEVELS"] : ["N_PROF", "N_LEVELS", `N_VALUES${v.width}`];
    levelVars.push({ name: v.name, type: v.type, dims, values, attributes: v.attributes });
  };
  for (const v of AUX_COMMON_VARIABLES) addLevelVariable(v, [0, 1, 2]);
  KINDS.forEach((k, p) => kindVars[k].forEach((v) => addLevelVariable(v, [p])));
  for (const v of AUX_CODE_VARIABLES) addLevelVariable(v, [0, 1, 2]);

  const allDescent = rows.length > 0 && rows.every((r) => r.PHASE === "DESCENT");
  const per = (s: string, width: number): string => KINDS.map(() => padded(s, width)).join("");
  const stationParameters = KINDS.map((k) => {
    const names = ["MTIME", "PRES", ...kindVars[k].map((v) => v.name)];
    return Array.from({ length: STATION_PARAMETERS }, (_, i) => padded(names[i] ?? "", 64)).join("");
  }).join("");
  const station: NcVariable[] = [
    { name: "DATA_TYPE", type: "char", dims: ["STRING32"], values: padded("Aux-Argo profile", 32), attributes: [text("long_name", "Data type"), text("conventions", "Reference table AUX_1"), text("_FillValue", " ")] },
    { name: "FORMAT_VERSION", type: "char", dims: ["STRING4"], values: padded("1.0", 4), attributes: [text("long_name", "File format version"), text("_FillValue", " ")] },
    { name: "REFERENCE_DATE_TIME", type: "char", dims: ["DATE_TIME"], values: "19500101000000", attributes: [text("long_name", "Date of reference for Julian days"), text("conventions", "YYYYMMDDHHMISS"), text("_FillValue", " ")] },
    { name: "DATE_CREATION", type: "char", dims: ["DATE_TIME"], values: yyyymmddhhmiss(meta.created), attributes: [text("long_name", "Date of file creation"), text("conventions", "YYYYMMDDHHMISS"), text("_FillValue", " ")] },
    { name: "PLATFORM_NUMBER", type: "char", dims: ["N_PROF", "STRING8"], values: per(meta.platform ?? "", 8), attributes: [text("long_name", "Float unique identifier"), text("conventions", "WMO float identifier : A9IIIII"), text("_FillValue", " ")] },
    { name: "STATION_PARAMETERS", type: "char", dims: ["N_PROF", "N_PARAM", "STRING64"], values: stationParameters, attributes: [text("long_name", "List of available parameters for the station"), text("conventions", "Reference table AUX_3a"), text("_FillValue", " ")] },
    { name: "CYCLE_NUMBER", type: "int", dims: ["N_PROF"], values: KINDS.map(() => meta.cycle ?? AUX_FILL), attributes: [text("long_name", "Float cycle number"), text("conventions", "0...N, 0 : launch cycle (if exists), 1 : first complete cycle"), num("_FillValue", "int", AUX_FILL)] },
    { name: "DIRECTION", type: "char", dims: ["N_PROF"], values: per(allDescent ? "D" : "A", 1), attributes: [text("long_name", "Direction of the station profiles"), text("conventions", "A: ascending profiles, D: descending profiles"), text("_FillValue", " ")] },
    { name: "DATA_MODE", type: "char", dims: ["N_PROF"], values: per("R", 1), attributes: [text("long_name", "Delayed mode or real time data"), text("conventions", "R : real time; D : delayed mode; A : real time with adjustment"), text("_FillValue", " ")] },
    {
      name: "JULD", type: "double", dims: ["N_PROF"], values: t0.map((t) => (t === null ? AUX_TIME_FILL : (t - REFERENCE_EPOCH_S) / 86400)),
      attributes: [
        text("long_name", "Julian day (UTC) of the station relative to REFERENCE_DATE_TIME"), text("standard_name", "time"), text("units", "days since 1950-01-01 00:00:00 UTC"),
        text("conventions", "Relative julian days with decimal part (as parts of day)"), num("_FillValue", "double", AUX_TIME_FILL), text("axis", "T"),
        text("comment", "time of the profile's first record"),
      ],
    },
  ];
  return {
    dimensions: [
      { name: "DATE_TIME", size: 14 }, { name: "STRING64", size: 64 }, { name: "STRING32", size: 32 }, { name: "STRING8", size: 8 }, { name: "STRING4", size: 4 },
      { name: "N_PROF", size: KINDS.length }, { name: "N_PARAM", size: STATION_PARAMETERS }, { name: "N_LEVELS", size: nLevels },
      { name: "N_VALUES40", size: 40 }, { name: "N_VALUES18", size: 18 }, { name: "N_VALUES5", size: 5 },
    ],
    variables: [...station, ...levelVars],
    attributes: globalAttributes(meta, perKind.map((r) => r.length)),
  };
}

function globalAttributes(meta: AuxNetcdfMetadata, levels: number[]): NcAttribute[] {
  const created = meta.created.toISOString().replace(/\.\d{3}Z$/u, "Z");
  return [
    text("title", "Argo float vertical profile auxiliary data"),
    text("source", "Argo float"),
    text("history", `${created} creation by uvp-float ${meta.uvpFloatVersion} (decode --format netcdf)`),
    text("references", "https://doi.org/10.17882/42182"),
    text("user_manual_version", "1.0"),
    text("Conventions", "CF-1.6 Coriolis-Argo-Aux-1.0"),
    text("featureType", "trajectoryProfileCoriolisAux"),
    text("uvp_float_version", meta.uvpFloatVersion),
    text("platform_number", meta.platform ?? ""),
    text("float_serial_number", meta.floatSerial ?? ""),
    num("cycle_numbers", "int", meta.cycles.length > 0 ? meta.cycles : [AUX_FILL]),
    num("records_lpm_black_taxo", "int", levels),
    ...(meta.imageVolumeL !== null ? [num("image_volume_L", "double", meta.imageVolumeL), text("image_volume_source", meta.imageVolumeFrom ?? "")] : []),
    text("source_files", meta.sources.join("\n")),
    num("problem_count", "int", meta.problems.length),
    text("problems", meta.problems.length === 0 ? "none" : meta.problems.join("\n")),
    ...(meta.sbdLines.length > 0 ? [text("sbd_messages", meta.sbdLines.join("\n"))] : []),
  ];
}
