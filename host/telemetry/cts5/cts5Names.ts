// CTS5 UVP6 file names: `xxxx_ccc_mm_uvp6_lpm.hex` (float id in 4 hex digits, cycle in 3 digits, pattern in
// 2), `_uvp6_taxo.hex`, `_uvp6_blk.hex`; parts after the first add `-2`, `-3`... before `.hex`.
// Names and fields map one to one (no `-1`, no leading zeros in a part), so a name read back gives the same name.

import type { SliceKind } from "../types.js";

/** What a CTS5 UVP6 file name says. */
export interface Cts5FileNameParts {
  /** Float id, 4 lower-case hex digits. */
  floatId: string;
  cycle: number;
  pattern: number;
  kind: SliceKind;
  /** 1 for the first part (no suffix), then 2, 3... */
  part: number;
}

const SUFFIX: Readonly<Record<SliceKind, string>> = { lpm: "lpm", taxo: "taxo", black: "blk" };
const NAME = /^([0-9a-fA-F]{4})_(\d{3})_(\d{2})_uvp6_(lpm|taxo|blk)(?:-([2-9]|[1-9]\d+))?\.hex$/;

function checkInt(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} ${value} is not an integer in ${min}-${max}`);
  }
}

/** The name of part `part` (1-based) of a float's file of `kind`; throws RangeError on fields the name cannot hold. */
export function cts5FileName(floatIdHex4: string, cycle: number, pattern: number, kind: SliceKind, part: number): string {
  if (!/^[0-9a-fA-F]{4}$/.test(floatIdHex4)) throw new RangeError(`float id "${floatIdHex4}" is not 4 hex digits`);
  checkInt(cycle, 0, 999, "cycle");
  checkInt(pattern, 0, 99, "pattern");
  checkInt(part, 1, Number.MAX_SAFE_INTEGER, "part");
  if (!(kind in SUFFIX)) throw new RangeError(`unknown slice kind "${String(kind)}"`);
  const partSuffix = part === 1 ? "" : `-${part}`;
  const c = String(cycle).padStart(3, "0");
  const m = String(pattern).padStart(2, "0");
  return `${floatIdHex4.toLowerCase()}_${c}_${m}_uvp6_${SUFFIX[kind]}${partSuffix}.hex`;
}

/** The fields of a CTS5 UVP6 file name (a directory before it is ignored), or null when it is not one. */
export function parseCts5FileName(name: string): Cts5FileNameParts | null {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  const m = NAME.exec(base);
  if (m === null) return null;
  const kind: SliceKind = m[4] === "blk" ? "black" : m[4] === "taxo" ? "taxo" : "lpm";
  const part = m[5] === undefined ? 1 : Number(m[5]);
  if (!Number.isSafeInteger(part)) return null;
  return { floatId: m[1].toLowerCase(), cycle: Number(m[2]), pattern: Number(m[3]), kind, part };
}
