// One frame as the replay feeds it to the firmware: pixels, or the camera's area histogram.
import type { FrameTruth } from "../formats/stream/streamTypes.js";
import type { Cts5Phase } from "../telemetry/types.js";

/** An area-histogram entry of the camera's *_data.txt: `count` objects of `areaPx` px, mean grey. */
export interface AreaEntry {
  areaPx: number;
  count: number;
  meanGrey: number;
}

/** A frame for replay, from a recorded stream (pixels) or a *_data.txt line (histogram). */
export interface ReplayFrame {
  index: number;
  timeS: number;
  pressureDbar: number;
  temperatureC: number;
  kind: "lit" | "black";
  pixels?: { widthPx: number; heightPx: number; data: Uint8Array };
  histogram?: { entries: AreaEntry[]; overexposed: boolean };
  truth?: FrameTruth;
  /** The float's phase when the frame was taken (drives the float-side slicing when telemetry is on). */
  phase?: Cts5Phase;
}
