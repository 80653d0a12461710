// Typed records of one Argo AUX profile file holding UVP6 data (LPM, BLACK and TAXO slices).

/** Which generation of Argo parameter names the file uses (DOMAIN.md section 6). */
export type AuxNames = "2023" | "current";

/** What files written by `uvp-float decode --format netcdf` add to each level (UVP_PHASE, UVP_PROCESSING). */
export interface LevelCodes {
  /** CTS5 phase of the record (DESCENT ... SURFACE). */
  phase?: string;
  /** Float processing of the record (RW, DW, AM). */
  processing?: string;
}

/** One LPM slice (lit images): what the float transmitted after its own slicing. */
export interface LpmLevel extends LevelCodes {
  /** PRES (dbar). */
  pressureDbar: number;
  /** Unix time (s, UTC) of the slice: REFERENCE_DATE_TIME + (JULD + MTIME) days, rounded to the millisecond. */
  timeS: number;
  /** Number of images summed in the slice. */
  images: number;
  /** Camera internal temperature (degree Celsius). */
  temperatureC: number;
  /** Particle counts per size class, summed over the slice's images; exact float32 values as stored
   *  (averaged slices are not always integers, e.g. 27625.001953125). 18 classes. */
  counts: number[];
  /** Mean grey level per size class (0-255; 0 where the class is empty). 18 classes. */
  grey: number[];
}

/** One BLACK slice (images taken without the flash, sensor noise). Never aggregated by the float. */
export interface BlackLevel extends LevelCodes {
  pressureDbar: number;
  timeS: number;
  images: number;
  temperatureC: number;
  /** Counts in the first 5 size classes, exact float32 values as stored. */
  counts: number[];
}

/** One TAXO slice: objects classified by the embedded classifier. Arrays hold only the first `categories` entries. */
export interface TaxoLevel extends LevelCodes {
  pressureDbar: number;
  timeS: number;
  images: number;
  /** Number of categories present in the slice (0-40). */
  categories: number;
  /** Category index (0-39) into the camera's TAXO_CONF list. */
  index: number[];
  /** Number of objects of that category in the slice. */
  objects: number[];
  /** Mean object size of the category, as stored. The 2023 files give no unit (OBJECT_MEAN_SIZE_CATEGORY); the
   *  current decoder names the same value OBJECT_MEAN_VOLUME_CATEGORY, in pixel^3. NaN where the file holds the
   *  fill value: the decoder writes fill for a NaN or infinite mean size (a category without objects). */
  meanSize: number[];
  /** Mean grey level of the category's objects (0-255). */
  meanGrey: number[];
}

/** Profile indexes (in N_PROF) that hold each kind of data, found from which variables have non-fill values. */
export interface AuxProfileIndexes {
  lpm: number[];
  black: number[];
  taxo: number[];
}

/** One Argo AUX profile file (one cycle, one direction) read into typed records. */
export interface AuxProfile {
  /** PLATFORM_NUMBER (WMO id), e.g. "4903634". */
  platform: string;
  /** CYCLE_NUMBER. */
  cycle: number;
  /** DIRECTION: "A" ascending, "D" descending. */
  direction: string;
  /** JULD: days since REFERENCE_DATE_TIME (1950-01-01 00:00:00 UTC) of the station; null when filled. */
  juldDays: number | null;
  /** JULD as Unix time (s, UTC), rounded to the millisecond; null when filled. */
  profileTimeS: number | null;
  lpm: LpmLevel[];
  black: BlackLevel[];
  taxo: TaxoLevel[];
  names: AuxNames;
  /** Which N_PROF index holds which data. */
  profiles: AuxProfileIndexes;
  /** Everything odd that did not stop the read (levels skipped, names mixed, metadata disagreeing...). */
  problems: string[];
}
