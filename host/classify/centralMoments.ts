// Central moments and Hu's seven invariants, from exact raw moments (FEATURES.md, features 27-54).
//
// Every formula is evaluated in double precision exactly as FEATURES.md writes it, in left-to-right
// (C / JavaScript) operator order, with a square x^2 written x * x. The raw sums are converted to
// double once (BigInt -> Number rounds to nearest, like a u64 -> f64 conversion). The normalising power
// mass^(1 + (p+q)/2) is mass * mass for p+q = 2 and mass * mass * sqrt(mass) for p+q = 3: only correctly
// rounded IEEE operations, so the result does not depend on a platform's pow().

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

/** Central moments centred on (m10/m00, m01/m00), per FEATURES.md's expansion of the raw moments. */
export function centralMoments(raw: RawMoments): CentralMoments {
  const m00 = Number(raw.m00);
  const m10 = Number(raw.m10);
  const m01 = Number(raw.m01);
  const m20 = Number(raw.m20);
  const m11 = Number(raw.m11);
  const m02 = Number(raw.m02);
  const m30 = Number(raw.m30);
  const m21 = Number(raw.m21);
  const m12 = Number(raw.m12);
  const m03 = Number(raw.m03);
  const xc = m10 / m00;
  const yc = m01 / m00;
  return {
    mu20: m20 - xc * m10,
    mu11: m11 - xc * m01,
    mu02: m02 - yc * m01,
    mu30: m30 - 3 * xc * m20 + 2 * xc * xc * m10,
    mu21: m21 - 2 * xc * m11 - yc * m20 + 2 * xc * xc * m01,
    mu12: m12 - 2 * yc * m11 - xc * m02 + 2 * yc * yc * m10,
    mu03: m03 - 3 * yc * m02 + 2 * yc * yc * m01,
  };
}

/** Hu's invariants h1..h7 of central moments normalised by mass (N or I): n_pq = mu_pq / mass^(1+(p+q)/2). */
export function huInvariants(mu: CentralMoments, mass: number): [number, number, number, number, number, number, number] {
  const order2 = mass * mass;
  const order3 = mass * mass * Math.sqrt(mass);
  const n20 = mu.mu20 / order2;
  const n11 = mu.mu11 / order2;
  const n02 = mu.mu02 / order2;
  const n30 = mu.mu30 / order3;
  const n21 = mu.mu21 / order3;
  const n12 = mu.mu12 / order3;
  const n03 = mu.mu03 / order3;

  // Sub-expressions that FEATURES.md repeats, each evaluated once the same way.
  const a = n30 - 3 * n12; // (n30 - 3 n12)
  const b = 3 * n21 - n03; // (3 n21 - n03)
  const s = n30 + n12; // (n30 + n12)
  const t = n21 + n03; // (n21 + n03)
  const d = n20 - n02; // (n20 - n02)

  const h1 = n20 + n02;
  const h2 = d * d + 4 * n11 * n11;
  const h3 = a * a + b * b;
  const h4 = s * s + t * t;
  const h5 = a * s * (s * s - 3 * t * t) + b * t * (3 * s * s - t * t);
  const h6 = d * (s * s - t * t) + 4 * n11 * s * t;
  const h7 = b * s * (s * s - 3 * t * t) - a * t * (3 * s * s - t * t);
  return [h1, h2, h3, h4, h5, h6, h7];
}
