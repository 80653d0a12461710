// The float's configuration blob: telemetry identity and limits, and the depth-zone table for slicing.
//
// Layout v1 (little-endian, 88 bytes), built by the host from a profile:
//   0 u32 magic 0x46505655 ('UVPF')   4 u16 version (1)   6 u16 length (88)
//   8 u32 float id (WMO number, < 2^24)   12 u16 cycle   14 u8 pattern   15 u8 zone count Z (1..8)
//  16 u16 SBD message limit, bytes (100..340)   18 u8 formats (bit 0 CTS5, bit 1 SBD)
//  19 u8 SBD noise code (0 lossless; 1..100: counts within code/100 of their Poisson sd, docs/operators.md)
//  20 f32 x 7 zone boundaries, dbar (first Z-1 used, increasing, > 0)
//  48 f32 x 8 slice thickness per zone, dbar (0.01..10000)   80 u8 x 8 processing per zone (0 RW, 1 DW, 2 AM)
//  (boundaries are at most 10000 dbar)

import { floatAlloc } from "./arena";
import { Status } from "../status";
import { MAX_ZONES, SBD_MAX_BYTES, SBD_MIN_BYTES } from "./constants";
import { NOISE_CODE_MAX } from "./noiseQuantiser";

/** 'UVPF' read as a little-endian u32. */
export const FLOAT_CONFIG_MAGIC: u32 = 0x46505655;
/** Length of a v1 float configuration. */
export const FLOAT_CONFIG_BYTES: u32 = 88;

/** Where the host writes the float configuration before floatConfigure. */
export const floatConfigInput: usize = floatAlloc(128);
const boundaries: usize = floatAlloc(MAX_ZONES << 2);
const thickness: usize = floatAlloc(MAX_ZONES << 2);
const processing: usize = floatAlloc(MAX_ZONES);

// The float configuration in force, written only by a successful applyFloatConfig.
export let floatConfigured = false;
export let floatId: u32 = 0;
export let cycleNumber: u32 = 0;
export let patternNumber: u32 = 0;
export let zoneCount: u32 = 0;
export let sbdLimitBytes: u32 = SBD_MAX_BYTES;
export let formatMask: u32 = 0;
/** SBD noise-bounded mode: 0 lossless (the default), else counts quantised to steps <= (code / 100) sqrt(N). */
export let sbdNoiseCode: u32 = 0;

/** Thinnest slice a zone may have (dbar): thinner ones would only number slices past any pressure sensor's resolution. */
export const MIN_THICKNESS_DBAR: f32 = 0.01;
/** Deepest zone boundary accepted (dbar), beyond any float's rating. */
export const MAX_BOUNDARY_DBAR: f32 = 10000;

// @ts-ignore: decorator
@inline function finitePositive(x: f32): bool {
  return x > 0 && x <= MAX_BOUNDARY_DBAR;
}

/** Takes the configuration out of force: the float waits for floatConfigure (after a prior-table change). */
export function floatUnconfigure(): void {
  floatConfigured = false;
}

/** Validates the blob of `lengthBytes` at floatConfigInput and puts it in force; the previous one stays on error. */
export function applyFloatConfig(lengthBytes: u32): Status {
  const p = floatConfigInput;
  if (lengthBytes != FLOAT_CONFIG_BYTES || load<u32>(p) != FLOAT_CONFIG_MAGIC) return Status.FLOAT_CONFIG_HEADER;
  if (load<u16>(p, 4) != 1 || <u32>load<u16>(p, 6) != FLOAT_CONFIG_BYTES) return Status.FLOAT_CONFIG_HEADER;
  const zones = <u32>load<u8>(p, 15);
  if (zones < 1 || zones > MAX_ZONES) return Status.FLOAT_CONFIG_ZONES;
  let previous: f32 = 0;
  for (let z: u32 = 0; z + 1 < zones; z++) {
    const b = load<f32>(p + 20 + (z << 2));
    if (!finitePositive(b) || !(b > previous)) return Status.FLOAT_CONFIG_ZONES;
    previous = b;
  }
  for (let z: u32 = 0; z < zones; z++) {
    const t = load<f32>(p + 48 + (z << 2));
    if (!(t >= MIN_THICKNESS_DBAR && t <= MAX_BOUNDARY_DBAR) || load<u8>(p + 80 + z) > 2) return Status.FLOAT_CONFIG_ZONES;
  }
  const id = load<u32>(p, 8);
  const limit = <u32>load<u16>(p, 16);
  const formats = <u32>load<u8>(p, 18);
  const noise = <u32>load<u8>(p, 19);
  if (id >= 1 << 24 || limit < SBD_MIN_BYTES || limit > SBD_MAX_BYTES || formats == 0 || formats > 3 || noise > NOISE_CODE_MAX) {
    return Status.FLOAT_CONFIG_TELEMETRY;
  }
  floatId = id;
  cycleNumber = <u32>load<u16>(p, 12);
  patternNumber = <u32>load<u8>(p, 14);
  zoneCount = zones;
  sbdLimitBytes = limit;
  formatMask = formats;
  sbdNoiseCode = noise;
  for (let z: u32 = 0; z < MAX_ZONES; z++) {
    store<f32>(boundaries + (z << 2), z + 1 < zones ? load<f32>(p + 20 + (z << 2)) : f32.MAX_VALUE);
    store<f32>(thickness + (z << 2), z < zones ? load<f32>(p + 48 + (z << 2)) : 1);
    store<u8>(processing + z, z < zones ? load<u8>(p + 80 + z) : 0);
  }
  floatConfigured = true;
  return Status.OK;
}

/** Zone (0-based) holding `pressureDbar`: the first whose lower boundary it is below; above all, the last. */
export function zoneOf(pressureDbar: f64): u32 {
  for (let z: u32 = 0; z + 1 < zoneCount; z++) {
    if (pressureDbar < <f64>load<f32>(boundaries + (z << 2))) return z;
  }
  return zoneCount - 1;
}

/** Top (shallowest pressure, dbar) of zone `z`; zone 0 starts at the surface, 0 dbar. */
export function zoneTopDbar(z: u32): f64 {
  return z == 0 ? 0 : <f64>load<f32>(boundaries + ((z - 1) << 2));
}

/** Slice thickness (dbar) of zone `z`. */
export function zoneThicknessDbar(z: u32): f64 {
  return <f64>load<f32>(thickness + (z << 2));
}

/** Processing code (0 RW, 1 DW, 2 AM) of zone `z`. */
export function zoneProcessing(z: u32): u32 {
  return <u32>load<u8>(processing + z);
}
