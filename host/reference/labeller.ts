// Independent reference labellers for 8-bit grey frames, used to cross-check the firmware.
//
// Semantics (same as the firmware): a pixel is foreground when grey > threshold (strictly);
// objects are 8-connected; each reports its pixel count, grey sum and inclusive bounding box.
//
// labelFrame is a classic full-frame two-pass labeller with a label image; floodFillLabel is a
// breadth-first flood fill, deliberately written differently and used only to test labelFrame.
// Both return objects in the raster order of each object's first pixel (top row, then leftmost
// pixel of that row); use sortObjects for the canonical order when comparing lists.

import type { ObjectStats } from "../objectStats.js";

/** One 8-connected foreground object: pixel count, grey sum and inclusive bounding box. */
export type FrameObject = ObjectStats;

/** Throws a TypeError/RangeError, naming `who`, unless pixels, widthPx, heightPx and threshold are consistent. */
export function validateFrameArgs(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number, who = "labeller"): void {
  if (!(pixels instanceof Uint8Array)) {
    throw new TypeError(`${who}: pixels must be a Uint8Array`);
  }
  if (!Number.isInteger(widthPx) || widthPx < 1) {
    throw new RangeError(`${who}: widthPx must be a positive integer, got ${widthPx}`);
  }
  if (!Number.isInteger(heightPx) || heightPx < 1) {
    throw new RangeError(`${who}: heightPx must be a positive integer, got ${heightPx}`);
  }
  if (pixels.length !== widthPx * heightPx) {
    throw new RangeError(
      `${who}: pixels.length (${pixels.length}) must equal widthPx * heightPx (${widthPx} * ${heightPx} = ${widthPx * heightPx})`,
    );
  }
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 255) {
    throw new RangeError(`${who}: threshold must be an integer in 0..255, got ${threshold}`);
  }
}

// Union-find over provisional labels. Invariant: parent[l] <= l for every label (union links the
// larger root under the smaller one, path halving only moves pointers to smaller ancestors), so
// the root of a set is its smallest label.
function findRoot(parent: Int32Array, label: number): number {
  while (parent[label] !== label) {
    const grand = parent[parent[label]];
    parent[label] = grand;
    label = grand;
  }
  return label;
}

function unite(parent: Int32Array, a: number, b: number): void {
  const ra = findRoot(parent, a);
  const rb = findRoot(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}

// Provisional label for a pixel whose neighbour has label `neighbour` (0 = background), given
// the label chosen so far (0 = none yet): adopt it, or record that the two are equivalent.
function mergeNeighbour(parent: Int32Array, current: number, neighbour: number): number {
  if (neighbour === 0) return current;
  if (current === 0) return neighbour;
  if (current !== neighbour) unite(parent, current, neighbour);
  return current;
}

/** Labels a frame with a two-pass union-find labeller; objects in raster order of their first pixel. */
export function labelFrame(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number): FrameObject[] {
  validateFrameArgs(pixels, widthPx, heightPx, threshold);
  const labels = new Int32Array(widthPx * heightPx);
  // A new label needs its W neighbour to be background, so a row starts at most ceil(w/2) labels.
  const parent = new Int32Array(Math.ceil(widthPx / 2) * heightPx + 1);
  let nextLabel = 1;

  // Pass 1: provisional labels from the already-visited neighbours W, NW, N, NE.
  for (let y = 0; y < heightPx; y++) {
    const row = y * widthPx;
    const above = row - widthPx;
    for (let x = 0; x < widthPx; x++) {
      const i = row + x;
      if (pixels[i] <= threshold) continue;
      let label = 0;
      if (x > 0) label = labels[i - 1];
      if (y > 0) {
        if (x > 0) label = mergeNeighbour(parent, label, labels[above + x - 1]);
        label = mergeNeighbour(parent, label, labels[above + x]);
        if (x + 1 < widthPx) label = mergeNeighbour(parent, label, labels[above + x + 1]);
      }
      if (label === 0) {
        label = nextLabel++;
        parent[label] = label;
      }
      labels[i] = label;
    }
  }

  // Resolve: final ids numbered in increasing order of root label (= raster order of first pixel).
  const finalId = new Int32Array(nextLabel);
  let objectCount = 0;
  for (let l = 1; l < nextLabel; l++) {
    const root = findRoot(parent, l);
    finalId[l] = root === l ? objectCount++ : finalId[root];
  }

  // Pass 2: accumulate statistics per final object.
  const areaPx = new Int32Array(objectCount);
  const greySum = new Float64Array(objectCount);
  const xMin = new Int32Array(objectCount).fill(widthPx);
  const xMax = new Int32Array(objectCount).fill(-1);
  const yMin = new Int32Array(objectCount).fill(-1);
  const yMax = new Int32Array(objectCount);
  for (let y = 0; y < heightPx; y++) {
    const row = y * widthPx;
    for (let x = 0; x < widthPx; x++) {
      const label = labels[row + x];
      if (label === 0) continue;
      const id = finalId[label];
      if (areaPx[id] === 0) yMin[id] = y;
      areaPx[id]++;
      greySum[id] += pixels[row + x];
      if (x < xMin[id]) xMin[id] = x;
      if (x > xMax[id]) xMax[id] = x;
      yMax[id] = y;
    }
  }
  return collectObjects(objectCount, areaPx, greySum, xMin, yMin, xMax, yMax);
}

function collectObjects(
  count: number,
  areaPx: Int32Array,
  greySum: Float64Array,
  xMin: Int32Array,
  yMin: Int32Array,
  xMax: Int32Array,
  yMax: Int32Array,
): FrameObject[] {
  const objects: FrameObject[] = new Array<FrameObject>(count);
  for (let id = 0; id < count; id++) {
    objects[id] = {
      areaPx: areaPx[id],
      greySum: greySum[id],
      xMin: xMin[id],
      yMin: yMin[id],
      xMax: xMax[id],
      yMax: yMax[id],
    };
  }
  return objects;
}

/** Labels a frame by breadth-first flood fill (explicit queue); slow-path reference for tests. */
export function floodFillLabel(pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number): FrameObject[] {
  validateFrameArgs(pixels, widthPx, heightPx, threshold);
  const pixelCount = widthPx * heightPx;
  const visited = new Uint8Array(pixelCount);
  const queue = new Int32Array(pixelCount); // every pixel is enqueued at most once per frame
  const objects: FrameObject[] = [];
  for (let seed = 0; seed < pixelCount; seed++) {
    if (visited[seed] !== 0 || pixels[seed] <= threshold) continue;
    const obj: FrameObject = { areaPx: 0, greySum: 0, xMin: widthPx, yMin: heightPx, xMax: -1, yMax: -1 };
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    visited[seed] = 1;
    while (head < tail) {
      const p = queue[head++];
      const px = p % widthPx;
      const py = (p - px) / widthPx;
      obj.areaPx++;
      obj.greySum += pixels[p];
      if (px < obj.xMin) obj.xMin = px;
      if (px > obj.xMax) obj.xMax = px;
      if (py < obj.yMin) obj.yMin = py;
      if (py > obj.yMax) obj.yMax = py;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = py + dy;
        if (ny < 0 || ny >= heightPx) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = px + dx;
          if (nx < 0 || nx >= widthPx) continue;
          const q = ny * widthPx + nx;
          if (visited[q] !== 0 || pixels[q] <= threshold) continue;
          visited[q] = 1;
          queue[tail++] = q;
        }
      }
    }
    objects.push(obj);
  }
  return objects;
}

/** Canonical total-order comparator: yMin, xMin, yMax, xMax, areaPx, greySum (all ascending). */
export function compareObjects(a: FrameObject, b: FrameObject): number {
  return (
    a.yMin - b.yMin ||
    a.xMin - b.xMin ||
    a.yMax - b.yMax ||
    a.xMax - b.xMax ||
    a.areaPx - b.areaPx ||
    a.greySum - b.greySum
  );
}

/** Returns a new array of the objects in canonical order (see compareObjects); input untouched. */
export function sortObjects(objs: readonly FrameObject[]): FrameObject[] {
  return objs.slice().sort(compareObjects);
}
