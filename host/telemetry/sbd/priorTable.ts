// SBD prior tables (docs/operators.md, "Prior tables"): what the float and the decoder both hold before the float
// leaves port: a typical spectrum and grey per LPM class and noise counts per BLACK class against depth, a typical
// grey per TAXO category, and the coder's initial probabilities. Version-2 messages name their table by a one-byte id.
import type { SliceRecord } from "../types.js";
import { flattenContexts, newSbdContexts } from "./sbdNumbers.js";

/** Depth bins of a prior table: a record falls in bin b when edges[b - 1] <= pressure < edges[b] (dbar). */
export const PRIOR_BIN_EDGES_DBAR: readonly number[] = [5, 10, 20, 35, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000];
/** Number of depth bins. */
export const PRIOR_BINS = PRIOR_BIN_EDGES_DBAR.length + 1;
/** Probabilities one message's coder uses, in the firmware's order (42 trees of 64, SAME_PHASE, SIZE_ULP[4], ULP[4]). */
export const SBD_PROB_COUNT = 42 * 64 + 9;
/** Byte offset of the initial probabilities in the binary table. */
export const PRIOR_PROBS_OFFSET = 1804;
/** Bytes of a binary prior table (padded to 8). */
export const PRIOR_TABLE_BYTES = 4504;
/** Layout version of the binary prior table. */
export const PRIOR_TABLE_VERSION = 1;
/** Counts are stored per this many images. */
export const PRIOR_IMAGES = 1024;

/** A prior table: id 1-255; per depth bin, counts per 1024 images and greys; per TAXO category a grey; initial
 *  probabilities. */
export interface SbdPriorTable {
  id: number;
  /** [bin][class], expected objects per 1024 images, integers 0 .. 2^31 - 1. */
  lpmCounts: number[][];
  /** [bin][class], typical mean grey 0-255. */
  lpmGreys: number[][];
  /** [bin][class 0-4], expected noise objects per 1024 images. */
  blackCounts: number[][];
  /** [category 0-39], typical mean grey. */
  taxoGreys: number[];
  /** SBD_PROB_COUNT bytes u: a message's probabilities start at clamp(8u + 4, 31, 2017) (u = 127 for one half). */
  initialProbabilities: number[];
}

/** The depth bin of a pressure code p = round((P + 100) * 10): integer comparisons only, as the firmware does. */
export function priorBin(pressureCode: number): number {
  let b = 0;
  while (b < PRIOR_BIN_EDGES_DBAR.length && pressureCode >= (PRIOR_BIN_EDGES_DBAR[b] + 100) * 10) b++;
  return b;
}

/** The binary form the firmware loads (little-endian): u8 id, u8 version, u16 length, then u32 LPM counts [16][18],
 *  u8 LPM greys [16][18], u32 BLACK counts [16][5], u8 TAXO greys [40], u8 initial probabilities [SBD_PROB_COUNT], zero padding. */
export function priorTableBytes(t: SbdPriorTable): Uint8Array {
  const out = new Uint8Array(PRIOR_TABLE_BYTES);
  const v = new DataView(out.buffer);
  v.setUint8(0, t.id);
  v.setUint8(1, PRIOR_TABLE_VERSION);
  v.setUint16(2, PRIOR_TABLE_BYTES, true);
  let at = 4;
  for (const row of t.lpmCounts) for (const x of row) (v.setUint32(at, x, true), (at += 4));
  for (const row of t.lpmGreys) for (const x of row) v.setUint8(at++, x);
  for (const row of t.blackCounts) for (const x of row) (v.setUint32(at, x, true), (at += 4));
  for (const x of t.taxoGreys) v.setUint8(at++, x);
  for (const x of t.initialProbabilities) v.setUint8(at++, x);
  return out;
}

/** Checks a table's shape and ranges; returns what is wrong, or null. */
export function priorTableProblem(t: SbdPriorTable): string | null {
  const u32 = (x: number) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
  const u8 = (x: number) => Number.isInteger(x) && x >= 0 && x <= 255;
  if (!Number.isInteger(t.id) || t.id < 1 || t.id > 255) return `prior table id ${t.id} is not 1-255`;
  const grid = (g: number[][], cols: number, ok: (x: number) => boolean, what: string) =>
    g?.length === PRIOR_BINS && g.every((r) => r.length === cols && r.every(ok)) ? null : `${what} must be ${PRIOR_BINS} rows of ${cols} values`;
  return (
    grid(t.lpmCounts, 18, (x) => u32(x) && x <= 0x7fffffff, "lpmCounts (each below 2^31)") ??
    grid(t.lpmGreys, 18, u8, "lpmGreys") ??
    grid(t.blackCounts, 5, (x) => u32(x) && x <= 0x7fffffff, "blackCounts (each below 2^31)") ??
    (t.taxoGreys?.length === 40 && t.taxoGreys.every(u8) ? null : "taxoGreys must be 40 greys 0-255") ??
    (t.initialProbabilities?.length === SBD_PROB_COUNT && t.initialProbabilities.every(u8) ? null : `initialProbabilities must be ${SBD_PROB_COUNT} bytes`)
  );
}

/** Builds a table's priors from training records: counts per 1024 images and count-weighted greys per depth bin (an
 *  empty bin takes its nearest filled bin's values), TAXO greys per category over every record. Its initial
 *  probabilities are `initialProbabilities` (default: the version-1 shapes; learnInitialProbabilities fits them). */
export function buildPriorTable(id: number, records: readonly SliceRecord[], initialProbabilities: number[] = defaultInitialBytes()): SbdPriorTable {
  const lpm = Array.from({ length: PRIOR_BINS }, () => ({ images: 0, n: new Array(18).fill(0), g: new Array(18).fill(0) }));
  const black = Array.from({ length: PRIOR_BINS }, () => ({ images: 0, n: new Array(5).fill(0) }));
  const taxo = Array.from({ length: 40 }, () => ({ objects: 0, grey: 0 }));
  for (const r of records) {
    const bin = priorBin(Math.floor((r.pressureDbar + 100) * 10 + 0.5));
    if (r.kind === "lpm") {
      lpm[bin].images += r.images;
      r.counts.forEach((c, k) => {
        if (!(c > 0) || !Number.isFinite(c)) return;
        lpm[bin].n[k] += c;
        lpm[bin].g[k] += c * r.grey[k];
      });
    } else if (r.kind === "black") {
      black[bin].images += r.images;
      r.counts.forEach((c, k) => (black[bin].n[k] += Number.isFinite(c) && c > 0 ? c : 0));
    } else {
      for (const c of r.categories) {
        if (!(c.objects > 0) || c.index > 39) continue;
        const t = taxo[c.index];
        t.objects += c.objects;
        t.grey += c.meanGrey * c.objects;
      }
    }
  }
  const cap = (x: number) => Math.min(0x7fffffff, Math.max(0, Math.round(x)));
  const filled = <T>(rows: T[], has: (r: T) => boolean, make: (r: T) => number[], empty: number[]) =>
    rows.map((_, b) => {
      for (let d = 0; d < PRIOR_BINS; d++) {
        for (const c of [b - d, b + d]) if (c >= 0 && c < PRIOR_BINS && has(rows[c])) return make(rows[c]);
      }
      return empty;
    });
  const lpmCounts = filled(lpm, (r) => r.images > 0, (r) => r.n.map((n) => cap((n * PRIOR_IMAGES) / r.images)), new Array(18).fill(0));
  const greyRows = lpm.map((r, b) => r.n.map((n, k) => (n > 0 ? Math.round(r.g[k] / n) : greyFallback(lpm, b, k))));
  const blackCounts = filled(black, (r) => r.images > 0, (r) => r.n.map((n) => cap((n * PRIOR_IMAGES) / r.images)), new Array(5).fill(0));
  const allObjects = taxo.reduce((s, t) => s + t.objects, 0);
  const meanGrey = allObjects > 0 ? taxo.reduce((s, t) => s + t.grey, 0) / allObjects : 64;
  return {
    id,
    lpmCounts,
    lpmGreys: greyRows.map((row) => row.map((g) => Math.min(255, Math.max(0, g)))),
    blackCounts,
    taxoGreys: taxo.map((t) => Math.min(255, Math.round(t.objects > 0 ? t.grey / t.objects : meanGrey))),
    initialProbabilities: initialProbabilities.slice(),
  };
}

/** A class's grey where its bin saw no object: the nearest bin's grey for that class, else the nearest class's. */
function greyFallback(lpm: { n: number[]; g: number[] }[], bin: number, k: number): number {
  for (let d = 1; d < PRIOR_BINS; d++) {
    for (const b of [bin - d, bin + d]) if (b >= 0 && b < PRIOR_BINS && lpm[b].n[k] > 0) return Math.round(lpm[b].g[k] / lpm[b].n[k]);
  }
  for (let d = 1; d < 18; d++) {
    for (const c of [k - d, k + d]) if (c >= 0 && c < 18 && lpm[bin].n[c] > 0) return Math.round(lpm[bin].g[c] / lpm[bin].n[c]);
  }
  return 33;
}

/** A table's probability byte for p: round((p - 4) / 8), 0-255. */
export function probabilityByte(p: number): number {
  return Math.min(255, Math.max(0, Math.round((p - 4) / 8)));
}

/** The probability a table byte starts at: clamp(8u + 4, 31, 2017). */
export function probabilityFromByte(u: number): number {
  return Math.min(2017, Math.max(31, 8 * u + 4));
}

/** The version-1 initial probabilities as table bytes: what a table starts from before it is trained. */
export function defaultInitialBytes(): number[] {
  return Array.from(flattenContexts(newSbdContexts()), probabilityByte);
}

/** Initial probabilities fitted to bit counts (zeros, ones) per probability: p(0) = (zeros + 0.4) / (all + 0.8),
 *  as a table byte; a probability never used keeps `fallback`'s byte. */
export function learnedInitialBytes(zeros: readonly number[], ones: readonly number[], fallback: readonly number[]): number[] {
  return fallback.map((u, i) => {
    const all = zeros[i] + ones[i];
    return all > 0 ? probabilityByte(((zeros[i] + 0.4) / (all + 0.8)) * 2048) : u;
  });
}
