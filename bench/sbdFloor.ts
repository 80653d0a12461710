// The information floor of the real profiles' telemetry (docs/operators.md, "Where the floor is"): what no
// coder can avoid sending, under a stated model. Counts: the Poisson entropy of each count with its own
// value as the mean. Greys: the entropy of a mean of N object greys rounded to an integer, the object greys'
// spread per class estimated from the data. TAXO: the same for each category's objects, size sum and grey.
// Record fields (time, pressure, images, temperature): the empirical entropy of their residual from the
// previous record's trend, an ideal static code fitted to the very data it measures (so an under-estimate).
import type { LpmSlice, SliceKind, SliceRecord, TaxoSlice } from "../host/telemetry/types.js";

const LOG2E = Math.log2(Math.E);

/** Entropy (bits) of a Poisson variable of mean mu: exact sum below 60, Stirling's series above. */
export function poissonEntropyBits(mu: number): number {
  if (!(mu > 0)) return 0;
  if (mu > 60) return 0.5 * Math.log2(2 * Math.PI * Math.E * mu) - 1 / (12 * mu * Math.LN2);
  let h = 0;
  let logP = -mu;
  const end = mu + 20 * Math.sqrt(mu) + 20;
  for (let k = 0; k < end; k++) {
    if (k > 0) logP += Math.log(mu) - Math.log(k);
    const p = Math.exp(logP);
    if (p > 0) h -= p * logP * LOG2E;
  }
  return h;
}

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7): enough for entropies quoted to 0.01 B.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
const normalCdf = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));

/** Entropy (bits) of a normal value of standard deviation `sd` rounded to an integer, averaged over where its mean
 *  falls between two integers; 0.5 log2(2 pi e sd^2) once sd > 3. */
export function roundedNormalEntropyBits(sd: number): number {
  if (!(sd > 0)) return 0;
  if (sd > 3) return 0.5 * Math.log2(2 * Math.PI * Math.E * sd * sd);
  const offsets = 8;
  let total = 0;
  for (let o = 0; o < offsets; o++) {
    const x = o / offsets;
    const reach = Math.ceil(8 * sd) + 2;
    for (let k = -reach; k <= reach; k++) {
      const p = normalCdf((k + 0.5 - x) / sd) - normalCdf((k - 0.5 - x) / sd);
      if (p > 1e-15) total -= p * Math.log2(p);
    }
  }
  return total / offsets;
}

/** Object-grey spread (sd) per LPM class, from consecutive records where both counts are 1-30 (noise-dominated):
 *  var(g2 - g1) = sd^2 (1/N1 + 1/N2). Classes with fewer than 5 such pairs take the nearest estimated class below
 *  (or `fallback`); their counts are large, so their greys' floor is small whichever sd they get. */
export function greySpreadPerClass(profiles: readonly (readonly SliceRecord[])[], fallback = 20): number[] {
  const sd: number[] = [];
  for (let k = 0; k < 18; k++) {
    let sum = 0;
    let pairs = 0;
    for (const records of profiles) {
      const lpm = records.filter((r): r is LpmSlice => r.kind === "lpm");
      for (let i = 1; i < lpm.length; i++) {
        const a = lpm[i - 1].counts[k];
        const b = lpm[i].counts[k];
        if (a >= 1 && b >= 1 && a <= 30 && b <= 30) {
          const d = lpm[i].grey[k] - lpm[i - 1].grey[k];
          sum += (d * d) / (1 / a + 1 / b);
          pairs++;
        }
      }
    }
    sd.push(pairs >= 5 ? Math.sqrt(sum / pairs) : NaN);
  }
  const firstKnown = sd.find((s) => s > 0) ?? fallback;
  for (let k = 0; k < 18; k++) if (!(sd[k] > 0)) sd[k] = k > 0 && sd[k - 1] > 0 ? sd[k - 1] : firstKnown;
  return sd;
}

/** Spread of single objects' size and grey per TAXO category, from categories holding one object, as 1.4826 x the
 *  median absolute deviation (sizes are heavy-tailed: an sd would let a few giants inflate the floor). Categories
 *  with fewer than 5 single objects take the spread of all categories pooled. */
export function taxoSpreadPerCategory(profiles: readonly (readonly SliceRecord[])[]): { size: number[]; grey: number[] } {
  const sizes: number[][] = Array.from({ length: 40 }, () => []);
  const greys: number[][] = Array.from({ length: 40 }, () => []);
  for (const records of profiles) {
    for (const r of records) {
      if (r.kind !== "taxo") continue;
      for (const c of r.categories) {
        if (c.objects !== 1 || !Number.isFinite(c.meanSize)) continue;
        sizes[c.index].push(c.meanSize);
        greys[c.index].push(c.meanGrey);
      }
    }
  }
  const pooledSize = robustSd(sizes.flat());
  const pooledGrey = robustSd(greys.flat());
  return {
    size: sizes.map((v) => (v.length >= 5 ? robustSd(v) : pooledSize)),
    grey: greys.map((v) => (v.length >= 5 ? robustSd(v) : pooledGrey)),
  };
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** 1.4826 x the median absolute deviation: the sd of a normal sample, robust to outliers. */
export function robustSd(v: readonly number[]): number {
  const m = median(v);
  return 1.4826 * median(v.map((x) => Math.abs(x - m)));
}

/** Zeroth-order empirical entropy (bits per value) of a list of integers. */
export function empiricalEntropyBits(values: readonly number[]): number {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let h = 0;
  for (const f of freq.values()) h -= (f / values.length) * Math.log2(f / values.length);
  return h;
}

/** The record fields' residuals from the previous record of the same kind (time step change, pressure step change,
 *  images change, temperature change), pooled over the given profiles. */
function fieldResiduals(profiles: readonly (readonly SliceRecord[])[]): Record<string, number[]> {
  const out: Record<string, number[]> = { time: [], pressure: [], images: [], temperature: [] };
  for (const records of profiles) {
    for (const kind of ["lpm", "black", "taxo"] as SliceKind[]) {
      const list = records.filter((r) => r.kind === kind);
      for (let i = 2; i < list.length; i++) {
        const [a, b, c] = [list[i - 2], list[i - 1], list[i]];
        const p = (r: SliceRecord) => Math.round((r.pressureDbar + 100) * 10);
        out.time.push(c.timeS - 2 * b.timeS + a.timeS);
        out.pressure.push(p(c) - 2 * p(b) + p(a));
        out.images.push(c.images - b.images);
        if (c.kind !== "taxo" && b.kind !== "taxo") out.temperature.push(Math.round((c.temperatureC - b.temperatureC) * 1000));
      }
    }
  }
  return out;
}

/** Floor of one profile, bits, per kind and per field family. */
export interface ProfileFloor {
  /** Bits per kind. */
  kinds: Record<SliceKind, number>;
  /** Bits per family: counts, greys, fields (time, pressure, images, temperature), taxo. */
  families: Record<string, number>;
  records: Record<SliceKind, number>;
}

/** The model's parameters, estimated once from every profile (the spreads) and applied to each. */
export interface FloorModel {
  greySd: number[];
  taxo: { size: number[]; grey: number[] };
  /** Bits per record of each record field. */
  fieldBits: Record<string, number>;
}

/** Estimates the floor model's spreads and field entropies from the given profiles. */
export function floorModel(profiles: readonly (readonly SliceRecord[])[]): FloorModel {
  const residuals = fieldResiduals(profiles);
  return {
    greySd: greySpreadPerClass(profiles),
    taxo: taxoSpreadPerCategory(profiles),
    fieldBits: Object.fromEntries(Object.entries(residuals).map(([k, v]) => [k, empiricalEntropyBits(v)])),
  };
}

/** The floor of one profile's records under `model`. */
export function profileFloor(records: readonly SliceRecord[], model: FloorModel): ProfileFloor {
  const kinds: Record<SliceKind, number> = { lpm: 0, black: 0, taxo: 0 };
  const counts: Record<SliceKind, number> = { lpm: 0, black: 0, taxo: 0 };
  const families: Record<string, number> = { counts: 0, greys: 0, fields: 0, taxo: 0 };
  const f = model.fieldBits;
  for (const r of records) {
    counts[r.kind]++;
    const fields = f.time + f.pressure + f.images + (r.kind === "taxo" ? 0 : f.temperature);
    let bits = fields;
    families.fields += fields;
    if (r.kind === "taxo") {
      const t = taxoBits(r, model);
      families.taxo += t;
      bits += t;
    } else {
      for (const n of r.counts) {
        const h = poissonEntropyBits(n);
        families.counts += h;
        bits += h;
      }
      if (r.kind === "lpm") {
        r.counts.forEach((n, k) => {
          if (n <= 0) return;
          const h = roundedNormalEntropyBits(model.greySd[k] / Math.sqrt(n));
          families.greys += h;
          bits += h;
        });
      }
    }
    kinds[r.kind] += bits;
  }
  return { kinds, families, records: counts };
}

function taxoBits(r: TaxoSlice, model: FloorModel): number {
  let bits = 0;
  for (const c of r.categories) {
    if (c.objects <= 0) continue;
    bits += poissonEntropyBits(c.objects);
    // The size sum of N objects spreads as sd * sqrt(N); the mean grey as sd / sqrt(N).
    bits += roundedNormalEntropyBits(model.taxo.size[c.index] * Math.sqrt(c.objects));
    bits += roundedNormalEntropyBits(model.taxo.grey[c.index] / Math.sqrt(c.objects));
  }
  return bits;
}
