// Fixtures for the stream tests: a header, seeded frames of several sizes (with and without truth),
// temporary paths, and a writer that records where each record ends.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StreamWriter, type StreamWriterFrame } from "../../host/formats/stream/streamWriter.js";
import type { FrameTruth, PixelEncoding, StreamHeader } from "../../host/formats/stream/streamTypes.js";
import { Rng } from "../../simulator/random.js";
import { REAL_ACQ_CONF, REAL_HW_CONF } from "./config.js";

/** The header fields a test stream is created with. */
export const TEST_HEADER: Omit<StreamHeader, "type" | "format" | "version"> = {
  hwConf: REAL_HW_CONF,
  acqConf: REAL_ACQ_CONF,
  taxoConf: null,
  zones: { boundariesDbar: [100, 1000], sliceThicknessDbar: [1, 5, 20], processing: ["raw", "mean", "mean"] },
  metadata: { profile: "000118LP", seed: 7, nested: { list: [1, 2.5, "x"], flag: true, none: null } },
};

/** A seeded generator of floats in [0, 1), from the simulator's Rng. */
export function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

function truthFor(rand: () => number): FrameTruth {
  const counts = Array.from({ length: 18 }, () => Math.floor(rand() * 50));
  return {
    classCounts: counts,
    classGreyMeanSums: counts.map((c) => c * (20 + rand() * 100)),
    belowFirstClass: 0,
    noiseObjects: 12,
    objects: [
      { shape: "particle", areaPx: 12, greySum: 612, xMin: 1, yMin: 2, xMax: 4, yMax: 5, touching: false },
      { shape: "copepod", areaPx: 40, greySum: 2400.5, xMin: 0, yMin: 0, xMax: 9, yMax: 3, touching: true },
    ],
    touchingObjects: 1,
    overexposed: false,
    concentrationPerL: 123.4,
    slope: 3.9,
  };
}

/** Seeded frames of the given sizes; every other one carries truth. Pixels are noisy but compressible. */
export function testFrames(sizes: Array<[number, number]>, seed = 1): StreamWriterFrame[] {
  const rand = seeded(seed);
  return sizes.map(([w, h], i) => {
    const pixels = new Uint8Array(w * h);
    for (let p = 0; p < pixels.length; p++) pixels[p] = rand() < 0.1 ? Math.floor(rand() * 256) : 3;
    const frame: StreamWriterFrame = {
      timeS: 1652910011.12 + i * 0.75, pressureDbar: 700.3 - i * 0.4, temperatureC: 27.13, kind: i % 3 === 2 ? "black" : "lit",
      phase: i === 0 ? "park" : "ascent", widthPx: w, heightPx: h, pixels,
    };
    if (i % 2 === 1) frame.truth = truthFor(rand);
    return frame;
  });
}

/** A fresh temporary directory and its cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `uvp-float-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a stream and returns the file offset where each record ends: header, each frame, end. */
export function writeTestStream(path: string, frames: StreamWriterFrame[], encoding: PixelEncoding = "deflate"): { recordEnds: number[]; bytes: number } {
  const writer = StreamWriter.create(path, TEST_HEADER, { encoding, overwrite: true });
  const recordEnds = [statSync(path).size];
  for (const f of frames) {
    writer.writeFrame(f);
    recordEnds.push(statSync(path).size);
  }
  const { bytes } = writer.close();
  recordEnds.push(statSync(path).size);
  return { recordEnds, bytes };
}
