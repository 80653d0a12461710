// The exact integer sums the 55 classification features are built from (FEATURES.md "Sums").
//
// Everything here is an exact integer: raw moments and grey-weighted raw moments are BigInt so no sum is
// ever rounded, whatever the object's size. Coordinates are relative to the region of interest (the
// mask's bounding box): x = column - xMin, y = row - yMin, 0-based, no half-pixel offset.

/** Raw moments sum of w * x^i * y^j over the object for i + j <= 3 (w = 1 for binary, grey for weighted). */
export interface RawMoments {
  m00: bigint;
  m10: bigint;
  m01: bigint;
  m20: bigint;
  m11: bigint;
  m02: bigint;
  m30: bigint;
  m21: bigint;
  m12: bigint;
  m03: bigint;
}

/** The exact sums of one object: its ROI, binary and grey-weighted raw moments, and grey histogram. */
export interface ObjectSums {
  /** ROI (bounding box of the mask) in vignette pixels: top-left corner, width and height. */
  roiXPx: number;
  roiYPx: number;
  roiWidthPx: number;
  roiHeightPx: number;
  /** M_ij = sum of x^i y^j; M_00 = N, the pixel count. */
  binary: RawMoments;
  /** G_ij = sum of p x^i y^j; G_00 = I, the integrated density. */
  grey: RawMoments;
  /** histogram[v] = number of object pixels with grey v (v = 0..255). */
  histogram: number[];
}

/** A RawMoments with every sum zero. */
export function zeroMoments(): RawMoments {
  return { m00: 0n, m10: 0n, m01: 0n, m20: 0n, m11: 0n, m02: 0n, m30: 0n, m21: 0n, m12: 0n, m03: 0n };
}

/** Adds weight * x^i * y^j to each raw moment of `moments` (x, y, weight: non-negative integers). */
export function addToMoments(moments: RawMoments, x: number, y: number, weight: number): void {
  const w = BigInt(weight);
  const bx = BigInt(x);
  const by = BigInt(y);
  moments.m00 += w;
  moments.m10 += w * bx;
  moments.m01 += w * by;
  moments.m20 += w * bx * bx;
  moments.m11 += w * bx * by;
  moments.m02 += w * by * by;
  moments.m30 += w * bx * bx * bx;
  moments.m21 += w * bx * bx * by;
  moments.m12 += w * bx * by * by;
  moments.m03 += w * by * by * by;
}

/** Exact sums of the pixels where mask is non-zero (ROI = the mask's bounding box); null for an empty mask. */
export function sumsOfMask(pixels: Uint8Array, widthPx: number, heightPx: number, mask: Uint8Array): ObjectSums | null {
  if (!(mask instanceof Uint8Array) || mask.length !== widthPx * heightPx) {
    throw new RangeError(`classify: mask must be a Uint8Array of widthPx * heightPx (${widthPx * heightPx}) entries`);
  }
  // Bounding box of the mask.
  let xMin = widthPx;
  let yMin = heightPx;
  let xMax = -1;
  let yMax = -1;
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      if (mask[y * widthPx + x] === 0) continue;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (xMax < 0) return null;

  const binary = zeroMoments();
  const grey = zeroMoments();
  const histogram = new Array<number>(256).fill(0);
  for (let row = yMin; row <= yMax; row++) {
    for (let column = xMin; column <= xMax; column++) {
      const index = row * widthPx + column;
      if (mask[index] === 0) continue;
      const p = pixels[index];
      const x = column - xMin;
      const y = row - yMin;
      addToMoments(binary, x, y, 1);
      addToMoments(grey, x, y, p);
      histogram[p] += 1;
    }
  }
  return {
    roiXPx: xMin,
    roiYPx: yMin,
    roiWidthPx: xMax - xMin + 1,
    roiHeightPx: yMax - yMin + 1,
    binary,
    grey,
    histogram,
  };
}
