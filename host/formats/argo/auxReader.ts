// Reads one Argo AUX profile file (NetCDF-3, e.g. R4903634_010_aux.nc, or NetCDF-4 such as `decode --format
// netcdf` writes) holding UVP6 slices into typed records.
//
// - Names: both the 2023 variable names (IMAGE_NUMBER_PARTICLES_LPM, ...) and the current ones
//   (NB_IMAGE_PARTICLES, ...) are accepted, field by field (auxNames.ts); `names` says which the file uses.
// - Profiles: which N_PROF index holds LPM, BLACK or TAXO data is found from which image-count variable has
//   non-fill values there, not assumed (the 2023 files happen to use 0 LPM, 1 BLACK, 2 TAXO).
// - Fill: a value is missing when it equals the variable's _FillValue (NetCDF default fill when the attribute
//   is absent) or is NaN. Levels whose image count is fill are not data; levels with an image count but a
//   filled PRES, MTIME or value are skipped and listed in `problems`.
// - Time: timeS = REFERENCE_DATE_TIME (1950-01-01 UTC) + (JULD + MTIME) days, as Unix seconds rounded to the
//   millisecond. MTIME is the "fractional day of the individual measurement relative to JULD"; in the real
//   files this gives the float's whole-second times exactly.
// - Values: float32 data come out as the exact float32 values (netcdfjs reads them with DataView.getFloat32),
//   so non-integer averaged counts such as 27625.001953125 survive bit for bit.
// Unreadable input (not NetCDF-3, no UVP6 variables, wrong shapes, PRES / MTIME / JULD missing or cut by a
// truncation) throws ArgoAuxError; a truncated file whose cut only reaches some kinds' variables still gives
// the other kinds, the cut ones listed in `problems`.

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { ARGO_AUX_NAMES, AUX_VECTOR_LENGTH, type AuxNameSet } from "./auxNames.js";
import {
  type BlackVars,
  type CommonVars,
  type LpmVars,
  type TaxoVars,
  profilesWithData,
  readBlackLevels,
  readLpmLevels,
  readTaxoLevels,
  widthOf,
} from "./auxLevels.js";
import type { AuxNames, AuxProfile, AuxProfileIndexes } from "./auxTypes.js";
import { isHdf5, loadH5wasm } from "../netcdf4/h5wasmModule.js";
import { ArgoAuxError, isFill, NcFile, type NcNumeric } from "./netcdf3.js";
import { Nc4File } from "./netcdf4.js";
import type { NcSource } from "./ncSource.js";

export { ArgoAuxError } from "./netcdf3.js";

type Kind = keyof AuxNameSet;
const KINDS: readonly Kind[] = ["lpm", "black", "taxo"];

/** Reads an Argo AUX profile file from its bytes. `label` names the file in errors and problems. A NetCDF-4 file
 *  needs the HDF5 reader loaded first (readAuxProfileFileAsync does it). */
export function readAuxProfile(bytes: Uint8Array, label = "Argo AUX file"): AuxProfile {
  return readAuxSource(isHdf5(bytes) ? Nc4File.openBytes(bytes, label) : NcFile.open(bytes, label));
}

/** Reads an Argo AUX profile file from disk (NetCDF-4 only once the HDF5 reader is loaded). */
export function readAuxProfileFile(path: string): AuxProfile {
  const bytes = readFileSync(path);
  const label = basename(path);
  return readAuxSource(isHdf5(bytes) ? Nc4File.openPath(path, bytes.length, label) : NcFile.open(bytes, label));
}

/** Reads an Argo AUX profile file from disk, NetCDF-3 or NetCDF-4 (loading the HDF5 reader when it is needed). */
export async function readAuxProfileFileAsync(path: string): Promise<AuxProfile> {
  if (isHdf5(readFileSync(path).subarray(0, 8))) await loadH5wasm();
  return readAuxProfileFile(path);
}

/** The UVP6 slices and station metadata of an opened NetCDF file. */
function readAuxSource(nc: NcSource): AuxProfile {
  const label = nc.label;
  const problems: string[] = [];
  const nProf = nc.dimSize("N_PROF");
  const nLevels = nc.dimSize("N_LEVELS");
  if (nProf === undefined || nLevels === undefined) {
    throw new ArgoAuxError(`${label}: no N_PROF / N_LEVELS dimensions: not an Argo profile file`);
  }
  if (nc.cut.size > 0) {
    const cut = [...nc.cut.keys()];
    const listed = cut.length > 5 ? `${cut.slice(0, 5).join(", ")} and ${cut.length - 5} more` : cut.join(", ");
    problems.push(`truncated NetCDF file (${nc.byteLength} bytes): ${listed} cut short, not read`);
  }
  const names = chooseNames(nc, problems);

  const levelVar = (name: string, vector: boolean): NcNumeric => {
    const v = nc.numeric(name);
    const want = vector ? ["N_PROF", "N_LEVELS", "N_VALUES*"] : ["N_PROF", "N_LEVELS"];
    const ok =
      v.dimNames.length === want.length && v.dimNames[0] === "N_PROF" && v.dimNames[1] === "N_LEVELS";
    if (!ok) throw new ArgoAuxError(`${label}: ${name}(${v.dimNames.join(",")}) is not shaped (${want.join(",")})`);
    return v;
  };
  const refEpochS = referenceEpochS(nc, problems);
  const juld = nc.numeric("JULD");
  if (juld.shape.length !== 1 || juld.shape[0] !== nProf) throw new ArgoAuxError(`${label}: JULD is not shaped (N_PROF)`);
  const juldDays = juld.values.map((d) => (isFill(d, juld.fill) ? Number.NaN : d));
  const common: CommonVars = { nLevels, pres: levelVar("PRES", false), mtime: levelVar("MTIME", false), juldDays, refEpochS, codes: levelCodes(nc, levelVar) };

  // Variables of each kind, or null (with a problem) when one is missing.
  const load = (kind: Kind, vectorFields: readonly string[]): Record<string, NcNumeric> | null => {
    const out: Record<string, NcNumeric> = {};
    for (const [field, wanted] of Object.entries(ARGO_AUX_NAMES[names][kind])) {
      if (field === "pressureDbar" || field === "timeS") continue;
      const other = ARGO_AUX_NAMES[names === "2023" ? "current" : "2023"][kind] as Record<string, string>;
      const name = nc.has(wanted) ? wanted : nc.has(other[field]) ? other[field] : undefined;
      if (name === undefined) {
        problems.push(`variable ${wanted} is missing: no ${kind.toUpperCase()} data read`);
        return null;
      }
      if (nc.cut.has(name)) {
        problems.push(`${nc.cutMessage(name)}: no ${kind.toUpperCase()} data read`);
        return null;
      }
      out[field] = levelVar(name, vectorFields.includes(field));
    }
    for (const f of vectorFields) {
      const w = widthOf(out[f]);
      if (w !== AUX_VECTOR_LENGTH[kind]) problems.push(`${out[f].name} has ${w} values per level, expected ${AUX_VECTOR_LENGTH[kind]}`);
    }
    return out;
  };
  const lpmVars = load("lpm", ["counts", "grey"]) as LpmVars | null;
  const blackVars = load("black", ["counts"]) as BlackVars | null;
  const taxoVars = load("taxo", ["index", "objects", "meanSize", "meanGrey"]) as TaxoVars | null;

  const profiles: AuxProfileIndexes = {
    lpm: lpmVars ? profilesWithData(lpmVars.images, nLevels) : [],
    black: blackVars ? profilesWithData(blackVars.images, nLevels) : [],
    taxo: taxoVars ? profilesWithData(taxoVars.images, nLevels) : [],
  };
  for (const k of KINDS) if (profiles[k].length === 0) problems.push(`no profile holds ${k.toUpperCase()} data`);

  const lpm = lpmVars ? readLpmLevels(common, lpmVars, profiles.lpm, problems) : [];
  const black = blackVars ? readBlackLevels(common, blackVars, profiles.black, problems) : [];
  const taxo = taxoVars ? readTaxoLevels(common, taxoVars, profiles.taxo, problems) : [];

  const meta = stationMetadata(nc, nProf, [...new Set(KINDS.flatMap((k) => profiles[k]))].sort((a, b) => a - b), juld, refEpochS, problems);
  return { ...meta, lpm, black, taxo, names, profiles, problems };
}

/** UVP_PHASE and UVP_PROCESSING with the names of their codes (flag_meanings), when the file has both. */
function levelCodes(nc: NcSource, levelVar: (name: string, vector: boolean) => NcNumeric): CommonVars["codes"] {
  if (!nc.has("UVP_PHASE") || !nc.has("UVP_PROCESSING")) return undefined;
  const names = (name: string): string[] => (nc.textAttribute(name, "flag_meanings") ?? "").split(" ").filter((s) => s !== "");
  return { phase: levelVar("UVP_PHASE", false), phaseNames: names("UVP_PHASE"), processing: levelVar("UVP_PROCESSING", false), processingNames: names("UVP_PROCESSING") };
}

/** "2023" or "current", from the variables whose name differs between the two generations. */
function chooseNames(nc: NcSource, problems: string[]): AuxNames {
  let n2023 = 0;
  let nCurrent = 0;
  for (const kind of KINDS) {
    const a = ARGO_AUX_NAMES["2023"][kind] as Record<string, string>;
    const b = ARGO_AUX_NAMES.current[kind] as Record<string, string>;
    for (const field of Object.keys(a)) {
      if (a[field] === b[field]) continue;
      if (nc.has(a[field])) n2023++;
      if (nc.has(b[field])) nCurrent++;
    }
  }
  if (n2023 === 0 && nCurrent === 0) {
    throw new ArgoAuxError(`${nc.label}: no UVP6 image-count variables under either the 2023 or the current Argo names`);
  }
  if (n2023 > 0 && nCurrent > 0) problems.push(`mixes 2023 (${n2023}) and current (${nCurrent}) variable names`);
  return nCurrent > n2023 ? "current" : "2023";
}

/** REFERENCE_DATE_TIME ("YYYYMMDDHHMISS", 1950-01-01 in Argo) as Unix seconds. */
function referenceEpochS(nc: NcSource, problems: string[]): number {
  const argoDefault = Date.UTC(1950, 0, 1) / 1000;
  if (!nc.has("REFERENCE_DATE_TIME")) {
    problems.push("REFERENCE_DATE_TIME is missing: 1950-01-01 00:00:00 UTC assumed");
    return argoDefault;
  }
  const s = nc.strings("REFERENCE_DATE_TIME")[0] ?? "";
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/u.exec(s);
  if (m === null) {
    problems.push(`REFERENCE_DATE_TIME "${s}" is not YYYYMMDDHHMISS: 1950-01-01 00:00:00 UTC assumed`);
    return argoDefault;
  }
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
}

/** Platform, cycle, direction and JULD of the station, from the first profile holding data; the other profiles
 *  holding data must agree. */
function stationMetadata(
  nc: NcSource,
  nProf: number,
  used: readonly number[],
  juld: NcNumeric,
  refEpochS: number,
  problems: string[],
): Pick<AuxProfile, "platform" | "cycle" | "direction" | "juldDays" | "profileTimeS"> {
  const ps = used.length > 0 ? used : [0];
  const platforms = nc.has("PLATFORM_NUMBER") ? nc.strings("PLATFORM_NUMBER") : [];
  const cycles = nc.has("CYCLE_NUMBER") ? nc.numeric("CYCLE_NUMBER") : null;
  const directions = nc.has("DIRECTION") ? nc.chars("DIRECTION").slice(0, nProf) : [];
  const pick = <T>(what: string, values: readonly T[], missing: T): T => {
    const got = ps.map((p) => values[p] ?? missing);
    if (got.some((x) => x !== got[0])) problems.push(`profiles ${ps.join(", ")} disagree on ${what}: ${got.join(", ")}`);
    return got[0];
  };
  const platform = pick("PLATFORM_NUMBER", platforms, "");
  const cycleRaw = pick("CYCLE_NUMBER", cycles?.values ?? [], Number.NaN);
  const cycle = cycles !== null && !isFill(cycleRaw, cycles.fill) ? cycleRaw : Number.NaN;
  const direction = pick("DIRECTION", directions, "").trim();
  const juldRaw = pick("JULD", juld.values, Number.NaN);
  const juldDays = isFill(juldRaw, juld.fill) ? null : juldRaw;
  if (platform === "") problems.push("PLATFORM_NUMBER is missing");
  if (Number.isNaN(cycle)) problems.push("CYCLE_NUMBER is missing or fill");
  if (direction !== "A" && direction !== "D") problems.push(`DIRECTION "${direction}" is neither A nor D`);
  if (juldDays === null) problems.push("JULD is fill: level times are NaN");
  const profileTimeS = juldDays === null ? null : Math.round((refEpochS + juldDays * 86400) * 1000) / 1000;
  return { platform, cycle, direction, juldDays, profileTimeS };
}
