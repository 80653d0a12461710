// The worst frames the camera still labels: the costliest patterns for a run-based labeller with as
// many lit pixels as the over-exposure rule allows (a frame with more is reported over-exposed, and the
// firmware stops labelling it as soon as its running count passes the limit).
//
// Each pattern is lit in raster order until `litPx` pixels are lit, so the frame holds exactly that
// many (the pattern filling the top of the frame, the rest dark): pass the over-exposure limit in
// pixels for the densest frame that is not over-exposed, limit + 1 for the lightest that is.

import type { Rng } from "../random.js";
import { checkSize } from "./canvas.js";
import { WORST_CASE_GREY } from "./particles.js";

/** Patterns of the worst frames below the over-exposure limit. */
export type BelowLimitKind = "dots" | "stripes" | "checkerboard" | "noise";

/** The patterns, in the order the benchmark lists them, with what each costs a run-based labeller. */
export const BELOW_LIMIT_KINDS: ReadonlyArray<{ kind: BelowLimitKind; what: string }> = [
  { kind: "dots", what: "isolated 1-px dots on a 2 x 2 lattice: every lit pixel a run and an object" },
  { kind: "stripes", what: "1-px vertical stripes: 1,232 runs a row, each continuing an open object" },
  { kind: "checkerboard", what: "checkerboard: every run touches two runs of the row above" },
  { kind: "noise", what: "random noise at 20 % density: short runs of every shape, branches a processor cannot predict" },
];

/**
 * Density of the random-noise pattern: the costliest found by the density sweep of `npm run bench`
 * (bench/noiseDensityBench.ts). Sparser noise makes more runs per lit pixel, denser noise more runs that
 * touch the row above; about half the runs touching, at 20 %, is where a processor guesses worst.
 */
export const WORST_NOISE_DENSITY = 0.2;

/** Lit pixels of a frame at the over-exposure limit: the most a frame may hold and still be labelled. */
export function overexposureLimitPx(widthPx: number, heightPx: number, permille = 100): number {
  return Math.floor((widthPx * heightPx * permille) / 1000);
}

/**
 * A frame of `kind` with exactly `litPx` pixels lit (grey 255, background 0); `rng` drives the noise, lit
 * at `noiseDensity` (at least what spreads `litPx` over the whole frame) from the top of the frame down.
 */
export function belowLimitFrame(widthPx: number, heightPx: number, kind: BelowLimitKind, litPx: number, rng?: Rng, noiseDensity = WORST_NOISE_DENSITY): Uint8Array {
  checkSize(widthPx, heightPx);
  const area = widthPx * heightPx;
  if (!Number.isInteger(litPx) || litPx < 0 || litPx > area) throw new RangeError(`belowLimitFrame: litPx must be an integer in 0..${area}, got ${litPx}`);
  if (!(noiseDensity >= 0 && noiseDensity <= 1)) throw new RangeError(`belowLimitFrame: noiseDensity must be in 0..1, got ${noiseDensity}`);
  let on: (x: number, y: number) => boolean;
  if (kind === "dots") on = (x, y) => x % 2 === 0 && y % 2 === 0;
  else if (kind === "stripes") on = (x) => x % 2 === 0;
  else if (kind === "checkerboard") on = (x, y) => (x + y) % 2 === 0;
  else if (kind === "noise") {
    if (!rng) throw new RangeError("belowLimitFrame: noise needs an Rng");
    // At least a little denser than litPx / area, so that the count is reached within the frame.
    const p = Math.min(1, Math.max(noiseDensity, (litPx / area) * 1.02));
    on = () => rng.next() < p;
  } else throw new RangeError(`belowLimitFrame: unknown kind ${String(kind)}`);
  const px = new Uint8Array(area);
  let lit = 0;
  for (let pass = 0; pass < (kind === "noise" ? 2 : 1) && lit < litPx; pass++) {
    // A second pass (noise that fell short) lights the first dark pixels left, in raster order.
    for (let i = 0; i < area && lit < litPx; i++) {
      if (px[i] !== 0) continue;
      if (pass === 1 || on(i % widthPx, Math.floor(i / widthPx))) {
        px[i] = WORST_CASE_GREY;
        lit++;
      }
    }
  }
  if (lit < litPx) throw new RangeError(`belowLimitFrame: the ${kind} pattern holds only ${lit} of ${litPx} lit pixels at ${widthPx} x ${heightPx}`);
  return px;
}
