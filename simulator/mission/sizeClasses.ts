// The simulator's own size calibration (independent of the firmware): pixel area <-> ESD and size class.

import type { HwConf } from "../../host/config/hwConf.js";

/** ESD (um) of an object of areaPx pixels: S_um2 = Aa * area^Exp, ESD = 2 sqrt(S / pi). */
export function esdOfAreaUm(areaPx: number, aaUm2: number, exp: number): number {
  return 2 * Math.sqrt((aaUm2 * Math.pow(areaPx, exp)) / Math.PI);
}

/** Pixel area drawn for a particle of ESD esdUm: round((pi d^2 / 4 / Aa)^(1 / Exp)), at least 1. */
export function areaOfEsdPx(esdUm: number, aaUm2: number, exp: number): number {
  const area = Math.round(Math.pow((Math.PI * esdUm * esdUm) / 4 / aaUm2, 1 / exp));
  return area < 1 ? 1 : area;
}

/** Classifies pixel areas into the 18 HW_CONF classes (class bounds taken as f32, as the config blob stores them). */
export class SizeClasses {
  /** Class lower bounds, um, rounded to f32. */
  readonly boundsUm: readonly number[];
  private readonly cache: Int8Array;

  /** Builds the classifier for a camera's calibration; areas up to maxAreaPx are memoised. */
  constructor(
    readonly hw: Pick<HwConf, "aaUm2" | "exp" | "classLowerBoundsUm">,
    maxAreaPx = 65536,
  ) {
    this.boundsUm = hw.classLowerBoundsUm.map((b) => Math.fround(b));
    this.cache = new Int8Array(maxAreaPx + 1).fill(-2);
  }

  /** Number of classes (18). */
  get count(): number {
    return this.boundsUm.length;
  }

  /** ESD (um) of an area. */
  esdUm(areaPx: number): number {
    return esdOfAreaUm(areaPx, this.hw.aaUm2, this.hw.exp);
  }

  /** 0-based class of an area: the highest k with ESD >= bound_k, or -1 below the first bound. */
  classOfArea(areaPx: number): number {
    if (areaPx < this.cache.length) {
      const hit = this.cache[areaPx];
      if (hit !== -2) return hit;
    }
    const esd = this.esdUm(areaPx);
    let k = -1;
    for (let i = 0; i < this.boundsUm.length; i++) if (esd >= this.boundsUm[i]) k = i;
    if (areaPx < this.cache.length) this.cache[areaPx] = k;
    return k;
  }

  /** Smallest area (px) whose ESD reaches class k's bound (k in 0..17), searched up to maxAreaPx; Infinity if none. */
  minAreaOfClass(k: number, maxAreaPx = 1 << 24): number {
    const bound = this.boundsUm[k];
    if (this.esdUm(maxAreaPx) < bound) return Infinity;
    let lo = 1;
    let hi = maxAreaPx;
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.esdUm(mid) >= bound) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
