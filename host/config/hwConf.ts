// HW_CONF: the camera's hardware and calibration line, parsed into named fields with units.
//
// Two layouts exist, told apart by their field count (after the keyword):
//   2022.01 and later: 23 fields, 18 class bounds, then Firmware_version -> 42 fields, or 41 without the
//     version (the Argo meta file stores the line without it).
//   pre-2022 (firmware 2019-2021): the same plus Time_between_lighting_power_up_and_trigger after
//     Correction_table_activation and IP_adress after Baud_Rate -> 43 fields (44 if a version follows).
// The counts never overlap, so the count picks the layout. It is then cross-checked by where the 18 class
// bounds (positive, strictly increasing numbers) actually start: a line whose count fits only because a
// field was split (a decimal comma) or lost gets a clear error saying where the bounds are, instead of a
// misleading complaint about whichever field the shift landed on.
// Source for the older layout: the UVP6 user guide's HWconf frame (example line for 000002LP with
// "...,2,192.168.0.128,0,356,..." and the list of names) and the Coriolis Argo decoder (decArgo,
// euroargodev/Coriolis-data-processing-chain-for-Argo-floats, decArgo_soft/soft/sub/
// dispatch_uvp_detailed_configuration_parameters.m: initConf_2020_01 versus initConf_2022_01).

import { ConfigLine, ConfigLineError, decimalValue } from "./configLine.js";

/** Number of size classes carried by HW_CONF. */
export const HW_CLASS_COUNT = 18;

/** Which HW_CONF layout a line uses. */
export type HwLayout = "2022.01" | "pre-2022";

/** A parsed HW_CONF line. Fields keep the camera's meaning; names carry the unit. */
export interface HwConf {
  layout: HwLayout;
  cameraRef: string;
  acquisitionMode: number;
  defaultAcquisitionConfiguration: string;
  delayAfterPowerUpOnTimeModeMin: number;
  lightRef: string;
  correctionTableActivation: number;
  /** pre-2022 only: delay between powering the light and its trigger. */
  lightingPowerUpToTriggerUs?: number;
  lightingTriggerToAcquisitionUs: number;
  /** Empty when the camera has no pressure sensor. */
  pressureSensorRef: string;
  pressureOffsetDbar: number;
  storageCapacityMB: number;
  minRemainingMemoryForThumbnailsMB: number;
  baudRateCode: number;
  /** pre-2022 only. */
  ipAddress?: string;
  blackLevel: number;
  shutterUs: number;
  gainDb: number;
  /** A pixel is foreground when its grey is strictly greater than this (0..254). */
  thresholdGrey: number;
  /** Surface calibration: S_um2 = aaUm2 * S_px ^ exp. */
  aaUm2: number;
  exp: number;
  pixelSizeUm: number;
  imageVolumeL: number;
  calibrationDate: string;
  lastParametersModification: string;
  operatorEmail: string;
  /** Lower ESD bound of each of the 18 classes, um, strictly increasing. */
  classLowerBoundsUm: number[];
  /** e.g. "ver2022.01"; absent when the line does not carry it. */
  firmwareVersion?: string;
}

const COUNT_2022 = 23 + HW_CLASS_COUNT; // 41, +1 with Firmware_version
const COUNT_PRE_2022 = 25 + HW_CLASS_COUNT; // 43, +1 if a version follows
const EXPECTED = `${COUNT_2022} or ${COUNT_2022 + 1} (2022.01 layout) or ${COUNT_PRE_2022} or ${COUNT_PRE_2022 + 1} (pre-2022 layout)`;

/** Which layout a line with `count` fields after the keyword uses, or undefined. */
export function hwLayoutOfCount(count: number): HwLayout | undefined {
  if (count === COUNT_2022 || count === COUNT_2022 + 1) return "2022.01";
  if (count === COUNT_PRE_2022 || count === COUNT_PRE_2022 + 1) return "pre-2022";
  return undefined;
}

/** Parses a HW_CONF line (with or without `HW_CONF,` and `;`); throws ConfigLineError naming the bad field. */
export function parseHwConf(line: string): HwConf {
  const c = ConfigLine.split("HW_CONF", line);
  const boundsFound = classBoundsStart(c.fields);
  const hint = boundsFound === undefined ? "" : `; the 18 class bounds start at field ${boundsFound}`;
  const layout = hwLayoutOfCount(c.count);
  if (layout === undefined) throw c.countError(EXPECTED, hint);
  const old = layout === "pre-2022";
  // Index of each field in the line (keyword at 0). The older layout shifts everything after its two
  // extra fields: +1 after Correction_table_activation, +2 after Baud_Rate.
  const a = old ? 1 : 0;
  const b = old ? 2 : 0;
  const boundsAt = 24 + b;
  // A count that fits one layout while the bounds sit elsewhere means a field was split (a decimal comma)
  // or lost before them: say so rather than blame whichever field the shift happened to land on.
  if (boundsFound !== undefined && !isClassBoundsRun(c.fields, boundsAt)) {
    throw new ConfigLineError(
      c.line,
      "(field count)",
      -1,
      `HW_CONF: ${c.count} fields fit the ${layout} layout, which puts the 18 class bounds at field ${boundsAt}, ` +
        `but they start at field ${boundsFound}: a field before them is split or missing`,
    );
  }
  const nonNegative = { min: 0 };
  const nonNegativeInt = { min: 0, integer: true };

  const hw: HwConf = {
    layout,
    cameraRef: c.text(1, "Camera_ref", true),
    acquisitionMode: c.number(2, "Acquisition_mode", nonNegativeInt),
    defaultAcquisitionConfiguration: c.text(3, "Default_acquisition_configuration"),
    delayAfterPowerUpOnTimeModeMin: c.number(4, "Delay_after_power_up_on_time_mode", nonNegative),
    lightRef: c.text(5, "Light_ref"),
    correctionTableActivation: c.number(6, "Correction_table_activation", nonNegativeInt),
    ...(old ? { lightingPowerUpToTriggerUs: c.number(7, "Time_between_lighting_power_up_and_trigger", nonNegative) } : {}),
    lightingTriggerToAcquisitionUs: c.number(7 + a, "Time_between_lighting_trigger_and_acquisition", nonNegative),
    pressureSensorRef: c.text(8 + a, "Pressure_sensor_ref"),
    pressureOffsetDbar: c.number(9 + a, "Pressure_offset"),
    storageCapacityMB: c.number(10 + a, "Storage_capacity", nonNegative),
    minRemainingMemoryForThumbnailsMB: c.number(11 + a, "Minimum_remaining_memory_for_thumbnail_saving", nonNegative),
    baudRateCode: c.number(12 + a, "Baud_Rate", nonNegativeInt),
    ...(old ? { ipAddress: c.text(14, "IP_adress") } : {}),
    blackLevel: c.number(13 + b, "Black_level"),
    shutterUs: c.number(14 + b, "Shutter", nonNegative),
    gainDb: c.number(15 + b, "Gain"),
    thresholdGrey: c.number(16 + b, "Threshold", { integer: true, min: 0, max: 254 }),
    aaUm2: c.number(17 + b, "Aa", { above: 0 }),
    // The firmware rejects Exp > 4 (assembly/config.ts); real values are 1.1-1.4.
    exp: c.number(18 + b, "Exp", { above: 0, max: 4 }),
    pixelSizeUm: c.number(19 + b, "Pixel_Size", { above: 0 }),
    imageVolumeL: c.number(20 + b, "Image_volume", { above: 0 }),
    calibrationDate: c.text(21 + b, "Calibration_date"),
    lastParametersModification: c.text(22 + b, "Last_parameters_modification"),
    operatorEmail: c.text(23 + b, "Operator_email"),
    classLowerBoundsUm: readClassBounds(c, boundsAt),
  };
  const versionIndex = boundsAt + HW_CLASS_COUNT;
  if (c.fields.length > versionIndex && c.fields[versionIndex] !== "") {
    hw.firmwareVersion = c.text(versionIndex, "Firmware_version");
  }
  return hw;
}

/** The 18 class bounds starting at `first`: positive and strictly increasing. */
function readClassBounds(c: ConfigLine, first: number): number[] {
  const bounds: number[] = [];
  for (let k = 0; k < HW_CLASS_COUNT; k++) {
    const index = first + k;
    const name = `Min_esd_class_${String(k + 1).padStart(2, "0")}`;
    const value = c.number(index, name, { above: 0 });
    if (k > 0 && !(value > bounds[k - 1])) {
      throw c.error(index, name, `${value} is not greater than the previous class bound ${bounds[k - 1]}`);
    }
    bounds.push(value);
  }
  return bounds;
}

/** First index where 18 positive, strictly increasing numbers follow one another, or undefined. */
function classBoundsStart(fields: readonly string[]): number | undefined {
  for (let start = 1; start + HW_CLASS_COUNT <= fields.length; start++) {
    if (isClassBoundsRun(fields, start)) return start;
  }
  return undefined;
}

/** Whether fields[start..start+17] are 18 positive, strictly increasing numbers. */
function isClassBoundsRun(fields: readonly string[], start: number): boolean {
  let previous = 0;
  for (let k = 0; k < HW_CLASS_COUNT; k++) {
    const value = decimalValue(fields[start + k] ?? "");
    if (value === undefined || !(value > previous)) return false;
    previous = value;
  }
  return true;
}
