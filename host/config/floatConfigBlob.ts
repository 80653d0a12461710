// The float configuration blob (layout in assembly/telemetry/floatConfig.ts): telemetry identity, SBD limit,
// formats and the depth-zone table, built from a profile.

import { noiseFractionCode, type FloatTelemetrySettings, type ZoneProcessing, type ZoneTable } from "./profile.js";

/** Bytes of a v1 float configuration blob. */
export const FLOAT_CONFIG_BYTES = 88;
const MAGIC = 0x46505655; // 'UVPF'
const PROCESSING_CODES: Record<ZoneProcessing, number> = { raw: 0, decimated: 1, mean: 2 };

/** What the blob carries besides the profile's zone table. */
export interface FloatBlobOptions {
  /** WMO id (< 2^24); defaults to the settings'. */
  floatId?: number;
  /** Cycle number (u16). */
  cycle?: number;
  /** Mission pattern number (u8), as in CTS5 file names. */
  pattern?: number;
  /** SBD message limit (100-340); defaults to the settings'. */
  sbdMaxBytes?: number;
  /** SBD noise-bounded mode's fraction (0-1 in hundredths, 0 lossless); defaults to the settings'. Written as
   *  its code (hundredths) even when out of range, for the firmware to refuse. */
  sbdNoiseFraction?: number;
  /** Which encoders run: defaults to both. */
  formats?: { cts5: boolean; sbd: boolean };
}

/** Builds the float configuration blob for a zone table and telemetry settings (a profile's); the firmware validates it. */
export function buildFloatConfigBlob(zones: ZoneTable, settings: Pick<FloatTelemetrySettings, "wmo" | "sbdMaxBytes" | "sbdNoiseFraction">, opts: FloatBlobOptions = {}): Uint8Array {
  const bytes = new Uint8Array(FLOAT_CONFIG_BYTES);
  const v = new DataView(bytes.buffer);
  const zoneCount = zones.sliceThicknessDbar.length;
  if (zoneCount > 8) throw new Error(`${zoneCount} depth zones: the float configuration holds at most 8`);
  v.setUint32(0, MAGIC, true);
  v.setUint16(4, 1, true);
  v.setUint16(6, FLOAT_CONFIG_BYTES, true);
  v.setUint32(8, opts.floatId ?? settings.wmo, true);
  v.setUint16(12, opts.cycle ?? 0, true);
  v.setUint8(14, opts.pattern ?? 1);
  v.setUint8(15, zoneCount);
  v.setUint16(16, opts.sbdMaxBytes ?? settings.sbdMaxBytes, true);
  const formats = opts.formats ?? { cts5: true, sbd: true };
  v.setUint8(18, (formats.cts5 ? 1 : 0) | (formats.sbd ? 2 : 0));
  const noise = opts.sbdNoiseFraction ?? settings.sbdNoiseFraction ?? 0;
  v.setUint8(19, noiseFractionCode(noise) ?? Math.min(255, Math.max(0, Math.round(noise * 100))));
  zones.boundariesDbar.forEach((b, i) => v.setFloat32(20 + 4 * i, b, true));
  zones.sliceThicknessDbar.forEach((t, i) => v.setFloat32(48 + 4 * i, t, true));
  zones.processing.forEach((p, i) => v.setUint8(80 + i, PROCESSING_CODES[p]));
  return bytes;
}
