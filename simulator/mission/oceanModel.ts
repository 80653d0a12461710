// The simulated ocean and camera environment as functions of pressure (DOMAIN.md 9 gives the ranges):
// particle concentration and spectral slope, water temperature, camera self-heating, particle grey level
// and the chance of a sunlight-glared (over-exposed) frame.

/** Parameters of the particle model (concentration of ESD >= 102 um, slope of n(d) ~ d^-b). */
export const PARTICLE_MODEL = {
  /** Concentration (#/L) of particles the camera counts with ESD >= 102 um, at the surface and at depth. */
  // Tuned so the replayed slices fall within float 4903634's real ranges (test/sim-realism.test.ts).
  surfaceConcentrationPerL: 800,
  deepConcentrationPerL: 15,
  /** e-folding depth of the excess over the deep value, dbar. */
  concentrationScaleDbar: 60,
  /** Slope b near the surface and at depth (steeper at depth: fewer large particles). */
  surfaceSlope: 3.5,
  deepSlope: 4.0,
  slopeScaleDbar: 300,
  /** ESD range the particles are drawn from, um. */
  minEsdUm: 50.8,
  maxEsdUm: 5000,
  /** ESD from which the concentration is counted, um. */
  countedFromEsdUm: 102,
} as const;

/** Concentration (#/L) of particles with ESD >= 102 um at a pressure: 15 + 785 exp(-P / 60) (800 at the surface, 15 deep). */
export function particleConcentrationPerL(pressureDbar: number): number {
  const m = PARTICLE_MODEL;
  const p = Math.max(0, pressureDbar);
  return m.deepConcentrationPerL + (m.surfaceConcentrationPerL - m.deepConcentrationPerL) * Math.exp(-p / m.concentrationScaleDbar);
}

/** Number-spectrum slope b (n(d) ~ d^-b) at a pressure: 4.0 - 0.5 exp(-P / 300) (3.5 at the surface, 4.0 deep). */
export function particleSlope(pressureDbar: number): number {
  const m = PARTICLE_MODEL;
  const p = Math.max(0, pressureDbar);
  return m.deepSlope - (m.deepSlope - m.surfaceSlope) * Math.exp(-p / m.slopeScaleDbar);
}

/** Share of a d^-b power law on [minUm, maxUm] lying at or above fromUm (b != 1). */
export function powerLawShareAbove(fromUm: number, slope: number, minUm: number, maxUm: number): number {
  if (fromUm <= minUm) return 1;
  if (fromUm >= maxUm) return 0;
  const k = 1 - slope;
  return (Math.pow(fromUm, k) - Math.pow(maxUm, k)) / (Math.pow(minUm, k) - Math.pow(maxUm, k));
}

/** Concentration (#/L) of particles with ESD >= esdUm at a pressure, from the continuous power law. */
export function particleConcentrationAbovePerL(pressureDbar: number, esdUm: number): number {
  const m = PARTICLE_MODEL;
  const b = particleSlope(pressureDbar);
  const share = powerLawShareAbove(esdUm, b, m.minEsdUm, m.maxEsdUm) / powerLawShareAbove(m.countedFromEsdUm, b, m.minEsdUm, m.maxEsdUm);
  return particleConcentrationPerL(pressureDbar) * share;
}

/** Water temperature, C: 4 C at depth warming to 14 C at the surface (4 + 10 exp(-P / 300)). */
export function waterTemperatureC(pressureDbar: number): number {
  return 4 + 10 * Math.exp(-Math.max(0, pressureDbar) / 300);
}

/** Camera self-heating above the water, C, after elapsedS of mission: 15 (1 - exp(-t / 4 h)). */
export function selfHeatingC(elapsedS: number): number {
  return 15 * (1 - Math.exp(-Math.max(0, elapsedS) / 14400));
}

// (ESD um, mean grey) anchors, interpolated linearly in log ESD: 1 / 2 / 3 / 4 px objects of the usual
// calibration (54 / 80 / 101 / 119 um) give the class 1-4 greys 32 / 39 / 47 / 54; 1-2 mm objects 80-90.
const GREY_ANCHORS: ReadonlyArray<readonly [number, number]> = [
  [54, 32],
  [80, 39],
  [101, 47],
  [119, 54],
  [250, 70],
  [500, 85],
  [1000, 82],
  [2000, 90],
  [5000, 100],
];

/** Typical mean grey of a particle of ESD esdUm (rises with size, DOMAIN.md 9). */
export function meanGreyForEsd(esdUm: number): number {
  const first = GREY_ANCHORS[0];
  const last = GREY_ANCHORS[GREY_ANCHORS.length - 1];
  if (esdUm <= first[0]) return first[1];
  if (esdUm >= last[0]) return last[1];
  let i = 1;
  while (GREY_ANCHORS[i][0] < esdUm) i++;
  const [d0, g0] = GREY_ANCHORS[i - 1];
  const [d1, g1] = GREY_ANCHORS[i];
  const t = Math.log(esdUm / d0) / Math.log(d1 / d0);
  return g0 + t * (g1 - g0);
}

/** Pressure (dbar) above which lit frames may be over-exposed by sunlight. */
export const GLARE_START_DBAR = 10;
/** Chance of an over-exposed lit frame at 0 dbar. */
export const GLARE_SURFACE_PROBABILITY = 0.3;

/** Chance that a lit frame at this pressure is over-exposed: 0 below 10 dbar, rising linearly to 0.3 at the surface. */
export function overexposureProbability(pressureDbar: number): number {
  if (pressureDbar >= GLARE_START_DBAR) return 0;
  return GLARE_SURFACE_PROBABILITY * (GLARE_START_DBAR - Math.max(0, pressureDbar)) / GLARE_START_DBAR;
}
