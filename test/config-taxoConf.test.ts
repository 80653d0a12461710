import { describe, expect, it } from "vitest";
import { parseTaxoConf } from "../host/config/taxoConf.js";
import { dropLast, lineError, REAL_TAXO, withField } from "./config-helpers.js";

const REAL_TAXO_LINE = `TAXO_CONF,${REAL_TAXO};`;

describe("parseTaxoConf", () => {
  it("reads the real TAXO_NKE_0 line", () => {
    const taxo = parseTaxoConf(REAL_TAXO);
    expect(taxo.name).toBe("TAXO_NKE_0");
    expect(taxo.modelReference).toBe("Mglob_20220421");
    expect(taxo.maxSizeForClassificationPx).toBe(65535);
    expect(taxo.modelClassCount).toBe(20);
    expect(taxo.taxoIds).toHaveLength(40);
    expect(taxo.taxoIds.slice(0, 3)).toEqual([93382, 56693, 85123]);
    expect(taxo.taxoIds[19]).toBe(85025);
    expect(taxo.taxoIds.slice(20)).toEqual(new Array(20).fill(0));
    expect(parseTaxoConf(REAL_TAXO_LINE)).toEqual(taxo);
  });

  it("model class counts 2 and 40 are the limits", () => {
    expect(parseTaxoConf(withField(REAL_TAXO_LINE, 4, "2")).modelClassCount).toBe(2);
    expect(parseTaxoConf(withField(REAL_TAXO_LINE, 4, "40")).modelClassCount).toBe(40);
    for (const bad of ["1", "41", "0", "x"]) {
      const e = lineError(() => parseTaxoConf(withField(REAL_TAXO_LINE, 4, bad)));
      expect(e.field).toBe("Model_nb_classes");
      expect(e.index).toBe(4);
    }
    expect(lineError(() => parseTaxoConf(withField(REAL_TAXO_LINE, 4, "41"))).message).toBe(
      "TAXO_CONF field 4 (Model_nb_classes): 41 is out of range (2..40)",
    );
  });

  it("max size for classification is 0..65535 pixels", () => {
    expect(parseTaxoConf(withField(REAL_TAXO_LINE, 3, "0")).maxSizeForClassificationPx).toBe(0);
    const e = lineError(() => parseTaxoConf(withField(REAL_TAXO_LINE, 3, "65536")));
    expect(e.field).toBe("Max_size_for_classification");
    expect(e.index).toBe(3);
  });

  it("class ids must be non-negative integers and exactly 40", () => {
    const e = lineError(() => parseTaxoConf(withField(REAL_TAXO_LINE, 10, "x")));
    expect(e.field).toBe("Taxo_ID_for_class_05");
    expect(e.index).toBe(10);
    expect(lineError(() => parseTaxoConf(withField(REAL_TAXO_LINE, 44, "-1"))).field).toBe("Taxo_ID_for_class_39");
    const short = lineError(() => parseTaxoConf(dropLast(REAL_TAXO_LINE, 1)));
    expect(short.field).toBe("(field count)");
    expect(short.message).toContain("43 fields");
    expect(lineError(() => parseTaxoConf(REAL_TAXO_LINE.replace(/;$/, ",0;"))).field).toBe("(field count)");
  });
});
