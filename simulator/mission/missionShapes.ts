// Object shapes of a mission frame, built on an ObjectMask with EXACTLY the pixel area asked for, as one
// 8-connected set whose greys are all above the threshold:
//   particle     round aggregate: irregular blob (random ellipse, wavy rim, ragged edge), brighter core;
//   dark-sphere  round, smooth, grey just above the threshold (threshold + 1..4);
//   fibre        long thin curved line, 1 px wide (2 px from 40 px of area);
//   copepod      elongated bright body with two antennae from the front and a tail from the back, 1 px
//                wide and dim, their lengths in proportion to the body's;
//   noise        1- or 2-px sensor noise (the second pixel E, S, SE or SW of the first).

import type { Rng } from "../random.js";
import { ObjectMask, RegionGrower } from "./objectMask.js";

/** Shapes the mission draws (the TruthObject `shape` values). */
export type MissionShape = "particle" | "copepod" | "fibre" | "dark-sphere" | "noise";

/** Smallest area drawn as a copepod, px. */
export const COPEPOD_MIN_AREA_PX = 30;
/** Smallest area drawn as a fibre or a dark sphere, px. */
export const THIN_SHAPE_MIN_AREA_PX = 8;
/** Largest fibre area (px): longer ones would not look like fibres. */
export const FIBRE_MAX_AREA_PX = 400;
/** Shares of the taxon-like shapes among particles big enough for them (the rest are round aggregates). */
export const SHAPE_SHARES = { copepod: 0.05, fibre: 0.04, darkSphere: 0.04 } as const;
/** Share of noise objects that are 2 px (the rest are 1 px). */
export const NOISE_TWO_PIXEL_SHARE = 0.15;

/** Picks the shape of a particle of areaPx pixels (see SHAPE_SHARES and the minimum areas). */
export function chooseShape(rng: Rng, areaPx: number): MissionShape {
  if (areaPx < THIN_SHAPE_MIN_AREA_PX) return "particle";
  const u = rng.next();
  let edge = 0;
  if (areaPx >= COPEPOD_MIN_AREA_PX && u < (edge += SHAPE_SHARES.copepod)) return "copepod";
  if (areaPx <= FIBRE_MAX_AREA_PX && u < (edge += SHAPE_SHARES.fibre)) return "fibre";
  if (u < (edge += SHAPE_SHARES.darkSphere)) return "dark-sphere";
  return "particle";
}

function clampGrey(g: number, threshold: number): number {
  const v = Math.round(g);
  return v <= threshold ? threshold + 1 : v > 255 ? 255 : v;
}

// Random unit direction from an angle.
function direction(rng: Rng): [number, number] {
  const a = 2 * Math.PI * rng.next();
  return [Math.cos(a), Math.sin(a)];
}

// Score of an irregular ellipse: elliptical radius divided by a wavy rim (harmonics 2-4), plus jitter.
function blobScore(rng: Rng, aspect: number, roughness: number, jitter: number): (x: number, y: number) => number {
  const [c, s] = direction(rng);
  const amps = [0, 0, roughness * rng.next(), (roughness * rng.next()) / 2, (roughness * rng.next()) / 3];
  const phases = [0, 0, 2 * Math.PI * rng.next(), 2 * Math.PI * rng.next(), 2 * Math.PI * rng.next()];
  return (x, y) => {
    const u = x * c + y * s;
    const v = (y * c - x * s) / aspect;
    const r = Math.sqrt(u * u + v * v);
    let rim = 1;
    if (roughness > 0 && r > 0) {
      const phi = Math.atan2(v, u);
      rim += amps[2] * Math.cos(2 * phi + phases[2]) + amps[3] * Math.cos(3 * phi + phases[3]) + amps[4] * Math.cos(4 * phi + phases[4]);
    }
    return r / rim + (jitter > 0 ? jitter * rng.next() : 0);
  };
}

// Greys from the shading: peak at the core, 40 % darker at the rim, +-10 % texture, mean ~ meanGrey.
function shadeGreys(mask: ObjectMask, rng: Rng, meanGrey: number, threshold: number, from = 0): void {
  const n = mask.count;
  if (n - from <= 3) {
    for (let i = from; i < n; i++) mask.greys[i] = clampGrey(meanGrey * (1 + 0.12 * (2 * rng.next() - 1)), threshold);
    return;
  }
  const peak = meanGrey / 0.8;
  const maxShade = mask.maxShade();
  for (let i = from; i < n; i++) {
    const r = mask.shade[i] / maxShade;
    mask.greys[i] = clampGrey(peak * (1 - 0.4 * r * r) * (1 + 0.1 * (2 * rng.next() - 1)), threshold);
  }
}

/** Round aggregate of areaPx pixels, mean grey about meanGrey. */
export function buildParticle(grower: RegionGrower, rng: Rng, areaPx: number, meanGrey: number, threshold: number): void {
  const mask = grower.mask;
  mask.reset();
  grower.begin(0, 0, blobScore(rng, 0.55 + 0.45 * rng.next(), 0.3, 0.35));
  grower.growTo(areaPx);
  shadeGreys(mask, rng, meanGrey, threshold);
}

/** Dark sphere of areaPx pixels: round and smooth, every grey threshold + 1..4. */
export function buildDarkSphere(grower: RegionGrower, rng: Rng, areaPx: number, threshold: number): void {
  const mask = grower.mask;
  mask.reset();
  grower.begin(0, 0, blobScore(rng, 0.9 + 0.1 * rng.next(), 0, 0.02));
  grower.growTo(areaPx);
  for (let i = 0; i < mask.count; i++) mask.greys[i] = clampGrey(threshold + 1 + Math.floor(4 * rng.next()), threshold);
}

/** Fibre of areaPx pixels: a gently curved line 1 px wide (2 px from 40 px), grey 35-70. */
export function buildFibre(grower: RegionGrower, rng: Rng, areaPx: number, threshold: number): void {
  const mask = grower.mask;
  mask.reset();
  const widthPx = areaPx >= 40 ? 2 : 1;
  const lengthPx = Math.ceil(areaPx / widthPx) + 2;
  // Centre line: an arc of total bend up to +-1.2 rad, sampled every 2 px, centred on the origin.
  const bend = 2.4 * (rng.next() - 0.5);
  const angle0 = 2 * Math.PI * rng.next();
  const segments = Math.max(2, Math.ceil(lengthPx / 2));
  const px = new Float64Array(segments + 1);
  const py = new Float64Array(segments + 1);
  for (let k = 1; k <= segments; k++) {
    const a = angle0 + (bend * (k - 0.5)) / segments;
    px[k] = px[k - 1] + (lengthPx / segments) * Math.cos(a);
    py[k] = py[k - 1] + (lengthPx / segments) * Math.sin(a);
  }
  const mx = px[segments >> 1];
  const my = py[segments >> 1];
  for (let k = 0; k <= segments; k++) {
    px[k] -= mx;
    py[k] -= my;
  }
  const segLen = lengthPx / segments;
  // Distance to the centre line, plus a small preference for the middle so a too-long line is trimmed evenly.
  const score = (x: number, y: number): number => {
    let best = Infinity;
    let along = 0;
    for (let k = 0; k < segments; k++) {
      const ax = px[k];
      const ay = py[k];
      const dx = px[k + 1] - ax;
      const dy = py[k + 1] - ay;
      let t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy);
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = ax + t * dx - x;
      const ey = ay + t * dy - y;
      const d2 = ex * ex + ey * ey;
      if (d2 < best) {
        best = d2;
        along = (k + t) * segLen;
      }
    }
    return Math.sqrt(best) + 0.001 * Math.abs(along - lengthPx / 2);
  };
  grower.begin(0, 0, score, true);
  grower.growTo(areaPx);
  const grey = 35 + 35 * rng.next();
  for (let i = 0; i < mask.count; i++) mask.greys[i] = clampGrey(grey * (1 + 0.1 * (2 * rng.next() - 1)), threshold);
}

// Draws an appendage: a 1-px line from (x0, y0) (a pixel of the mask) at `angle`, turning by `bend` rad
// halfway, adding up to budget new pixels; returns how many it added. Each step moves 1 px and rounds, so
// every pixel is an 8-neighbour of the one before it (or the same): the line stays connected to the mask.
function appendage(mask: ObjectMask, x0: number, y0: number, angle: number, bend: number, budget: number): number {
  let added = 0;
  let fx = x0;
  let fy = y0;
  for (let step = 0; added < budget && step < 4 * budget + 8; step++) {
    const a = added < budget / 2 ? angle : angle + bend;
    fx += Math.cos(a);
    fy += Math.sin(a);
    const x = Math.round(fx);
    const y = Math.round(fy);
    if (!mask.inGrid(x, y)) break;
    if (mask.add(x, y)) added++;
  }
  return added;
}

/** Copepod-like object of areaPx (>= 30) pixels: bright elongated body, two antennae and a tail. */
export function buildCopepod(grower: RegionGrower, rng: Rng, areaPx: number, meanGrey: number, threshold: number): void {
  const mask = grower.mask;
  mask.reset();
  const aspect = 0.35 + 0.1 * rng.next();
  // Appendage lengths follow the body's length, not its area: with a body of ~75 % of the area and
  // half-length a, each antenna is ~1.2 a long and the tail ~0.8 a (1 px wide); the body gets the rest.
  const halfLengthPx = Math.sqrt((0.75 * areaPx) / (Math.PI * aspect));
  const antennaPx = Math.round(1.2 * halfLengthPx);
  const tailPx = Math.round(0.8 * halfLengthPx);
  const bodyPx = areaPx - 2 * antennaPx - tailPx;
  const axis = 2 * Math.PI * rng.next();
  const c = Math.cos(axis);
  const s = Math.sin(axis);
  const bodyScore = (x: number, y: number): number => {
    const u = x * c + y * s;
    const v = (y * c - x * s) / aspect;
    // Wider at the front (prosome), narrower at the back.
    const taper = u >= 0 ? 1 : 0.8;
    return Math.sqrt(u * u * taper + (v * v) / taper) + 0.05 * rng.next();
  };
  grower.begin(0, 0, bodyScore);
  grower.growTo(bodyPx);
  const bodyCount = mask.count;
  // Front and back tips: body pixels furthest along the axis each way.
  let front = 0;
  let back = 0;
  let uMax = -Infinity;
  let uMin = Infinity;
  for (let i = 0; i < bodyCount; i++) {
    const u = mask.xs[i] * c + mask.ys[i] * s;
    if (u > uMax) {
      uMax = u;
      front = i;
    }
    if (u < uMin) {
      uMin = u;
      back = i;
    }
  }
  const fx = mask.xs[front];
  const fy = mask.ys[front];
  const bx = mask.xs[back];
  const by = mask.ys[back];
  const spread = 0.6 + 0.5 * rng.next();
  appendage(mask, fx, fy, axis + spread, 0.5 * rng.next(), antennaPx);
  appendage(mask, fx, fy, axis - spread, -0.5 * rng.next(), antennaPx);
  appendage(mask, bx, by, axis + Math.PI + 0.3 * (rng.next() - 0.5), 0.4 * (rng.next() - 0.5), Math.min(tailPx, areaPx - mask.count));
  const appendagesEnd = mask.count;
  grower.growTo(areaPx); // tops the body up if an appendage ran out of room
  shadeGreys(mask, rng, 1.6 * meanGrey, threshold);
  // Appendages (pixels bodyCount .. appendagesEnd - 1) are dim.
  for (let i = bodyCount; i < appendagesEnd; i++) mask.greys[i] = clampGrey(threshold + 8 + 12 * rng.next(), threshold);
}

// Offsets of the second pixel of a 2-px noise object: E, S, SE, SW.
const PAIR: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 1],
];

/** Sensor noise object of 1 or 2 px, greys threshold + 1 + an exponential tail (mean ~ threshold + 10, at most + 60). */
export function buildNoise(mask: ObjectMask, rng: Rng, threshold: number): void {
  mask.reset();
  const two = rng.chance(NOISE_TWO_PIXEL_SHARE);
  mask.add(0, 0);
  if (two) {
    const [dx, dy] = PAIR[Math.floor(rng.next() * PAIR.length)];
    mask.add(dx, dy);
  }
  for (let i = 0; i < mask.count; i++) {
    const tail = Math.min(59, Math.floor(-Math.log(1 - rng.next()) * 9.5));
    mask.greys[i] = clampGrey(threshold + 1 + tail, threshold);
  }
}
