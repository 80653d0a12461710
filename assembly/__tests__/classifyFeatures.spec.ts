import {
  classifyVignette, computeVignetteFeatures, featuresPtr, resultClass, vignetteBufferPtr, vignetteMaxPixels,
  vignetteRegionCount,
} from "../classify/api";
import { VIGNETTE_MAX_PX } from "../classify/constants";
import { keptLeft, keptTop } from "../classify/vignette";
import { Status } from "../status";

// Feature indices (FEATURES.md).
const AREA: u32 = 0, WIDTH: u32 = 1, HEIGHT: u32 = 2, MEAN: u32 = 3, STDDEV: u32 = 4, MODE: u32 = 5;
const MIN: u32 = 6, MAX: u32 = 7, X: u32 = 8, Y: u32 = 9, XM: u32 = 10, YM: u32 = 11, MAJOR: u32 = 12;
const MINOR: u32 = 13, ANGLE: u32 = 14, ECC: u32 = 15, INTDEN: u32 = 16, MEDIAN: u32 = 17;
const HISTCUM1: u32 = 18, HISTCUM3: u32 = 19, ESD: u32 = 20, RANGE: u32 = 21, MEANPOS: u32 = 22;
const CV: u32 = 23, SR: u32 = 24, BBOX: u32 = 25, EXTENT: u32 = 26, MU20: u32 = 27, HU1: u32 = 34;
const GMU20: u32 = 41, GHU1: u32 = 48;

function feature(i: u32): f32 { return load<f32>(featuresPtr() + (<usize>i << 2)); }
function clear(n: u32): void { memory.fill(vignetteBufferPtr(), 0, n); }
function px(w: u32, x: u32, y: u32, g: u32): void { store<u8>(vignetteBufferPtr() + y * w + x, <u8>g); }

// Naive reference for the largest region: BFS flood fill over a separate mark map and queue.
const mark = memory.data(VIGNETTE_MAX_PX, 16);
const queue = memory.data(VIGNETTE_MAX_PX << 2, 16);
let refArea: u32 = 0, refLeft: u32 = 0, refTop: u32 = 0, refRegions: u32 = 0;
function reference(w: u32, h: u32, thr: u32): void {
  memory.fill(mark, 0, w * h);
  refArea = 0; refRegions = 0;
  const v = vignetteBufferPtr();
  for (let s: u32 = 0; s < w * h; s++) {
    if (<u32>load<u8>(v + s) <= thr || load<u8>(mark + s) != 0) continue;
    refRegions++;
    let head: u32 = 0, tail: u32 = 0, area: u32 = 0, left = w, top = h;
    store<u8>(mark + s, 1); store<u32>(queue + (tail++ << 2), s);
    while (head < tail) {
      const p = load<u32>(queue + (head++ << 2));
      const x = p % w, y = p / w;
      area++;
      if (x < left) left = x;
      if (y < top) top = y;
      for (let dy: i32 = -1; dy <= 1; dy++) for (let dx: i32 = -1; dx <= 1; dx++) {
        const nx = <i32>x + dx, ny = <i32>y + dy;
        if (nx < 0 || ny < 0 || nx >= <i32>w || ny >= <i32>h) continue;
        const q = <u32>ny * w + <u32>nx;
        if (<u32>load<u8>(v + q) <= thr || load<u8>(mark + q) != 0) continue;
        store<u8>(mark + q, 1); store<u32>(queue + (tail++ << 2), q);
      }
    }
    if (area > refArea) { refArea = area; refLeft = left; refTop = top; } // first region wins a tie
  }
}

let seed: u32 = 2463;
function rand(): u32 { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }

describe("vignette size", () => {
  it("accepts up to 32768 pixels with sides up to 2464, and rejects anything larger", () => {
    expect<u32>(vignetteMaxPixels()).toBe(32768);
    clear(VIGNETTE_MAX_PX);
    expect<Status>(computeVignetteFeatures(2465, 1, 10)).toBe(Status.VIGNETTE_TOO_LARGE);
    expect<Status>(computeVignetteFeatures(1, 2465, 10)).toBe(Status.VIGNETTE_TOO_LARGE);
    expect<Status>(computeVignetteFeatures(182, 181, 10)).toBe(Status.VIGNETTE_TOO_LARGE); // 32942 px
    expect<Status>(computeVignetteFeatures(65536, 65536, 10)).toBe(Status.VIGNETTE_TOO_LARGE);
    expect<Status>(classifyVignette(2464, 14, 10)).toBe(Status.VIGNETTE_TOO_LARGE); // 34496 px
    expect<i32>(resultClass()).toBe(-1);
    // Within the limits but all background: empty, not too large.
    expect<Status>(computeVignetteFeatures(2464, 13, 10)).toBe(Status.VIGNETTE_EMPTY);
    expect<Status>(computeVignetteFeatures(128, 256, 10)).toBe(Status.VIGNETTE_EMPTY);
    expect<Status>(computeVignetteFeatures(0, 7, 10)).toBe(Status.VIGNETTE_EMPTY);
    expect<Status>(computeVignetteFeatures(7, 0, 10)).toBe(Status.VIGNETTE_EMPTY);
  });

  it("treats grey equal to the threshold as background; threshold 255 leaves nothing", () => {
    clear(4);
    px(2, 0, 0, 21); px(2, 1, 1, 22);
    expect<Status>(computeVignetteFeatures(2, 2, 21)).toBe(Status.OK);
    expect<f32>(feature(AREA)).toBe(1);
    expect<f32>(feature(MEAN)).toBe(22);
    expect<Status>(computeVignetteFeatures(2, 2, 22)).toBe(Status.VIGNETTE_EMPTY);
    px(2, 0, 0, 255);
    expect<Status>(computeVignetteFeatures(2, 2, 255)).toBe(Status.VIGNETTE_EMPTY);
  });
});

describe("features", () => {
  it("of a single pixel", () => {
    clear(20);
    px(5, 3, 2, 200); // in a 5 x 4 vignette: the ROI is the pixel itself
    expect<Status>(computeVignetteFeatures(5, 4, 20)).toBe(Status.OK);
    expect<u32>(keptLeft).toBe(3);
    expect<u32>(keptTop).toBe(2);
    expect<f32>(feature(AREA)).toBe(1);
    expect<f32>(feature(WIDTH)).toBe(1);
    expect<f32>(feature(HEIGHT)).toBe(1);
    expect<f32>(feature(MEAN)).toBe(200);
    expect<f32>(feature(STDDEV)).toBe(0);
    expect<f32>(feature(MODE)).toBe(200);
    expect<f32>(feature(MIN)).toBe(200);
    expect<f32>(feature(MAX)).toBe(200);
    expect<f32>(feature(X)).toBe(0);
    expect<f32>(feature(Y)).toBe(0);
    expect<f32>(feature(XM)).toBe(0);
    expect<f32>(feature(YM)).toBe(0);
    expect<f32>(feature(MAJOR)).toBe(0);
    expect<f32>(feature(MINOR)).toBe(0);
    expect<f32>(feature(ANGLE)).toBe(0);
    expect<f32>(feature(ECC)).toBeNaN(); // sqrt(1 - 0/0)
    expect<f32>(feature(INTDEN)).toBe(200);
    expect<f32>(feature(MEDIAN)).toBe(200);
    expect<f32>(feature(HISTCUM1)).toBe(200);
    expect<f32>(feature(HISTCUM3)).toBe(200);
    expect<f32>(feature(ESD)).toBe(<f32>1.1283791670955126); // sqrt(4 / pi)
    expect<f32>(feature(RANGE)).toBe(0);
    expect<f32>(feature(MEANPOS)).toBeNaN(); // 0 / 0
    expect<f32>(feature(CV)).toBe(0);
    expect<f32>(feature(SR)).toBeNaN(); // 0 / 0
    expect<f32>(feature(BBOX)).toBe(1);
    expect<f32>(feature(EXTENT)).toBe(1);
    for (let i: u32 = MU20; i < 55; i++) expect<f32>(feature(i)).toBe(0); // moments and Hu: all 0
  });

  it("of a 3 x 3 square with greys 10..90 (hand-computed), the largest of three regions", () => {
    // 7 x 6 vignette; square at (2, 1) with greys 10 20 30 / 40 50 60 / 70 80 90; a 2-pixel region at
    // the top-left (comes first in raster order) and a 1-pixel one at the bottom-right.
    const w: u32 = 7;
    clear(w * 6);
    px(w, 0, 0, 250); px(w, 0, 1, 250);
    for (let y: u32 = 0; y < 3; y++) for (let x: u32 = 0; x < 3; x++) px(w, 2 + x, 1 + y, 10 * (3 * y + x + 1));
    px(w, 6, 5, 99);
    expect<Status>(computeVignetteFeatures(w, 6, 5)).toBe(Status.OK);
    expect<u32>(vignetteRegionCount()).toBe(3);
    expect<u32>(keptLeft).toBe(2);
    expect<u32>(keptTop).toBe(1);
    // N = 9, I = 450, ROI 3 x 3; x = y = 1 (M10 = M01 = 9).
    expect<f32>(feature(AREA)).toBe(9);
    expect<f32>(feature(WIDTH)).toBe(3);
    expect<f32>(feature(HEIGHT)).toBe(3);
    expect<f32>(feature(MEAN)).toBe(50);
    // sum v^2 = 28500: sqrt(28500 / 9 - 2500) = sqrt(2000 / 3) = 25.8198890...
    expect<f32>(feature(STDDEV)).toBe(<f32>25.81988897471611);
    expect<f32>(feature(MODE)).toBe(10); // every count is 1: the smallest grey
    expect<f32>(feature(MIN)).toBe(10);
    expect<f32>(feature(MAX)).toBe(90);
    expect<f32>(feature(X)).toBe(1);
    expect<f32>(feature(Y)).toBe(1);
    // G10 = 150 + 2 x 180 = 510, G01 = 150 + 2 x 240 = 630.
    expect<f32>(feature(XM)).toBe(<f32>(510.0 / 450.0));
    expect<f32>(feature(YM)).toBe(<f32>1.4);
    // mu20 = 15 - 9 = 6 = mu02, mu11 = 9 - 9 = 0: l1 = l2 = 12 / 18, axes 4 sqrt(2/3), eccentricity 0.
    expect<f32>(feature(MAJOR)).toBe(<f32>3.265986323710904);
    expect<f32>(feature(MINOR)).toBe(<f32>3.265986323710904);
    expect<f32>(feature(ANGLE)).toBe(0);
    expect<f32>(feature(ECC)).toBe(0);
    expect<f32>(feature(INTDEN)).toBe(450);
    // Running counts 1..9 over greys 10..90: > 4.5 at 50, > 2.25 at 30, > 6.75 at 70.
    expect<f32>(feature(MEDIAN)).toBe(50);
    expect<f32>(feature(HISTCUM1)).toBe(30);
    expect<f32>(feature(HISTCUM3)).toBe(70);
    expect<f32>(feature(ESD)).toBe(<f32>3.385137501286538); // sqrt(36 / pi)
    expect<f32>(feature(RANGE)).toBe(80);
    expect<f32>(feature(MEANPOS)).toBe(0.5);
    expect<f32>(feature(CV)).toBe(<f32>51.63977794943222); // 100 x 25.8198... / 50
    expect<f32>(feature(SR)).toBe(<f32>32.274861218395140); // 100 x 25.8198... / 80
    expect<f32>(feature(BBOX)).toBe(9);
    expect<f32>(feature(EXTENT)).toBe(1);
    // Binary central moments: 6, 0, 6, and 0 for the odd ones (symmetric square).
    expect<f32>(feature(MU20)).toBe(6);
    expect<f32>(feature(MU20 + 1)).toBe(0);
    expect<f32>(feature(MU20 + 2)).toBe(6);
    for (let i: u32 = MU20 + 3; i < MU20 + 7; i++) expect<f32>(feature(i)).toBe(0);
    // h1 = (6 + 6) / 81; h2..h7 = 0.
    expect<f32>(feature(HU1)).toBe(<f32>(12.0 / 81.0));
    for (let i: u32 = HU1 + 1; i < HU1 + 7; i++) expect<f32>(feature(i)).toBe(0);
    // Grey-weighted: G20 = 870, G11 = 690, G02 = 1110; mu20 = 870 - 1.1333 x 510 = 292,
    // mu11 = 690 - 1.1333 x 630 = -24, mu02 = 1110 - 1.4 x 630 = 228.
    expect<f64>(<f64>feature(GMU20)).toBeCloseTo(292, 9);
    expect<f64>(<f64>feature(GMU20 + 1)).toBeCloseTo(-24, 9);
    expect<f64>(<f64>feature(GMU20 + 2)).toBeCloseTo(228, 9);
    // G30 = 150 + 8 x 180 = 1590: mu30 = 1590 - 3 x 1.1333 x 870 + 2 x 1.1333^2 x 510 = -57.8666...
    expect<f64>(<f64>feature(GMU20 + 3)).toBeCloseTo(-57.86666666666667, 4);
    // gh1 = (292 + 228) / 450^2.
    expect<f64>(<f64>feature(GHU1)).toBeCloseTo(520.0 / 202500.0, 9);
  });

  it("keeps the largest region, joining diagonal and U-shaped branches, first one on a tie", () => {
    // A U (two arms joined only at the bottom) of 9 px, a diagonal line of 4 px, then a 9-px block.
    const w: u32 = 12;
    clear(w * 8);
    for (let y: u32 = 0; y < 4; y++) { px(w, 0, y, 100); px(w, 2, y, 100); }
    px(w, 1, 4, 100); // joins both arms diagonally: 9 px
    for (let i: u32 = 0; i < 4; i++) px(w, 4 + i, 1 + i, 60);
    for (let y: u32 = 5; y < 8; y++) for (let x: u32 = 9; x < 12; x++) px(w, x, y, 200);
    expect<Status>(computeVignetteFeatures(w, 8, 50)).toBe(Status.OK);
    expect<u32>(vignetteRegionCount()).toBe(3);
    expect<f32>(feature(AREA)).toBe(9);
    expect<f32>(feature(MEAN)).toBe(100); // the U: it starts first in raster order
    expect<f32>(feature(WIDTH)).toBe(3);
    expect<f32>(feature(HEIGHT)).toBe(5);
    expect<f32>(feature(EXTENT)).toBe(<f32>(9.0 / 15.0));
    // One more pixel on the block makes it the largest.
    px(w, 8, 7, 200);
    expect<Status>(computeVignetteFeatures(w, 8, 50)).toBe(Status.OK);
    expect<f32>(feature(AREA)).toBe(10);
    expect<f32>(feature(MEAN)).toBe(200);
    expect<u32>(keptLeft).toBe(8);
    expect<u32>(keptTop).toBe(5);
  });

  it("finds the same largest region as a flood fill on random vignettes", () => {
    let bad: i32 = 0;
    for (let trial = 0; trial < 300; trial++) {
      const w: u32 = 1 + (rand() % 60);
      const h: u32 = 1 + (rand() % 60);
      const density = rand() % 100;
      for (let i: u32 = 0; i < w * h; i++) store<u8>(vignetteBufferPtr() + i, <u8>(rand() % 100 < density ? 30 + (rand() % 200) : rand() % 30));
      const status = computeVignetteFeatures(w, h, 29);
      reference(w, h, 29);
      if (refArea == 0) { if (status != Status.VIGNETTE_EMPTY) bad++; continue; }
      if (status != Status.OK || <u32>feature(AREA) != refArea || keptLeft != refLeft || keptTop != refTop ||
          vignetteRegionCount() != refRegions) bad++;
    }
    expect<i32>(bad).toBe(0);
  });

  it("handles the worst cases: the most regions, and one region of 32768 px", () => {
    // Every other pixel of every other row of 13 x 2464: 7 x 1232 = 8624 regions of 1 px; the first is kept.
    const w: u32 = 13, h: u32 = 2464;
    clear(w * h);
    for (let y: u32 = 0; y < h; y += 2) for (let x: u32 = 0; x < w; x += 2) px(w, x, y, 40 + (x + y) % 100);
    px(w, 0, 0, 77);
    expect<Status>(computeVignetteFeatures(w, h, 20)).toBe(Status.OK);
    expect<u32>(vignetteRegionCount()).toBe(8624);
    expect<f32>(feature(AREA)).toBe(1);
    expect<f32>(feature(MEAN)).toBe(77);
    // All 128 x 256 pixels at 255: area 32768 (the root's 15-bit area field at its maximum).
    memory.fill(vignetteBufferPtr(), 255, VIGNETTE_MAX_PX);
    expect<Status>(computeVignetteFeatures(128, 256, 0)).toBe(Status.OK);
    expect<u32>(vignetteRegionCount()).toBe(1);
    expect<f32>(feature(AREA)).toBe(32768);
    expect<f32>(feature(INTDEN)).toBe(<f32>(32768 * 255));
    expect<f32>(feature(X)).toBe(63.5);
    expect<f32>(feature(Y)).toBe(127.5);
    // The widest vignette, fully lit: x^3 sums beyond 32 bits stay exact.
    memory.fill(vignetteBufferPtr(), 255, 2464 * 13);
    expect<Status>(computeVignetteFeatures(2464, 13, 0)).toBe(Status.OK);
    expect<f32>(feature(AREA)).toBe(32032);
    expect<f32>(feature(WIDTH)).toBe(2464);
    expect<f32>(feature(X)).toBe(1231.5);
    expect<f32>(feature(Y)).toBe(6);
    // mu20 = N (W^2 - 1) / 12 for a full W-wide rectangle; mu30 = 0 by symmetry (to rounding).
    expect<f32>(feature(MU20)).toBe(<f32>(32032.0 * (2464.0 * 2464.0 - 1.0) / 12.0));
    expect<f64>(<f64>feature(MU20 + 3) / 1e12).toBeCloseTo(0, 6);
  });
});
