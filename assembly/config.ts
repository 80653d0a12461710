// The configuration blob: layout, validation, and the tables derived from it.
//
// Layout v1 (little-endian, 120 bytes). The host builds it from HW_CONF / ACQ_CONF / TAXO_CONF.
//   0 u32  magic 0x43505655 ('UVPC')        4 u16 layout version (1)     6 u16 blob length (120)
//   8 u16  frame width px (1..2464)        10 u16 frame height px (1..2056)
//  12 u8   threshold (grey > threshold is foreground, 0..254)
//  13 u8   frames per bloc (1..255)        14 u16 black-frame interval, blocs (0 = none)
//  16 f64  Aa, um^2                         24 f64 Exp
//  32 f32  pixel size, um                   36 f32 image volume, L
//  40 f32 x 18  class lower bounds, ESD um (strictly increasing)
// 112 f32  vignette lower limit, ESD um   116 u16 max size for classification, px
// 118 u16  over-exposure limit, per mille of the frame's pixels above threshold (1..1000)

import { CONFIG_CAPACITY_BYTES, MAX_HEIGHT_PX, MAX_WIDTH_PX, NUM_CLASSES, SMALL_AREA_CLASSES } from "./constants";
import { Status } from "./status";

/** 'UVPC' read as a little-endian u32. */
export const CONFIG_MAGIC: u32 = 0x43505655;
/** The only layout version this firmware reads. */
export const CONFIG_VERSION: u16 = 1;
/** Length of a v1 blob in bytes. */
export const CONFIG_V1_BYTES: u32 = 120;
/** Area (px) used for "never reached": larger than any frame. */
export const AREA_UNREACHABLE: u32 = 0xffffffff;

/** Where the host writes the blob before calling configure. */
export const configInput: usize = memory.data(CONFIG_CAPACITY_BYTES, 8);
/** Minimum object area (px) of each class, derived from Aa, Exp and the class bounds. */
export const classMinAreaPx: usize = memory.data(NUM_CLASSES << 2, 4);
/** Class bin (u8: the class index, NUM_CLASSES below the first class) of each area below SMALL_AREA_CLASSES. */
const smallAreaClass: usize = memory.data(SMALL_AREA_CLASSES, 4);
/** Class bounds as validated, kept for the host to read back. */
const classBoundsUm: usize = memory.data(NUM_CLASSES << 2, 4);

// The configuration in force. Written only by a successful configure().
export let configured = false;
export let widthPx: u32 = 0;
export let heightPx: u32 = 0;
export let threshold: u32 = 0;
export let framesPerBloc: u32 = 0;
export let blackIntervalBlocs: u32 = 0;
export let aaUm2: f64 = 0;
export let expCalib: f64 = 0;
export let pixelSizeUm: f32 = 0;
export let imageVolumeL: f32 = 0;
export let vignetteLimitUm: f32 = 0;
export let vignetteMinAreaPx: u32 = 0;
export let maxClassifyAreaPx: u32 = 0;
export let overexposureLimitPx: u32 = 0;

// @ts-ignore: decorator
@inline function isPositiveFinite(x: f64): bool {
  return x > 0 && x < Infinity; // false for NaN too
}

/** ESD (um) of an object of `areaPx` pixels: S = Aa * area^Exp, ESD = 2 sqrt(S / pi). */
export function esdUm(areaPx: f64, aa: f64, exp: f64): f64 {
  return 2.0 * Math.sqrt((aa * Math.pow(areaPx, exp)) / Math.PI);
}

/** Smallest area in [1, maxArea] whose ESD reaches `boundUm`, or AREA_UNREACHABLE. */
function minAreaForEsd(boundUm: f64, aa: f64, exp: f64, maxArea: u32): u32 {
  if (esdUm(<f64>maxArea, aa, exp) < boundUm) return AREA_UNREACHABLE;
  let lo: u32 = 1;
  let hi: u32 = maxArea; // invariant: esd(hi) >= bound
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    if (esdUm(<f64>mid, aa, exp) >= boundUm) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Validates the blob in configInput and, if good, puts it in force; otherwise nothing changes. */
export function applyConfig(lengthBytes: u32): Status {
  if (lengthBytes < 8 || lengthBytes > CONFIG_CAPACITY_BYTES) return Status.CONFIG_LENGTH;
  const p = configInput;
  if (load<u32>(p, 0) != CONFIG_MAGIC) return Status.CONFIG_MAGIC;
  if (load<u16>(p, 4) != CONFIG_VERSION) return Status.CONFIG_VERSION;
  if (<u32>load<u16>(p, 6) != CONFIG_V1_BYTES || lengthBytes != CONFIG_V1_BYTES) return Status.CONFIG_LENGTH;

  const w = <u32>load<u16>(p, 8);
  const h = <u32>load<u16>(p, 10);
  if (w == 0 || h == 0 || w > MAX_WIDTH_PX || h > MAX_HEIGHT_PX) return Status.CONFIG_FRAME_SIZE;
  const thr = <u32>load<u8>(p, 12);
  if (thr > 254) return Status.CONFIG_THRESHOLD;
  const fpb = <u32>load<u8>(p, 13);
  if (fpb == 0) return Status.CONFIG_FRAMES_PER_BLOC;
  const aa = load<f64>(p, 16);
  const ex = load<f64>(p, 24);
  if (!isPositiveFinite(aa) || !isPositiveFinite(ex) || ex > 4.0) return Status.CONFIG_CALIBRATION;
  const pix = load<f32>(p, 32);
  const vol = load<f32>(p, 36);
  const vig = load<f32>(p, 112);
  if (!isPositiveFinite(<f64>pix) || !isPositiveFinite(<f64>vol) || !isPositiveFinite(<f64>vig)) {
    return Status.CONFIG_OPTICS;
  }
  let previous: f64 = 0;
  for (let k: u32 = 0; k < NUM_CLASSES; k++) {
    const b = <f64>load<f32>(p + 40 + (k << 2));
    if (!isPositiveFinite(b) || b <= previous) return Status.CONFIG_CLASS_BOUNDS;
    previous = b;
  }
  const overPermille = <u32>load<u16>(p, 118);
  if (overPermille == 0 || overPermille > 1000) return Status.CONFIG_OVEREXPOSURE_LIMIT;

  // Everything checked: put it in force.
  const frameArea = w * h;
  widthPx = w;
  heightPx = h;
  threshold = thr;
  framesPerBloc = fpb;
  blackIntervalBlocs = <u32>load<u16>(p, 14);
  aaUm2 = aa;
  expCalib = ex;
  pixelSizeUm = pix;
  imageVolumeL = vol;
  vignetteLimitUm = vig;
  maxClassifyAreaPx = <u32>load<u16>(p, 116);
  for (let k: u32 = 0; k < NUM_CLASSES; k++) {
    const b = load<f32>(p + 40 + (k << 2));
    store<f32>(classBoundsUm + (k << 2), b);
    store<u32>(classMinAreaPx + (k << 2), minAreaForEsd(<f64>b, aa, ex, frameArea));
  }
  for (let a: u32 = 0; a < SMALL_AREA_CLASSES; a++) store<u8>(smallAreaClass + a, <u8>binOfClass(classOfArea(a)));
  vignetteMinAreaPx = minAreaForEsd(<f64>vig, aa, ex, frameArea);
  // Over-exposed when foreground pixels exceed this many (exact integer rule, see README).
  overexposureLimitPx = <u32>((<u64>frameArea * <u64>overPermille) / 1000);
  configured = true;
  return Status.OK;
}

/** Class index (0..17) of an object of `areaPx` pixels, or -1 when below the first class. */
// @ts-ignore: decorator
@inline export function classOfArea(areaPx: u32): i32 {
  let k: i32 = -1;
  // 18 compares beat a search at this size and keep the loop branch-predictable.
  for (let i: u32 = 0; i < NUM_CLASSES; i++) {
    if (areaPx >= load<u32>(classMinAreaPx + (i << 2))) k = <i32>i;
  }
  return k;
}

/** Lower bound (um) of class k as configured. */
export function classBoundUm(k: u32): f32 {
  return k < NUM_CLASSES ? load<f32>(classBoundsUm + (k << 2)) : 0;
}

// @ts-ignore: decorator
@inline function binOfClass(k: i32): u32 {
  return k < 0 ? NUM_CLASSES : <u32>k;
}

/** Tally bin of an area: its class index, or NUM_CLASSES below the first class; small areas by table. */
// @ts-ignore: decorator
@inline export function classBinOfArea(areaPx: u32): u32 {
  return areaPx < SMALL_AREA_CLASSES ? <u32>load<u8>(smallAreaClass + areaPx) : binOfClass(classOfArea(areaPx));
}
