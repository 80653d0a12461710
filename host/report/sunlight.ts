// Where sunlight contaminates the small-object counts, from black and lit 1-2 px counts.
//
// Why black frames: they are taken without the flash, so what they count beyond the sensor's dark noise is
// ambient light; lit frames count that light too, plus real particles, so lit counts alone cannot tell a
// sunlit layer from a particle-rich one (float 4903634, cycle 10: lit 1-2 px counts are 2.5x the dark noise
// at 40 dbar from particles, while its black frames are dark below 20 dbar; cycle 46, taken at night, has
// no black excess at all). Definition:
// - small count per image: objects of the first two size classes (50.8-80.6 um with the 2022.01 classes,
//   i.e. 1- and 2-pixel objects) / images, for each BLACK record and each lit depth bin;
// - dark noise N0: median small count per image of the black records from 100 to 200 dbar, below any
//   sunlit layer (the real dark noise also changes with depth and with the record's image count, so it is
//   taken close above the layer tested); without such records, of the deepest half of the black records;
// - sunlight share at a black record: max(0, black - N0) / lit, lit being the small count per image of the
//   lit depth bin holding the record (the nearest lit bin when that one has none): the share of the lit
//   images' 1-2 px objects that ambient light accounts for;
// - a black record shallower than 200 dbar is sunlit when that share is above 10 % and its excess over N0 is
//   beyond the black counts' own scatter: 3 sigma, sigma being the record-to-record scatter of the black
//   records above 200 dbar (1.4826 x the median absolute deviation of the differences between consecutive
//   records, / sqrt 2: differences cancel the slow change with depth, and the median ignores the few sunlit
//   records and the odd dip). Real black records scatter by ~2 %, a simulated quarter-size frame's by ~14 %:
//   a chance high record must not read as light. Deeper records are never taken as sunlit (no daylight the
//   camera could see reaches there; real dark noise has 1.5x spikes there);
// - the sunlight depth is the pressure of the deepest sunlit black record: the shallowest depth below which
//   the share stays within 10 % at every black record. None when no record is sunlit (night, dark water).

/** Size classes counted as small objects (classes 1-2: 1- and 2-pixel objects). */
export const SMALL_CLASSES = 2;
/** Black records are taken as possibly sunlit only above this pressure (dbar). */
export const SUNLIGHT_SEARCH_DBAR = 200;
/** Dark noise comes from black records between these pressures (dbar). */
export const DARK_NOISE_LAYER_DBAR: readonly [number, number] = [100, 200];
/** Share of the lit small-object count above which a black record is sunlit. */
export const SUNLIGHT_SHARE_LIMIT = 0.1;
/** A sunlit record's excess over N0 must also exceed this many robust standard deviations of the black records' scatter. */
export const DARK_NOISE_SIGMAS = 3;

/** Small objects per image of one black record. */
export interface BlackSmall {
  pressureDbar: number;
  perImage: number;
}

/** Small objects per lit image in one depth bin. */
export interface LitSmall {
  topDbar: number;
  bottomDbar: number;
  perImage: number;
}

/** One black record judged. */
export interface SunlightPoint {
  pressureDbar: number;
  blackPerImage: number;
  /** Lit small objects per image at that depth; null without lit data. */
  litPerImage: number | null;
  /** Sunlight share of the lit count; null without lit data or dark noise. */
  share: number | null;
  sunlit: boolean;
}

/** The verdict. */
export interface SunlightResult {
  /** N0: dark noise, small objects per black image; null without black records. */
  darkNoisePerImage: number | null;
  /** Robust record-to-record standard deviation of the black counts above 200 dbar (0 with fewer than 4 records). */
  darkNoiseSigma: number;
  /** Which black records N0 comes from, in words. */
  darkNoiseFrom: string;
  points: SunlightPoint[];
  /** Pressure of the deepest sunlit black record; null when none is sunlit. */
  depthDbar: number | null;
  /** Pressure of the first black record below it (where the counts are clean), null if none. */
  cleanFromDbar: number | null;
  /** One sentence for the operator. */
  verdict: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** N0 and where it comes from. */
function darkNoise(black: readonly BlackSmall[]): { n0: number | null; from: string } {
  if (black.length === 0) return { n0: null, from: "no black records" };
  const [lo, hi] = DARK_NOISE_LAYER_DBAR;
  const layer = black.filter((b) => b.pressureDbar >= lo && b.pressureDbar < hi);
  if (layer.length > 0) return { n0: median(layer.map((b) => b.perImage)), from: `median of the ${layer.length} black records at ${lo}-${hi} dbar` };
  const byDepth = [...black].sort((a, b) => a.pressureDbar - b.pressureDbar);
  const deep = byDepth.slice(byDepth.length >> 1);
  const at = `${deep[0].pressureDbar.toFixed(0)}-${deep[deep.length - 1].pressureDbar.toFixed(0)} dbar`;
  return { n0: median(deep.map((b) => b.perImage)), from: `median of the deepest ${deep.length} black records (${at}; none at ${lo}-${hi} dbar)` };
}

/** Record-to-record scatter (robust standard deviation) of the black counts above SUNLIGHT_SEARCH_DBAR. */
function recordScatter(black: readonly BlackSmall[]): number {
  const v = black.filter((b) => b.pressureDbar < SUNLIGHT_SEARCH_DBAR).sort((a, b) => a.pressureDbar - b.pressureDbar).map((b) => b.perImage);
  if (v.length < 4) return 0;
  const d = v.slice(1).map((x, i) => x - v[i]);
  const m = median(d);
  return (1.4826 * median(d.map((x) => Math.abs(x - m)))) / Math.SQRT2;
}

/** Lit small objects per image at `p`: the bin holding it, else the nearest bin. */
function litAt(lit: readonly LitSmall[], p: number): number | null {
  const inside = lit.find((l) => p >= l.topDbar && p < l.bottomDbar);
  if (inside) return inside.perImage;
  let best: LitSmall | null = null;
  for (const l of lit) {
    if (!best || Math.abs((l.topDbar + l.bottomDbar) / 2 - p) < Math.abs((best.topDbar + best.bottomDbar) / 2 - p)) best = l;
  }
  return best ? best.perImage : null;
}

/** Judges every black record and gives the sunlight depth (see the definition at the top of this file). */
export function sunlightDepth(black: readonly BlackSmall[], lit: readonly LitSmall[]): SunlightResult {
  const { n0, from } = darkNoise(black);
  const sigma = recordScatter(black);
  const litWithImages = lit.filter((l) => Number.isFinite(l.perImage) && l.perImage > 0);
  const points = [...black]
    .sort((a, b) => a.pressureDbar - b.pressureDbar)
    .map((b): SunlightPoint => {
      const l = litAt(litWithImages, b.pressureDbar);
      const share = n0 === null || l === null ? null : Math.max(0, b.perImage - n0) / l;
      const beyondScatter = n0 !== null && b.perImage - n0 > DARK_NOISE_SIGMAS * sigma;
      const sunlit = share !== null && share > SUNLIGHT_SHARE_LIMIT && beyondScatter && b.pressureDbar < SUNLIGHT_SEARCH_DBAR;
      return { pressureDbar: b.pressureDbar, blackPerImage: b.perImage, litPerImage: l, share, sunlit };
    });
  const sunlit = points.filter((p) => p.sunlit);
  const depth = sunlit.length > 0 ? sunlit[sunlit.length - 1].pressureDbar : null;
  const clean = depth === null ? null : points.find((p) => p.pressureDbar > depth)?.pressureDbar ?? null;
  const limit = `${Math.round(SUNLIGHT_SHARE_LIMIT * 100)} %`;
  let verdict: string;
  if (n0 === null) verdict = "No black records: the sunlight depth cannot be judged.";
  else if (litWithImages.length === 0) verdict = "No lit images: the sunlight depth cannot be judged.";
  else if (depth === null) verdict = `No sunlight seen: at every black record above ${SUNLIGHT_SEARCH_DBAR} dbar, ambient light accounts for at most ${limit} of the lit 1-2 px counts, or stays within the black counts' own scatter.`;
  else {
    verdict = `Sunlight contaminates the 1-2 px counts down to ${depth.toFixed(1)} dbar (ambient light above ${limit} of the lit counts)` +
      (clean !== null ? `; clean from the next black record, ${clean.toFixed(1)} dbar.` : "; no black record below it to confirm clean counts.");
  }
  return { darkNoisePerImage: n0, darkNoiseSigma: sigma, darkNoiseFrom: from, points, depthDbar: depth, cleanFromDbar: clean, verdict };
}
