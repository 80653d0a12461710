// Decoded slice records against an Argo AUX profile (what the Coriolis decoder made of the real transmission),
// field by field, at the precision the AUX file stores: pressure and temperature as float32 (Math.fround of
// the decoded value against the stored float32), counts and mean sizes by their float32 bits (a one-ulp change
// of an averaged count is a real difference), images, greys and category indexes as integers.
//
// Matching, per kind: first by time (whole seconds; the AUX times are JULD + MTIME rounded to the ms), the
// nearest pressure breaking ties; then the records left on both sides whose float32 pressures are equal, the
// nearest time first, so that a decoder getting every time wrong shows TIME differences rather than nothing
// matched. Differences are named like the CSV columns (NAME, or NAME_k for the k-th value, 1-based).

import { float32Bits } from "./float32.js";
import type { AuxProfile, BlackLevel, LpmLevel, TaxoLevel } from "../formats/argo/auxTypes.js";
import { KIND_NAMES } from "./argoRecords.js";
import type { BlackSlice, Cts5Phase, LpmSlice, SliceKind, SliceRecord, TaxoSlice } from "./types.js";

/** One field that differs between a decoded record and its AUX level. */
export interface FieldDifference {
  kind: SliceKind;
  /** Time of the AUX level (s, Unix). */
  timeS: number;
  /** Pressure of the AUX level (dbar, float32 value). */
  pressureDbar: number;
  /** Argo name, with _k for the k-th value of a vector (1-based), e.g. NB_SIZE_SPECTRA_PARTICLES_3. */
  field: string;
  /** Null when the value is absent on that side; a string for lists of category indexes. */
  decoded: number | string | null;
  aux: number | string | null;
  /** An approximate count (noise-bounded SBD mode) outside its bound: the bound it broke. */
  bound?: number;
}

/** How the approximate counts of noise-bounded SBD records agreed with the AUX file. */
export interface ApproximateAgreement {
  /** Matched records whose counts are approximate. */
  records: number;
  /** Their counts equal to the AUX file's, bit for bit. */
  countsEqual: number;
  /** Their counts that differ, but by no more than their bound. */
  countsWithinBound: number;
  /** Their counts beyond their bound (each is also a difference). */
  countsOutOfBound: number;
  /** The largest |decoded - AUX| / sqrt(AUX) over the counts within their bound (0 when none differ). */
  worstErrorOverSd: number;
}

/** Where a record without a partner is. */
export interface UnmatchedRecord {
  kind: SliceKind;
  timeS: number;
  pressureDbar: number;
  /** The decoded record's phase (absent for AUX levels, which do not carry one). */
  phase?: Cts5Phase;
}

/** Counts of one kind. */
export interface KindComparison {
  decoded: number;
  aux: number;
  matched: number;
  /** Matched records with at least one field difference. */
  different: number;
  onlyInDecoded: number;
  onlyInAux: number;
}

/** The whole comparison. */
export interface AuxComparison {
  matched: number;
  different: number;
  onlyInDecoded: number;
  onlyInAux: number;
  /** Decoded records left out because their phase was not asked for. */
  skipped: number;
  perKind: Record<SliceKind, KindComparison>;
  differences: FieldDifference[];
  onlyInDecodedRecords: UnmatchedRecord[];
  onlyInAuxRecords: UnmatchedRecord[];
  approximate: ApproximateAgreement;
}

/** Which decoded records take part. */
export interface CompareOptions {
  /** Only decoded records of these phases (an AUX R file holds one profile, often the ascent); default all. */
  phases?: readonly Cts5Phase[];
}

const bitsOf = float32Bits;

type Level = LpmLevel | BlackLevel | TaxoLevel;

/** Compares `decoded` with the levels of `aux`, kind by kind. */
export function compareWithAux(decoded: readonly SliceRecord[], aux: AuxProfile, options: CompareOptions = {}): AuxComparison {
  const phases = options.phases;
  const taking = decoded.filter((r) => phases === undefined || phases.includes(r.phase));
  const out: AuxComparison = {
    matched: 0, different: 0, onlyInDecoded: 0, onlyInAux: 0, skipped: decoded.length - taking.length,
    perKind: { lpm: emptyCounts(), black: emptyCounts(), taxo: emptyCounts() },
    differences: [], onlyInDecodedRecords: [], onlyInAuxRecords: [],
    approximate: { records: 0, countsEqual: 0, countsWithinBound: 0, countsOutOfBound: 0, worstErrorOverSd: 0 },
  };
  for (const kind of ["lpm", "black", "taxo"] as const) {
    const ds = taking.filter((r) => r.kind === kind);
    const as: readonly Level[] = aux[kind];
    const counts = out.perKind[kind];
    counts.decoded = ds.length;
    counts.aux = as.length;
    const pairs = matchRecords(ds, as);
    const pairedAux = new Set(pairs.map(([, a]) => a));
    const pairedDecoded = new Set(pairs.map(([d]) => d));
    for (const [di, ai] of pairs) {
      const diffs = compareFields(ds[di], as[ai], out.approximate);
      counts.matched++;
      if (diffs.length > 0) counts.different++;
      out.differences.push(...diffs);
    }
    ds.forEach((r, i) => {
      if (!pairedDecoded.has(i)) out.onlyInDecodedRecords.push({ kind, timeS: r.timeS, pressureDbar: r.pressureDbar, phase: r.phase });
    });
    as.forEach((l, i) => {
      if (!pairedAux.has(i)) out.onlyInAuxRecords.push({ kind, timeS: l.timeS, pressureDbar: l.pressureDbar });
    });
    counts.onlyInDecoded = ds.length - pairs.length;
    counts.onlyInAux = as.length - pairs.length;
    out.matched += counts.matched;
    out.different += counts.different;
    out.onlyInDecoded += counts.onlyInDecoded;
    out.onlyInAux += counts.onlyInAux;
  }
  return out;
}

/** Whether the comparison found nothing to report: every record matched and every field equal (approximate
 *  counts within their bounds); comparisonVerdict tells identical from within-bound. */
export function comparisonIsClean(c: AuxComparison): boolean {
  return c.differences.length === 0 && c.onlyInDecoded === 0 && c.onlyInAux === 0;
}

/** identical: every record matched and every field equal, no count approximate (the only verdict of lossless
 *  telemetry); within-bound: the same, but some counts came approximate (noise-bounded SBD) and agree only
 *  within their bounds; different: anything else. */
export function comparisonVerdict(c: AuxComparison): "identical" | "within-bound" | "different" {
  if (!comparisonIsClean(c)) return "different";
  return c.approximate.records > 0 ? "within-bound" : "identical";
}

function emptyCounts(): KindComparison {
  return { decoded: 0, aux: 0, matched: 0, different: 0, onlyInDecoded: 0, onlyInAux: 0 };
}

/** Pairs [decoded index, aux index]: by time, then by float32 pressure among what is left. */
function matchRecords(ds: readonly SliceRecord[], as: readonly Level[]): [number, number][] {
  const pairs: [number, number][] = [];
  const freeAux = new Set(as.map((_, i) => i));
  const byTime = new Map<number, number[]>();
  as.forEach((l, i) => {
    const t = Math.round(l.timeS);
    byTime.set(t, [...(byTime.get(t) ?? []), i]);
  });
  const leftDecoded: number[] = [];
  const nearest = (candidates: number[], distance: (a: number) => number): number | undefined => {
    let best: number | undefined;
    for (const a of candidates) if (freeAux.has(a) && (best === undefined || distance(a) < distance(best))) best = a;
    return best;
  };
  ds.forEach((d, di) => {
    const a = nearest(byTime.get(Math.round(d.timeS)) ?? [], (ai) => Math.abs(Math.fround(d.pressureDbar) - as[ai].pressureDbar));
    if (a === undefined) leftDecoded.push(di);
    else {
      freeAux.delete(a);
      pairs.push([di, a]);
    }
  });
  for (const di of leftDecoded) {
    const d = ds[di];
    const samePressure = [...freeAux].filter((ai) => as[ai].pressureDbar === Math.fround(d.pressureDbar));
    const a = nearest(samePressure, (ai) => Math.abs(as[ai].timeS - d.timeS));
    if (a !== undefined) {
      freeAux.delete(a);
      pairs.push([di, a]);
    }
  }
  return pairs.sort((x, y) => x[1] - y[1]);
}

/** The differences between one decoded record and its AUX level (of the same kind). */
function compareFields(d: SliceRecord, a: Level, approx: ApproximateAgreement): FieldDifference[] {
  const diffs: FieldDifference[] = [];
  const add = (field: string, dv: number | string | null, av: number | string | null): void => {
    diffs.push({ kind: d.kind, timeS: a.timeS, pressureDbar: a.pressureDbar, field, decoded: dv, aux: av });
  };
  const asFloat32 = (field: string, dv: number, av: number): void => {
    if (Math.fround(dv) !== av && !(Number.isNaN(dv) && Number.isNaN(av))) add(field, dv, av);
  };
  const sameBits = (field: string, dv: number | undefined, av: number | undefined): void => {
    if (dv === undefined || av === undefined || bitsOf(dv) !== bitsOf(av)) add(field, dv ?? null, av ?? null);
  };
  const asInteger = (field: string, dv: number | undefined, av: number | undefined): void => {
    if (dv !== av) add(field, dv ?? null, av ?? null);
  };
  const vector = (field: string, dv: readonly number[], av: readonly number[], cmp: typeof sameBits): void => {
    for (let k = 0; k < Math.max(dv.length, av.length); k++) cmp(`${field}_${k + 1}`, dv[k], av[k]);
  };
  // Counts of a noise-bounded record: equal, within their bound (agreement, not identity), or a difference.
  const counts = (field: string, r: LpmSlice | BlackSlice, av: readonly number[]): void => {
    if (r.approximate === undefined) return vector(field, r.counts, av, sameBits);
    approx.records++;
    for (let k = 0; k < Math.max(r.counts.length, av.length); k++) {
      const dv = r.counts[k];
      const bound = r.approximate.countBounds[k] ?? 0;
      if (dv !== undefined && av[k] !== undefined && bitsOf(dv) === bitsOf(av[k])) approx.countsEqual++;
      else if (dv !== undefined && av[k] !== undefined && Math.abs(dv - av[k]) <= bound) {
        approx.countsWithinBound++;
        approx.worstErrorOverSd = Math.max(approx.worstErrorOverSd, Math.abs(dv - av[k]) / Math.sqrt(av[k]));
      } else {
        approx.countsOutOfBound++;
        diffs.push({ kind: d.kind, timeS: a.timeS, pressureDbar: a.pressureDbar, field: `${field}_${k + 1}`, decoded: dv ?? null, aux: av[k] ?? null, bound });
      }
    }
  };
  if (Math.round(d.timeS) !== Math.round(a.timeS)) add("TIME_UNIX_S", d.timeS, a.timeS);
  asFloat32("PRES", d.pressureDbar, a.pressureDbar);
  if (d.kind === "lpm") {
    const l = a as LpmLevel;
    const r = d as LpmSlice;
    asInteger("NB_IMAGE_PARTICLES", r.images, l.images);
    asFloat32("TEMP_PARTICLES", r.temperatureC, l.temperatureC);
    counts("NB_SIZE_SPECTRA_PARTICLES", r, l.counts);
    vector("GREY_SIZE_SPECTRA_PARTICLES", r.grey, l.grey, asInteger);
  } else if (d.kind === "black") {
    const l = a as BlackLevel;
    const r = d as BlackSlice;
    asInteger("BLACK_NB_IMAGE_PARTICLES", r.images, l.images);
    asFloat32("BLACK_TEMP_PARTICLES", r.temperatureC, l.temperatureC);
    counts("BLACK_NB_SIZE_SPECTRA_PARTICLES", r, l.counts);
  } else {
    compareTaxo(d as TaxoSlice, a as TaxoLevel, asInteger, sameBits, add);
  }
  return diffs;
}

type Cmp = (field: string, dv: number | undefined, av: number | undefined) => void;

/** The AUX fill value of OBJECT_MEAN_SIZE_CATEGORY / OBJECT_MEAN_VOLUME_CATEGORY. */
const AUX_FILL = 99999;

/** Whether a decoded mean size is what the Coriolis decoder stores as fill: NaN or infinite (or 99999 itself). */
function becomesFill(size: number): boolean {
  return !Number.isFinite(size) || Math.fround(size) === AUX_FILL;
}

/** TAXO fields: categories line up by position when both list the same indexes, else by index. */
function compareTaxo(r: TaxoSlice, l: TaxoLevel, asInteger: Cmp, sameBits: Cmp, add: (f: string, dv: string, av: string) => void): void {
  asInteger("NB_IMAGE_CATEGORY", r.images, l.images);
  asInteger("NB_CATEGORY", r.categories.length, l.categories);
  const dIndex = r.categories.map((c) => c.index);
  if (dIndex.join(",") !== l.index.join(",")) add("INDEX_CATEGORY", dIndex.join(","), l.index.join(","));
  r.categories.forEach((c, j) => {
    const k = l.index.indexOf(c.index);
    if (k < 0) return; // already reported in INDEX_CATEGORY
    sameBits(`NB_OBJECT_CATEGORY_${j + 1}`, c.objects, l.objects[k]);
    // The AUX reader gives NaN for the fill value; the decoder wrote fill for a NaN or infinite size.
    const field = `OBJECT_MEAN_VOLUME_CATEGORY_${j + 1}`;
    if (Number.isNaN(l.meanSize[k])) {
      if (!becomesFill(c.meanSize)) sameBits(field, c.meanSize, l.meanSize[k]);
    } else sameBits(field, c.meanSize, l.meanSize[k]);
    asInteger(`OBJECT_MEAN_GREY_LEVEL_CATEGORY_${j + 1}`, c.meanGrey, l.meanGrey[k]);
  });
}

/** The per-kind counts as aligned text lines (a header, then LPM, BLACK, TAXO), for the CLI and reports. */
export function comparisonTable(c: AuxComparison): string[] {
  const head = ["kind", "decoded", "aux", "matched", "different", "only-decoded", "only-aux"];
  const rows = (["lpm", "black", "taxo"] as const).map((k) => {
    const p = c.perKind[k];
    return [KIND_NAMES[k], p.decoded, p.aux, p.matched, p.different, p.onlyInDecoded, p.onlyInAux].map(String);
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  "));
}
