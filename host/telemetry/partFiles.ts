// File names and writing of what the float side gives: each kind's CTS5 file named as the float names it
// (split into `#01`, `#02`, ... parts when a size limit per file is asked for), SBD messages one file each,
// numbered by their sequence in the cycle.

import type { TelemetryPart } from "../firmware/floatTelemetry.js";
import { cts5FileName, splitCts5File } from "./cts5/index.js";

/** The ids that name a cycle's files. */
export interface CycleIds {
  /** WMO id of the float (SBD message headers and names). */
  floatId: number;
  /** The float's serial number in 4 hex digits (CTS5 file names). */
  serialHex: string;
  cycle: number;
  /** Mission pattern (CTS5 file names). */
  pattern: number;
}

/** How files are cut. */
export interface FileOptions {
  /** Largest CTS5 file in bytes: a larger file goes as parts `#01`, `#02`, ... that concatenate to it. */
  cts5PartBytes?: number;
}

/** One file to write: its name in the output directory and its bytes. */
export interface TelemetryFile {
  name: string;
  format: "cts5" | "sbd";
  bytes: Uint8Array;
}

/** The SBD file name of a message: `<wmo>_<ccc>_<seq>.sbd`. */
function sbdFileName(part: TelemetryPart, ids: CycleIds): string {
  const seq = part.bytes.length > 7 ? part.bytes[7] : 0;
  return `${ids.floatId}_${String(ids.cycle).padStart(3, "0")}_${String(seq).padStart(3, "0")}.sbd`;
}

/** The files of `parts`: CTS5 `xxxx_ccc_mm_uvp6_lpm.hex` (or its `#NN` parts), SBD `<wmo>_<ccc>_<seq>.sbd`; throws RangeError on ids a name cannot hold. */
export function telemetryFiles(parts: readonly TelemetryPart[], ids: CycleIds, opts: FileOptions = {}): TelemetryFile[] {
  return parts.flatMap((p): TelemetryFile[] => {
    if (p.format === "sbd") return [{ name: sbdFileName(p, ids), format: "sbd", bytes: p.bytes }];
    const pieces = opts.cts5PartBytes === undefined ? [p.bytes] : splitCts5File(p.bytes, opts.cts5PartBytes);
    return pieces.map((bytes, i) => ({ name: cts5FileName(ids.serialHex, ids.cycle, ids.pattern, p.kind, pieces.length === 1 ? null : i + 1), format: "cts5", bytes }));
  });
}

/**
 * Whether `name` is a file this cycle's telemetry could be written as (any CTS5 file or `#NN` part, any SBD
 * message), so that a run can refuse a directory already holding them before it starts. Keep in step with
 * telemetryFiles.
 */
export function isCycleFileName(name: string, ids: CycleIds): boolean {
  const kinds = ["lpm", "taxo", "black"] as const;
  const stems = kinds.map((k) => cts5FileName(ids.serialHex, ids.cycle, ids.pattern, k, null).replace(/\.hex$/, ""));
  if (name.endsWith(".hex") && stems.some((stem) => name.startsWith(stem))) return true;
  return name.endsWith(".sbd") && name.startsWith(`${ids.floatId}_${String(ids.cycle).padStart(3, "0")}_`);
}

/** Bytes and counts per format (CTS5: one file per kind, before any split into parts). */
export function partTotals(parts: readonly TelemetryPart[]): { cts5: { files: number; bytes: number }; sbd: { messages: number; bytes: number } } {
  const sum = (f: "cts5" | "sbd"): [number, number] => {
    const sel = parts.filter((p) => p.format === f);
    return [sel.length, sel.reduce((a, p) => a + p.bytes.length, 0)];
  };
  const [files, cts5Bytes] = sum("cts5");
  const [messages, sbdBytes] = sum("sbd");
  return { cts5: { files, bytes: cts5Bytes }, sbd: { messages, bytes: sbdBytes } };
}
