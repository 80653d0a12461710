// File names and writing of the telemetry parts the firmware seals: CTS5 file parts named as the float
// names them, SBD messages one file each, numbered by their sequence in the cycle.

import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
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

/** Writes `parts` into `dir` (created); refuses to overwrite an existing file unless `force`. Returns the paths. */
export function writeParts(dir: string, parts: readonly TelemetryPart[], ids: CycleIds, force: boolean): string[] {
  const paths = parts.map((p) => join(dir, partFileName(p, ids)));
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length > 0 && !force) {
    throw new Error(`${existing[0]} exists${existing.length > 1 ? ` (and ${existing.length - 1} more)` : ""}; use --force to overwrite`);
  }
  mkdirSync(dir, { recursive: true });
  parts.forEach((p, i) => writeFileSync(paths[i], p.bytes));
  return paths;
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
