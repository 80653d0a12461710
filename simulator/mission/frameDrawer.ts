// Draws one planned frame: background, optional glare, particles (lit frames only), sensor noise; and its
// ground truth. Each frame draws from its own random stream (seeds.ts), so frames are independent.
//
// Lit frame contents: a Poisson number of particles, mean = (number of particles the camera would count
// with ESD >= 102 um, concentration * effective volume) / (share of the drawn power law landing at or
// above 102 um once areas are rounded); their ESDs follow n(d) ~ d^-b on 50.8 um - 5 mm, areas
// round((pi d^2/4/Aa)^(1/Exp)); placed largest first, each entirely inside the frame (objects larger
// than the frame are dropped). Then 2,000-4,000 noise objects per full-size frame (scaled by the frame's
// pixel share). Black frames hold only the noise (their truth: concentration 0, the depth's slope).
// Over-exposed lit frames (oceanModel.ts) get a glare band, drawn first; objects are drawn over it.
// Determinism: all randomness comes from the frame's Rng; besides exact arithmetic the drawing uses
// Math.sqrt (correctly rounded) and Math.pow / log / exp / sin / cos / atan2 (V8's fdlibm ports, the same
// on every platform Node runs on).

import type { Profile } from "../../host/config/profile.js";
import type { FrameTruth } from "../../host/formats/stream/streamTypes.js";
import type { Rng } from "../random.js";
import { drawGlare, fillBackground } from "./background.js";
import type { PlannedFrame } from "./missionPlan.js";
import { buildCopepod, buildDarkSphere, buildFibre, buildNoise, buildParticle, chooseShape, type MissionShape } from "./missionShapes.js";
import { ObjectMask, RegionGrower } from "./objectMask.js";
import {
  meanGreyForEsd,
  overexposureProbability,
  particleConcentrationPerL,
  particleSlope,
  PARTICLE_MODEL,
  powerLawShareAbove,
} from "./oceanModel.js";
import { effectiveImageVolumeL, resolveMissionOptions, scaledFrameSize, type MissionOptions, type ResolvedMissionOptions } from "./options.js";
import { poisson, samplePowerLawEsdUm } from "./sampling.js";
import { frameRng } from "./seeds.js";
import { areaOfEsdPx, esdOfAreaUm, SizeClasses } from "./sizeClasses.js";
import { FrameTruthRecorder } from "./truth.js";

/** Noise objects per full-size frame: uniform in this range, scaled by the frame's share of the full frame. */
export const NOISE_OBJECTS_PER_FULL_FRAME = { min: 2000, max: 4000 } as const;
/** Placements tried per object when avoiding contact, before the object is dropped. */
export const PLACEMENT_TRIES = 8;

/** Reusable state for drawing the frames of one mission (buffers sized once). */
export interface FrameContext {
  profile: Profile;
  options: ResolvedMissionOptions;
  widthPx: number;
  heightPx: number;
  /** Imaged volume of one (scaled) frame, L. */
  volumeL: number;
  /** Scaled frame's share of the full frame's pixels. */
  pixelShare: number;
  threshold: number;
  classes: SizeClasses;
  mask: ObjectMask;
  grower: RegionGrower;
  recorder: FrameTruthRecorder;
  /** Smallest drawn area whose ESD reaches 102 um, px, and the ESD from which drawn particles round up to it, um. */
  countedMinAreaPx: number;
  countedFromEsdUm: number;
}

/** Builds the drawing state of a mission (checks the options). */
export function createFrameContext(profile: Profile, options: MissionOptions): FrameContext {
  const opts = resolveMissionOptions(profile, options);
  const { widthPx, heightPx } = scaledFrameSize(profile, opts.frameScale);
  const classes = new SizeClasses(profile.hw);
  const mask = new ObjectMask();
  const { aaUm2, exp } = profile.hw;
  let countedMinAreaPx = 1;
  while (esdOfAreaUm(countedMinAreaPx, aaUm2, exp) < PARTICLE_MODEL.countedFromEsdUm) countedMinAreaPx++;
  // round(a(d)) >= n exactly when a(d) >= n - 0.5.
  const countedFromEsdUm = countedMinAreaPx > 1 ? esdOfAreaUm(countedMinAreaPx - 0.5, aaUm2, exp) : PARTICLE_MODEL.minEsdUm;
  return {
    profile,
    options: opts,
    widthPx,
    heightPx,
    volumeL: effectiveImageVolumeL(profile, opts.frameScale),
    pixelShare: (widthPx * heightPx) / (profile.frame.widthPx * profile.frame.heightPx),
    threshold: profile.hw.thresholdGrey,
    classes,
    mask,
    grower: new RegionGrower(mask),
    recorder: new FrameTruthRecorder(widthPx, heightPx, classes),
    countedMinAreaPx,
    countedFromEsdUm,
  };
}

/** Mean number of particles drawn per frame (all sizes) for a concentration (#/L, ESD >= 102 um) and slope. */
export function meanParticlesPerFrame(ctx: FrameContext, concentrationPerL: number, slope: number): number {
  const m = PARTICLE_MODEL;
  return (concentrationPerL * ctx.volumeL) / powerLawShareAbove(ctx.countedFromEsdUm, slope, m.minEsdUm, m.maxEsdUm);
}

/** One drawn frame: its pixels, its truth, and how many placements were dropped. */
export interface DrawnFrame {
  pixels: Uint8Array;
  truth: FrameTruth;
  droppedPlacements: number;
}

// Places the object in ctx.mask at a random position wholly inside the frame; false if dropped.
function place(ctx: FrameContext, rng: Rng, shape: MissionShape, pixels: Uint8Array): boolean {
  const mask = ctx.mask;
  const b = mask.bounds();
  const spanX = ctx.widthPx - (b.xMax - b.xMin + 1);
  const spanY = ctx.heightPx - (b.yMax - b.yMin + 1);
  if (spanX < 0 || spanY < 0) return false;
  const tries = ctx.options.avoidTouching ? PLACEMENT_TRIES : 1;
  for (let t = 0; t < tries; t++) {
    const ox = Math.floor(rng.next() * (spanX + 1)) - b.xMin;
    const oy = Math.floor(rng.next() * (spanY + 1)) - b.yMin;
    if (ctx.options.avoidTouching && !ctx.recorder.isClear(mask, ox, oy)) continue;
    ctx.recorder.commit(mask, ox, oy, shape, pixels);
    return true;
  }
  return false;
}

// Builds the particle of areaPx pixels in ctx.mask; returns its shape.
function buildObject(ctx: FrameContext, rng: Rng, areaPx: number): MissionShape {
  const shape = chooseShape(rng, areaPx);
  const grey = meanGreyForEsd(ctx.classes.esdUm(areaPx));
  const thr = ctx.threshold;
  if (shape === "copepod") buildCopepod(ctx.grower, rng, areaPx, grey, thr);
  else if (shape === "fibre") buildFibre(ctx.grower, rng, areaPx, thr);
  else if (shape === "dark-sphere") buildDarkSphere(ctx.grower, rng, areaPx, thr);
  else buildParticle(ctx.grower, rng, areaPx, grey, thr);
  return shape;
}

/** Draws the pixels and truth of one planned frame (its random stream: seed and planned.index). */
export function drawMissionFrame(ctx: FrameContext, planned: Pick<PlannedFrame, "index" | "pressureDbar" | "kind">): DrawnFrame {
  const rng = frameRng(ctx.options.seed, planned.index);
  const pixels = new Uint8Array(ctx.widthPx * ctx.heightPx);
  fillBackground(pixels, ctx.threshold, rng, ctx.options.subThresholdNoise);
  ctx.recorder.beginFrame();
  const lit = planned.kind === "lit";
  const slope = particleSlope(planned.pressureDbar);
  const concentrationPerL = lit ? particleConcentrationPerL(planned.pressureDbar) : 0;
  let dropped = 0;
  const overexposed = lit && rng.chance(overexposureProbability(planned.pressureDbar));
  if (overexposed) {
    const band = drawGlare(pixels, ctx.widthPx, ctx.heightPx, ctx.threshold, rng);
    ctx.recorder.markGlare(band.x0, band.y0, band.x1, band.y1);
  }
  if (lit) {
    const m = PARTICLE_MODEL;
    const n = poisson(rng, meanParticlesPerFrame(ctx, concentrationPerL, slope));
    const areas = new Int32Array(n);
    for (let i = 0; i < n; i++) areas[i] = areaOfEsdPx(samplePowerLawEsdUm(rng, slope, m.minEsdUm, m.maxEsdUm), ctx.profile.hw.aaUm2, ctx.profile.hw.exp);
    areas.sort();
    for (let i = n - 1; i >= 0; i--) {
      const shape = buildObject(ctx, rng, areas[i]);
      if (!place(ctx, rng, shape, pixels)) dropped++;
    }
  }
  const noise = NOISE_OBJECTS_PER_FULL_FRAME;
  const noiseCount = Math.round((noise.min + (noise.max - noise.min) * rng.next()) * ctx.pixelShare);
  for (let i = 0; i < noiseCount; i++) {
    buildNoise(ctx.mask, rng, ctx.threshold);
    if (!place(ctx, rng, "noise", pixels)) dropped++;
  }
  const truth = ctx.recorder.finish({ overexposed, concentrationPerL, slope });
  return { pixels, truth, droppedPlacements: dropped };
}
