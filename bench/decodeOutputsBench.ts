// Decode outputs on the six real AUX profiles of float 4903634: bytes of the NetCDF-4 file (h5wasm) against the
// decode JSON and the Coriolis NetCDF-3 AUX file, and time to write / read it as ratios against the JSON
// formatting and the NetCDF-3 read of the same profile in the same process (medians, interleaved).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAuxProfileFile } from "../host/formats/argo/auxReader.js";
import { loadH5wasm } from "../host/formats/netcdf4/h5wasmModule.js";
import { writeNetcdf4 } from "../host/formats/netcdf4/netcdf4Writer.js";
import { packageRoot } from "../host/paths.js";
import { toArgoRows } from "../host/telemetry/argoRecords.js";
import { auxNetcdfDataset } from "../host/telemetry/auxNetcdf.js";
import { sliceRecordsFromDecodedAux } from "../host/telemetry/fromAux.js";
import { formatJson } from "../host/telemetry/outputFormats.js";
import { timeInterleaved } from "./timing.js";

/** One profile's figures. */
export interface DecodeOutputFigures {
  file: string;
  records: number;
  bytes: { auxNetcdf3: number; json: number; netcdf4: number };
  /** Median ms: JSON text, NetCDF-4 file written, NetCDF-3 AUX read, NetCDF-4 read back. */
  medianMs: { json: number; netcdf4Write: number; netcdf3Read: number; netcdf4Read: number };
}

/** Measures every shipped AUX profile; `h5wasmLoadMs` is the one-off cost of loading the HDF5 library. */
export async function benchDecodeOutputs(rounds: number): Promise<{ h5wasmLoadMs: number; profiles: DecodeOutputFigures[] }> {
  const t0 = performance.now();
  const h5 = await loadH5wasm();
  const h5wasmLoadMs = performance.now() - t0;
  const dir = join(packageRoot(), "test", "fixtures", "argo-4903634");
  const tmp = mkdtempSync(join(tmpdir(), "uvp-bench-nc-"));
  const profiles: DecodeOutputFigures[] = [];
  try {
    for (const file of readdirSync(dir).filter((f) => f.endsWith("_aux.nc")).sort()) {
      const auxPath = join(dir, file);
      const aux = readAuxProfileFile(auxPath);
      const rows = toArgoRows(sliceRecordsFromDecodedAux(aux), { imageVolumeL: 0.72 });
      const meta = { platform: aux.platform, floatSerial: null, cycle: aux.cycle, cycles: [aux.cycle], imageVolumeL: 0.72, imageVolumeFrom: "bench", sources: [file], problems: [], sbdLines: [], uvpFloatVersion: "bench", created: new Date(0) };
      const ncPath = join(tmp, `${file}.nc4`);
      let json = "";
      const ms = timeInterleaved([
        { name: "json", run: () => { json = formatJson({ records: rows, problems: [], summary: {} }); } },
        { name: "netcdf4Write", run: () => writeNetcdf4(h5, ncPath, auxNetcdfDataset(rows, meta)) },
        { name: "netcdf3Read", run: () => readAuxProfileFile(auxPath) },
        { name: "netcdf4Read", run: () => readAuxProfileFile(ncPath) },
      ], rounds);
      profiles.push({
        file, records: rows.length,
        bytes: { auxNetcdf3: statSync(auxPath).size, json: Buffer.byteLength(json), netcdf4: readFileSync(ncPath).length },
        medianMs: { json: ms.get("json")!, netcdf4Write: ms.get("netcdf4Write")!, netcdf3Read: ms.get("netcdf3Read")!, netcdf4Read: ms.get("netcdf4Read")! },
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { h5wasmLoadMs, profiles };
}
