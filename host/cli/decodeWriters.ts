// The decode verb's file outputs beyond JSON/CSV/CBOR: an Argo AUX-like NetCDF-4 file and EcoPart's tables.
// Both are written whole or not at all: the NetCDF file through writeOutputAtomically, the EcoPart tables as one set.
import { basename, join } from "node:path";
import type { Profile } from "../config/profile.js";
import { uvpFloatVersion } from "../check/recordManifest.js";
import { loadH5wasm } from "../formats/netcdf4/h5wasmModule.js";
import { writeNetcdf4 } from "../formats/netcdf4/netcdf4Writer.js";
import { parseCts5FileName } from "../telemetry/cts5/index.js";
import type { ArgoRow } from "../telemetry/argoRecords.js";
import { auxNetcdfDataset } from "../telemetry/auxNetcdf.js";
import { ecopartFiles } from "../telemetry/ecopartTables.js";
import type { DecodeProblem } from "../telemetry/types.js";
import { writeOutputAtomically } from "./atomicOutput.js";
import { CliError, ExitCode } from "./cliError.js";
import { makeOutputDir, writeOutputs } from "./outputFiles.js";
import { problemLine, type DecodedTelemetry, type TelemetryFile } from "./telemetryInputs.js";

/** Float, serial and cycles the inputs name: SBD headers carry the WMO number, CTS5 file names the serial. */
export function inputIdentity(files: readonly TelemetryFile[], decoded: DecodedTelemetry): { platform: string | null; floatSerial: string | null; cycles: number[] } {
  const wmo = [...new Set((decoded.sbdSummary?.cycles ?? []).map((c) => String(c.floatId)))];
  const cts5 = files.map((f) => parseCts5FileName(f.source)).filter((x) => x !== null);
  const serials = [...new Set(cts5.map((x) => x.floatId))];
  const cycles = [...new Set([...(decoded.sbdSummary?.cycles ?? []).map((c) => c.cycle), ...cts5.map((x) => x.cycle)])].sort((a, b) => a - b);
  return { platform: wmo.length === 1 ? wmo[0] : null, floatSerial: serials.length === 1 ? serials[0] : null, cycles };
}

/** Writes the decoded rows as an Argo AUX-like NetCDF-4 file at `out`. */
export async function writeNetcdfOutput(
  out: string,
  rows: readonly ArgoRow[],
  files: readonly TelemetryFile[],
  decoded: DecodedTelemetry,
  problems: readonly DecodeProblem[],
  volume: { litres: number | null; from: string | null },
): Promise<void> {
  const h5 = await loadH5wasm();
  const id = inputIdentity(files, decoded);
  const dataset = auxNetcdfDataset(rows, {
    ...id, cycle: id.cycles.length === 1 ? id.cycles[0] : null, imageVolumeL: volume.litres, imageVolumeFrom: volume.from,
    sources: files.map((f) => basename(f.source)), problems: problems.map(problemLine), sbdLines: decoded.sbdLines,
    uvpFloatVersion: uvpFloatVersion(), created: new Date(),
  });
  await writeOutputAtomically(out, (temp) => writeNetcdf4(h5, temp, dataset));
}

/** Writes EcoPart's tables into the directory `out`; returns the file names. Refuses existing files without force. */
export async function writeEcopartOutput(
  out: string,
  rows: readonly ArgoRow[],
  profile: Profile,
  options: { sample: string; latitudeDeg: number | null; longitudeDeg: number | null; force: boolean },
): Promise<string[]> {
  const files = ecopartFiles(rows, { sample: options.sample, hw: profile.hw, taxoIds: profile.taxo?.taxoIds ?? [], latitudeDeg: options.latitudeDeg, longitudeDeg: options.longitudeDeg });
  if (files.length === 0) throw new CliError("uvp-float decode: no LPM record decoded, and EcoPart needs an LPM table to import a sample; nothing written", ExitCode.INPUT);
  makeOutputDir(out); // level by level: a recursive mkdir spins forever under /proc on Node 20
  // The tables go together: each checked (exists without --force, is an input), all written to temporary files,
  // then all renamed, so an interrupted or failed run never leaves a partial set of tables.
  writeOutputs(files.map((f) => [join(out, f.name), f.text] as const), options.force, "decode");
  return files.map((f) => f.name);
}
