// Argo AUX parameter names of the UVP6 data, in both generations (DOMAIN.md section 6), field by field.
// The output field names (camelCase) are this project's; the strings are the NetCDF variable names.

import type { AuxNames, BlackLevel, LevelCodes, LpmLevel, TaxoLevel } from "./auxTypes.js";

// The phase and processing codes are this project's own, not Argo parameters: not named here.
type NameMap<T> = { readonly [K in Exclude<keyof T, keyof LevelCodes>]-?: string };

export interface AuxNameSet {
  lpm: NameMap<LpmLevel>;
  black: NameMap<BlackLevel>;
  taxo: NameMap<TaxoLevel>;
}

/** Current Coriolis decoder names, one per output field. timeS comes from MTIME (days relative to JULD). */
export const ARGO_CURRENT_NAMES = {
  lpm: {
    pressureDbar: "PRES",
    timeS: "MTIME",
    images: "NB_IMAGE_PARTICLES",
    temperatureC: "TEMP_PARTICLES",
    counts: "NB_SIZE_SPECTRA_PARTICLES",
    grey: "GREY_SIZE_SPECTRA_PARTICLES",
  },
  black: {
    pressureDbar: "PRES",
    timeS: "MTIME",
    images: "BLACK_NB_IMAGE_PARTICLES",
    temperatureC: "BLACK_TEMP_PARTICLES",
    counts: "BLACK_NB_SIZE_SPECTRA_PARTICLES",
  },
  taxo: {
    pressureDbar: "PRES",
    timeS: "MTIME",
    images: "NB_IMAGE_CATEGORY",
    categories: "NB_CATEGORY",
    index: "INDEX_CATEGORY",
    objects: "NB_OBJECT_CATEGORY",
    meanSize: "OBJECT_MEAN_VOLUME_CATEGORY",
    meanGrey: "OBJECT_MEAN_GREY_LEVEL_CATEGORY",
  },
} as const satisfies AuxNameSet;

/** Names in the 2023 files of float 4903634 (Coriolis decoder CODA_054b). */
export const ARGO_2023_NAMES = {
  lpm: {
    pressureDbar: "PRES",
    timeS: "MTIME",
    images: "IMAGE_NUMBER_PARTICLES_LPM",
    temperatureC: "TEMP_PARTICLES",
    counts: "NB_SIZE_SPECTRA_PARTICLES",
    grey: "GREY_SIZE_SPECTRA_PARTICLES",
  },
  black: {
    pressureDbar: "PRES",
    timeS: "MTIME",
    images: "BLACK_NUMBER_IMAGES_PARTICLES",
    temperatureC: "BLACK_TEMP_PARTICLES",
    counts: "BLACK_NB_SIZE_SPECTRA_PARTICLES",
  },
  taxo: {
    pressureDbar: "PRES",
    timeS: "MTIME",
    images: "NUMBER_IMAGES_PARTICLES_TAXO",
    categories: "NUMBER_CATEGORIES_TAXO",
    index: "INDEX_CATEGORY",
    objects: "NUMBER_OBJECTS_CATEGORY",
    meanSize: "OBJECT_MEAN_SIZE_CATEGORY",
    meanGrey: "OBJECT_MEAN_GREY_LEVEL_CATEGORY",
  },
} as const satisfies AuxNameSet;

export const ARGO_AUX_NAMES: Readonly<Record<AuxNames, AuxNameSet>> = {
  "2023": ARGO_2023_NAMES,
  current: ARGO_CURRENT_NAMES,
};

/** Number of values per level of the vector variables (N_VALUES18, N_VALUES5, N_VALUES40). */
export const AUX_VECTOR_LENGTH = { lpm: 18, black: 5, taxo: 40 } as const;
