// Bytes per profile: the real float's AUX profiles through the firmware's encoders (CTS5 files, compact SBD
// messages) against general-purpose compressors of the same CTS5 bytes (gzip and brotli from node:zlib, xz
// from lzma-native), each given the profile's CTS5 files as one stream (their best case).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import { loadProfile } from "../host/config/profile.js";
import { Firmware } from "../host/firmware/index.js";
import { FloatTelemetry } from "../host/firmware/floatTelemetry.js";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { packageRoot } from "../host/paths.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import type { SliceKind, SliceRecord } from "../host/telemetry/types.js";
import { accountSbdMessages, type KindAccount } from "./sbdAccounting.js";
import { floorModel, profileFloor, type ProfileFloor } from "./sbdFloor.js";
import { encodeSbdCycle } from "../test/support/sbdReferenceEncoder.js";

// lzma-native is CommonJS with a native binding; a dev dependency used by this benchmark only.
const lzma = createRequire(import.meta.url)("lzma-native") as { compress(b: Buffer, o: { preset: number }, cb: (r: Buffer) => void): void; PRESET_EXTREME: number };

/** One profile's byte counts. */
export interface ProfileBytes {
  file: string;
  records: number;
  cts5Bytes: number;
  cts5Files: number;
  sbd: Record<number, { bytes: number; messages: number }>;
  gzip: number;
  brotli: number;
  xz: number;
  /** The information floor (bits) under the stated model (bench/sbdFloor.ts). */
  floor: ProfileFloor;
  /** Cycle number from the AUX file. */
  cycle: number;
  /** Version 1 at 340 B (reference encoder). */
  v1Bytes: number;
  /** Where version 1's 340-byte messages' bytes go, per kind (reference encoder). */
  account: Record<SliceKind, KindAccount>;
}

function xzBytes(b: Buffer): Promise<number> {
  return new Promise((resolve) => lzma.compress(b, { preset: 9 | lzma.PRESET_EXTREME }, (r) => resolve(r.length)));
}

/** The shipped real AUX profiles as slice records (the 000118LP profile's zone table). */
export function realProfiles(): { file: string; cycle: number; records: SliceRecord[] }[] {
  const dir = join(packageRoot(), "test", "fixtures", "argo-4903634");
  const profile = loadProfile("000118LP");
  return readdirSync(dir).filter((f) => f.endsWith("_aux.nc")).sort().map((file) => {
    const aux = readAuxProfile(readFileSync(join(dir, file)));
    return { file, cycle: aux.cycle, records: sliceRecordsFromAux(aux, profile.zones) as SliceRecord[] };
  });
}

/** Encodes every shipped real AUX profile and measures the outputs. */
export async function benchTelemetryBytes(limits: readonly number[] = [340, 270, 100]): Promise<ProfileBytes[]> {
  const dir = join(packageRoot(), "test", "fixtures", "argo-4903634");
  const profile = loadProfile("000118LP");
  const out: ProfileBytes[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith("_aux.nc")).sort();
  const profiles = files.map((file) => {
    const aux = readAuxProfile(readFileSync(join(dir, file)));
    return { file, aux, records: sliceRecordsFromAux(aux, profile.zones) as SliceRecord[] };
  });
  // The floor's spreads (object greys and sizes, field residuals) are measured on all six: a description of the
  // data, not a predictor any coder holds.
  const model = floorModel(profiles.map((p) => p.records));
  for (const { file, aux, records } of profiles) {
    const v1 = encodeSbdCycle(records, { floatId: profile.float.wmo, cycle: aux.cycle, maxBytes: 340 });
    const account = accountSbdMessages(v1);
    const sbd: ProfileBytes["sbd"] = {};
    let cts5: Buffer = Buffer.alloc(0);
    let cts5Files = 0;
    for (const limit of limits) {
      const ft = new FloatTelemetry(Firmware.create("simd"));
      ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { cycle: aux.cycle, sbdMaxBytes: limit, formats: { cts5: limit === limits[0], sbd: true } }));
      for (const r of records) ft.pushSlice(r);
      ft.finish();
      const parts = ft.takeParts();
      const messages = parts.filter((p) => p.format === "sbd");
      sbd[limit] = { bytes: messages.reduce((a, p) => a + p.bytes.length, 0), messages: messages.length };
      if (limit === limits[0]) {
        const files = parts.filter((p) => p.format === "cts5");
        cts5 = Buffer.concat(files.map((p) => p.bytes));
        cts5Files = files.length;
      }
    }
    out.push({
      file, records: records.length, cts5Bytes: cts5.length, cts5Files, sbd,
      gzip: gzipSync(cts5, { level: 9 }).length,
      brotli: brotliCompressSync(cts5, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: cts5.length } }).length,
      xz: await xzBytes(cts5),
      floor: profileFloor(records, model),
      v1Bytes: v1.reduce((a, m) => a + m.length, 0),
      cycle: aux.cycle,
      account,
    });
  }
  return out;
}
