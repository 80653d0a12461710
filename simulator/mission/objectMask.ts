// One object being built before it is placed: its pixels in local coordinates (origin = seed pixel), a
// per-pixel shading value, and its greys; plus a best-first region grower that adds pixels one at a time,
// each next to the region, so the object is always ONE connected set with EXACTLY the pixels asked for.

/** Side of the local grid an object is built on, px; local coordinates lie in [-GRID_HALF_PX, GRID_HALF_PX). */
export const GRID_SIDE_PX = 512;
/** Half the grid side: objects must stay within this many pixels of their seed. */
export const GRID_HALF_PX = GRID_SIDE_PX / 2;

/** Reusable pixel set of one object (cleared in O(1) by bumping an epoch). */
export class ObjectMask {
  /** Local x of each pixel (first `count` entries). */
  xs = new Int32Array(256);
  /** Local y of each pixel. */
  ys = new Int32Array(256);
  /** Shading value of each pixel (0 at the core, growing outwards), set by whoever adds it. */
  shade = new Float64Array(256);
  /** Grey of each pixel, set by the shape once the pixels are chosen. */
  greys = new Uint8Array(256);
  /** Number of pixels. */
  count = 0;
  private readonly stamp = new Int32Array(GRID_SIDE_PX * GRID_SIDE_PX);
  private epoch = 1;

  /** Empties the mask. */
  reset(): void {
    this.count = 0;
    this.epoch++;
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
  }

  /** The current epoch (for helpers keeping their own per-object stamps). */
  get currentEpoch(): number {
    return this.epoch;
  }

  /** True when (x, y) lies on the local grid. */
  inGrid(x: number, y: number): boolean {
    return x >= -GRID_HALF_PX && x < GRID_HALF_PX && y >= -GRID_HALF_PX && y < GRID_HALF_PX;
  }

  /** Grid cell of (x, y) (which must be in the grid). */
  cell(x: number, y: number): number {
    return (y + GRID_HALF_PX) * GRID_SIDE_PX + (x + GRID_HALF_PX);
  }

  /** True when (x, y) is already a pixel of the object. */
  has(x: number, y: number): boolean {
    return this.inGrid(x, y) && this.stamp[this.cell(x, y)] === this.epoch;
  }

  /** Adds (x, y) with a shading value; false (and nothing added) if it is off the grid or already there. */
  add(x: number, y: number, shade = 0): boolean {
    if (!this.inGrid(x, y)) return false;
    const c = this.cell(x, y);
    if (this.stamp[c] === this.epoch) return false;
    this.stamp[c] = this.epoch;
    if (this.count === this.xs.length) this.grow();
    this.xs[this.count] = x;
    this.ys[this.count] = y;
    this.shade[this.count] = shade;
    this.count++;
    return true;
  }

  /** Inclusive bounding box of the pixels, in local coordinates. */
  bounds(): { xMin: number; yMin: number; xMax: number; yMax: number } {
    let xMin = Infinity;
    let yMin = Infinity;
    let xMax = -Infinity;
    let yMax = -Infinity;
    for (let i = 0; i < this.count; i++) {
      const x = this.xs[i];
      const y = this.ys[i];
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
    return { xMin, yMin, xMax, yMax };
  }

  /** Largest shading value among the pixels (at least a tiny positive number). */
  maxShade(): number {
    let m = 1e-9;
    for (let i = 0; i < this.count; i++) if (this.shade[i] > m) m = this.shade[i];
    return m;
  }

  private grow(): void {
    const n = this.xs.length * 2;
    const xs = new Int32Array(n);
    xs.set(this.xs);
    const ys = new Int32Array(n);
    ys.set(this.ys);
    const shade = new Float64Array(n);
    shade.set(this.shade);
    const greys = new Uint8Array(n);
    greys.set(this.greys);
    this.xs = xs;
    this.ys = ys;
    this.shade = shade;
    this.greys = greys;
  }
}

/** Score of a candidate pixel (lower is added first); also stored as its shading value. */
export type PixelScore = (x: number, y: number) => number;

const N4: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];
const N8: ReadonlyArray<readonly [number, number]> = [...N4, [1, 1], [1, -1], [-1, 1], [-1, -1]];

/**
 * Best-first region growing on an ObjectMask: starting from a seed, repeatedly adds the lowest-scoring
 * pixel next to the region (4- or 8-neighbours). Every pixel added touches the region, so the result is
 * one connected set; growth stops at exactly the pixel count asked for.
 */
export class RegionGrower {
  private heapScore = new Float64Array(1024);
  private heapX = new Int32Array(1024);
  private heapY = new Int32Array(1024);
  private size = 0;
  private readonly queued = new Int32Array(GRID_SIDE_PX * GRID_SIDE_PX);
  private queuedEpoch = 0;
  private score: PixelScore = () => 0;
  private neighbours = N4;

  /** A grower adding to `mask`. */
  constructor(readonly mask: ObjectMask) {}

  /** Starts a region at (seedX, seedY) (added to the mask) with a score and 4- or 8-neighbour growth. */
  begin(seedX: number, seedY: number, score: PixelScore, eightNeighbours = false): void {
    this.size = 0;
    this.queuedEpoch = this.mask.currentEpoch;
    this.score = score;
    this.neighbours = eightNeighbours ? N8 : N4;
    this.mask.add(seedX, seedY, score(seedX, seedY));
    this.pushNeighbours(seedX, seedY);
  }

  /** Grows until the mask holds targetCount pixels (or nothing is left to add); returns the mask's count. */
  growTo(targetCount: number): number {
    const mask = this.mask;
    while (mask.count < targetCount && this.size > 0) {
      const s = this.heapScore[0];
      const x = this.heapX[0];
      const y = this.heapY[0];
      this.pop();
      if (!mask.add(x, y, s)) continue;
      this.pushNeighbours(x, y);
    }
    return mask.count;
  }

  private pushNeighbours(x: number, y: number): void {
    const mask = this.mask;
    for (const [dx, dy] of this.neighbours) {
      const nx = x + dx;
      const ny = y + dy;
      if (!mask.inGrid(nx, ny) || mask.has(nx, ny)) continue;
      const c = mask.cell(nx, ny);
      if (this.queued[c] === this.queuedEpoch) continue;
      this.queued[c] = this.queuedEpoch;
      this.push(this.score(nx, ny), nx, ny);
    }
  }

  private push(score: number, x: number, y: number): void {
    if (this.size === this.heapScore.length) {
      const n = this.size * 2;
      const s = new Float64Array(n);
      s.set(this.heapScore);
      const hx = new Int32Array(n);
      hx.set(this.heapX);
      const hy = new Int32Array(n);
      hy.set(this.heapY);
      this.heapScore = s;
      this.heapX = hx;
      this.heapY = hy;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.heapScore[parent] <= score) break;
      this.heapScore[i] = this.heapScore[parent];
      this.heapX[i] = this.heapX[parent];
      this.heapY[i] = this.heapY[parent];
      i = parent;
    }
    this.heapScore[i] = score;
    this.heapX[i] = x;
    this.heapY[i] = y;
  }

  private pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const s = this.heapScore[last];
    const x = this.heapX[last];
    const y = this.heapY[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.heapScore[child + 1] < this.heapScore[child]) child++;
      if (this.heapScore[child] >= s) break;
      this.heapScore[i] = this.heapScore[child];
      this.heapX[i] = this.heapX[child];
      this.heapY[i] = this.heapY[child];
      i = child;
    }
    this.heapScore[i] = s;
    this.heapX[i] = x;
    this.heapY[i] = y;
  }
}
