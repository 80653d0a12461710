import { describe, expect, it } from "vitest";
import { acqLayoutOfCount, parseAcqConf } from "../host/config/acqConf.js";
import { dropLast, LEGACY_ACQ, lineError, REAL_ACQ, withField } from "./config-helpers.js";

const REAL_ACQ_LINE = `ACQ_CONF,${REAL_ACQ};`;

describe("parseAcqConf: real and example lines", () => {
  it("reads the real ACQ_NKE_3 line (19 fields)", () => {
    const acq = parseAcqConf(REAL_ACQ);
    expect(acq.layout).toBe("2022.01");
    expect(acq.name).toBe("ACQ_NKE_3");
    expect(acq.ptMode).toBe(1);
    expect(acq.acquisitionFrequencyHz).toBe(2);
    expect(acq.framesPerBloc).toBe(2);
    expect(acq.pressureForAutoStartDbar).toBe(0);
    expect(acq.pressureDifferenceForAutoStopDbar).toBe(0);
    expect(acq.resultSending).toBe(1);
    expect(acq.saveSyntheticData).toBe(0);
    expect(acq.saveImagesMode).toBe(2);
    expect(acq.vignettingLowerLimitUm).toBe(813);
    expect(acq.appendicesRatio).toBe(1.5);
    expect(acq.blackIntervalBlocs).toBe(40);
    expect(acq.smoothingImageCount).toBe(10);
    expect(acq.analogOutputActivation).toBe(0);
    expect(acq.analogOutputGain).toBe(1000);
    expect(acq.maxInternalTemperatureDegC).toBe(60);
    expect(acq.operatorEmail).toBe("marc.picheral@imev-mer.fr");
    expect(acq.taxoConfName).toBe("TAXO_NKE_0");
    expect(acq.auxMode).toBe(0);
    expect(acq.auxParam1).toBeUndefined();
    expect(acq.blocsPerPt).toBeUndefined();
  });

  it("gives the same result with or without the keyword and the ';'", () => {
    expect(parseAcqConf(REAL_ACQ_LINE)).toEqual(parseAcqConf(REAL_ACQ));
  });

  it("accepts 18 to 21 fields in the 2022.01 layout", () => {
    const eighteen = parseAcqConf(dropLast(REAL_ACQ_LINE, 1));
    expect(eighteen.taxoConfName).toBe("TAXO_NKE_0");
    expect(eighteen.auxMode).toBeUndefined();
    const full = parseAcqConf(REAL_ACQ_LINE.replace(/;$/, ",p1,p2;"));
    expect(full.auxMode).toBe(0);
    expect(full.auxParam1).toBe("p1");
    expect(full.auxParam2).toBe("p2");
    expect(parseAcqConf("ACQ_CONF,ACQ_X,1,2.000,1,0,0,1,0,2,645,1.5,10,10,0,1000,60,a@b.c,;").taxoConfName).toBe("");
  });

  it("detects the pre-2022 layout (22 fields)", () => {
    const acq = parseAcqConf(LEGACY_ACQ);
    expect(acq.layout).toBe("pre-2022");
    expect(acq.name).toBe("ACQ_LEGACY_1");
    expect(acq.framesPerBloc).toBe(1);
    expect(acq.blocsPerPt).toBe(1);
    expect(acq.limitLpmDetectionSizeUm).toBe(10);
    expect(acq.saveImagesMode).toBe(2);
    expect(acq.vignettingLowerLimitUm).toBe(645);
    expect(acq.blackIntervalBlocs).toBe(10);
    expect(acq.minimumObjectNumber).toBe(0);
    expect(acq.maxInternalTemperatureDegC).toBe(60);
    expect(acq.operatorEmail).toBe("operator@example.org");
    expect(acq.taxoFlag).toBe(0);
    expect(acq.remainingMemoryMB).toBe(380000);
    expect(acq.taxoConfName).toBe("");
    expect(acq.auxMode).toBeUndefined();
  });

  it("maps counts to layouts", () => {
    expect(acqLayoutOfCount(17)).toBeUndefined();
    expect([18, 19, 20, 21].map(acqLayoutOfCount)).toEqual(["2022.01", "2022.01", "2022.01", "2022.01"]);
    expect(acqLayoutOfCount(22)).toBe("pre-2022");
    expect(acqLayoutOfCount(23)).toBeUndefined();
  });
});

describe("parseAcqConf: bad lines name the field", () => {
  it("wrong field count", () => {
    const e = lineError(() => parseAcqConf(dropLast(REAL_ACQ_LINE, 2)));
    expect(e.field).toBe("(field count)");
    expect(e.index).toBe(-1);
    expect(e.message).toBe("ACQ_CONF: 17 fields after the keyword; expected 18 to 21 (2022.01 layout) or 22 (pre-2022 layout)");
    expect(lineError(() => parseAcqConf(LEGACY_ACQ.replace(/;$/, ",x;"))).field).toBe("(field count)");
  });

  it("a number field that is not a number", () => {
    const e = lineError(() => parseAcqConf(withField(REAL_ACQ_LINE, 10, "big")));
    expect(e.message).toBe('ACQ_CONF field 10 (Vignetting_lower_limit_size): "big" is not a number');
    expect(e.field).toBe("Vignetting_lower_limit_size");
    expect(e.index).toBe(10);
    // The same field sits at 12 in the older layout.
    const old = lineError(() => parseAcqConf(withField(LEGACY_ACQ, 12, "big")));
    expect(old.field).toBe("Vignetting_lower_limit_size");
    expect(old.index).toBe(12);
  });

  it("values the firmware cannot take", () => {
    for (const bad of ["0", "256", "1.5"]) {
      const e = lineError(() => parseAcqConf(withField(REAL_ACQ_LINE, 4, bad)));
      expect(e.field).toBe("Frames_per_bloc");
      expect(e.index).toBe(4);
    }
    const black = lineError(() => parseAcqConf(withField(REAL_ACQ_LINE, 12, "70000")));
    expect(black.field).toBe("Interval_for_measuring_background_noise");
    expect(black.index).toBe(12);
    expect(lineError(() => parseAcqConf(withField(REAL_ACQ_LINE, 10, "0"))).field).toBe("Vignetting_lower_limit_size");
    expect(lineError(() => parseAcqConf(withField(REAL_ACQ_LINE, 3, "0"))).field).toBe("Acquisition_frequency");
    expect(lineError(() => parseAcqConf(withField(REAL_ACQ_LINE, 1, ""))).field).toBe("Configuration_name");
  });

  it("another frame's line", () => {
    expect(lineError(() => parseAcqConf(`HW_CONF,${REAL_ACQ};`)).field).toBe("(keyword)");
  });
});
