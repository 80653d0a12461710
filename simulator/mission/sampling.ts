// Random draws of the particle population: Poisson counts and power-law ESDs.

import type { Rng } from "../random.js";

/** Poisson-distributed count of mean `mean`: exact (Knuth) below 30, rounded normal approximation above. */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng.next();
    while (p > limit) {
      k++;
      p *= rng.next();
    }
    return k;
  }
  return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
}

/** ESD (um) drawn from n(d) ~ d^-slope truncated to [minUm, maxUm] (inverse CDF; slope != 1). */
export function samplePowerLawEsdUm(rng: Rng, slope: number, minUm: number, maxUm: number): number {
  const k = 1 - slope;
  const lo = Math.pow(minUm, k);
  const hi = Math.pow(maxUm, k);
  return Math.pow(lo + rng.next() * (hi - lo), 1 / k);
}
