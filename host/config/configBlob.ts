// The firmware's configuration blob, layout v1 (assembly/config.ts), built from parsed camera lines.
//
//   0 u32  magic 0x43505655 ('UVPC')        4 u16 layout version (1)     6 u16 blob length (120)
//   8 u16  frame width px (1..2464)        10 u16 frame height px (1..2056)
//  12 u8   threshold (grey > threshold is foreground, 0..254)
//  13 u8   frames per bloc (1..255)        14 u16 black-frame interval, blocs (0 = none)
//  16 f64  Aa, um^2                         24 f64 Exp
//  32 f32  pixel size, um                   36 f32 image volume, L
//  40 f32 x 18  class lower bounds, ESD um (strictly increasing)
// 112 f32  vignette lower limit, ESD um   116 u16 max size for classification, px
// 118 u16  over-exposure limit, per mille of the frame's pixels above threshold (1..1000)
// All little-endian. The builder refuses (RangeError) anything the firmware would refuse, so a blob it
// returns is one the firmware accepts.

import type { AcqConf } from "./acqConf.js";
import { HW_CLASS_COUNT, type HwConf } from "./hwConf.js";
import type { TaxoConf } from "./taxoConf.js";

/** 'UVPC' read as a little-endian u32. */
export const CONFIG_MAGIC = 0x43505655;
/** Layout version this builder writes. */
export const CONFIG_VERSION = 1;
/** Length of a v1 blob in bytes. */
export const CONFIG_V1_BYTES = 120;
/** Widest frame the firmware accepts (UVP6 sensor columns); also the default width. */
export const MAX_WIDTH_PX = 2464;
/** Tallest frame the firmware accepts (UVP6 sensor rows); also the default height. */
export const MAX_HEIGHT_PX = 2056;
/**
 * Default over-exposure limit, per mille: a lit frame with more than 10% of its pixels above threshold is
 * over-exposed (the camera then reports the bloc as IMG = 0 with all values 0). The camera prints the
 * fraction it saw (`OVER_EXPOSED,22.2%` in *_data.txt) but does not publish its limit: 10% is this
 * project's choice, far above the foreground of real lit frames (a few thousand small objects in 5 Mpx).
 */
export const DEFAULT_OVEREXPOSURE_LIMIT_PERMILLE = 100;

/** Byte offset of each field of layout v1. */
export const CONFIG_V1_OFFSETS = {
  magic: 0,
  version: 4,
  lengthBytes: 6,
  widthPx: 8,
  heightPx: 10,
  thresholdGrey: 12,
  framesPerBloc: 13,
  blackIntervalBlocs: 14,
  aaUm2: 16,
  exp: 24,
  pixelSizeUm: 32,
  imageVolumeL: 36,
  classLowerBoundsUm: 40,
  vignettingLowerLimitUm: 112,
  maxSizeForClassificationPx: 116,
  overexposureLimitPermille: 118,
} as const;

/** Settings that do not come from the camera lines. */
export interface ConfigBlobOptions {
  /** Frame width, px (default 2464). */
  widthPx?: number;
  /** Frame height, px (default 2056). */
  heightPx?: number;
  /** Over-exposure limit, per mille of the frame's pixels (default 100). */
  overexposureLimitPermille?: number;
}

/** Every field of a v1 blob, decoded (f32 fields as the f32 value read back). */
export interface ConfigBlobFields {
  magic: number;
  version: number;
  lengthBytes: number;
  widthPx: number;
  heightPx: number;
  thresholdGrey: number;
  framesPerBloc: number;
  blackIntervalBlocs: number;
  aaUm2: number;
  exp: number;
  pixelSizeUm: number;
  imageVolumeL: number;
  classLowerBoundsUm: number[];
  vignettingLowerLimitUm: number;
  maxSizeForClassificationPx: number;
  overexposureLimitPermille: number;
}

/** Builds the 120-byte v1 blob; max size for classification comes from `taxo` (0 without one). */
export function buildConfigBlob(hw: HwConf, acq: AcqConf, taxo: TaxoConf | undefined, options: ConfigBlobOptions = {}): Uint8Array {
  const widthPx = options.widthPx ?? MAX_WIDTH_PX;
  const heightPx = options.heightPx ?? MAX_HEIGHT_PX;
  const overPermille = options.overexposureLimitPermille ?? DEFAULT_OVEREXPOSURE_LIMIT_PERMILLE;
  checkInt("widthPx", widthPx, 1, MAX_WIDTH_PX);
  checkInt("heightPx", heightPx, 1, MAX_HEIGHT_PX);
  checkInt("overexposureLimitPermille", overPermille, 1, 1000);
  checkInt("thresholdGrey", hw.thresholdGrey, 0, 254);
  checkInt("framesPerBloc", acq.framesPerBloc, 1, 255);
  checkInt("blackIntervalBlocs", acq.blackIntervalBlocs, 0, 65535);
  checkPositive("aaUm2", hw.aaUm2, false);
  checkPositive("exp", hw.exp, false);
  if (hw.exp > 4) throw new RangeError(`config blob: exp ${hw.exp} is above 4, which the firmware refuses`);
  checkPositive("pixelSizeUm", hw.pixelSizeUm, true);
  checkPositive("imageVolumeL", hw.imageVolumeL, true);
  checkPositive("vignettingLowerLimitUm", acq.vignettingLowerLimitUm, true);
  const maxSizePx = taxo?.maxSizeForClassificationPx ?? 0;
  checkInt("maxSizeForClassificationPx", maxSizePx, 0, 65535);
  const bounds = hw.classLowerBoundsUm;
  if (bounds.length !== HW_CLASS_COUNT) {
    throw new RangeError(`config blob: ${bounds.length} class bounds, expected ${HW_CLASS_COUNT}`);
  }
  bounds.forEach((b, k) => {
    checkPositive(`classLowerBoundsUm[${k}]`, b, true);
    if (k > 0 && !(Math.fround(b) > Math.fround(bounds[k - 1]))) {
      throw new RangeError(`config blob: class bound ${k} (${b}) is not greater than class bound ${k - 1} as float32`);
    }
  });

  const o = CONFIG_V1_OFFSETS;
  const bytes = new Uint8Array(CONFIG_V1_BYTES);
  const v = new DataView(bytes.buffer);
  v.setUint32(o.magic, CONFIG_MAGIC, true);
  v.setUint16(o.version, CONFIG_VERSION, true);
  v.setUint16(o.lengthBytes, CONFIG_V1_BYTES, true);
  v.setUint16(o.widthPx, widthPx, true);
  v.setUint16(o.heightPx, heightPx, true);
  v.setUint8(o.thresholdGrey, hw.thresholdGrey);
  v.setUint8(o.framesPerBloc, acq.framesPerBloc);
  v.setUint16(o.blackIntervalBlocs, acq.blackIntervalBlocs, true);
  v.setFloat64(o.aaUm2, hw.aaUm2, true);
  v.setFloat64(o.exp, hw.exp, true);
  v.setFloat32(o.pixelSizeUm, hw.pixelSizeUm, true);
  v.setFloat32(o.imageVolumeL, hw.imageVolumeL, true);
  bounds.forEach((b, k) => v.setFloat32(o.classLowerBoundsUm + 4 * k, b, true));
  v.setFloat32(o.vignettingLowerLimitUm, acq.vignettingLowerLimitUm, true);
  v.setUint16(o.maxSizeForClassificationPx, maxSizePx, true);
  v.setUint16(o.overexposureLimitPermille, overPermille, true);
  return bytes;
}

/** Decodes a v1 blob back into its fields (for debugging and tests); throws RangeError if it is too short. */
export function describeConfigBlob(bytes: Uint8Array): ConfigBlobFields {
  if (bytes.length < CONFIG_V1_BYTES) {
    throw new RangeError(`config blob: ${bytes.length} bytes, a v1 blob has ${CONFIG_V1_BYTES}`);
  }
  const o = CONFIG_V1_OFFSETS;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const classLowerBoundsUm: number[] = [];
  for (let k = 0; k < HW_CLASS_COUNT; k++) classLowerBoundsUm.push(v.getFloat32(o.classLowerBoundsUm + 4 * k, true));
  return {
    magic: v.getUint32(o.magic, true),
    version: v.getUint16(o.version, true),
    lengthBytes: v.getUint16(o.lengthBytes, true),
    widthPx: v.getUint16(o.widthPx, true),
    heightPx: v.getUint16(o.heightPx, true),
    thresholdGrey: v.getUint8(o.thresholdGrey),
    framesPerBloc: v.getUint8(o.framesPerBloc),
    blackIntervalBlocs: v.getUint16(o.blackIntervalBlocs, true),
    aaUm2: v.getFloat64(o.aaUm2, true),
    exp: v.getFloat64(o.exp, true),
    pixelSizeUm: v.getFloat32(o.pixelSizeUm, true),
    imageVolumeL: v.getFloat32(o.imageVolumeL, true),
    classLowerBoundsUm,
    vignettingLowerLimitUm: v.getFloat32(o.vignettingLowerLimitUm, true),
    maxSizeForClassificationPx: v.getUint16(o.maxSizeForClassificationPx, true),
    overexposureLimitPermille: v.getUint16(o.overexposureLimitPermille, true),
  };
}

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`config blob: ${name} ${value} is not an integer in ${min}..${max}`);
  }
}

// Positive and finite; `asF32` also requires it to stay finite and positive once stored as float32.
function checkPositive(name: string, value: number, asF32: boolean): void {
  const stored = asF32 ? Math.fround(value) : value;
  if (!(value > 0) || !Number.isFinite(stored) || !(stored > 0)) {
    throw new RangeError(`config blob: ${name} ${value} is not a finite positive number${asF32 ? " as float32" : ""}`);
  }
}
