// Named profiles: profiles/<name>.json holds a camera's real HW_CONF / ACQ_CONF / TAXO_CONF lines and the
// float's depth-zone table. This module finds, lists, reads and checks them (format: profiles/README.md).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import { parseAcqConf, type AcqConf } from "./acqConf.js";
import { MAX_HEIGHT_PX, MAX_WIDTH_PX } from "./configBlob.js";
import { ConfigLineError } from "./configLine.js";
import { parseHwConf, type HwConf } from "./hwConf.js";
import { parseTaxoConf, type TaxoConf } from "./taxoConf.js";
import { parsePriorTableJson } from "../telemetry/sbd/priorTableJson.js";
import type { SbdPriorTable } from "../telemetry/sbd/priorTable.js";

/** How the float reduces a depth zone's blocs: kept one by one (RW), the first of each slice (DW), or averaged per slice (AM). */
export type ZoneProcessing = "raw" | "decimated" | "mean";
const PROCESSING: readonly ZoneProcessing[] = ["raw", "decimated", "mean"];

/** The float's depth zones: n boundaries make n + 1 zones, shallowest first. */
export interface ZoneTable {
  boundariesDbar: number[];
  sliceThicknessDbar: number[];
  processing: ZoneProcessing[];
}

/** Park-phase sampling: every `samplingPeriodS`, `imagesPerSample` images `imageIntervalS` apart. */
export interface ParkSampling {
  samplingPeriodS: number;
  imagesPerSample: number;
  imageIntervalS: number;
}

/** The float's telemetry identity and limit. */
export interface FloatTelemetrySettings {
  /** WMO id of the float (0 when the profile names none), < 2^24. */
  wmo: number;
  /** The float's serial number in 4 lower-case hex digits, the `xxxx` of its CTS5 file names (NKE sets it per
   *  float; it is not derived from the WMO id). DEFAULT_FLOAT_SERIAL when the profile gives none. */
  serialHex: string;
  /** Largest SBD message, bytes (100-340). */
  sbdMaxBytes: number;
  /** SBD noise-bounded mode: counts sent with steps of at most this fraction of their Poisson sd, in hundredths
   *  0-1 ("sbdNoiseFraction"; 0, the default, is lossless). */
  sbdNoiseFraction?: number;
}

/** Size of the frames the camera delivers. */
export interface FrameSize {
  widthPx: number;
  heightPx: number;
}

/** The three camera lines exactly as stored in the profile. */
export interface ProfileLines {
  hwConf: string;
  acqConf: string;
  taxoConf: string | null;
}

/** A loaded, checked profile: raw lines, their parsed form, frame size and zone table. */
export interface Profile {
  name: string;
  description: string;
  source: string;
  lines: ProfileLines;
  hw: HwConf;
  acq: AcqConf;
  /** Absent when the profile has no TAXO_CONF (classification off). */
  taxo?: TaxoConf;
  frame: FrameSize;
  zones: ZoneTable;
  park: ParkSampling;
  float: FloatTelemetrySettings;
  /** The SBD prior table the float codes its version-2 messages with ("sbdPriorTable": a file under profiles/). */
  sbdPriorTable?: SbdPriorTable;
}

/** The package's profiles/ folder. */
export function profilesDir(): string {
  return join(packageRoot(), "profiles");
}

/** Names of the profiles available (file names without .json), sorted. */
export function listProfiles(): string[] {
  return readdirSync(profilesDir())
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/** Whether `nameOrPath` names a profile file rather than a shipped profile: a path (with a separator) or a .json name. */
export function isProfilePath(nameOrPath: string): boolean {
  return /[\\/]/.test(nameOrPath) || /\.json$/i.test(nameOrPath);
}

/** Reads and checks a profile file anywhere (a camera's own profile, not copied into the package). */
export function loadProfileFile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`profile file ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`profile file ${path}: not valid JSON: ${(e as Error).message}`);
  }
  return parseProfile(data, path);
}

/** Reads and checks profiles/<name>.json, or a profile file when given a path (isProfilePath); unknown names get an error listing the known ones. */
export function loadProfile(name: string): Profile {
  if (isProfilePath(name)) return loadProfileFile(name);
  const known = listProfiles();
  if (!known.includes(name)) {
    throw new Error(`unknown profile ${JSON.stringify(name)}; known profiles: ${known.join(", ") || "(none)"} (or give the path of a profile file)`);
  }
  const path = join(profilesDir(), `${name}.json`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`profile ${name} (${path}): not valid JSON: ${(e as Error).message}`);
  }
  const profile = parseProfile(data, path);
  if (profile.name !== name) throw new Error(`profile ${name} (${path}): its "name" is ${JSON.stringify(profile.name)}`);
  const tableFile = (data as Record<string, unknown>).sbdPriorTable;
  if (tableFile !== undefined) {
    if (typeof tableFile !== "string") throw new Error(`profile ${name} (${path}): "sbdPriorTable" must be a file name under profiles/`);
    const tablePath = join(profilesDir(), tableFile);
    let text: string;
    try {
      text = readFileSync(tablePath, "utf8");
    } catch (e) {
      throw new Error(`profile ${name}: cannot read its SBD prior table ${tablePath} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    profile.sbdPriorTable = parsePriorTableJson(text, tablePath);
  }
  return profile;
}

/** Checks the JSON of a profile (`origin` names it in errors) and parses its lines. */
export function parseProfile(data: unknown, origin: string): Profile {
  const fail = (what: string): never => {
    throw new Error(`profile ${origin}: ${what}`);
  };
  const obj = asRecord(data) ?? fail("not a JSON object");
  const str = (key: string): string => (typeof obj[key] === "string" ? (obj[key] as string) : fail(`"${key}" must be a string`));
  const name = str("name");
  const lines: ProfileLines = {
    hwConf: str("hwConf"),
    acqConf: str("acqConf"),
    taxoConf: obj.taxoConf === null || obj.taxoConf === undefined ? null : str("taxoConf"),
  };
  const hw = withOrigin(origin, () => parseHwConf(lines.hwConf));
  const acq = withOrigin(origin, () => parseAcqConf(lines.acqConf));
  const taxo = lines.taxoConf === null ? undefined : withOrigin(origin, () => parseTaxoConf(lines.taxoConf as string));
  if (taxo && acq.taxoConfName !== taxo.name) {
    fail(`ACQ_CONF ${acq.name} uses Taxo_conf ${JSON.stringify(acq.taxoConfName)} but the TAXO_CONF line is ${taxo.name}`);
  }
  return {
    name,
    description: str("description"),
    source: str("source"),
    lines,
    hw,
    acq,
    ...(taxo ? { taxo } : {}),
    frame: readFrame(obj.frame, fail),
    zones: readZones(obj.zones, fail),
    park: readPark(obj.park, fail),
    float: readFloat(obj.float, fail),
  };
}

/** The SBD noise code (hundredths, 0-100) of a noise fraction, or null when it is not 0-1 in hundredths. */
export function noiseFractionCode(x: unknown): number | null {
  if (typeof x !== "number" || !(x >= 0 && x <= 1)) return null;
  const code = Math.round(x * 100);
  return Math.abs(x * 100 - code) < 1e-9 ? code : null;
}

/** The CTS5 file-name serial of a float whose profile gives none ("0000": no real float is known by it here). */
export const DEFAULT_FLOAT_SERIAL = "0000";

function readFloat(x: unknown, fail: (what: string) => never): FloatTelemetrySettings {
  if (x === undefined) return { wmo: 0, serialHex: DEFAULT_FLOAT_SERIAL, sbdMaxBytes: 340 };
  const f = asRecord(x) ?? fail(`"float" must be an object`);
  const wmo = f.wmo ?? 0;
  const serial = f.serialHex ?? DEFAULT_FLOAT_SERIAL;
  const sbdMaxBytes = f.sbdMaxBytes ?? 340;
  if (!isInt(wmo, 0, 0xffffff)) fail(`float.wmo must be an integer from 0 to 16777215, got ${JSON.stringify(wmo)}`);
  if (typeof serial !== "string" || !/^[0-9a-fA-F]{4}$/.test(serial)) fail(`float.serialHex must be 4 hex digits (the xxxx of the CTS5 file names), got ${JSON.stringify(serial)}`);
  if (!isInt(sbdMaxBytes, 100, 340)) fail(`float.sbdMaxBytes must be an integer from 100 to 340, got ${JSON.stringify(sbdMaxBytes)}`);
  const noise = f.sbdNoiseFraction ?? 0;
  if (noiseFractionCode(noise) === null) fail(`float.sbdNoiseFraction must be a number from 0 to 1 in hundredths (0 = lossless), got ${JSON.stringify(noise)}`);
  return { wmo: wmo as number, serialHex: (serial as string).toLowerCase(), sbdMaxBytes: sbdMaxBytes as number, ...(noise !== 0 ? { sbdNoiseFraction: noise as number } : {}) };
}

function asRecord(x: unknown): Record<string, unknown> | undefined {
  return typeof x === "object" && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

// Re-throws a line error with the profile named in its message; keeps its line, field and index.
function withOrigin<T>(origin: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ConfigLineError) throw new ConfigLineError(e.line, e.field, e.index, `profile ${origin}: ${e.message}`);
    throw e;
  }
}

function isInt(x: unknown, min: number, max: number): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;
}

function isPositive(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x) && x > 0;
}

function readFrame(x: unknown, fail: (what: string) => never): FrameSize {
  if (x === undefined) return { widthPx: MAX_WIDTH_PX, heightPx: MAX_HEIGHT_PX };
  const f = asRecord(x) ?? fail(`"frame" must be an object`);
  if (!isInt(f.widthPx, 1, MAX_WIDTH_PX)) fail(`frame.widthPx must be an integer in 1..${MAX_WIDTH_PX}`);
  if (!isInt(f.heightPx, 1, MAX_HEIGHT_PX)) fail(`frame.heightPx must be an integer in 1..${MAX_HEIGHT_PX}`);
  return { widthPx: f.widthPx as number, heightPx: f.heightPx as number };
}

function readZones(x: unknown, fail: (what: string) => never): ZoneTable {
  const z = asRecord(x) ?? fail(`"zones" must be an object`);
  const list = (key: string): unknown[] => (Array.isArray(z[key]) ? (z[key] as unknown[]) : fail(`zones.${key} must be an array`));
  const boundaries = list("boundariesDbar");
  boundaries.forEach((b, k) => {
    if (!isPositive(b) || (k > 0 && !(b > (boundaries[k - 1] as number)))) {
      fail(`zones.boundariesDbar must be positive and strictly increasing (entry ${k} is ${JSON.stringify(b)})`);
    }
  });
  const zoneCount = boundaries.length + 1;
  const thickness = list("sliceThicknessDbar");
  if (thickness.length !== zoneCount || !thickness.every(isPositive)) {
    fail(`zones.sliceThicknessDbar must hold ${zoneCount} positive numbers (one per zone)`);
  }
  const processing = list("processing");
  if (processing.length !== zoneCount || !processing.every((p) => PROCESSING.includes(p as ZoneProcessing))) {
    fail(`zones.processing must hold ${zoneCount} of ${PROCESSING.map((p) => JSON.stringify(p)).join(" / ")}`);
  }
  return {
    boundariesDbar: boundaries as number[],
    sliceThicknessDbar: thickness as number[],
    processing: processing as ZoneProcessing[],
  };
}

function readPark(x: unknown, fail: (what: string) => never): ParkSampling {
  const p = asRecord(x) ?? fail(`"park" must be an object`);
  if (!isPositive(p.samplingPeriodS)) fail("park.samplingPeriodS must be a positive number");
  if (!isInt(p.imagesPerSample, 1, 65535)) fail("park.imagesPerSample must be a positive integer");
  if (!isPositive(p.imageIntervalS)) fail("park.imageIntervalS must be a positive number");
  return {
    samplingPeriodS: p.samplingPeriodS as number,
    imagesPerSample: p.imagesPerSample as number,
    imageIntervalS: p.imageIntervalS as number,
  };
}
