// A labelled dataset of simulated vignettes of the demo classifier's taxa, drawn with the mission
// simulator's own shape code (taxaShapes.ts -> simulator/mission/missionShapes.ts):
//   0 aggregate    irregular round blob (random ellipse, wavy ragged rim), brighter core, +-10 % texture;
//   1 copepod      elongated bright body, two dim 1-px antennae from the front, a tail from the back;
//   2 fibre        long thin curved line, 2 px wide (1 px below 40 px of area), grey 35-70;
//   3 dark sphere  round and smooth, every grey threshold + 1..4 (just above the threshold).
// Orientation is random (each builder draws its own axis / direction).
//
// Sizes: the firmware makes a vignette only for objects whose ESD reaches the ACQ_CONF vignetting lower
// limit (813 um for profile 000118LP), so every object's ESD is at least that: an ESD is drawn
// log-uniformly in the class's range (TAXA_MAX_ESD_UM; fibres up to the mission's FIBRE_MAX_AREA_PX), its
// area is round((pi d^2 / 4 / Aa)^(1 / Exp)) (the simulator's calibration, sizeClasses.ts), raised if
// rounding took it below the limit. 000118LP (Aa 2300, Exp 1.136): 118 px at 813 um, ~1,900 px at 4 mm.
// Greys: meanGreyForEsd (oceanModel.ts) for aggregates and copepods, as in a mission frame.
//
// Vignette: the object's bounding box plus a 2-px margin, background = the mission's sub-threshold sensor
// noise (greys 2-10, never above the threshold). The firmware cuts the object's bounding box out of the
// frame, so a neighbour may poke into it: with probability INTRUDER_SHARE (or when asked) a piece of a
// second object (any taxon, 15-90 % of the main area) is drawn entering the box from one side, never
// touching the main object (not even diagonally) and always smaller than it, so "the largest region" the
// classifier keeps is still exactly the main object. If no such placement is found in a few tries, the
// vignette has no intruder (`intruded` false).
//
// Determinism: everything comes from the Rng passed in; taxaDataset forks one stream per vignette from
// Rng(seed), so a vignette does not depend on how much randomness the ones before it used.

import type { AcqConf } from "../../host/config/acqConf.js";
import type { HwConf } from "../../host/config/hwConf.js";
import { largestRegion } from "../../host/classify/regions.js";
import { fillBackground } from "../mission/background.js";
import { COPEPOD_MIN_AREA_PX, FIBRE_MAX_AREA_PX } from "../mission/missionShapes.js";
import { meanGreyForEsd } from "../mission/oceanModel.js";
import { areaOfEsdPx, esdOfAreaUm } from "../mission/sizeClasses.js";
import { Rng } from "../random.js";
import { drawObject, type TaxaShape } from "./taxaShapes.js";

/** Class names of the demo classifier, by class index. */
export const TAXA_NAMES: readonly string[] = Object.freeze(["aggregate", "copepod", "fibre", "dark sphere"]);

/** Shape drawn for each class index. */
export const TAXA_SHAPES: readonly TaxaShape[] = Object.freeze(["aggregate", "copepod", "fibre", "dark-sphere"] as const);

/**
 * EcoTaxa-like taxon ids written in the demo model's TAXO_CONF line, by class index. ILLUSTRATIVE ONLY:
 * numbers in EcoTaxa's id range picked for this demo, not checked against EcoTaxa's taxonomy; a real
 * model carries the ids of the taxa it was trained on.
 */
export const TAXA_ECOTAXA_IDS: readonly number[] = Object.freeze([84963, 45072, 85011, 85079]);

/** Number of classes. */
export const TAXA_CLASS_COUNT = 4;

/** Largest ESD drawn per class, um (fibres are also capped at FIBRE_MAX_AREA_PX pixels). */
export const TAXA_MAX_ESD_UM: readonly number[] = Object.freeze([4000, 3000, 4000, 2500]);

/** Share of vignettes with a piece of a neighbouring object in the box (taxaVignette's default). */
export const INTRUDER_SHARE = 0.25;

/** Dark margin around the object's bounding box, px. */
export const VIGNETTE_MARGIN_PX = 2;

/** What a vignette needs of a profile: calibration, threshold and the vignetting lower limit. */
export interface TaxaProfile {
  hw: Pick<HwConf, "aaUm2" | "exp" | "thresholdGrey">;
  acq: Pick<AcqConf, "vignettingLowerLimitUm">;
}

/** One labelled vignette. */
export interface TaxaVignette {
  pixels: Uint8Array;
  widthPx: number;
  heightPx: number;
  threshold: number;
  classIndex: number;
  /** Pixel area of the main object (its largest region). */
  areaPx: number;
  /** ESD of the main object from the simulator's calibration, um. */
  esdUm: number;
  /** True when a piece of a neighbouring object is in the box. */
  intruded: boolean;
}

/** Options of taxaVignette. */
export interface TaxaVignetteOptions {
  /** true: always try to add an intruder; false: never; undefined: with probability INTRUDER_SHARE. */
  intruder?: boolean;
}

/** Smallest area (px) whose ESD reaches the profile's vignetting lower limit. */
export function minVignetteAreaPx(profile: TaxaProfile): number {
  const { aaUm2, exp } = profile.hw;
  let area = Math.max(1, areaOfEsdPx(profile.acq.vignettingLowerLimitUm, aaUm2, exp) - 2);
  while (esdOfAreaUm(area, aaUm2, exp) < profile.acq.vignettingLowerLimitUm) area++;
  return area;
}

/** Area range [min, max] (px) drawn for a class under a profile. */
export function taxaAreaRangePx(classIndex: number, profile: TaxaProfile): [number, number] {
  checkClass(classIndex);
  const { aaUm2, exp } = profile.hw;
  const min = Math.max(minVignetteAreaPx(profile), TAXA_SHAPES[classIndex] === "copepod" ? COPEPOD_MIN_AREA_PX : 1);
  let max = Math.max(min, areaOfEsdPx(TAXA_MAX_ESD_UM[classIndex], aaUm2, exp));
  if (TAXA_SHAPES[classIndex] === "fibre") max = Math.max(min, Math.min(max, FIBRE_MAX_AREA_PX));
  return [min, max];
}

function checkClass(classIndex: number): void {
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= TAXA_CLASS_COUNT) {
    throw new RangeError(`taxa: class index must be an integer in 0..${TAXA_CLASS_COUNT - 1}, got ${classIndex}`);
  }
}

// Area of a class drawn from a log-uniform ESD in its range.
function drawArea(rng: Rng, classIndex: number, profile: TaxaProfile): number {
  const [min, max] = taxaAreaRangePx(classIndex, profile);
  const { aaUm2, exp } = profile.hw;
  const lo = Math.log(esdOfAreaUm(min, aaUm2, exp));
  const hi = Math.log(esdOfAreaUm(max, aaUm2, exp));
  const area = areaOfEsdPx(Math.exp(lo + (hi - lo) * rng.next()), aaUm2, exp);
  return Math.min(max, Math.max(min, area));
}

/** One vignette of class classIndex (0 aggregate, 1 copepod, 2 fibre, 3 dark sphere) for a profile. */
export function taxaVignette(rng: Rng, classIndex: number, profile: TaxaProfile, options: TaxaVignetteOptions = {}): TaxaVignette {
  checkClass(classIndex);
  const threshold = profile.hw.thresholdGrey;
  const { aaUm2, exp } = profile.hw;
  const areaPx = drawArea(rng, classIndex, profile);
  const esdUm = esdOfAreaUm(areaPx, aaUm2, exp);
  const main = drawObject(rng, TAXA_SHAPES[classIndex], areaPx, meanGreyForEsd(esdUm), threshold);
  if (main.xs.length !== areaPx) throw new Error(`taxa: internal error, drew ${main.xs.length} px for ${areaPx}`);

  const m = VIGNETTE_MARGIN_PX;
  const widthPx = main.xMax - main.xMin + 1 + 2 * m;
  const heightPx = main.yMax - main.yMin + 1 + 2 * m;
  const pixels = new Uint8Array(widthPx * heightPx);
  fillBackground(pixels, threshold, rng, true);
  const mainIndices = new Int32Array(areaPx);
  for (let i = 0; i < areaPx; i++) {
    const index = (main.ys[i] - main.yMin + m) * widthPx + (main.xs[i] - main.xMin + m);
    pixels[index] = main.greys[i];
    mainIndices[i] = index;
  }

  const wantIntruder = options.intruder ?? rng.chance(INTRUDER_SHARE);
  const intruded = wantIntruder && addIntruder(rng, pixels, widthPx, heightPx, mainIndices, profile);
  return { pixels, widthPx, heightPx, threshold, classIndex, areaPx, esdUm, intruded };
}

// Draws a piece of a neighbour entering the box from one side; true if one was placed (pixels changed).
function addIntruder(rng: Rng, pixels: Uint8Array, widthPx: number, heightPx: number, mainIndices: Int32Array, profile: TaxaProfile): boolean {
  const threshold = profile.hw.thresholdGrey;
  const { aaUm2, exp } = profile.hw;
  const mainArea = mainIndices.length;
  let shape = TAXA_SHAPES[rng.int(0, TAXA_CLASS_COUNT - 1)];
  let area = Math.max(8, Math.round(mainArea * (0.15 + 0.75 * rng.next())));
  if (shape === "copepod" && area < COPEPOD_MIN_AREA_PX) shape = "aggregate";
  if (shape === "fibre") area = Math.min(area, FIBRE_MAX_AREA_PX);
  const other = drawObject(rng, shape, area, meanGreyForEsd(esdOfAreaUm(area, aaUm2, exp)), threshold);
  const ow = other.xMax - other.xMin + 1;
  const oh = other.yMax - other.yMin + 1;
  const isMain = new Uint8Array(widthPx * heightPx);
  for (const index of mainIndices) isMain[index] = 1;
  const side = rng.int(0, 3); // 0 left, 1 right, 2 top, 3 bottom
  const across = side < 2 ? widthPx : heightPx;
  let depth = rng.int(2, Math.max(2, Math.round(0.35 * across)));
  for (let attempt = 0; attempt < 6; attempt++, depth = Math.max(1, Math.floor(depth / 2))) {
    // Offset of the other object's bounding box in vignette coordinates.
    let ox: number;
    let oy: number;
    if (side < 2) {
      ox = side === 0 ? depth - ow : widthPx - depth;
      oy = rng.int(-oh + 1, heightPx - 1);
    } else {
      oy = side === 2 ? depth - oh : heightPx - depth;
      ox = rng.int(-ow + 1, widthPx - 1);
    }
    const trial = pixels.slice();
    let inside = 0;
    for (let i = 0; i < other.xs.length; i++) {
      const x = other.xs[i] - other.xMin + ox;
      const y = other.ys[i] - other.yMin + oy;
      if (x < 0 || y < 0 || x >= widthPx || y >= heightPx) continue;
      const index = y * widthPx + x;
      if (isMain[index] === 1) {
        inside = -1; // overlaps the main object
        break;
      }
      trial[index] = other.greys[i];
      inside++;
    }
    if (inside <= 0) continue;
    // The classifier's view: the largest region must still be exactly the main object.
    const largest = largestRegion(trial, widthPx, heightPx, threshold);
    if (largest === null || largest.areaPx !== mainArea || !largest.pixelIndices.every((index) => isMain[index] === 1)) continue;
    pixels.set(trial);
    return true;
  }
  return false;
}

/** Options of taxaDataset. */
export interface TaxaDatasetOptions {
  /** Share of vignettes with an intruding neighbour (default INTRUDER_SHARE). */
  intruderShare?: number;
}

/**
 * perClass vignettes of every class, interleaved (class 0, 1, 2, 3, class 0, ...); vignette k is drawn
 * from the k-th fork of Rng(seed), so the same seed always gives the same dataset.
 */
export function taxaDataset(seed: number, perClass: number, profile: TaxaProfile, options: TaxaDatasetOptions = {}): TaxaVignette[] {
  if (!Number.isInteger(perClass) || perClass < 0) throw new RangeError(`taxaDataset: perClass must be a non-negative integer, got ${perClass}`);
  const share = options.intruderShare ?? INTRUDER_SHARE;
  const master = new Rng(seed);
  const out: TaxaVignette[] = [];
  for (let i = 0; i < perClass; i++) {
    for (let c = 0; c < TAXA_CLASS_COUNT; c++) {
      const rng = master.fork();
      out.push(taxaVignette(rng, c, profile, { intruder: rng.chance(share) }));
    }
  }
  return out;
}

