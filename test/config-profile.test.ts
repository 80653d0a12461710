import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfigBlob, describeConfigBlob } from "../host/config/configBlob.js";
import { ConfigLineError } from "../host/config/configLine.js";
import { listProfiles, loadProfile, parseProfile, profilesDir } from "../host/config/profile.js";
import { BOUNDS_2022, LEGACY_ACQ, LEGACY_HW, REAL_ACQ, REAL_HW, REAL_TAXO, SPEC_HW } from "./config-helpers.js";

const rawProfile = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(profilesDir(), `${name}.json`), "utf8")) as Record<string, unknown>;

describe("profiles", () => {
  it("finds the profiles folder beside package.json", () => {
    const dir = profilesDir();
    expect(dir.endsWith("profiles")).toBe(true);
    expect(existsSync(join(dirname(dir), "package.json"))).toBe(true);
    expect(existsSync(join(dir, "README.md"))).toBe(true);
  });

  it("lists the three profiles", () => {
    expect(listProfiles()).toEqual(expect.arrayContaining(["000118LP", "000175LP", "legacy-40um"]));
  });

  it("loads every profile and builds a blob from it", () => {
    for (const name of listProfiles()) {
      const p = loadProfile(name);
      expect(p.name).toBe(name);
      expect(p.description.length).toBeGreaterThan(20);
      expect(p.source.length).toBeGreaterThan(10);
      const fields = describeConfigBlob(buildConfigBlob(p.hw, p.acq, p.taxo, p.frame));
      expect(fields.widthPx).toBe(p.frame.widthPx);
      expect(fields.thresholdGrey).toBe(p.hw.thresholdGrey);
    }
  });

  it("000118LP holds the real float's lines verbatim and its zone table", () => {
    const p = loadProfile("000118LP");
    expect(p.lines.hwConf).toBe(`HW_CONF,${REAL_HW};`);
    expect(p.lines.acqConf).toBe(`ACQ_CONF,${REAL_ACQ};`);
    expect(p.lines.taxoConf).toBe(`TAXO_CONF,${REAL_TAXO};`);
    expect(p.hw.layout).toBe("2022.01");
    expect(p.hw.thresholdGrey).toBe(22);
    expect(p.hw.aaUm2).toBe(2300);
    expect(p.hw.exp).toBe(1.136);
    expect(p.hw.imageVolumeL).toBe(0.72);
    expect(p.hw.classLowerBoundsUm).toEqual(BOUNDS_2022);
    expect(p.acq.framesPerBloc).toBe(2);
    expect(p.acq.blackIntervalBlocs).toBe(40);
    expect(p.acq.vignettingLowerLimitUm).toBe(813);
    expect(p.taxo?.modelClassCount).toBe(20);
    expect(p.taxo?.maxSizeForClassificationPx).toBe(65535);
    expect(p.frame).toEqual({ widthPx: 2464, heightPx: 2056 });
    expect(p.zones).toEqual({
      boundariesDbar: [1, 100, 500, 1000],
      sliceThicknessDbar: [1, 5, 10, 20, 40],
      processing: ["decimated", "mean", "mean", "mean", "mean"],
    });
    expect(p.park).toEqual({ samplingPeriodS: 7200, imagesPerSample: 20, imageIntervalS: 5 });
  });

  it("000175LP carries the 2022.01 specification line and no TAXO_CONF", () => {
    const p = loadProfile("000175LP");
    expect(p.lines.hwConf).toBe(SPEC_HW);
    expect(p.hw.firmwareVersion).toBe("ver2022.01");
    expect(p.hw.layout).toBe("2022.01");
    expect(p.taxo).toBeUndefined();
    expect(p.lines.taxoConf).toBeNull();
    expect(p.description).toMatch(/ILLUSTRATIVE/);
  });

  it("legacy-40um uses the pre-2022 layouts and the 40.3 um class list", () => {
    const p = loadProfile("legacy-40um");
    expect(p.lines.hwConf).toBe(LEGACY_HW);
    expect(p.lines.acqConf).toBe(LEGACY_ACQ);
    expect(p.hw.layout).toBe("pre-2022");
    expect(p.acq.layout).toBe("pre-2022");
    expect(p.hw.classLowerBoundsUm[0]).toBe(40.3);
    expect(p.hw.classLowerBoundsUm[17]).toBe(2050);
    expect(p.description).toMatch(/ILLUSTRATIVE/);
  });

  it("an unknown name lists the known ones", () => {
    expect(() => loadProfile("nope")).toThrow(/unknown profile "nope"; known profiles: .*000118LP.*legacy-40um/);
    // Anything with a path separator or ending in .json is a profile file, never a name.
    expect(() => loadProfile("../package")).toThrow(/profile file \.\.\/package: cannot read it \(ENOENT\)/);
  });

  it("a path loads a profile file from anywhere, whatever its name says", () => {
    const dir = mkdtempSync(join(tmpdir(), "uvp-profile-"));
    const file = join(dir, "my camera.json");
    writeFileSync(file, JSON.stringify({ ...rawProfile("legacy-40um"), name: "my-camera" }));
    const p = loadProfile(file);
    expect(p.name).toBe("my-camera");
    expect(p.hw.classLowerBoundsUm[0]).toBe(40.3);
    writeFileSync(join(dir, "bad.json"), "{");
    expect(() => loadProfile(join(dir, "bad.json"))).toThrow(/bad\.json: not valid JSON/);
  });
});

describe("parseProfile: bad profiles", () => {
  it("names the profile and the field of a bad line", () => {
    const data = { ...rawProfile("000118LP"), hwConf: `HW_CONF,${REAL_HW.replace("2300.000", "abc")};` };
    try {
      parseProfile(data, "test.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigLineError);
      const err = e as ConfigLineError;
      expect(err.field).toBe("Aa");
      expect(err.index).toBe(17);
      expect(err.message).toBe('profile test.json: HW_CONF field 17 (Aa): "abc" is not a number');
    }
  });

  it("rejects a TAXO_CONF that is not the one the ACQ_CONF names", () => {
    const data = { ...rawProfile("000118LP"), taxoConf: `TAXO_CONF,${REAL_TAXO.replace("TAXO_NKE_0", "TAXO_NKE_1")};` };
    expect(() => parseProfile(data, "t")).toThrow(/Taxo_conf "TAXO_NKE_0" but the TAXO_CONF line is TAXO_NKE_1/);
  });

  it("reads the float's telemetry settings, with defaults, and refuses bad ones", () => {
    expect(loadProfile("000118LP").float).toEqual({ wmo: 4903634, serialHex: "0000", sbdMaxBytes: 340 });
    expect(loadProfile("000175LP").float).toEqual({ wmo: 0, serialHex: "0000", sbdMaxBytes: 340 });
    const base = rawProfile("000118LP");
    expect(parseProfile({ ...base, float: { serialHex: "3AA8" } }, "t").float.serialHex).toBe("3aa8");
    expect(() => parseProfile({ ...base, float: { serialHex: "4903634" } }, "t")).toThrow(/float.serialHex must be 4 hex digits/);
    expect(() => parseProfile({ ...base, float: { wmo: 4903634, sbdMaxBytes: 341 } }, "t")).toThrow(/float.sbdMaxBytes must be an integer from 100 to 340, got 341/);
    // The SBD noise-bounded mode: off unless a profile asks, in hundredths of the Poisson sd.
    expect(parseProfile({ ...base, float: { sbdNoiseFraction: 0.1 } }, "t").float.sbdNoiseFraction).toBe(0.1);
    expect(parseProfile({ ...base, float: { sbdNoiseFraction: 0 } }, "t").float).not.toHaveProperty("sbdNoiseFraction");
    for (const bad of [1.5, -0.1, 0.125, "0.1", Number.NaN]) {
      expect(() => parseProfile({ ...base, float: { sbdNoiseFraction: bad } }, "t")).toThrow(/float.sbdNoiseFraction must be a number from 0 to 1 in hundredths/);
    }
    expect(() => parseProfile({ ...base, float: { wmo: 2 ** 24 } }, "t")).toThrow(/float.wmo must be an integer from 0 to 16777215/);
    expect(() => parseProfile({ ...base, zones: { ...(base.zones as object), processing: ["decimate", "mean", "mean", "mean", "mean"] } }, "t")).toThrow(/"raw" \/ "decimated" \/ "mean"/);
  });

  it("checks the zone table, the park sampling and the frame", () => {
    const base = rawProfile("000118LP");
    const zones = base.zones as Record<string, unknown>;
    expect(() => parseProfile({ ...base, zones: { ...zones, processing: ["raw", "mean"] } }, "t")).toThrow(/zones.processing/);
    expect(() => parseProfile({ ...base, zones: { ...zones, processing: ["raw", "mean", "mean", "mean", "median"] } }, "t")).toThrow(
      /zones.processing/,
    );
    expect(() => parseProfile({ ...base, zones: { ...zones, boundariesDbar: [1, 500, 100, 1000] } }, "t")).toThrow(/boundariesDbar/);
    expect(() => parseProfile({ ...base, zones: { ...zones, sliceThicknessDbar: [1, 5, 10, 20] } }, "t")).toThrow(/sliceThicknessDbar/);
    expect(() => parseProfile({ ...base, park: { samplingPeriodS: 7200, imagesPerSample: 0, imageIntervalS: 5 } }, "t")).toThrow(
      /imagesPerSample/,
    );
    expect(() => parseProfile({ ...base, frame: { widthPx: 4000, heightPx: 2056 } }, "t")).toThrow(/frame.widthPx/);
    expect(() => parseProfile({ ...base, hwConf: 3 }, "t")).toThrow(/"hwConf" must be a string/);
    expect(() => parseProfile([], "t")).toThrow(/not a JSON object/);
    const { frame: _frame, ...noFrame } = base;
    expect(parseProfile(noFrame, "t").frame).toEqual({ widthPx: 2464, heightPx: 2056 });
  });
});
