// The 55 classification features (FEATURES.md) of the kept region of the vignette, in uvpec's order.
//
// ROI = the kept region's own bounding box; x, y are column and row relative to its top-left corner.
// Sums are exact u64 integers (N, M_ij, G_ij, the histogram); each is converted to f64 once, and every
// formula is evaluated in f64 in the camera's own order of operations (FEATURES.md, "Evaluation order"):
// reciprocals r = 1/N and rg = 1/I multiply (centroid r * M_10, eigenvalue divider r / 2, normalisation
// r * r and r * r * sqrt(r)), cv is 100 * (sd / mean), each product left to right, no fused multiply-add
// (WebAssembly has none). That order fixes the last bits where the exact value is 0 or sits on a float32
// rounding tie (mu11 and the angle's sign, eccentricity, h7 of symmetric objects). Each result is rounded
// once to f32. Nothing is clamped: IEEE division gives inf / NaN where FEATURES.md says so (a zero range
// makes meanpos and sr NaN, a single pixel makes eccentricity NaN = sqrt(1 - 0/0)). No integer division
// and no float-to-integer conversion happen here, so nothing can trap.

import { FEATURES_RESERVED_BYTES, GREY_LEVELS, HISTOGRAM_RESERVED_BYTES } from "./constants";
import { inKeptRegion, vignetteBuffer } from "./vignette";

/** The 55 features of the last vignette, f32 in FEATURES.md order. */
export const featuresOut: usize = memory.data(FEATURES_RESERVED_BYTES, 16);
// Grey histogram of the kept region, u64 counts.
const histogram: usize = memory.data(HISTOGRAM_RESERVED_BYTES, 16);

// @ts-ignore: decorator
@inline function put(i: u32, v: f64): void { store<f32>(featuresOut + (<usize>i << 2), <f32>v); }
// @ts-ignore: decorator
@inline function hist(v: u32): u64 { return load<u64>(histogram + (<usize>v << 3)); }

// Raw sums of the kept region: binary M_ij and grey-weighted G_ij for i + j <= 3.
let m00: u64 = 0, m10: u64 = 0, m01: u64 = 0, m20: u64 = 0, m11: u64 = 0;
let m02: u64 = 0, m30: u64 = 0, m21: u64 = 0, m12: u64 = 0, m03: u64 = 0;
let g00: u64 = 0, g10: u64 = 0, g01: u64 = 0, g20: u64 = 0, g11: u64 = 0;
let g02: u64 = 0, g30: u64 = 0, g21: u64 = 0, g12: u64 = 0, g03: u64 = 0;

// Central moments of the last centralMoments() call.
let mu20: f64 = 0, mu11: f64 = 0, mu02: f64 = 0, mu30: f64 = 0, mu21: f64 = 0, mu12: f64 = 0, mu03: f64 = 0;

/** Sums over the kept region (root pixel `root`) inside the box [left..right] x [top..bottom]. */
function accumulate(widthPx: u32, thr: u32, root: u32, left: u32, top: u32, right: u32, bottom: u32): void {
  memory.fill(histogram, 0, GREY_LEVELS << 3);
  m00 = 0; m10 = 0; m01 = 0; m20 = 0; m11 = 0; m02 = 0; m30 = 0; m21 = 0; m12 = 0; m03 = 0;
  g00 = 0; g10 = 0; g01 = 0; g20 = 0; g11 = 0; g02 = 0; g30 = 0; g21 = 0; g12 = 0; g03 = 0;
  for (let row = top; row <= bottom; row++) {
    // Per-row sums over x (exact), folded into the moments with the row's y below.
    let n: u64 = 0, sx: u64 = 0, sx2: u64 = 0, sx3: u64 = 0;
    let sg: u64 = 0, sgx: u64 = 0, sgx2: u64 = 0, sgx3: u64 = 0;
    let p = row * widthPx + left;
    for (let col = left; col <= right; col++, p++) {
      const g = <u32>load<u8>(vignetteBuffer + <usize>p);
      if (g <= thr || !inKeptRegion(p, root)) continue;
      const x = <u64>(col - left);
      const x2 = x * x;
      const x3 = x2 * x;
      const gg = <u64>g;
      n += 1; sx += x; sx2 += x2; sx3 += x3;
      sg += gg; sgx += gg * x; sgx2 += gg * x2; sgx3 += gg * x3;
      const h = histogram + (<usize>g << 3);
      store<u64>(h, load<u64>(h) + 1);
    }
    const y = <u64>(row - top);
    const y2 = y * y;
    const y3 = y2 * y;
    m00 += n; m10 += sx; m01 += n * y; m20 += sx2; m11 += sx * y;
    m02 += n * y2; m30 += sx3; m21 += sx2 * y; m12 += sx * y2; m03 += n * y3;
    g00 += sg; g10 += sgx; g01 += sg * y; g20 += sgx2; g11 += sgx * y;
    g02 += sg * y2; g30 += sgx3; g21 += sgx2 * y; g12 += sgx * y2; g03 += sg * y3;
  }
}

/** Central moments from raw moments (as f64), centred on (cx, cy) = (rm * r10, rm * r01), rm = 1 / r00. */
// @ts-ignore: decorator
@inline function centralMoments(
  cx: f64, cy: f64, r10: f64, r01: f64, r20: f64, r11: f64, r02: f64, r30: f64, r21: f64, r12: f64, r03: f64,
): void {
  mu20 = r20 - cx * r10;
  mu11 = r11 - cx * r01;
  mu02 = r02 - cy * r01;
  mu30 = r30 - (3 * cx) * r20 + ((2 * cx) * cx) * r10;
  mu21 = r21 - (2 * cx) * r11 - cy * r20 + ((2 * cx) * cx) * r01;
  mu12 = r12 - (2 * cy) * r11 - cx * r02 + ((2 * cy) * cy) * r10;
  mu03 = r03 - (3 * cy) * r02 + ((2 * cy) * cy) * r01;
}

/** Stores the seven central moments at `at` and Hu's seven invariants after them (`recip` = 1 / mass). */
function putMomentsAndHu(at: u32, recip: f64): void {
  put(at, mu20); put(at + 1, mu11); put(at + 2, mu02);
  put(at + 3, mu30); put(at + 4, mu21); put(at + 5, mu12); put(at + 6, mu03);
  const r2 = recip * recip;
  const r3 = r2 * Math.sqrt(recip);
  const n20 = mu20 * r2;
  const n11 = mu11 * r2;
  const n02 = mu02 * r2;
  const n30 = mu30 * r3;
  const n21 = mu21 * r3;
  const n12 = mu12 * r3;
  const n03 = mu03 * r3;
  const A = n30 + n12;
  const B = n21 + n03;
  const A2 = A * A;
  const B2 = B * B;
  const C = n30 - 3 * n12;
  const D = 3 * n21 - n03;
  const E = n20 - n02;
  const F = 4 * n11;
  const h = at + 7;
  put(h, n20 + n02);
  put(h + 1, E * E + n11 * F);
  put(h + 2, C * C + D * D);
  put(h + 3, A2 + B2);
  put(h + 4, C * A * (A2 - 3 * B2) + D * B * (3 * A2 - B2));
  put(h + 5, E * (A2 - B2) + F * A * B);
  put(h + 6, D * A * (A2 - 3 * B2) - C * B * (3 * A2 - B2));
}

/** First grey v whose running count is > float32(fraction * N) (the count is exact). */
// @ts-ignore: decorator
@inline function histogramWalk(count: f64, fraction: f64): u32 {
  const limit = <f64><f32>(fraction * count);
  let running: u64 = 0;
  for (let v: u32 = 0; v < GREY_LEVELS; v++) {
    running += hist(v);
    if (<f64>running > limit) return v;
  }
  return GREY_LEVELS - 1; // unreachable: the running count ends at N > fraction * N
}

/** Computes the 55 features of the kept region (root pixel `root`, box left..right x top..bottom) into featuresOut. */
export function computeFeatures(
  widthPx: u32, thr: u32, root: u32, left: u32, top: u32, right: u32, bottom: u32,
): void {
  accumulate(widthPx, thr, root, left, top, right, bottom);

  // Grey statistics from the histogram.
  let sumSquares: u64 = 0;
  let mode: u32 = 0;
  let modeCount: u64 = 0;
  let minGrey: u32 = 0;
  let maxGrey: u32 = 0;
  let seen = false;
  for (let v: u32 = 0; v < GREY_LEVELS; v++) {
    const c = hist(v);
    if (c == 0) continue;
    sumSquares += c * <u64>(v * v);
    if (c > modeCount) { modeCount = c; mode = v; } // strictly larger: the smallest grey wins a tie
    if (!seen) { minGrey = v; seen = true; }
    maxGrey = v;
  }
  const N = <f64>m00;
  const I = <f64>g00;
  const mean = I / N;
  const width = <f64>(right - left + 1);
  const height = <f64>(bottom - top + 1);

  // Centroids by reciprocal multiplication, as the camera does.
  const r = 1 / N;
  const x = r * <f64>m10;
  const y = r * <f64>m01;
  const rg = 1 / I;
  const xm = rg * <f64>g10;
  const ym = rg * <f64>g01;

  put(0, N);
  put(1, width);
  put(2, height);
  put(3, mean);
  put(5, <f64>mode);
  put(6, <f64>minGrey);
  put(7, <f64>maxGrey);
  put(8, x);
  put(9, y);
  put(10, xm);
  put(11, ym);

  centralMoments(
    x, y, <f64>m10, <f64>m01, <f64>m20, <f64>m11, <f64>m02, <f64>m30, <f64>m21, <f64>m12, <f64>m03,
  );
  const s = mu20 - mu02;
  const a = mu20 + mu02;
  const d = Math.sqrt((4 * mu11) * mu11 + s * s);
  const q = r / 2;
  const l1 = (a + d) * q;
  const l2 = (a - d) * q;
  put(12, 4 * Math.sqrt(l1));
  put(13, 4 * Math.sqrt(l2));
  put(14, 0.5 * Math.atan2(2 * mu11, s));
  put(15, Math.sqrt(1 - l2 / l1));

  const stddev = Math.sqrt(<f64>sumSquares / N - mean * mean);
  const range = <f64>maxGrey - <f64>minGrey;
  const bboxArea = width * height;
  put(4, stddev);
  put(16, I);
  put(17, <f64>histogramWalk(N, 0.5));
  put(18, <f64>histogramWalk(N, 0.25));
  put(19, <f64>histogramWalk(N, 0.75));
  put(20, Math.sqrt((4 * N) / Math.PI));
  put(21, range);
  put(22, (mean - <f64>minGrey) / range);
  put(23, 100 * (stddev / mean));
  put(24, 100 * (stddev / range));
  put(25, bboxArea);
  put(26, N / bboxArea);

  putMomentsAndHu(27, r);
  centralMoments(
    xm, ym, <f64>g10, <f64>g01, <f64>g20, <f64>g11, <f64>g02, <f64>g30, <f64>g21, <f64>g12, <f64>g03,
  );
  putMomentsAndHu(41, rg);
}
