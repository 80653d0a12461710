// Decoded slice records as rows named like the current Argo AUX variables (DOMAIN.md section 6), with units,
// plus the derived concentrations. Rows are plain JSON/CBOR values: NaN never appears (a concentration that
// cannot be computed is null), and vector fields hold exactly the values transmitted (TAXO: NB_CATEGORY of them).
// Rows convert back to slice records (fromArgoRow), so a decoded JSON document can be compared with an AUX file.

import { CTS5_PHASES, PROCESSINGS, type Cts5Phase, type Processing, type SliceKind, type SliceRecord } from "./types.js";

/** One output name: its unit (UDUNITS-like, "" when it has none) and how many values it holds (1: a scalar). */
export interface ArgoField {
  name: string;
  unit: string;
  /** Values per record: 1 for a scalar; 18, 5 or 40 (the AUX N_VALUES dimension) for a vector. */
  length: number;
  description: string;
}

const f = (name: string, unit: string, length: number, description: string): ArgoField => ({ name, unit, length, description });

/** The output names of every row, then those of each kind, in CSV column order. */
export const ARGO_FIELDS: Readonly<{ common: readonly ArgoField[]; lpm: readonly ArgoField[]; black: readonly ArgoField[]; taxo: readonly ArgoField[]; approximate: readonly ArgoField[] }> = {
  common: [
    f("KIND", "", 1, "LPM (lit images), BLACK (images without light) or TAXO (classified objects)"),
    f("TIME", "UTC", 1, "time of the slice's first bloc, ISO 8601"),
    f("TIME_UNIX_S", "s", 1, "the same time in seconds since 1970-01-01 00:00:00 UTC"),
    f("PRES", "dbar", 1, "pressure as transmitted (0.1 dbar resolution)"),
    f("PHASE", "", 1, "CTS5 cycle phase: DESCENT, PARK, DEEP_PROFILE, SHORT_PARK, ASCENT or SURFACE"),
    f("PROCESSING", "", 1, "float processing: RW raw, DW decimated raw, AM mean of the slice's blocs"),
  ],
  lpm: [
    f("NB_IMAGE_PARTICLES", "count", 1, "images summed in the slice"),
    f("TEMP_PARTICLES", "degree_Celsius", 1, "camera internal temperature"),
    f("NB_SIZE_SPECTRA_PARTICLES", "count", 18, "particles per size class summed over the slice's images"),
    f("GREY_SIZE_SPECTRA_PARTICLES", "grey level", 18, "mean grey level per size class (0-255)"),
    f("CONCENTRATION_LPM", "#/L", 18, "NB_SIZE_SPECTRA_PARTICLES / (Image_volume * NB_IMAGE_PARTICLES)"),
  ],
  black: [
    f("BLACK_NB_IMAGE_PARTICLES", "count", 1, "black images in the record"),
    f("BLACK_TEMP_PARTICLES", "degree_Celsius", 1, "camera internal temperature"),
    f("BLACK_NB_SIZE_SPECTRA_PARTICLES", "count", 5, "noise objects in size classes 1-5"),
  ],
  taxo: [
    f("NB_IMAGE_CATEGORY", "count", 1, "images summed in the slice"),
    f("NB_CATEGORY", "count", 1, "categories with objects in the slice (0-40)"),
    f("INDEX_CATEGORY", "", 40, "category index 0-39 into the camera's TAXO_CONF list"),
    f("NB_OBJECT_CATEGORY", "count", 40, "objects of the category in the slice"),
    f("OBJECT_MEAN_VOLUME_CATEGORY", "pixel^3", 40, "mean volume of the category's objects; null (CSV: empty) where the float sent NaN or an infinite value, as for a category without objects (the AUX file's fill value)"),
    f("OBJECT_MEAN_GREY_LEVEL_CATEGORY", "grey level", 40, "mean grey level of the category's objects (0-255)"),
    f("CONCENTRATION_CATEGORY", "#/L", 40, "NB_OBJECT_CATEGORY / (Image_volume * NB_IMAGE_CATEGORY)"),
  ],
  // SBD noise-bounded mode only (absent, CSV empty, when the counts are exact); last, so the columns before keep their places.
  approximate: [
    f("NOISE_FRACTION", "", 1, "the counts are approximate: each was sent with a step of at most NOISE_FRACTION x sqrt(count)"),
    f("NB_SIZE_SPECTRA_PARTICLES_BOUND", "count", 18, "the largest |decoded - sent| of each LPM count (0 where exact)"),
    f("BLACK_NB_SIZE_SPECTRA_PARTICLES_BOUND", "count", 5, "the largest |decoded - sent| of each BLACK count (0 where exact)"),
  ],
};

/** Unit of every output name ("" when it has none), for CSV headers and reports. */
export const ARGO_UNITS: Readonly<Record<string, string>> = Object.fromEntries(
  [...ARGO_FIELDS.common, ...ARGO_FIELDS.lpm, ...ARGO_FIELDS.black, ...ARGO_FIELDS.taxo, ...ARGO_FIELDS.approximate].map((x) => [x.name, x.unit]),
);

/** Fields every row has. */
export interface ArgoRowBase {
  KIND: "LPM" | "BLACK" | "TAXO";
  /** ISO 8601 UTC ("2022-07-05T12:42:48Z"); null when the time is not a valid date. */
  TIME: string | null;
  TIME_UNIX_S: number;
  PRES: number;
  PHASE: Cts5Phase;
  PROCESSING: Processing;
  /** Noise-bounded SBD mode only: the counts are approximate (the header's fraction of the Poisson sd). */
  NOISE_FRACTION?: number;
}

/** An LPM row. */
export interface ArgoLpmRow extends ArgoRowBase {
  KIND: "LPM";
  NB_IMAGE_PARTICLES: number;
  TEMP_PARTICLES: number;
  NB_SIZE_SPECTRA_PARTICLES: number[];
  GREY_SIZE_SPECTRA_PARTICLES: number[];
  /** Null values when the image volume is unknown or the slice has no images. */
  CONCENTRATION_LPM: (number | null)[];
  /** Noise-bounded mode only: each count's largest error. */
  NB_SIZE_SPECTRA_PARTICLES_BOUND?: number[];
}

/** A BLACK row. */
export interface ArgoBlackRow extends ArgoRowBase {
  KIND: "BLACK";
  BLACK_NB_IMAGE_PARTICLES: number;
  BLACK_TEMP_PARTICLES: number;
  BLACK_NB_SIZE_SPECTRA_PARTICLES: number[];
  /** Noise-bounded mode only: each count's largest error. */
  BLACK_NB_SIZE_SPECTRA_PARTICLES_BOUND?: number[];
}

/** A TAXO row; the vectors hold NB_CATEGORY values. */
export interface ArgoTaxoRow extends ArgoRowBase {
  KIND: "TAXO";
  NB_IMAGE_CATEGORY: number;
  NB_CATEGORY: number;
  INDEX_CATEGORY: number[];
  NB_OBJECT_CATEGORY: number[];
  /** Null where the float sent NaN or an infinite mean size (the AUX file has its fill value there). */
  OBJECT_MEAN_VOLUME_CATEGORY: (number | null)[];
  OBJECT_MEAN_GREY_LEVEL_CATEGORY: number[];
  CONCENTRATION_CATEGORY: (number | null)[];
}

/** Any output row. */
export type ArgoRow = ArgoLpmRow | ArgoBlackRow | ArgoTaxoRow;

/** What the derived fields need. */
export interface ArgoRowOptions {
  /** Image_volume of the camera's HW_CONF (L); without it the concentrations are null. */
  imageVolumeL?: number | null;
}

/** KIND of each slice kind, and back. */
export const KIND_NAMES: Readonly<Record<SliceKind, ArgoRow["KIND"]>> = { lpm: "LPM", black: "BLACK", taxo: "TAXO" };

/** ISO 8601 UTC of a Unix time, without milliseconds when whole (the float sends whole seconds). */
export function isoTime(timeS: number): string | null {
  const d = new Date(timeS * 1000);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.000Z$/u, "Z");
}

/** Objects per litre, or null when it cannot be computed (no volume, no images). */
function concentration(count: number, images: number, volumeL: number | null | undefined): number | null {
  if (volumeL === null || volumeL === undefined || !(volumeL > 0) || !(images > 0)) return null;
  const c = count / (volumeL * images);
  return Number.isFinite(c) ? c : null;
}

/** One slice record as an Argo-named row. */
export function toArgoRow(r: SliceRecord, options: ArgoRowOptions = {}): ArgoRow {
  const base = { TIME: isoTime(r.timeS), TIME_UNIX_S: r.timeS, PRES: r.pressureDbar, PHASE: r.phase, PROCESSING: r.processing };
  const v = options.imageVolumeL;
  switch (r.kind) {
    case "lpm":
      return {
        KIND: "LPM", ...base,
        NB_IMAGE_PARTICLES: r.images,
        TEMP_PARTICLES: r.temperatureC,
        NB_SIZE_SPECTRA_PARTICLES: [...r.counts],
        GREY_SIZE_SPECTRA_PARTICLES: [...r.grey],
        CONCENTRATION_LPM: r.counts.map((c) => concentration(c, r.images, v)),
        ...(r.approximate ? { NOISE_FRACTION: r.approximate.noiseFraction, NB_SIZE_SPECTRA_PARTICLES_BOUND: [...r.approximate.countBounds] } : {}),
      };
    case "black":
      return {
        KIND: "BLACK", ...base,
        BLACK_NB_IMAGE_PARTICLES: r.images,
        BLACK_TEMP_PARTICLES: r.temperatureC,
        BLACK_NB_SIZE_SPECTRA_PARTICLES: [...r.counts],
        ...(r.approximate ? { NOISE_FRACTION: r.approximate.noiseFraction, BLACK_NB_SIZE_SPECTRA_PARTICLES_BOUND: [...r.approximate.countBounds] } : {}),
      };
    case "taxo":
      return {
        KIND: "TAXO", ...base,
        NB_IMAGE_CATEGORY: r.images,
        NB_CATEGORY: r.categories.length,
        INDEX_CATEGORY: r.categories.map((c) => c.index),
        NB_OBJECT_CATEGORY: r.categories.map((c) => c.objects),
        OBJECT_MEAN_VOLUME_CATEGORY: r.categories.map((c) => (Number.isFinite(c.meanSize) ? c.meanSize : null)),
        OBJECT_MEAN_GREY_LEVEL_CATEGORY: r.categories.map((c) => c.meanGrey),
        CONCENTRATION_CATEGORY: r.categories.map((c) => concentration(c.objects, r.images, v)),
      };
  }
}

/** Slice records as Argo-named rows, in the same order. */
export function toArgoRows(records: readonly SliceRecord[], options: ArgoRowOptions = {}): ArgoRow[] {
  return records.map((r) => toArgoRow(r, options));
}

/** A row read back (from a JSON or CBOR document) as the slice record it came from; throws naming the bad field. */
export function fromArgoRow(row: unknown, where = "row"): SliceRecord {
  if (typeof row !== "object" || row === null || Array.isArray(row)) throw new Error(`${where}: not an object`);
  const o = row as Record<string, unknown>;
  const num = (name: string): number => {
    const x = o[name];
    if (typeof x !== "number") throw new Error(`${where}: ${name} must be a number, got ${JSON.stringify(x)}`);
    return x;
  };
  const nums = (name: string, length?: number): number[] => {
    const x = o[name];
    if (!Array.isArray(x) || !x.every((e) => typeof e === "number") || (length !== undefined && x.length !== length)) {
      throw new Error(`${where}: ${name} must be ${length ?? "a list of"} numbers`);
    }
    return x as number[];
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const x = o[name];
    if (!allowed.includes(x as T)) throw new Error(`${where}: ${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(x)}`);
    return x as T;
  };
  const kind = oneOf("KIND", ["LPM", "BLACK", "TAXO"] as const);
  const base = { phase: oneOf("PHASE", CTS5_PHASES), processing: oneOf("PROCESSING", PROCESSINGS), timeS: num("TIME_UNIX_S"), pressureDbar: num("PRES") };
  // Approximate counts (noise-bounded mode) keep their mark, so that compare never calls them identical.
  const approximate = (boundName: string, length: number) =>
    o.NOISE_FRACTION === undefined ? {} : { approximate: { noiseFraction: num("NOISE_FRACTION"), countBounds: nums(boundName, length) } };
  if (kind === "LPM") {
    return { kind: "lpm", ...base, images: num("NB_IMAGE_PARTICLES"), temperatureC: num("TEMP_PARTICLES"), counts: nums("NB_SIZE_SPECTRA_PARTICLES", 18), grey: nums("GREY_SIZE_SPECTRA_PARTICLES", 18), ...approximate("NB_SIZE_SPECTRA_PARTICLES_BOUND", 18) };
  }
  if (kind === "BLACK") {
    return { kind: "black", ...base, images: num("BLACK_NB_IMAGE_PARTICLES"), temperatureC: num("BLACK_TEMP_PARTICLES"), counts: nums("BLACK_NB_SIZE_SPECTRA_PARTICLES", 5), ...approximate("BLACK_NB_SIZE_SPECTRA_PARTICLES_BOUND", 5) };
  }
  const n = num("NB_CATEGORY");
  const [index, objects, meanGrey] = ["INDEX_CATEGORY", "NB_OBJECT_CATEGORY", "OBJECT_MEAN_GREY_LEVEL_CATEGORY"].map((name) => nums(name, n));
  // A null mean size stands for the NaN (or infinity) the float sent: read back as NaN.
  const sizes = o.OBJECT_MEAN_VOLUME_CATEGORY;
  if (!Array.isArray(sizes) || sizes.length !== n || !sizes.every((e) => typeof e === "number" || e === null)) {
    throw new Error(`${where}: OBJECT_MEAN_VOLUME_CATEGORY must be ${n} numbers or nulls`);
  }
  const meanSize = sizes.map((e: number | null) => (e === null ? NaN : e));
  return {
    kind: "taxo", ...base, images: num("NB_IMAGE_CATEGORY"),
    categories: index.map((ix, j) => ({ index: ix, objects: objects[j], meanSize: meanSize[j], meanGrey: meanGrey[j] })),
  };
}
