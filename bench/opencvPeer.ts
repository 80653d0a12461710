// OpenCV.js connectedComponentsWithStats on the same frames: what a user would otherwise pick.
// Dev dependency of the benchmark only; absent, the benchmark says so and goes on.
import { createRequire } from "node:module";

/** A loaded OpenCV labeller: threshold + 8-connected components with stats; returns the object count. */
export type OpenCvLabeller = (pixels: Uint8Array, threshold: number) => number;

/** Loads @techstark/opencv-js for frames of the given size, or returns null with the reason. */
export async function loadOpenCv(widthPx: number, heightPx: number): Promise<{ label: OpenCvLabeller; version: string } | { error: string }> {
  let cv: any;
  try {
    const require = createRequire(import.meta.url);
    cv = require("@techstark/opencv-js");
    if (cv instanceof Promise) cv = await cv;
    else if (!cv.Mat) await new Promise<void>((resolve) => (cv.onRuntimeInitialized = resolve));
  } catch (err) {
    return { error: `OpenCV.js not available: ${(err as Error).message}` };
  }
  const src = new cv.Mat(heightPx, widthPx, cv.CV_8UC1);
  const bin = new cv.Mat();
  const labels = new cv.Mat();
  const stats = new cv.Mat();
  const centroids = new cv.Mat();
  const label: OpenCvLabeller = (pixels, threshold) => {
    src.data.set(pixels); // the copy in, as the firmware pays for its row copies
    cv.threshold(src, bin, threshold, 255, cv.THRESH_BINARY);
    return cv.connectedComponentsWithStats(bin, labels, stats, centroids, 8, cv.CV_32S) - 1; // minus background
  };
  const version = String(cv.getBuildInformation?.().match(/General configuration for OpenCV ([\d.]+)/)?.[1] ?? "4.x");
  return { label, version };
}
