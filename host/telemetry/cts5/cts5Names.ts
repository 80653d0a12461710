// CTS5 UVP6 file names as NKE's float writes them and the Coriolis decoder looks for them (its file tables:
// `xxxx_%03d_%02d_uvp6_lpm*.hex`, `_uvp6_txo*.hex`, `_uvp6_blk*.hex`): `xxxx` is the float's serial number in
// 4 hex digits (a float setting, not derived from the WMO number), then the cycle in 3 digits and the pattern
// in 2. A file split for transmission comes as parts `..._uvp6_lpm#01.hex`, `#02`, ... that the decoder
// concatenates byte for byte (manage_split_files.m drops the 3 characters `#NN`, so at most 99 parts).
// Names and fields map one to one (lower-case hex, two-digit parts), so a name read back gives the same name.

import type { SliceKind } from "../types.js";

/** What a CTS5 UVP6 file name says. */
export interface Cts5FileNameParts {
  /** Float serial number, 4 lower-case hex digits. */
  floatId: string;
  cycle: number;
  pattern: number;
  kind: SliceKind;
  /** Null for a whole file; 1-99 for a part `#01`-`#99` of a split one. */
  part: number | null;
}

/** Most parts a split file can have: the decoder takes exactly two digits after '#'. */
export const CTS5_MAX_PARTS = 99;
/** The sensor id of each kind in file names. */
export const CTS5_SENSOR_IDS: Readonly<Record<SliceKind, string>> = { lpm: "uvp6_lpm", taxo: "uvp6_txo", black: "uvp6_blk" };
const NAME = /^([0-9a-fA-F]{4})_(\d{3})_(\d{2})_uvp6_(lpm|txo|blk)(?:#(\d{2}))?\.hex$/;

function checkInt(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} ${value} is not an integer in ${min}-${max}`);
  }
}

/** Whether `text` is a float serial number as CTS5 names carry it (4 hex digits). */
export function isCts5Serial(text: string): boolean {
  return /^[0-9a-fA-F]{4}$/.test(text);
}

/** The name of a float's file of `kind` (part null), or of its part `part` (1-99); throws RangeError on fields the name cannot hold. */
export function cts5FileName(serialHex4: string, cycle: number, pattern: number, kind: SliceKind, part: number | null = null): string {
  if (!isCts5Serial(serialHex4)) throw new RangeError(`float serial "${serialHex4}" is not 4 hex digits`);
  checkInt(cycle, 0, 999, "cycle");
  checkInt(pattern, 0, 99, "pattern");
  if (part !== null) checkInt(part, 1, CTS5_MAX_PARTS, "part");
  if (!(kind in CTS5_SENSOR_IDS)) throw new RangeError(`unknown slice kind "${String(kind)}"`);
  const partSuffix = part === null ? "" : `#${String(part).padStart(2, "0")}`;
  const c = String(cycle).padStart(3, "0");
  const m = String(pattern).padStart(2, "0");
  return `${serialHex4.toLowerCase()}_${c}_${m}_${CTS5_SENSOR_IDS[kind]}${partSuffix}.hex`;
}

/** The fields of a CTS5 UVP6 file name (a directory before it is ignored), or null when it is not one. */
export function parseCts5FileName(name: string): Cts5FileNameParts | null {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  const m = NAME.exec(base);
  if (m === null) return null;
  const kind: SliceKind = m[4] === "blk" ? "black" : m[4] === "txo" ? "taxo" : "lpm";
  const part = m[5] === undefined ? null : Number(m[5]);
  if (part === 0) return null;
  return { floatId: m[1].toLowerCase(), cycle: Number(m[2]), pattern: Number(m[3]), kind, part };
}

/** The bytes of a file cut into parts of at most `maxPartBytes` (one part, unsplit, when it fits); throws RangeError past 99 parts. */
export function splitCts5File(bytes: Uint8Array, maxPartBytes: number): Uint8Array[] {
  checkInt(maxPartBytes, 1, Number.MAX_SAFE_INTEGER, "part size");
  if (bytes.length <= maxPartBytes) return [bytes];
  const n = Math.ceil(bytes.length / maxPartBytes);
  if (n > CTS5_MAX_PARTS) {
    throw new RangeError(`a ${bytes.length}-byte file in parts of ${maxPartBytes} bytes needs ${n} parts; the decoder's names hold at most ${CTS5_MAX_PARTS} (#01-#99): give a larger part size`);
  }
  return Array.from({ length: n }, (_, i) => bytes.subarray(i * maxPartBytes, Math.min(bytes.length, (i + 1) * maxPartBytes)));
}
