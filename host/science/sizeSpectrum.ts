// Particle size spectra: concentrations and the power-law slope b of n(d) ~ d^-b, from class counts.

/** Relative tolerance matching a nominal size (102, 512, 2050 um) with a class bound (101.6 matches 102). */
const BOUND_TOLERANCE = 0.01;

/** Lower and upper ESD (um) of each class; the last class has no upper bound and is left out of fits. */
export function classEdgesUm(boundsUm: readonly number[]): Array<[number, number]> {
  return boundsUm.slice(0, -1).map((lo, k) => [lo, boundsUm[k + 1]]);
}

/** Particles per litre with ESD >= `minEsdUm`: counts of the classes from the one starting there, / (images x volume). */
export function concentrationPerL(counts: readonly number[], boundsUm: readonly number[], images: number, volumeL: number, minEsdUm: number): number {
  if (images <= 0 || volumeL <= 0) return Number.NaN;
  let n = 0;
  boundsUm.forEach((lo, k) => {
    if (lo >= minEsdUm * (1 - BOUND_TOLERANCE)) n += counts[k];
  });
  return n / (images * volumeL);
}

/** Slope b of n(d) ~ d^-b (NaN when fewer than 3 classes have counts); see fitSpectralSlope. */
export function spectralSlope(counts: readonly number[], boundsUm: readonly number[], fromUm = 102, toUm = 2050): number {
  return fitSpectralSlope(counts, boundsUm, fromUm, toUm).slopeB ?? Number.NaN;
}

/**
 * Slope b of n(d) ~ d^-b: unweighted least squares of ln(count_k / width_k) on ln(geometric mid_k) over
 * the closed classes lying within [fromUm, toUm] (102-2050 um by default: 13 classes of the 2022.01 list),
 * classes with no count left out; null when fewer than 3 classes have counts. Dividing the counts by
 * images x volume only shifts the intercept, so raw counts give the same b.
 */
export function fitSpectralSlope(counts: readonly number[], boundsUm: readonly number[], fromUm = 102, toUm = 2050): { slopeB: number | null; classes: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  classEdgesUm(boundsUm).forEach(([lo, hi], k) => {
    if (lo < fromUm * (1 - BOUND_TOLERANCE) || hi > toUm * (1 + BOUND_TOLERANCE) || !(counts[k] > 0)) return;
    xs.push(Math.log(Math.sqrt(lo * hi)));
    ys.push(Math.log(counts[k] / (hi - lo)));
  });
  if (xs.length < 3) return { slopeB: null, classes: xs.length };
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i] - my);
    sxx += (x - mx) ** 2;
  });
  return { slopeB: -sxy / sxx, classes: xs.length };
}

/**
 * The ESD range (um) of the particles that land in each class once their areas are whole pixels:
 * area round(a(d)) >= m exactly when a(d) >= m - 0.5, so the class of areas m_k .. m_{k+1} - 1 holds
 * d in [d(m_k - 0.5), d(m_{k+1} - 0.5)). Small classes hold only a few areas (102-128 um: only 4 px,
 * i.e. 110-127 um), so nominal bounds bias a fitted slope by 0.1-0.4; these edges do not.
 * Returns edges for classes first..last (last + 2 - first values); minAreasPx as the firmware derives them.
 */
export function effectiveClassEdgesUm(minAreasPx: readonly number[], aaUm2: number, exp: number, first: number, last: number): number[] {
  const esd = (areaPx: number) => 2 * Math.sqrt((aaUm2 * Math.max(areaPx, 0) ** exp) / Math.PI);
  const edges: number[] = [];
  for (let k = first; k <= last + 1; k++) edges.push(esd(minAreasPx[k] - 0.5));
  return edges;
}

/** Maximum-likelihood slope b of n(d) ~ d^-b from counts in bins [edges_i, edges_i+1) (golden-section search over 1.5-6). */
export function fitSlopeMaxLikelihood(counts: readonly number[], edgesUm: readonly number[]): number {
  const logLikelihood = (b: number): number => {
    const k = 1 - b;
    const total = edgesUm[0] ** k - edgesUm[edgesUm.length - 1] ** k;
    let ll = 0;
    counts.forEach((n, i) => {
      if (n > 0) ll += n * Math.log((edgesUm[i] ** k - edgesUm[i + 1] ** k) / total);
    });
    return ll;
  };
  let lo = 1.5;
  let hi = 6;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 100; it++) {
    const a = hi - g * (hi - lo);
    const c = lo + g * (hi - lo);
    if (logLikelihood(a) > logLikelihood(c)) hi = c;
    else lo = a;
  }
  return (lo + hi) / 2;
}
