// The variables of an Argo AUX profile file that `decode --format netcdf` writes: current Argo names (DOMAIN.md
// section 6), with the attributes the real AUX files of float 4903634 give them (long_name, units, _FillValue
// 99999, C_format, FORTRAN_format, resolution), plus the derived concentrations and this project's phase and
// processing codes (which an AUX file does not carry, and `compare --phase` needs).

import { num, text, type NcAttribute } from "../formats/netcdf4/netcdf4Model.js";
import { CTS5_PHASES, PROCESSINGS } from "./types.js";

/** The AUX fill value of the float variables. */
export const AUX_FILL = 99999;
/** The AUX fill value of the time variables (JULD, MTIME). */
export const AUX_TIME_FILL = 999999;
/** Fill of the byte-coded phase and processing variables. */
export const CODE_FILL = -1;

/** One per-level variable of the layout: which row field fills it, its shape and attributes. */
export interface AuxLevelVariable {
  name: string;
  type: "float" | "double" | "byte";
  /** The row field holding the value(s) (e.g. NB_SIZE_SPECTRA_PARTICLES), or a computed one. */
  field: string;
  /** Values per level: 1, or 18 / 5 / 40 (the N_VALUES dimension). */
  width: 1 | 18 | 5 | 40;
  attributes: NcAttribute[];
}

const counted = (name: string, longName: string, width: AuxLevelVariable["width"], units = "count"): AuxLevelVariable => ({
  name, type: "float", field: name, width,
  attributes: [text("long_name", longName), num("_FillValue", "float", AUX_FILL), text("units", units), text("C_format", "%d"), text("FORTRAN_format", "I"), num("resolution", "float", 1)],
});

const temperature = (name: string, longName: string): AuxLevelVariable => ({
  name, type: "float", field: name, width: 1,
  attributes: [text("long_name", longName), num("_FillValue", "float", AUX_FILL), text("units", "degree_Celsius"), text("C_format", "%.4f"), text("FORTRAN_format", "F.4"), num("resolution", "float", 0.0001)],
});

const concentration = (name: string, of: string, images: string, width: 18 | 40): AuxLevelVariable => ({
  name, type: "float", field: name, width,
  attributes: [
    text("long_name", `Concentration: ${of} / (Image_volume * ${images})`), num("_FillValue", "float", AUX_FILL), text("units", "#/L"),
    text("comment", "Derived by uvp-float from the camera's HW_CONF Image_volume; fill where the slice has no image"),
  ],
});

const code = (name: string, longName: string, meanings: readonly string[]): AuxLevelVariable => ({
  name, type: "byte", field: name, width: 1,
  attributes: [
    text("long_name", longName), num("_FillValue", "byte", CODE_FILL),
    num("flag_values", "byte", meanings.map((_, i) => i)), text("flag_meanings", meanings.join(" ")),
  ],
});

/** PRES and MTIME, shared by the three profiles. */
export const AUX_COMMON_VARIABLES: readonly AuxLevelVariable[] = [
  {
    name: "MTIME", type: "double", field: "MTIME", width: 1,
    attributes: [
      text("long_name", "Fractional day of the individual measurement relative to JULD of the station"), num("_FillValue", "double", AUX_TIME_FILL),
      text("units", "days"), num("valid_min", "double", -3), num("valid_max", "double", 3), text("C_format", "%.6f"), text("FORTRAN_format", "F.6"), num("resolution", "float", 1e-6),
    ],
  },
  {
    name: "PRES", type: "float", field: "PRES", width: 1,
    attributes: [
      text("long_name", "Sea water pressure, equals 0 at sea-level"), text("standard_name", "sea_water_pressure"), num("_FillValue", "float", AUX_FILL),
      text("units", "decibar"), num("valid_min", "float", 0), num("valid_max", "float", 12000), text("C_format", "%7.1f"), text("FORTRAN_format", "F7.1"),
      num("resolution", "float", 0.1), text("axis", "Z"),
    ],
  },
];

/** Per kind, in the order of N_PROF (0 LPM, 1 BLACK, 2 TAXO); concentrations only when the image volume is known. */
export function auxKindVariables(withConcentrations: boolean): Readonly<Record<"LPM" | "BLACK" | "TAXO", AuxLevelVariable[]>> {
  return {
    LPM: [
      counted("NB_IMAGE_PARTICLES", "Number of images analysed and averaged", 1),
      temperature("TEMP_PARTICLES", "Internal temperature of the UVP6 sensor"),
      // The AUX files' own words: the values are the counts summed over the record's images, as here.
      counted("NB_SIZE_SPECTRA_PARTICLES", "Averaged number of particles per size class", 18, "number of particles per analysed images"),
      counted("GREY_SIZE_SPECTRA_PARTICLES", "Averaged grey level per size class", 18, "bit"),
      ...(withConcentrations ? [concentration("CONCENTRATION_LPM", "NB_SIZE_SPECTRA_PARTICLES", "NB_IMAGE_PARTICLES", 18)] : []),
    ],
    BLACK: [
      counted("BLACK_NB_IMAGE_PARTICLES", "Number of images analysed and averaged", 1),
      temperature("BLACK_TEMP_PARTICLES", "Internal temperature of the UVP6 sensor without light"),
      counted("BLACK_NB_SIZE_SPECTRA_PARTICLES", "Averaged number of particles per size class without light", 5),
    ],
    TAXO: [
      counted("NB_IMAGE_CATEGORY", "Number of images analysed and averaged in the record", 1),
      counted("NB_CATEGORY", "Number of different taxonomy categories found in the record", 1),
      counted("INDEX_CATEGORY", "Index of the taxonomy category", 40),
      counted("NB_OBJECT_CATEGORY", "Number of objects of the taxonomy category found in the record", 40),
      {
        name: "OBJECT_MEAN_VOLUME_CATEGORY", type: "float", field: "OBJECT_MEAN_VOLUME_CATEGORY", width: 40,
        attributes: [text("long_name", "Mean volume of an object of the taxonomy category"), num("_FillValue", "float", AUX_FILL), text("units", "pixel^3"), text("C_format", "%.3f"), text("FORTRAN_format", "F.3"), num("resolution", "float", 0.001)],
      },
      counted("OBJECT_MEAN_GREY_LEVEL_CATEGORY", "Mean grey level of an object of the taxonomy category", 40),
      ...(withConcentrations ? [concentration("CONCENTRATION_CATEGORY", "NB_OBJECT_CATEGORY", "NB_IMAGE_CATEGORY", 40)] : []),
    ],
  };
}

/** This project's per-level codes: the CTS5 phase and the float's processing of each record. */
export const AUX_CODE_VARIABLES: readonly AuxLevelVariable[] = [
  code("UVP_PHASE", "CTS5 cycle phase of the record (uvp-float)", CTS5_PHASES),
  code("UVP_PROCESSING", "Float processing of the record: RW raw, DW decimated raw, AM mean (uvp-float)", PROCESSINGS),
];
