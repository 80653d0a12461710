// Central moments and Hu's seven invariants, from exact raw moments (FEATURES.md, features 27-54), in the
// camera's order of operations (FEATURES.md, "Evaluation order").
//
// The raw sums are converted to double once (BigInt -> Number rounds to nearest, like a u64 -> f64
// conversion). The mass (N or I) only ever enters through its reciprocal: the centroid is (1/mass) * sum,
// and the normalising power mass^(1 + (p+q)/2) is applied as a multiplication by (1/mass)^2, or by
// (1/mass)^2 * sqrt(1/mass) for order 3. Each product is evaluated left to right as written (JavaScript
// has no fused multiply-add), so the last bits are the camera's: they decide the sign of an exact-zero
// mu11 and the float32 rounding of values that sit on a tie.

import type { RawMoments } from "./sums.js";

/** The seven central moments of order 2 and 3, in FEATURES.md order. */
export interface CentralMoments {
  mu20: number;
  mu11: number;
  mu02: number;
  mu30: number;
  mu21: number;
  mu12: number;
  mu03: number;
}

/** A mass (N or I) as the camera uses it: its reciprocal and the centroid (reciprocal * first moments). */
export interface Centroid {
  reciprocal: number;
  x: number;
  y: number;
}

/** The centroid of raw moments, 1/m00 multiplied into m10 and m01 (not m10 / m00). */
export function centroidOf(raw: RawMoments): Centroid {
  const reciprocal = 1 / Number(raw.m00);
  return { reciprocal, x: reciprocal * Number(raw.m10), y: reciprocal * Number(raw.m01) };
}

/** Central moments about the centroid `c`, each term a left-to-right product, summed left to right. */
export function centralMoments(raw: RawMoments, c: Centroid): CentralMoments {
  const [m10, m01, m20, m11, m02] = [raw.m10, raw.m01, raw.m20, raw.m11, raw.m02].map(Number);
  const [m30, m21, m12, m03] = [raw.m30, raw.m21, raw.m12, raw.m03].map(Number);
  const { x, y } = c;
  const twoXX = 2 * x * x; // (2 * x) * x
  const twoYY = 2 * y * y;
  return {
    mu20: m20 - x * m10,
    mu11: m11 - x * m01,
    mu02: m02 - y * m01,
    mu30: m30 - 3 * x * m20 + twoXX * m10,
    mu21: m21 - 2 * x * m11 - y * m20 + twoXX * m01,
    mu12: m12 - 2 * y * m11 - x * m02 + twoYY * m10,
    mu03: m03 - 3 * y * m02 + twoYY * m01,
  };
}

/** Hu's invariants h1..h7 of central moments normalised by multiplying with powers of `reciprocal` = 1/mass. */
export function huInvariants(mu: CentralMoments, reciprocal: number): [number, number, number, number, number, number, number] {
  const second = reciprocal * reciprocal;
  const third = second * Math.sqrt(reciprocal);
  const n20 = mu.mu20 * second;
  const n11 = mu.mu11 * second;
  const n02 = mu.mu02 * second;
  const n30 = mu.mu30 * third;
  const n21 = mu.mu21 * third;
  const n12 = mu.mu12 * third;
  const n03 = mu.mu03 * third;

  // The camera's shared sub-expressions (FEATURES.md names them A..F), each evaluated once.
  const sumA = n30 + n12;
  const sumB = n21 + n03;
  const sqA = sumA * sumA;
  const sqB = sumB * sumB;
  const difC = n30 - 3 * n12;
  const difD = 3 * n21 - n03;
  const difE = n20 - n02;
  const fourN11 = 4 * n11;

  return [
    n20 + n02,
    difE * difE + n11 * fourN11,
    difC * difC + difD * difD,
    sqA + sqB,
    difC * sumA * (sqA - 3 * sqB) + difD * sumB * (3 * sqA - sqB),
    difE * (sqA - sqB) + fourN11 * sumA * sumB,
    difD * sumA * (sqA - 3 * sqB) - difC * sumB * (3 * sqA - sqB),
  ];
}
