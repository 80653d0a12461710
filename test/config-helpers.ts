// Shared fixtures and helpers for the test/config-*.test.ts files.
import { ConfigLineError } from "../host/config/configLine.js";

/** The real lines of UVP6-LP 000118LP (Argo float 4903634 meta file), bare as the meta file stores them. */
export const REAL_HW =
  "000118LP,0,UNDEFINED,0,000161VE2,1,250,,0.600,393857,10000,2,0,59,6,22,2300.000,1.136,73,0.720,20220331,202204070804,alice.pierret@imev-mer.fr,50.8,64,80.6,102,128,161,203,256,323,406,512,645,813,1020,1290,1630,2050,2580";
/** ACQ_NKE_3 of the same float. */
export const REAL_ACQ = "ACQ_NKE_3,1,2.000,2,0,0,1,0,2,813,1.5,40,10,0,1000,60,marc.picheral@imev-mer.fr,TAXO_NKE_0,0";
/** TAXO_NKE_0 of the same float. */
export const REAL_TAXO =
  "TAXO_NKE_0,Mglob_20220421,65535,20,93382,56693,85123,27642,45074,11514,13381,56317,11758,342,25942,85008,93973,84963,85076,85011,85024,93491,85039,85025,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0";
/** The 2022.01 example line of the RS232 specification (DOMAIN.md section 3). */
export const SPEC_HW =
  "HW_CONF,000175LP,0,UNDEFINED,0,000180VE2,0,250,,0.600,393857,10000,2,0,40000,0,16,2340.000,1.300,73,0.660,UNDEFINED,202204270906,someone@example.org,50.8,64,80.6,102,128,161,203,256,323,406,512,645,813,1020,1290,1630,2050,2580,ver2022.01;";
/** An illustrative pre-2022 line (two more fields, classes from 40.3 um). */
export const LEGACY_HW =
  "HW_CONF,000000LP,0,UNDEFINED,0,000000VE,1,150,250,,0.600,393819,10000,2,192.168.0.128,0,300,6,21,1130.000,1.310,73,0.630,20210301,202103011200,operator@example.org,40.3,50.8,64,80.6,102,128,161,203,256,323,406,512,645,813,1020,1290,1630,2050;";
/** An illustrative pre-2022 ACQ_CONF line (22 fields). */
export const LEGACY_ACQ = "ACQ_CONF,ACQ_LEGACY_1,1,2.000,1,1,0,0,1,0,10,2,645,1.5,10,10,0,1000,0,60,operator@example.org,0,380000;";

/** The 2022.01+ class bounds, um. */
export const BOUNDS_2022 = [50.8, 64, 80.6, 102, 128, 161, 203, 256, 323, 406, 512, 645, 813, 1020, 1290, 1630, 2050, 2580];

/** `line` (given with its keyword) with field `index` (keyword = 0) replaced by `value`. */
export function withField(line: string, index: number, value: string): string {
  const body = line.replace(/;$/, "").split(",");
  if (index >= body.length) throw new Error(`withField: no field ${index}`);
  body[index] = value;
  return body.join(",") + ";";
}

/** `line` with `n` fields removed from its end (the trailing ';' kept). */
export function dropLast(line: string, n: number): string {
  return line.replace(/;$/, "").split(",").slice(0, -n).join(",") + ";";
}

/** Runs `f`, which must throw a ConfigLineError, and returns it. */
export function lineError(f: () => unknown): ConfigLineError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigLineError) return e;
    throw e;
  }
  throw new Error("expected a ConfigLineError, nothing was thrown");
}
