// Thin adapter over the mission simulator's shape code (simulator/mission/missionShapes.ts) for drawing ONE
// object alone: the mission builders write into a shared ObjectMask through a RegionGrower; this module
// owns one such pair (the 512 x 512 grids are 2 MB, so they are allocated once) and copies each object out
// as plain arrays. Nothing of the mission code is changed or re-implemented: the same builders draw the
// same shapes (exact pixel area, one 8-connected set, every grey above the threshold).

import { buildCopepod, buildDarkSphere, buildFibre, buildParticle } from "../mission/missionShapes.js";
import { ObjectMask, RegionGrower } from "../mission/objectMask.js";
import type { Rng } from "../random.js";

/** Shapes the taxa dataset draws, by class index (see TAXA_NAMES in taxaDataset.ts). */
export type TaxaShape = "aggregate" | "copepod" | "fibre" | "dark-sphere";

/** One drawn object: local pixel coordinates (any origin) and greys, all of equal length. */
export interface DrawnObject {
  xs: Int32Array;
  ys: Int32Array;
  greys: Uint8Array;
  /** Inclusive bounding box of xs / ys. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

let shared: { mask: ObjectMask; grower: RegionGrower } | undefined;

function workspace(): { mask: ObjectMask; grower: RegionGrower } {
  if (shared === undefined) {
    const mask = new ObjectMask();
    shared = { mask, grower: new RegionGrower(mask) };
  }
  return shared;
}

/**
 * Draws one object of `shape` with exactly areaPx pixels using the mission's builder (meanGrey is used by
 * aggregates and copepods; fibres and dark spheres pick their own greys, as in a mission frame).
 */
export function drawObject(rng: Rng, shape: TaxaShape, areaPx: number, meanGrey: number, threshold: number): DrawnObject {
  const { mask, grower } = workspace();
  if (shape === "copepod") buildCopepod(grower, rng, areaPx, meanGrey, threshold);
  else if (shape === "fibre") buildFibre(grower, rng, areaPx, threshold);
  else if (shape === "dark-sphere") buildDarkSphere(grower, rng, areaPx, threshold);
  else buildParticle(grower, rng, areaPx, meanGrey, threshold);
  const n = mask.count;
  const b = mask.bounds();
  return {
    xs: mask.xs.slice(0, n),
    ys: mask.ys.slice(0, n),
    greys: mask.greys.slice(0, n),
    xMin: b.xMin,
    yMin: b.yMin,
    xMax: b.xMax,
    yMax: b.yMax,
  };
}
