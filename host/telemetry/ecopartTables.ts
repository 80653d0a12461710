// Decoded records as the tables EcoPart imports for UVP6 float data ("TSV LOV" remote projects): per sample a
// META, an LPM and a TAXO2 tab-separated file named <sample>_<camera>_<DEPTH|TIME>_<TYPE>.txt.
// Layout source: EcoPart's own importer, github.com/ecotaxa/ecopart, py/part_app/funcs/uvp6remote_sample_import.py
// (GetServerFiles: the file-name pattern, whose four fields cannot hold '_'; ParseMetadataFile and the sample
// fields: META keys camera_ref, aa, exp, pixel_size, image_volume, gain, threshold, shutter, pressure_offset,
// category_name_1..40 = EcoTaxa ids; GenerateParticleHistogram: LPM columns DATE_TIME (%Y%m%dT%H%M%S), PRES_decibar,
// IMAGE_NUMBER_PARTICLES, LATITUDE_decimal_degree, LONGITUDE_decimal_degree, NB_SIZE_SPECTRA_PARTICLES_class_1..18
// read as counts PER IMAGE (EcoPart multiplies them by IMAGE_NUMBER_PARTICLES and rounds);
// GenerateTaxonomyHistogram: TAXO2 columns PRES_decibar, DATE_TIME, IMAGE_NUMBER_PLANKTON, NB_PLANKTON_cat_1..40
// (objects in the record) and SIZE_PLANKTON_cat_1..40 (their mean size), category k = TAXO_CONF class k-1).
// Columns EcoPart does not read (TEMP_PARTICLES_degree_Celsius, GREY_SIZE_SPECTRA_PARTICLES_class_k) are added
// after its own, for the operator.

import type { HwConf } from "../config/hwConf.js";
import type { ArgoLpmRow, ArgoRow, ArgoTaxoRow } from "./argoRecords.js";

/** Where and what the sample is: EcoPart needs a position and the camera's calibration, which telemetry lacks. */
export interface EcopartSampleInfo {
  /** Sample name without '_' (e.g. 4903634-010). */
  sample: string;
  hw: HwConf;
  /** TAXO_CONF EcoTaxa ids of classes 0-39 (0 = unused); empty when classification is off. */
  taxoIds: readonly number[];
  latitudeDeg: number | null;
  longitudeDeg: number | null;
}

/** One file to write: its name and text. */
export interface EcopartFile {
  name: string;
  text: string;
}

const PROFILE_PHASES = new Set(["DESCENT", "DEEP_PROFILE", "ASCENT"]);

/** DATE_TIME as EcoPart parses it (%Y%m%dT%H%M%S, UTC). */
export function ecopartTime(timeS: number): string {
  return new Date(timeS * 1000).toISOString().replace(/[-:]/gu, "").slice(0, 15);
}

const cell = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "" : String(x));
const table = (header: string[], lines: string[][]): string => [header, ...lines].map((l) => l.join("\t")).join("\n") + "\n";
const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

/** The LPM table: one line per LPM record, in time order. */
export function ecopartLpmTable(rows: readonly ArgoLpmRow[], info: EcopartSampleInfo): string {
  const header = [
    "DATE_TIME", "PRES_decibar", "LATITUDE_decimal_degree", "LONGITUDE_decimal_degree", "IMAGE_NUMBER_PARTICLES",
    ...range(18).map((k) => `NB_SIZE_SPECTRA_PARTICLES_class_${k}`), "TEMP_PARTICLES_degree_Celsius", ...range(18).map((k) => `GREY_SIZE_SPECTRA_PARTICLES_class_${k}`),
  ];
  const lines = rows.map((r) => [
    ecopartTime(r.TIME_UNIX_S), cell(r.PRES), cell(info.latitudeDeg), cell(info.longitudeDeg), cell(r.NB_IMAGE_PARTICLES),
    // Per image, as EcoPart reads it; an empty record (0 images) has no per-image count.
    ...r.NB_SIZE_SPECTRA_PARTICLES.map((c) => (r.NB_IMAGE_PARTICLES > 0 ? cell(c / r.NB_IMAGE_PARTICLES) : "")),
    cell(r.TEMP_PARTICLES), ...r.GREY_SIZE_SPECTRA_PARTICLES.map(cell),
  ]);
  return table(header, lines);
}

/** The TAXO2 table: one line per TAXO record, objects and mean size per TAXO_CONF class (0 objects: empty size). */
export function ecopartTaxoTable(rows: readonly ArgoTaxoRow[]): string {
  const header = ["DATE_TIME", "PRES_decibar", "IMAGE_NUMBER_PLANKTON", ...range(40).map((k) => `NB_PLANKTON_cat_${k}`), ...range(40).map((k) => `SIZE_PLANKTON_cat_${k}`)];
  const lines = rows.map((r) => {
    const nb = new Array<number>(40).fill(0);
    const size = new Array<number | null>(40).fill(null);
    r.INDEX_CATEGORY.forEach((ix, j) => {
      nb[ix] = r.NB_OBJECT_CATEGORY[j];
      size[ix] = r.OBJECT_MEAN_VOLUME_CATEGORY[j];
    });
    return [ecopartTime(r.TIME_UNIX_S), cell(r.PRES), cell(r.NB_IMAGE_CATEGORY), ...nb.map(cell), ...size.map(cell)];
  });
  return table(header, lines);
}

/** The META file: tab-separated key and value per line. EcoPart keeps Aa in mm^2 (HW_CONF gives um^2: 2300 -> 0.0023). */
export function ecopartMeta(info: EcopartSampleInfo): string {
  const hw = info.hw;
  const pairs: [string, string | number][] = [
    ["camera_ref", hw.cameraRef], ["aa", hw.aaUm2 / 1e6], ["exp", hw.exp], ["pixel_size", hw.pixelSizeUm], ["image_volume", hw.imageVolumeL],
    ["gain", hw.gainDb], ["threshold", hw.thresholdGrey], ["shutter", hw.shutterUs], ["pressure_offset", hw.pressureOffsetDbar],
    ...range(40).map((k): [string, number] => [`category_name_${k}`, info.taxoIds[k - 1] ?? 0]),
  ];
  return pairs.map(([k, v]) => `${k}\t${v}`).join("\n") + "\n";
}

/** The files of the decoded rows: a DEPTH sample (descent, deep profile and ascent records) and, when there are
 *  park or surface records, a TIME sample of those; each with META, LPM and (with TAXO records) TAXO2. */
export function ecopartFiles(rows: readonly ArgoRow[], info: EcopartSampleInfo): EcopartFile[] {
  const camera = info.hw.cameraRef.replace(/_/gu, "-");
  const byTime = [...rows].sort((a, b) => a.TIME_UNIX_S - b.TIME_UNIX_S);
  const out: EcopartFile[] = [];
  for (const [type, take] of [["DEPTH", true], ["TIME", false]] as const) {
    const part = byTime.filter((r) => PROFILE_PHASES.has(r.PHASE) === take);
    const lpm = part.filter((r): r is ArgoLpmRow => r.KIND === "LPM");
    const taxo = part.filter((r): r is ArgoTaxoRow => r.KIND === "TAXO");
    if (lpm.length === 0) continue; // EcoPart needs META and LPM to import a sample
    const name = (kind: string) => `${info.sample}_${camera}_${type}_${kind}.txt`;
    out.push({ name: name("META"), text: ecopartMeta(info) }, { name: name("LPM"), text: ecopartLpmTable(lpm, info) });
    if (taxo.length > 0) out.push({ name: name("TAXO2"), text: ecopartTaxoTable(taxo) });
  }
  return out;
}
