// ACQ_CONF: one acquisition configuration of the camera, parsed into named fields with units.
//
// Layouts, told apart by their field count (after the keyword):
//   2022.01 and later: 18 fields ending with Taxo_conf, then on newer firmware Aux_mode, Aux_param_1,
//     Aux_param_2 -> 18 to 21 fields. The real float line (ACQ_NKE_3) has 19.
//     Note: DOMAIN.md [S] names the 19th field Aux_mode; the Coriolis decoder's 2022.01 table
//     (initConf_2022_01) calls it Remaining_memory (SD card memory at the start of the acquisition). The
//     real float reports 0 there either way; it is kept as `auxMode` and used for nothing.
//   pre-2022: 22 fields with Blocs_per_PT, Limit_lpm_detection_size, Minimum_object_number, Taxo_flag and
//     Remaining_memory, and no Taxo_conf (UVP6 user guide, ACQconf frame; decArgo initConf_2020_01).

import { ConfigLine, type NumberRule } from "./configLine.js";

/** Which ACQ_CONF layout a line uses. */
export type AcqLayout = "2022.01" | "pre-2022";

/** A parsed ACQ_CONF line. Fields keep the camera's meaning; names carry the unit. */
export interface AcqConf {
  layout: AcqLayout;
  name: string;
  ptMode: number;
  acquisitionFrequencyHz: number;
  /** Images summed into one LPM/BLACK bloc (1..255). */
  framesPerBloc: number;
  pressureForAutoStartDbar: number;
  pressureDifferenceForAutoStopDbar: number;
  resultSending: number;
  saveSyntheticData: number;
  /** 0 none, 1 whole images, 2 vignettes. */
  saveImagesMode: number;
  /** Smallest object ESD that gets a vignette (and classification). */
  vignettingLowerLimitUm: number;
  appendicesRatio: number;
  /** Interval_for_measuring_background_noise: a black bloc every N blocs, 0 = none (0..65535). */
  blackIntervalBlocs: number;
  smoothingImageCount: number;
  analogOutputActivation: number;
  analogOutputGain: number;
  maxInternalTemperatureDegC: number;
  operatorEmail: string;
  /** Name of the TAXO_CONF used by this acquisition; "" when the line has none (pre-2022). */
  taxoConfName: string;
  /** 2022.01+: 19th field when present (see the note at the top of this file). */
  auxMode?: number;
  auxParam1?: string;
  auxParam2?: string;
  /** pre-2022 only. */
  blocsPerPt?: number;
  limitLpmDetectionSizeUm?: number;
  minimumObjectNumber?: number;
  taxoFlag?: number;
  remainingMemoryMB?: number;
}

// Field names in line order (index 1 = first field after the keyword).
const FIELDS_2022 = [
  "Configuration_name", "PT_mode", "Acquisition_frequency", "Frames_per_bloc", "Pressure_for_auto_start",
  "Pressure_difference_for_auto_stop", "Result_sending", "Save_synthetic_data_for_delayed_request",
  "Save_images", "Vignetting_lower_limit_size", "Appendices_ratio", "Interval_for_measuring_background_noise",
  "Image_nb_for_smoothing", "Analog_output_activation", "Gain_for_analog_out", "Maximal_internal_temperature",
  "Operator_email", "Taxo_conf", "Aux_mode", "Aux_param_1", "Aux_param_2",
] as const;
const FIELDS_PRE_2022 = [
  "Configuration_name", "PT_mode", "Acquisition_frequency", "Frames_per_bloc", "Blocs_per_PT",
  "Pressure_for_auto_start", "Pressure_difference_for_auto_stop", "Result_sending",
  "Save_synthetic_data_for_delayed_request", "Limit_lpm_detection_size", "Save_images",
  "Vignetting_lower_limit_size", "Appendices_ratio", "Interval_for_measuring_background_noise",
  "Image_nb_for_smoothing", "Analog_output_activation", "Gain_for_analog_out", "Minimum_object_number",
  "Maximal_internal_temperature", "Operator_email", "Taxo_flag", "Remaining_memory",
] as const;
type FieldName = (typeof FIELDS_2022)[number] | (typeof FIELDS_PRE_2022)[number];

const MIN_2022 = 18;

/** Which layout a line with `count` fields after the keyword uses, or undefined. */
export function acqLayoutOfCount(count: number): AcqLayout | undefined {
  if (count >= MIN_2022 && count <= FIELDS_2022.length) return "2022.01";
  if (count === FIELDS_PRE_2022.length) return "pre-2022";
  return undefined;
}

/** Parses an ACQ_CONF line (with or without `ACQ_CONF,` and `;`); throws ConfigLineError naming the bad field. */
export function parseAcqConf(line: string): AcqConf {
  const c = ConfigLine.split("ACQ_CONF", line);
  const layout = acqLayoutOfCount(c.count);
  if (layout === undefined) {
    throw c.countError(`${MIN_2022} to ${FIELDS_2022.length} (2022.01 layout) or ${FIELDS_PRE_2022.length} (pre-2022 layout)`);
  }
  const names: readonly FieldName[] = layout === "2022.01" ? FIELDS_2022 : FIELDS_PRE_2022;
  const at = (name: FieldName): number => names.indexOf(name) + 1;
  const num = (name: FieldName, rule: NumberRule = {}): number => c.number(at(name), name, rule);
  const text = (name: FieldName, nonEmpty = false): string => c.text(at(name), name, nonEmpty);
  const nonNegative = { min: 0 };
  const nonNegativeInt = { min: 0, integer: true };

  const acq: AcqConf = {
    layout,
    name: text("Configuration_name", true),
    ptMode: num("PT_mode", nonNegativeInt),
    acquisitionFrequencyHz: num("Acquisition_frequency", { above: 0 }),
    framesPerBloc: num("Frames_per_bloc", { integer: true, min: 1, max: 255 }),
    ...(layout === "pre-2022" ? { blocsPerPt: num("Blocs_per_PT", nonNegativeInt) } : {}),
    pressureForAutoStartDbar: num("Pressure_for_auto_start"),
    pressureDifferenceForAutoStopDbar: num("Pressure_difference_for_auto_stop"),
    resultSending: num("Result_sending", nonNegativeInt),
    saveSyntheticData: num("Save_synthetic_data_for_delayed_request", nonNegativeInt),
    ...(layout === "pre-2022" ? { limitLpmDetectionSizeUm: num("Limit_lpm_detection_size", nonNegative) } : {}),
    saveImagesMode: num("Save_images", nonNegativeInt),
    vignettingLowerLimitUm: num("Vignetting_lower_limit_size", { above: 0 }),
    appendicesRatio: num("Appendices_ratio", nonNegative),
    blackIntervalBlocs: num("Interval_for_measuring_background_noise", { integer: true, min: 0, max: 65535 }),
    smoothingImageCount: num("Image_nb_for_smoothing", nonNegativeInt),
    analogOutputActivation: num("Analog_output_activation", nonNegativeInt),
    analogOutputGain: num("Gain_for_analog_out"),
    ...(layout === "pre-2022" ? { minimumObjectNumber: num("Minimum_object_number", nonNegative) } : {}),
    maxInternalTemperatureDegC: num("Maximal_internal_temperature"),
    operatorEmail: text("Operator_email"),
    taxoConfName: layout === "2022.01" ? text("Taxo_conf") : "",
  };
  if (layout === "pre-2022") {
    acq.taxoFlag = num("Taxo_flag", nonNegativeInt);
    acq.remainingMemoryMB = num("Remaining_memory", nonNegative);
  } else {
    if (c.count >= at("Aux_mode")) acq.auxMode = num("Aux_mode");
    if (c.count >= at("Aux_param_1")) acq.auxParam1 = text("Aux_param_1");
    if (c.count >= at("Aux_param_2")) acq.auxParam2 = text("Aux_param_2");
  }
  return acq;
}
