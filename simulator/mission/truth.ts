// Ground truth of a simulated frame, computed from what the simulator drew and never from the firmware.
//
// Every placed object gets an id in an occupancy map (one Int32 per pixel; 0 = free, GLARE_ID = sunlight
// glare). When an object is committed, each of its pixels' 8-neighbourhoods is looked up: any other id
// there means the two touch or overlap (both are flagged). Objects are recorded as placed (their own
// pixels and greys, before any overlap), and classed with the simulator's own ESD formula (sizeClasses.ts).

import type { FrameTruth, TruthObject } from "../../host/formats/stream/streamTypes.js";
import type { MissionShape } from "./missionShapes.js";
import type { ObjectMask } from "./objectMask.js";
import type { SizeClasses } from "./sizeClasses.js";

/** Occupancy id of glare pixels (not an object, but objects on or next to it are touching). */
export const GLARE_ID = -1;

const SHAPES: readonly MissionShape[] = ["particle", "copepod", "fibre", "dark-sphere", "noise"];
const NOISE = SHAPES.indexOf("noise");

/** Values of a frame's truth that do not come from the drawing (concentration, slope, over-exposure). */
export interface FrameTruthContext {
  overexposed: boolean;
  concentrationPerL: number;
  slope: number;
}

/** Records the objects placed on one frame at a time, their contacts, and builds the frame's FrameTruth. */
export class FrameTruthRecorder {
  /** Occupancy map: object id (1-based) per pixel, 0 where free. */
  private readonly occupancy: Int32Array;
  private written = new Int32Array(4096);
  private writtenCount = 0;
  private wholeMapDirty = false;
  private shape = new Uint8Array(1024);
  private area = new Int32Array(1024);
  private greySum = new Float64Array(1024);
  private box = new Int32Array(4 * 1024);
  private touching = new Uint8Array(1024);
  private objectCount = 0;

  /** A recorder for frames of widthPx x heightPx, classing objects with `classes`. */
  constructor(
    readonly widthPx: number,
    readonly heightPx: number,
    readonly classes: SizeClasses,
  ) {
    this.occupancy = new Int32Array(widthPx * heightPx);
  }

  /** Forgets the previous frame (clears only the occupancy cells it used). */
  beginFrame(): void {
    if (this.wholeMapDirty) this.occupancy.fill(0);
    else for (let i = 0; i < this.writtenCount; i++) this.occupancy[this.written[i]] = 0;
    this.writtenCount = 0;
    this.wholeMapDirty = false;
    this.objectCount = 0;
  }

  /** Marks the inclusive rectangle as glare (objects on or next to it will be touching). */
  markGlare(x0: number, y0: number, x1: number, y1: number): void {
    this.wholeMapDirty = true;
    for (let y = y0; y <= y1; y++) this.occupancy.fill(GLARE_ID, y * this.widthPx + x0, y * this.widthPx + x1 + 1);
  }

  /** True when the mask placed with its local origin at (ox, oy) neither overlaps nor touches anything. */
  isClear(mask: ObjectMask, ox: number, oy: number): boolean {
    const w = this.widthPx;
    const h = this.heightPx;
    const occ = this.occupancy;
    for (let i = 0; i < mask.count; i++) {
      const x = ox + mask.xs[i];
      const y = oy + mask.ys[i];
      const y0 = y > 0 ? y - 1 : 0;
      const y1 = y + 1 < h ? y + 1 : h - 1;
      const x0 = x > 0 ? x - 1 : 0;
      const x1 = x + 1 < w ? x + 1 : w - 1;
      for (let yy = y0; yy <= y1; yy++) {
        const row = yy * w;
        for (let xx = x0; xx <= x1; xx++) if (occ[row + xx] !== 0) return false;
      }
    }
    return true;
  }

  /**
   * Draws the mask with its local origin at (ox, oy) (all its pixels must lie in the frame) into `pixels`
   * (keeping the brighter grey where objects overlap) and records it as an object of `shape`.
   */
  commit(mask: ObjectMask, ox: number, oy: number, shape: MissionShape, pixels: Uint8Array): void {
    const id = ++this.objectCount;
    this.ensureCapacity(id + 1);
    const w = this.widthPx;
    const h = this.heightPx;
    const occ = this.occupancy;
    let greySum = 0;
    let xMin = Infinity;
    let yMin = Infinity;
    let xMax = -Infinity;
    let yMax = -Infinity;
    let touching = 0;
    // Contacts first, against what was there before this object.
    for (let i = 0; i < mask.count; i++) {
      const x = ox + mask.xs[i];
      const y = oy + mask.ys[i];
      const y0 = y > 0 ? y - 1 : 0;
      const y1 = y + 1 < h ? y + 1 : h - 1;
      const x0 = x > 0 ? x - 1 : 0;
      const x1 = x + 1 < w ? x + 1 : w - 1;
      for (let yy = y0; yy <= y1; yy++) {
        const row = yy * w;
        for (let xx = x0; xx <= x1; xx++) {
          const other = occ[row + xx];
          if (other === 0) continue;
          touching = 1;
          if (other > 0) this.touching[other] = 1;
        }
      }
    }
    for (let i = 0; i < mask.count; i++) {
      const x = ox + mask.xs[i];
      const y = oy + mask.ys[i];
      const p = y * w + x;
      const grey = mask.greys[i];
      if (pixels[p] < grey) pixels[p] = grey;
      if (occ[p] === 0) this.remember(p);
      occ[p] = id;
      greySum += grey;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
    this.shape[id] = SHAPES.indexOf(shape);
    this.area[id] = mask.count;
    this.greySum[id] = greySum;
    this.box[4 * id] = xMin;
    this.box[4 * id + 1] = yMin;
    this.box[4 * id + 2] = xMax;
    this.box[4 * id + 3] = yMax;
    this.touching[id] = touching;
  }

  /** The truth of the frame drawn since beginFrame(). */
  finish(context: FrameTruthContext): FrameTruth {
    const classCount = this.classes.count;
    const classCounts = new Array<number>(classCount).fill(0);
    const classGreyMeanSums = new Array<number>(classCount).fill(0);
    const objects: TruthObject[] = [];
    let belowFirstClass = 0;
    let noiseObjects = 0;
    let touchingObjects = 0;
    for (let id = 1; id <= this.objectCount; id++) {
      const area = this.area[id];
      const k = this.classes.classOfArea(area);
      if (k < 0) belowFirstClass++;
      else {
        classCounts[k]++;
        classGreyMeanSums[k] += this.greySum[id] / area;
      }
      const touching = this.touching[id] === 1;
      if (touching) touchingObjects++;
      if (this.shape[id] === NOISE) {
        noiseObjects++;
        continue;
      }
      objects.push({
        shape: SHAPES[this.shape[id]],
        areaPx: area,
        greySum: this.greySum[id],
        xMin: this.box[4 * id],
        yMin: this.box[4 * id + 1],
        xMax: this.box[4 * id + 2],
        yMax: this.box[4 * id + 3],
        touching,
      });
    }
    return {
      classCounts,
      classGreyMeanSums,
      belowFirstClass,
      noiseObjects,
      objects,
      touchingObjects,
      overexposed: context.overexposed,
      concentrationPerL: context.concentrationPerL,
      slope: context.slope,
    };
  }

  private remember(p: number): void {
    if (this.writtenCount === this.written.length) {
      const bigger = new Int32Array(this.written.length * 2);
      bigger.set(this.written);
      this.written = bigger;
    }
    this.written[this.writtenCount++] = p;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.area.length) return;
    const size = Math.max(n, this.area.length * 2);
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (k: number) => T, factor = 1): T => {
      const b = make(size * factor);
      b.set(a);
      return b;
    };
    this.shape = grow(this.shape, (k) => new Uint8Array(k));
    this.area = grow(this.area, (k) => new Int32Array(k));
    this.greySum = grow(this.greySum, (k) => new Float64Array(k));
    this.box = grow(this.box, (k) => new Int32Array(k), 4);
    this.touching = grow(this.touching, (k) => new Uint8Array(k));
  }
}
