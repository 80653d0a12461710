import { describe, expect, it } from "vitest";
import { ConfigLineError } from "../host/config/configLine.js";
import { hwLayoutOfCount, parseHwConf } from "../host/config/hwConf.js";
import { BOUNDS_2022, dropLast, LEGACY_HW, lineError, REAL_HW, SPEC_HW, withField } from "./config-helpers.js";

const REAL_HW_LINE = `HW_CONF,${REAL_HW};`;

describe("parseHwConf: real and example lines", () => {
  it("reads the real 000118LP line (2022.01 layout, no firmware version)", () => {
    const hw = parseHwConf(REAL_HW);
    expect(hw.layout).toBe("2022.01");
    expect(hw.cameraRef).toBe("000118LP");
    expect(hw.lightRef).toBe("000161VE2");
    expect(hw.pressureSensorRef).toBe("");
    expect(hw.pressureOffsetDbar).toBe(0.6);
    expect(hw.shutterUs).toBe(59);
    expect(hw.gainDb).toBe(6);
    expect(hw.thresholdGrey).toBe(22);
    expect(hw.aaUm2).toBe(2300);
    expect(hw.exp).toBe(1.136);
    expect(hw.pixelSizeUm).toBe(73);
    expect(hw.imageVolumeL).toBe(0.72);
    expect(hw.calibrationDate).toBe("20220331");
    expect(hw.lastParametersModification).toBe("202204070804");
    expect(hw.operatorEmail).toBe("alice.pierret@imev-mer.fr");
    expect(hw.classLowerBoundsUm).toEqual(BOUNDS_2022);
    expect(hw.firmwareVersion).toBeUndefined();
    expect(hw.ipAddress).toBeUndefined();
    expect(hw.lightingPowerUpToTriggerUs).toBeUndefined();
  });

  it("gives the same result with or without the keyword and the ';'", () => {
    const bare = parseHwConf(REAL_HW);
    expect(parseHwConf(REAL_HW_LINE)).toEqual(bare);
    expect(parseHwConf(`HW_CONF,${REAL_HW}`)).toEqual(bare);
    expect(parseHwConf(`${REAL_HW};`)).toEqual(bare);
    expect(parseHwConf(`  ${REAL_HW_LINE}\r\n`)).toEqual(bare);
  });

  it("reads the 2022.01 specification example with its firmware version", () => {
    const hw = parseHwConf(SPEC_HW);
    expect(hw.layout).toBe("2022.01");
    expect(hw.cameraRef).toBe("000175LP");
    expect(hw.shutterUs).toBe(40000);
    expect(hw.thresholdGrey).toBe(16);
    expect(hw.aaUm2).toBe(2340);
    expect(hw.exp).toBe(1.3);
    expect(hw.imageVolumeL).toBe(0.66);
    expect(hw.calibrationDate).toBe("UNDEFINED");
    expect(hw.classLowerBoundsUm).toEqual(BOUNDS_2022);
    expect(hw.firmwareVersion).toBe("ver2022.01");
  });

  it("detects the pre-2022 layout and reads its two extra fields", () => {
    const hw = parseHwConf(LEGACY_HW);
    expect(hw.layout).toBe("pre-2022");
    expect(hw.lightingPowerUpToTriggerUs).toBe(150);
    expect(hw.lightingTriggerToAcquisitionUs).toBe(250);
    expect(hw.ipAddress).toBe("192.168.0.128");
    expect(hw.baudRateCode).toBe(2);
    expect(hw.blackLevel).toBe(0);
    expect(hw.shutterUs).toBe(300);
    expect(hw.thresholdGrey).toBe(21);
    expect(hw.aaUm2).toBe(1130);
    expect(hw.exp).toBe(1.31);
    expect(hw.imageVolumeL).toBe(0.63);
    expect(hw.operatorEmail).toBe("operator@example.org");
    expect(hw.classLowerBoundsUm[0]).toBe(40.3);
    expect(hw.classLowerBoundsUm[17]).toBe(2050);
    expect(hw.classLowerBoundsUm).toHaveLength(18);
    expect(hw.firmwareVersion).toBeUndefined();
  });

  it("takes a firmware version after a pre-2022 line too", () => {
    expect(parseHwConf(LEGACY_HW.replace(/;$/, ",ver2021.02;")).firmwareVersion).toBe("ver2021.02");
  });

  it("tells the layouts apart by field count only where counts are valid", () => {
    expect(hwLayoutOfCount(41)).toBe("2022.01");
    expect(hwLayoutOfCount(42)).toBe("2022.01");
    expect(hwLayoutOfCount(43)).toBe("pre-2022");
    expect(hwLayoutOfCount(44)).toBe("pre-2022");
    expect(hwLayoutOfCount(40)).toBeUndefined();
    expect(hwLayoutOfCount(45)).toBeUndefined();
  });
});

describe("parseHwConf: bad lines name the field", () => {
  it("wrong field count", () => {
    const e = lineError(() => parseHwConf(dropLast(REAL_HW_LINE, 1)));
    expect(e).toBeInstanceOf(ConfigLineError);
    expect(e.field).toBe("(field count)");
    expect(e.index).toBe(-1);
    expect(e.message).toMatch(/^HW_CONF: 40 fields after the keyword; expected 41 or 42/);
    expect(lineError(() => parseHwConf(REAL_HW_LINE.replace(/;$/, ",x,y,z,w;"))).field).toBe("(field count)");
  });

  it("a number field that is not a number", () => {
    const line = withField(REAL_HW_LINE, 17, "abc");
    const e = lineError(() => parseHwConf(line));
    expect(e.message).toBe('HW_CONF field 17 (Aa): "abc" is not a number');
    expect(e.field).toBe("Aa");
    expect(e.index).toBe(17);
    expect(e.line).toBe(line);
    expect(e.name).toBe("ConfigLineError");
  });

  it("numbers the fields the same way with or without the keyword", () => {
    const bare = withField(REAL_HW_LINE, 17, "abc").replace(/^HW_CONF,/, "");
    expect(lineError(() => parseHwConf(bare)).index).toBe(17);
  });

  it("uses the older layout's positions for a pre-2022 line", () => {
    const e = lineError(() => parseHwConf(withField(LEGACY_HW, 19, "2.3.0")));
    expect(e.field).toBe("Aa");
    expect(e.index).toBe(19);
    expect(lineError(() => parseHwConf(withField(LEGACY_HW, 7, "soon"))).field).toBe("Time_between_lighting_power_up_and_trigger");
  });

  it("a decimal comma: the count fits the other layout but the bounds are not where it puts them", () => {
    // "2300,000" makes 42 fields, the count of a 2022.01 line with its firmware version.
    const e = lineError(() => parseHwConf(withField(REAL_HW_LINE, 17, "2300,000")));
    expect(e.field).toBe("(field count)");
    expect(e.index).toBe(-1);
    expect(e.message).toContain("start at field 25");
    // The same slip in a line with its version makes 43, the pre-2022 count.
    expect(lineError(() => parseHwConf(withField(SPEC_HW, 17, "2340,000"))).message).toContain("start at field 25");
    // A lost field: 40 fields, and the message says where the bounds are.
    const lost = REAL_HW_LINE.replace(",0.600,", ",");
    expect(lineError(() => parseHwConf(lost)).message).toMatch(/40 fields .* the 18 class bounds start at field 23$/);
  });

  it("class bounds that do not increase", () => {
    // Class 7 (index 24 + 6 = 30) set below class 6.
    const e = lineError(() => parseHwConf(withField(REAL_HW_LINE, 30, "150")));
    expect(e.field).toBe("Min_esd_class_07");
    expect(e.index).toBe(30);
    expect(e.message).toContain("not greater than the previous class bound 161");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 31, "203"))).field).toBe("Min_esd_class_08");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 24, "0"))).field).toBe("Min_esd_class_01");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 41, ""))).field).toBe("Min_esd_class_18");
  });

  it("threshold 255, negative or fractional", () => {
    for (const bad of ["255", "-1", "21.5"]) {
      const e = lineError(() => parseHwConf(withField(REAL_HW_LINE, 16, bad)));
      expect(e.field).toBe("Threshold");
      expect(e.index).toBe(16);
    }
    expect(parseHwConf(withField(REAL_HW_LINE, 16, "254")).thresholdGrey).toBe(254);
    expect(parseHwConf(withField(REAL_HW_LINE, 16, "0")).thresholdGrey).toBe(0);
  });

  it("calibration and optics that are not positive", () => {
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 20, "0"))).field).toBe("Image_volume");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 20, "-0.7"))).field).toBe("Image_volume");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 17, "0"))).field).toBe("Aa");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 18, "0"))).field).toBe("Exp");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 18, "4.5"))).field).toBe("Exp");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 19, ""))).field).toBe("Pixel_Size");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 19, "0x49"))).field).toBe("Pixel_Size");
    expect(lineError(() => parseHwConf(withField(REAL_HW_LINE, 1, ""))).field).toBe("Camera_ref");
  });

  it("an empty line or another frame's line", () => {
    expect(lineError(() => parseHwConf("")).field).toBe("(keyword)");
    expect(lineError(() => parseHwConf(" ; ")).field).toBe("(keyword)");
    const e = lineError(() => parseHwConf("ACQ_CONF,ACQ_NKE_3,1;"));
    expect(e.field).toBe("(keyword)");
    expect(e.index).toBe(0);
    expect(e.message).toContain("ACQ_CONF");
  });
});
