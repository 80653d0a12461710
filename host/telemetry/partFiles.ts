// File names and writing of the telemetry parts the firmware seals: CTS5 file parts named as the float
// names them, SBD messages one file each, numbered by their sequence in the cycle.

import type { TelemetryPart } from "../firmware/floatTelemetry.js";
import { cts5FileName } from "./cts5/index.js";

/** The ids that name a cycle's files. */
export interface CycleIds {
  /** WMO id of the float. */
  floatId: number;
  cycle: number;
  /** Mission pattern (CTS5 file names). */
  pattern: number;
}

/** CTS5 names start with the float's 4-hex-digit id; this project uses the low 16 bits of the WMO id. */
export function floatHex4(floatId: number): string {
  return (floatId & 0xffff).toString(16).padStart(4, "0");
}

/** The file name of a part: CTS5 `xxxx_ccc_mm_uvp6_lpm.hex` (parts after the first `-2`, ...), SBD `<wmo>_<ccc>_<seq>.sbd`. */
export function partFileName(part: TelemetryPart, ids: CycleIds): string {
  if (part.format === "cts5") return cts5FileName(floatHex4(ids.floatId), ids.cycle, ids.pattern, part.kind, part.part);
  const seq = part.bytes.length > 7 ? part.bytes[7] : 0;
  return `${ids.floatId}_${String(ids.cycle).padStart(3, "0")}_${String(seq).padStart(3, "0")}.sbd`;
}

/**
 * Whether `name` is a file this cycle's telemetry could be written as (any CTS5 part, any SBD message), so that a
 * run can refuse a directory already holding them before it starts. Keep in step with partFileName.
 */
export function isCycleFileName(name: string, ids: CycleIds): boolean {
  const kinds = ["lpm", "taxo", "black"] as const;
  const stems = kinds.map((k) => cts5FileName(floatHex4(ids.floatId), ids.cycle, ids.pattern, k, 1).replace(/\.hex$/, ""));
  if (name.endsWith(".hex") && stems.some((stem) => name.startsWith(stem))) return true;
  return name.endsWith(".sbd") && name.startsWith(`${ids.floatId}_${String(ids.cycle).padStart(3, "0")}_`);
}

/** Bytes and part counts per format. */
export function partTotals(parts: readonly TelemetryPart[]): { cts5: { files: number; bytes: number }; sbd: { messages: number; bytes: number } } {
  const sum = (f: "cts5" | "sbd"): [number, number] => {
    const sel = parts.filter((p) => p.format === f);
    return [sel.length, sel.reduce((a, p) => a + p.bytes.length, 0)];
  };
  const [files, cts5Bytes] = sum("cts5");
  const [messages, sbdBytes] = sum("sbd");
  return { cts5: { files, bytes: cts5Bytes }, sbd: { messages, bytes: sbdBytes } };
}
