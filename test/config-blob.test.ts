import { describe, expect, it } from "vitest";
import { parseAcqConf } from "../host/config/acqConf.js";
import {
  buildConfigBlob,
  CONFIG_MAGIC,
  CONFIG_V1_BYTES,
  CONFIG_VERSION,
  describeConfigBlob,
  type ConfigBlobFields,
} from "../host/config/configBlob.js";
import { parseHwConf } from "../host/config/hwConf.js";
import { parseTaxoConf } from "../host/config/taxoConf.js";
import { BOUNDS_2022, LEGACY_ACQ, LEGACY_HW, REAL_ACQ, REAL_HW, REAL_TAXO } from "./config-helpers.js";

const hw = parseHwConf(REAL_HW);
const acq = parseAcqConf(REAL_ACQ);
const taxo = parseTaxoConf(REAL_TAXO);

describe("buildConfigBlob: layout v1 of assembly/config.ts", () => {
  it("exports the layout's constants", () => {
    expect(CONFIG_MAGIC).toBe(0x43505655);
    expect(CONFIG_VERSION).toBe(1);
    expect(CONFIG_V1_BYTES).toBe(120);
  });

  it("writes every field of the real 000118LP configuration at its offset, little-endian", () => {
    const blob = buildConfigBlob(hw, acq, taxo);
    expect(blob).toBeInstanceOf(Uint8Array);
    expect(blob.length).toBe(120);
    const v = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    // Offsets written out here from assembly/config.ts, not taken from the module under test.
    expect(Array.from(blob.subarray(0, 4))).toEqual([0x55, 0x56, 0x50, 0x43]); // "UVPC"
    expect(v.getUint32(0, true)).toBe(0x43505655);
    expect(v.getUint16(4, true)).toBe(1);
    expect(v.getUint16(6, true)).toBe(120);
    expect(v.getUint16(8, true)).toBe(2464);
    expect(v.getUint16(10, true)).toBe(2056);
    expect(v.getUint8(12)).toBe(22);
    expect(v.getUint8(13)).toBe(2);
    expect(v.getUint16(14, true)).toBe(40);
    expect(v.getFloat64(16, true)).toBe(2300);
    expect(v.getFloat64(24, true)).toBe(1.136);
    expect(v.getFloat32(32, true)).toBe(73);
    expect(v.getFloat32(36, true)).toBe(Math.fround(0.72));
    BOUNDS_2022.forEach((b, k) => expect(v.getFloat32(40 + 4 * k, true)).toBe(Math.fround(b)));
    expect(v.getFloat32(112, true)).toBe(813);
    expect(v.getUint16(116, true)).toBe(65535);
    expect(v.getUint16(118, true)).toBe(100);
  });

  it("writes 0 as max size for classification without a TAXO_CONF, and takes the options", () => {
    const blob = buildConfigBlob(hw, acq, undefined, { widthPx: 640, heightPx: 480, overexposureLimitPermille: 250 });
    const v = new DataView(blob.buffer);
    expect(v.getUint16(8, true)).toBe(640);
    expect(v.getUint16(10, true)).toBe(480);
    expect(v.getUint16(116, true)).toBe(0);
    expect(v.getUint16(118, true)).toBe(250);
  });

  it("is deterministic", () => {
    expect(buildConfigBlob(hw, acq, taxo)).toEqual(buildConfigBlob(hw, acq, taxo));
  });

  it("round-trips through describeConfigBlob", () => {
    const expected: ConfigBlobFields = {
      magic: 0x43505655,
      version: 1,
      lengthBytes: 120,
      widthPx: 2464,
      heightPx: 2056,
      thresholdGrey: 22,
      framesPerBloc: 2,
      blackIntervalBlocs: 40,
      aaUm2: 2300,
      exp: 1.136,
      pixelSizeUm: 73,
      imageVolumeL: Math.fround(0.72),
      classLowerBoundsUm: BOUNDS_2022.map(Math.fround),
      vignettingLowerLimitUm: 813,
      maxSizeForClassificationPx: 65535,
      overexposureLimitPermille: 100,
    };
    expect(describeConfigBlob(buildConfigBlob(hw, acq, taxo))).toEqual(expected);
  });

  it("decodes a blob lying inside a larger buffer", () => {
    const blob = buildConfigBlob(hw, acq, taxo);
    const big = new Uint8Array(300);
    big.set(blob, 37);
    expect(describeConfigBlob(big.subarray(37, 37 + 120))).toEqual(describeConfigBlob(blob));
    expect(() => describeConfigBlob(blob.subarray(0, 119))).toThrow(RangeError);
  });

  it("builds the pre-2022 configuration with its own class list", () => {
    const fields = describeConfigBlob(buildConfigBlob(parseHwConf(LEGACY_HW), parseAcqConf(LEGACY_ACQ), undefined));
    expect(fields.classLowerBoundsUm[0]).toBe(Math.fround(40.3));
    expect(fields.classLowerBoundsUm[17]).toBe(2050);
    expect(fields.thresholdGrey).toBe(21);
    expect(fields.framesPerBloc).toBe(1);
    expect(fields.blackIntervalBlocs).toBe(10);
    expect(fields.aaUm2).toBe(1130);
    expect(fields.exp).toBe(1.31);
    expect(fields.vignettingLowerLimitUm).toBe(645);
  });

  it("refuses what the firmware would refuse", () => {
    expect(() => buildConfigBlob(hw, acq, taxo, { widthPx: 0 })).toThrow(RangeError);
    expect(() => buildConfigBlob(hw, acq, taxo, { widthPx: 2465 })).toThrow(/widthPx/);
    expect(() => buildConfigBlob(hw, acq, taxo, { heightPx: 2057 })).toThrow(/heightPx/);
    expect(() => buildConfigBlob(hw, acq, taxo, { overexposureLimitPermille: 0 })).toThrow(/overexposure/);
    expect(() => buildConfigBlob(hw, acq, taxo, { overexposureLimitPermille: 1001 })).toThrow(/overexposure/);
    expect(() => buildConfigBlob({ ...hw, thresholdGrey: 255 }, acq, taxo)).toThrow(/thresholdGrey/);
    expect(() => buildConfigBlob(hw, { ...acq, framesPerBloc: 0 }, taxo)).toThrow(/framesPerBloc/);
    expect(() => buildConfigBlob({ ...hw, exp: 5 }, acq, taxo)).toThrow(/exp/);
    expect(() => buildConfigBlob({ ...hw, imageVolumeL: 1e39 }, acq, taxo)).toThrow(/float32/);
    const flat = [...BOUNDS_2022];
    flat[5] = flat[4];
    expect(() => buildConfigBlob({ ...hw, classLowerBoundsUm: flat }, acq, taxo)).toThrow(/class bound 5/);
    expect(() => buildConfigBlob({ ...hw, classLowerBoundsUm: BOUNDS_2022.slice(1) }, acq, taxo)).toThrow(/17 class bounds/);
  });
});
