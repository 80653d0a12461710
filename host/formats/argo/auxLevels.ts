// Level-by-level extraction of LPM, BLACK and TAXO slices from the variables of an Argo AUX file.
// A level is read when its image-count variable is not fill; a level whose image count is fill but that holds
// other values, or whose image count is set but misses a required value, is skipped and reported.

import type { BlackLevel, LpmLevel, TaxoLevel } from "./auxTypes.js";
import { isFill, type NcNumeric } from "./netcdf3.js";

/** Variables shared by all kinds of slices, shaped [N_PROF, N_LEVELS]. */
export interface CommonVars {
  nLevels: number;
  pres: NcNumeric;
  mtime: NcNumeric;
  /** JULD per profile (days since the reference date), NaN when filled. */
  juldDays: number[];
  /** REFERENCE_DATE_TIME as Unix seconds (1950-01-01 00:00:00 UTC = -631152000). */
  refEpochS: number;
  /** UVP_PHASE and UVP_PROCESSING, byte codes with flag_meanings, in files `decode --format netcdf` wrote. */
  codes?: { phase: NcNumeric; phaseNames: string[]; processing: NcNumeric; processingNames: string[] };
}

/** The phase and processing of level i, when the file carries them. */
function codesAt(common: CommonVars, i: number): { phase?: string; processing?: string } {
  const c = common.codes;
  if (c === undefined) return {};
  const phase = c.phaseNames[c.phase.values[i]];
  const processing = c.processingNames[c.processing.values[i]];
  return { ...(phase !== undefined ? { phase } : {}), ...(processing !== undefined ? { processing } : {}) };
}

export interface LpmVars {
  images: NcNumeric;
  temperatureC: NcNumeric;
  counts: NcNumeric;
  grey: NcNumeric;
}

export interface BlackVars {
  images: NcNumeric;
  temperatureC: NcNumeric;
  counts: NcNumeric;
}

export interface TaxoVars {
  images: NcNumeric;
  categories: NcNumeric;
  index: NcNumeric;
  objects: NcNumeric;
  meanSize: NcNumeric;
  meanGrey: NcNumeric;
}

/** Values per level of a [N_PROF, N_LEVELS, N_VALUESk] variable (1 for a [N_PROF, N_LEVELS] one). */
export function widthOf(v: NcNumeric): number {
  return v.shape.length >= 3 ? v.shape[2] : 1;
}

function vectorAt(v: NcNumeric, i: number, n = widthOf(v)): number[] | null {
  const w = widthOf(v);
  const out = v.values.slice(i * w, i * w + n);
  return out.some((x) => isFill(x, v.fill)) ? null : out;
}

function anyValueAt(vars: readonly NcNumeric[], i: number): boolean {
  return vars.some((v) => {
    const w = widthOf(v);
    for (let k = i * w; k < (i + 1) * w; k++) if (!isFill(v.values[k], v.fill)) return true;
    return false;
  });
}

/** Profiles (N_PROF indexes) where the image-count variable has at least one non-fill value. */
export function profilesWithData(images: NcNumeric, nLevels: number): number[] {
  const nProf = images.shape[0];
  const out: number[] = [];
  for (let p = 0; p < nProf; p++) {
    for (let l = 0; l < nLevels; l++) {
      if (!isFill(images.values[p * nLevels + l], images.fill)) {
        out.push(p);
        break;
      }
    }
  }
  return out;
}

/** Round to the millisecond: MTIME's resolution is 1e-6 day (86 ms), finer digits are double noise. */
function roundMs(s: number): number {
  return Math.round(s * 1000) / 1000;
}

interface Slot {
  i: number;
  pressureDbar: number;
  timeS: number;
  images: number;
  where: string;
}

/** Walks the levels of the given profiles, yielding those whose image count is set and whose PRES and MTIME are. */
function* slots(
  kind: string,
  common: CommonVars,
  profiles: readonly number[],
  images: NcNumeric,
  others: readonly NcNumeric[],
  problems: string[],
): Generator<Slot> {
  const { nLevels, pres, mtime, juldDays, refEpochS } = common;
  for (const p of profiles) {
    for (let l = 0; l < nLevels; l++) {
      const i = p * nLevels + l;
      const where = `${kind} profile ${p} level ${l}`;
      const im = images.values[i];
      if (isFill(im, images.fill)) {
        if (anyValueAt(others, i)) problems.push(`${where}: values without ${images.name}, level skipped`);
        continue;
      }
      const pr = pres.values[i];
      const mt = mtime.values[i];
      if (isFill(pr, pres.fill)) {
        problems.push(`${where}: ${pres.name} is fill, level skipped`);
        continue;
      }
      if (isFill(mt, mtime.fill)) {
        problems.push(`${where}: ${mtime.name} is fill, level skipped`);
        continue;
      }
      // JULD + MTIME in days, then seconds: keeps the float's whole-second times exact.
      const timeS = roundMs(refEpochS + (juldDays[p] + mt) * 86400);
      yield { i, pressureDbar: pr, timeS, images: im, where };
    }
  }
}

/** The LPM levels (size spectra and greys) of the given profiles; levels with fill values are skipped and reported. */
export function readLpmLevels(common: CommonVars, v: LpmVars, profiles: readonly number[], problems: string[]): LpmLevel[] {
  const out: LpmLevel[] = [];
  for (const s of slots("LPM", common, profiles, v.images, [v.temperatureC, v.counts, v.grey], problems)) {
    const temperatureC = v.temperatureC.values[s.i];
    const counts = vectorAt(v.counts, s.i);
    const grey = vectorAt(v.grey, s.i);
    const missing = [
      isFill(temperatureC, v.temperatureC.fill) ? v.temperatureC.name : "",
      counts === null ? v.counts.name : "",
      grey === null ? v.grey.name : "",
    ].filter((x) => x !== "");
    if (missing.length > 0 || counts === null || grey === null) {
      problems.push(`${s.where}: ${missing.join(", ")} has fill values, level skipped`);
      continue;
    }
    out.push({ pressureDbar: s.pressureDbar, timeS: s.timeS, images: s.images, temperatureC, counts, grey, ...codesAt(common, s.i) });
  }
  return out;
}

/** The BLACK levels (5-class noise counts) of the given profiles; levels with fill values are skipped and reported. */
export function readBlackLevels(
  common: CommonVars,
  v: BlackVars,
  profiles: readonly number[],
  problems: string[],
): BlackLevel[] {
  const out: BlackLevel[] = [];
  for (const s of slots("BLACK", common, profiles, v.images, [v.temperatureC, v.counts], problems)) {
    const temperatureC = v.temperatureC.values[s.i];
    const counts = vectorAt(v.counts, s.i);
    if (isFill(temperatureC, v.temperatureC.fill) || counts === null) {
      const which = isFill(temperatureC, v.temperatureC.fill) ? v.temperatureC.name : v.counts.name;
      problems.push(`${s.where}: ${which} has fill values, level skipped`);
      continue;
    }
    out.push({ pressureDbar: s.pressureDbar, timeS: s.timeS, images: s.images, temperatureC, counts, ...codesAt(common, s.i) });
  }
  return out;
}

/**
 * The TAXO levels (categories, objects, mean size and grey) of the given profiles; fill values skipped and reported.
 * A fill mean size is not missing data: the Coriolis decoder writes fill for a NaN or infinite mean size, which
 * is what the float sends for a category without objects (real files hold categories of 0 objects, size fill,
 * grey 255). Such a category is kept, its mean size NaN, as the float sent it.
 */
export function readTaxoLevels(common: CommonVars, v: TaxoVars, profiles: readonly number[], problems: string[]): TaxoLevel[] {
  const out: TaxoLevel[] = [];
  const vectors = [v.index, v.objects, v.meanSize, v.meanGrey];
  const width = Math.min(...vectors.map(widthOf));
  for (const s of slots("TAXO", common, profiles, v.images, [v.categories, ...vectors], problems)) {
    const categories = v.categories.values[s.i];
    if (isFill(categories, v.categories.fill) || !Number.isInteger(categories) || categories < 0 || categories > width) {
      problems.push(`${s.where}: ${v.categories.name} = ${categories} is not a count 0-${width}, level skipped`);
      continue;
    }
    const [index, objects, meanGrey] = [v.index, v.objects, v.meanGrey].map((x) => vectorAt(x, s.i, categories));
    const w = widthOf(v.meanSize);
    const meanSize = v.meanSize.values.slice(s.i * w, s.i * w + categories).map((x) => (isFill(x, v.meanSize.fill) ? NaN : x));
    if (index === null || objects === null || meanGrey === null) {
      problems.push(`${s.where}: fill values among the first ${categories} categories, level skipped`);
      continue;
    }
    for (const x of vectors) {
      const w = widthOf(x);
      for (let k = categories; k < w; k++) {
        if (!isFill(x.values[s.i * w + k], x.fill)) {
          problems.push(`${s.where}: ${x.name} has values beyond the ${categories} categories (ignored)`);
          break;
        }
      }
    }
    out.push({ pressureDbar: s.pressureDbar, timeS: s.timeS, images: s.images, categories, index, objects, meanSize, meanGrey, ...codesAt(common, s.i) });
  }
  return out;
}
