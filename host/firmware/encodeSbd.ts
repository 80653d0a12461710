// One profile's records through the firmware's SBD encoder with a given prior table: what the float would send.
// Used to train prior tables (their initial probabilities fit the firmware's own bits) and by the benchmark.
import { buildFloatConfigBlob } from "../config/floatConfigBlob.js";
import type { ZoneTable, FloatTelemetrySettings } from "../config/profile.js";
import { priorTableBytes, type SbdPriorTable } from "../telemetry/sbd/priorTable.js";
import type { SliceRecord } from "../telemetry/types.js";
import { Firmware, type Build } from "./firmware.js";
import { FloatTelemetry } from "./floatTelemetry.js";
import { Status, describeStatus } from "./status.js";

/** Where and how to encode: the float's zones and identity, the cycle and the message limit. */
export interface SbdEncodeSettings {
  zones: ZoneTable;
  float: FloatTelemetrySettings;
  cycle: number;
  sbdMaxBytes: number;
  build?: Build;
}

/** The firmware's SBD messages for `records` with `table` in force (null: none); throws when the firmware refuses. */
export function encodeSbdWithFirmware(records: readonly SliceRecord[], table: SbdPriorTable | null, s: SbdEncodeSettings): Uint8Array[] {
  const ft = new FloatTelemetry(Firmware.create(s.build ?? "simd"));
  const priors = ft.setPriorTable(table === null ? new Uint8Array(0) : priorTableBytes(table));
  if (priors !== Status.OK) throw new Error(`the firmware refused prior table ${table?.id}: ${describeStatus(priors)}`);
  const configured = ft.configure(buildFloatConfigBlob(s.zones, s.float, { cycle: s.cycle, sbdMaxBytes: s.sbdMaxBytes, formats: { cts5: false, sbd: true } }));
  if (configured !== Status.OK) throw new Error(`the firmware refused the float configuration: ${describeStatus(configured)}`);
  for (const r of records) ft.pushSlice(r);
  ft.finish();
  return ft.takeParts().filter((p) => p.format === "sbd").map((p) => p.bytes);
}
