// The frame protocol: beginFrame, one pushRow per row in order, endFrame. Every misuse returns a
// Status and leaves the firmware ready for the next good call.

import { GREY_FIXED_BITS, RECORD_QUEUE_CAPACITY, ROW_BUFFER_BYTES } from "./constants";
import { applyConfig, configured, framesPerBloc, heightPx, maxClassifyAreaPx, overexposureLimitPx, threshold, widthPx } from "./config";
import { finishLabelling, labelRow, resetLabeller, rowForegroundPx } from "./labeller";
import { countRow } from "./rowscan";
import { addObjectsOfArea, clearObjectLog, frameObjects, resetFrameSink } from "./objectsink";
import { addFrameToBloc, blocFrames, clearBloc, emitBloc, emitTaxoRecord, recordSlotsFree } from "./records";
import { candidateCount, candidateHeight, candidateWidth, resetCandidates, setCandidateClass } from "./candidates";
import { classifyVignette, resultClass } from "./classify/api";
import { applyModel } from "./classify/model";
import { modelLoaded } from "./classify/model";
import { Status } from "./status";

/** Frame kind of a lit (flashed) frame. */
export const FRAME_LIT: u32 = 0;
/** Frame kind of a black (unlit) frame, for the sensor-noise BLACK records. */
export const FRAME_BLACK: u32 = 1;
/** Flag added to the kind: the frame comes as area-histogram entries (pushAreaCount), not rows. */
export const FRAME_HISTOGRAM_FLAG: u32 = 2;

/** Latest frame time accepted, Unix s (year 5138). */
export const MAX_TIME_S: f64 = 1e11;
/** Largest absolute pressure accepted, dbar (the deepest ocean is ~11,000 dbar). */
export const MAX_PRESSURE_DBAR: f64 = 1e5;
/** Largest absolute internal temperature accepted, deg C. */
export const MAX_TEMPERATURE_C: f64 = 1e4;

/** The fixed row buffer the host (or the sensor) writes each row into; whole scan blocks (rowscan.ts). */
export const rowBuffer: usize = memory.data(ROW_BUFFER_BYTES, 16);

// Records a frame cycle can emit: the other kind's partial bloc at begin; a TAXO record and a full bloc at end.
const RECORDS_PER_FRAME: u32 = 3;

let frameOpen = false;
// A frame is fed either rows (pixels) or area-histogram entries (the camera's *_data.txt), never
// both; which one is said at beginFrame, since an EMPTY_IMAGE or OVER_EXPOSED line has no entries.
let frameIsHistogram = false;
let frameMarkedOverexposed = false;
// A lit frame ended with classification on waits here until the host has handed over each candidate's
// pixels (classifyCandidate) and called finishClassification: its TAXO record must precede its bloc's LPM.
let classifying = false;
// Decided at beginFrame (lit pixel frame with classification on) and kept until the frame ends, so a
// model change can never split one frame between two models.
let frameClassifies = false;

/** Whether lit frames are classified: a valid model is loaded and TAXO_CONF allows objects (max size > 0). */
export function classificationOn(): bool {
  return modelLoaded && maxClassifyAreaPx > 0;
}
// Whether the open pixel frame is still labelled. A frame known to be over-exposed (its running
// foreground count passed the limit, or the host marked it) is reported with no objects whatever the
// rest holds, so its remaining rows are only counted: this bounds the cost of the worst frames.
let labelling = true;
/** Whether labelling stops once a frame is known to be over-exposed (on by default; off for debugging). */
export let overexposureEarlyStop = true;

/** Switches the over-exposure early stop on (the default) or off (every row of every frame labelled). */
export function setOverexposureEarlyStop(on: bool): void {
  overexposureEarlyStop = on;
}
let frameKind: u32 = 0;
let nextRow: u32 = 0;
let frameTimeS: f64 = 0;
let framePressureDbar: f64 = 0;
let frameTemperatureC: f64 = 0;
/** Foreground pixels of the current (or last ended) frame. */
export let frameForegroundPx: u32 = 0;
/** Whether the last ended frame was over-exposed. */
export let frameOverexposed = false;

// @ts-ignore: decorator
@inline function isFinite64(x: f64): bool { return x - x == 0; }

/** Validates and applies a configuration blob of `lengthBytes` bytes. */
export function configure(lengthBytes: u32): Status {
  if (frameOpen || classifying || blocFrames(FRAME_LIT) != 0 || blocFrames(FRAME_BLACK) != 0) return Status.BUSY;
  const status = applyConfig(lengthBytes);
  if (status == Status.OK) {
    clearBloc(FRAME_LIT);
    clearBloc(FRAME_BLACK);
  }
  return status;
}

/** Opens a frame of `kind` (0 lit, 1 black, plus 2 for a histogram frame) taken at `timeS` (Unix s), `pressureDbar`, `temperatureC`. */
export function beginFrame(kindAndFlags: u32, timeS: f64, pressureDbar: f64, temperatureC: f64): Status {
  if (!configured) return Status.NOT_CONFIGURED;
  if (frameOpen) return Status.FRAME_ALREADY_STARTED;
  if (classifying) return Status.CLASSIFICATION_PENDING;
  if (kindAndFlags > (FRAME_BLACK | FRAME_HISTOGRAM_FLAG)) return Status.FRAME_KIND;
  const kind = kindAndFlags & FRAME_BLACK;
  // Finite and physical (with wide margins), so sums over a bloc of 255 frames stay finite.
  if (!isFinite64(timeS) || !isFinite64(pressureDbar) || !isFinite64(temperatureC)) return Status.FRAME_METADATA;
  if (timeS < 0 || timeS > MAX_TIME_S || pressureDbar < -MAX_PRESSURE_DBAR || pressureDbar > MAX_PRESSURE_DBAR) return Status.FRAME_METADATA;
  if (temperatureC < -MAX_TEMPERATURE_C || temperatureC > MAX_TEMPERATURE_C) return Status.FRAME_METADATA;
  if (recordSlotsFree() < RECORDS_PER_FRAME) return Status.RECORD_QUEUE_FULL;
  // A switch of kind closes the other kind's partial bloc: lit and black blocs never interleave.
  emitBloc(kind == FRAME_LIT ? FRAME_BLACK : FRAME_LIT);
  frameOpen = true;
  frameKind = kind;
  nextRow = 0;
  frameTimeS = timeS;
  framePressureDbar = pressureDbar;
  frameTemperatureC = temperatureC;
  frameForegroundPx = 0;
  frameOverexposed = false;
  frameIsHistogram = (kindAndFlags & FRAME_HISTOGRAM_FLAG) != 0;
  frameMarkedOverexposed = false;
  labelling = true;
  resetLabeller();
  resetFrameSink();
  frameClassifies = kind == FRAME_LIT && !frameIsHistogram && classificationOn();
  resetCandidates(frameClassifies);
  return Status.OK;
}

/** Takes row `y` of `lengthPx` pixels from the row buffer. */
export function pushRow(y: u32, lengthPx: u32): Status {
  clearObjectLog();
  if (!frameOpen) return Status.FRAME_NOT_STARTED;
  if (frameIsHistogram) return Status.FRAME_MODE;
  if (lengthPx != widthPx) return Status.ROW_LENGTH;
  if (y >= heightPx) return Status.ROW_BEYOND_FRAME;
  if (y != nextRow) return Status.ROW_ORDER;
  if (labelling) {
    labelRow(rowBuffer, y, widthPx, threshold);
    frameForegroundPx += rowForegroundPx;
    if (frameForegroundPx > overexposureLimitPx) stopLabellingIfAllowed();
  } else {
    frameForegroundPx += countRow(rowBuffer, widthPx, threshold);
  }
  nextRow++;
  return Status.OK;
}

/**
 * Stops labelling the open frame, now known to be over-exposed (unless the early stop is off). The
 * objects completed so far stay in the frame's tallies and the debug log; the objects still open are
 * never completed. Nothing of this reaches a record: an over-exposed frame's bloc reports no objects,
 * and its TAXO record no candidates.
 */
function stopLabellingIfAllowed(): void {
  if (overexposureEarlyStop) labelling = false;
}

/** Closes the frame: completes its objects and adds it to its bloc, emitting the bloc when full. */
export function endFrame(): Status {
  clearObjectLog();
  if (!frameOpen) return Status.FRAME_NOT_STARTED;
  frameOpen = false;
  if (frameIsHistogram) {
    frameOverexposed = frameMarkedOverexposed || frameForegroundPx > overexposureLimitPx;
  } else {
    if (nextRow != heightPx) return Status.FRAME_INCOMPLETE;
    if (labelling) finishLabelling();
    frameOverexposed = frameMarkedOverexposed || frameForegroundPx > overexposureLimitPx;
  }
  addFrameToBloc(frameKind, frameTimeS, framePressureDbar, frameTemperatureC, frameOverexposed);
  if (frameClassifies) {
    // An over-exposed frame is not classified: its TAXO record holds no object.
    if (frameOverexposed) resetCandidates(false);
    if (candidateCount > 0) {
      classifying = true;
      return Status.OK;
    }
    emitTaxoRecord(frameTimeS, framePressureDbar);
  }
  if (blocFrames(frameKind) >= framesPerBloc) emitBloc(frameKind);
  return Status.OK;
}

/**
 * Classifies candidate i of the frame just ended: the host has written the candidate's bounding box
 * (candidateBox) from the frame into the vignette buffer, row-major. A vignette the classifier cannot
 * take (empty, too large) leaves the candidate unclassified and returns its status.
 */
export function classifyCandidate(i: u32): Status {
  if (!classifying) return Status.NOT_CLASSIFYING;
  if (i >= candidateCount) return Status.CANDIDATE_INDEX;
  const status = classifyVignette(candidateWidth(i), candidateHeight(i), threshold);
  setCandidateClass(i, status == Status.OK ? resultClass() : -1);
  return status;
}

/** Ends the classification of the frame just ended: queues its TAXO record, then its bloc if full. */
export function finishClassification(): Status {
  if (!classifying) return Status.NOT_CLASSIFYING;
  classifying = false;
  emitTaxoRecord(frameTimeS, framePressureDbar);
  if (blocFrames(FRAME_LIT) >= framesPerBloc) emitBloc(FRAME_LIT);
  return Status.OK;
}

/** Whether the frame just ended waits for its candidates' vignettes. */
export function isClassifying(): bool {
  return classifying;
}

/**
 * Adds `count` objects of `areaPx` pixels with mean grey `meanGrey` to the open frame, instead of
 * rows: how the camera's per-image *_data.txt (area histograms) replays through classes and blocs.
 */
export function pushAreaCount(areaPx: u32, count: u32, meanGrey: f64): Status {
  if (!frameOpen) return Status.FRAME_NOT_STARTED;
  if (!frameIsHistogram) return Status.FRAME_MODE;
  const framePx = widthPx * heightPx;
  // The comparisons are false for NaN, so a NaN grey is refused too.
  if (areaPx == 0 || areaPx > framePx || !(meanGrey >= 0 && meanGrey <= 255)) return Status.HISTOGRAM_ENTRY;
  // A frame cannot hold more objects, or more object pixels, than it has pixels.
  if (<u64>count > <u64>(framePx - frameObjects)) return Status.HISTOGRAM_ENTRY;
  const pixels = <u64>areaPx * <u64>count;
  if (pixels > <u64>(framePx - frameForegroundPx)) return Status.HISTOGRAM_ENTRY;
  frameForegroundPx += <u32>pixels;
  addObjectsOfArea(areaPx, count, <u64>Math.floor(meanGrey * <f64>(1 << GREY_FIXED_BITS)));
  return Status.OK;
}

/** Marks the open frame over-exposed (the camera's OVER_EXPOSED image line). */
export function markFrameOverexposed(): Status {
  if (!frameOpen) return Status.FRAME_NOT_STARTED;
  frameMarkedOverexposed = true;
  stopLabellingIfAllowed();
  return Status.OK;
}

/** Discards the open frame; nothing of it is counted. */
export function abortFrame(): Status {
  if (!frameOpen) return Status.FRAME_NOT_STARTED;
  frameOpen = false;
  return Status.OK;
}

/** Emits the partial blocs (end of an acquisition); fails only when the queue lacks room. */
export function flushBlocs(): Status {
  if (frameOpen) return Status.FRAME_ALREADY_STARTED;
  if (classifying) return Status.CLASSIFICATION_PENDING;
  const needed = (blocFrames(FRAME_LIT) != 0 ? 1 : 0) + (blocFrames(FRAME_BLACK) != 0 ? 1 : 0);
  if (recordSlotsFree() < <u32>needed) return Status.RECORD_QUEUE_FULL;
  emitBloc(FRAME_LIT);
  emitBloc(FRAME_BLACK);
  return Status.OK;
}

/** Whether a frame is open. */
export function isFrameOpen(): bool {
  return frameOpen;
}

/** Index of the next row the open frame expects. */
export function expectedRow(): u32 {
  return nextRow;
}

/** Record queue capacity, for the host. */
export function recordQueueCapacity(): u32 {
  return RECORD_QUEUE_CAPACITY;
}

/** Validates and loads the model in the staging area; refused while a frame is open or being classified. */
export function loadModel(lengthBytes: u32): Status {
  if (frameOpen) return Status.BUSY;
  if (classifying) return Status.CLASSIFICATION_PENDING;
  return applyModel(lengthBytes);
}
