// uvp-float firmware: the exports the host sees. Everything is numbers and addresses into the one
// fixed linear memory; the host wraps these in host/firmware.ts. Status codes: status.ts.

import {
  CONFIG_CAPACITY_BYTES, MAX_HEIGHT_PX, MAX_OBJECT_SLOTS, MAX_WIDTH_PX, NUM_CLASSES,
  OBJECT_LOG_ENTRY_BYTES, RECORD_BYTES,
} from "./constants";
import { AREA_UNREACHABLE, classMinAreaPx, classBoundUm, configInput, vignetteMinAreaPx } from "./config";
import { frameForegroundPx, frameOverexposed, overexposureEarlyStop, rowBuffer } from "./frame";
import { labellerOverflows } from "./objectSlots";
import {
  frameClassCounts, frameObjects, objectLog, objectLogCount, objectLogEnabled, setObjectLogEnabled,
} from "./objectsink";
import { oldestRecord, recordsWaiting, releaseOldestRecord } from "./records";

export {
  configure, beginFrame, pushRow, endFrame, abortFrame, flushBlocs, isFrameOpen, expectedRow,
  recordQueueCapacity, pushAreaCount, markFrameOverexposed, classifyCandidate, finishClassification,
  isClassifying, classificationOn, loadModel, setOverexposureEarlyStop,
} from "./frame";
export {
  vignetteBufferPtr, vignetteMaxPixels, vignetteRegionCount, computeVignetteFeatures, classifyVignette,
  featuresPtr, featureCount, resultClass, resultScore, classSumsPtr, modelStagingPtr, modelCapacityBytes,
  modelMaxTrees, modelClasses, modelTreesPerClass, modelNodes, modelMaxDepth, classifierBuilt,
} from "./classify/api";
import { candidateCount as candidatesKept, candidateEntry, candidatesBeyondLimit } from "./candidates";
import { MODEL_STATE_BYTES } from "./classify/modelConstants";

/** Candidates kept in the frame just ended (at most 25). */
export function candidateCount(): u32 { return candidatesKept; }
/** Objects of the frame just ended that qualified for classification beyond the 25 kept. */
export function candidatesOverLimit(): u32 { return candidatesBeyondLimit; }
/** Address of candidate i's entry: u32 area, u32 grey sum, u16 xMin, yMin, xMax, yMax (its bounding box). */
export function candidatePtr(i: u32): usize { return candidateEntry(i); }
/** Bytes of model state (areas, tree index), which the 256 KiB working budget excludes. */
export function modelStateBytes(): u32 { return MODEL_STATE_BYTES; }

/** Version of the host contract (exports, blob, record and log layouts); bumped on any change. */
export const ABI_VERSION: u32 = 2;

/** Address where the host writes the configuration blob. */
export function configBufferPtr(): usize { return configInput; }
/** Capacity of the configuration buffer in bytes. */
export function configBufferBytes(): u32 { return CONFIG_CAPACITY_BYTES; }
/** Address of the row buffer the host writes each row into. */
export function rowBufferPtr(): usize { return rowBuffer; }
/** Capacity of the row buffer in pixels (the widest frame). */
export function rowBufferBytes(): u32 { return MAX_WIDTH_PX; }
/** Tallest frame accepted, in rows. */
export function maxHeightPx(): u32 { return MAX_HEIGHT_PX; }
/** Number of size classes. */
export function classCount(): u32 { return NUM_CLASSES; }
/** Minimum area (px) of class k under the configuration in force (0xffffffff: unreachable). */
export function classMinArea(k: u32): u32 { return k < NUM_CLASSES ? load<u32>(classMinAreaPx + (k << 2)) : AREA_UNREACHABLE; }
/** Lower ESD bound (um) of class k under the configuration in force. */
export function classBound(k: u32): f32 { return classBoundUm(k); }
/** Minimum area (px) of an object that gets a vignette (ESD >= the vignette limit). */
export function vignetteMinArea(): u32 { return vignetteMinAreaPx; }

/** Objects completed in the current or last frame, of any size. */
export function frameObjectCount(): u32 { return frameObjects; }
/** Foreground pixels of the current or last frame. */
export function frameForegroundPixels(): u32 { return frameForegroundPx; }
/** Whether the last ended frame was over-exposed. */
export function frameWasOverexposed(): bool { return frameOverexposed; }
/** Address of the current or last frame's objects per class (u32 x 18). */
export function frameClassCountsPtr(): usize { return frameClassCounts; }

/** Bloc records waiting for the host. */
export function recordCount(): u32 { return recordsWaiting(); }
/** Address of the oldest waiting record (layout in records.ts), or 0. */
export function recordPtr(): usize { return oldestRecord(); }
/** Bytes of one record. */
export function recordBytes(): u32 { return RECORD_BYTES; }
/** Releases the oldest waiting record; false when none. */
export function takeRecord(): bool { return releaseOldestRecord(); }

/** Switches the per-object debug log on (true) or off. */
export function setObjectLog(on: bool): void { setObjectLogEnabled(on); }
/** Whether the per-object debug log is on. */
export function objectLogOn(): bool { return objectLogEnabled; }
/** Objects logged by the last pushRow or endFrame. */
export function objectLogLength(): u32 { return objectLogCount; }
/** Address of the debug log (entry layout in objectsink.ts). */
export function objectLogPtr(): usize { return objectLog; }
/** Bytes of one debug log entry. */
export function objectLogEntryBytes(): u32 { return OBJECT_LOG_ENTRY_BYTES; }

/** Whether labelling stops once a frame is known to be over-exposed (setOverexposureEarlyStop). */
export function overexposureEarlyStopOn(): bool { return overexposureEarlyStop; }

/** Object-slot pool size (the worst case of live objects). */
export function objectSlots(): u32 { return MAX_OBJECT_SLOTS; }
/** Slot allocations that found the pool empty in the last frame: always 0 unless a bound is wrong. */
export function slotOverflows(): u32 { return labellerOverflows; }
/** End of the static data: the firmware's whole working state lies below this address. */
export function staticEnd(): usize { return __heap_base; }
export {
  floatConfigPtr, floatConfigure, floatSetPhase, blocStagingPtr, floatPushBloc, sliceStagingPtr, sliceRecordBytes,
  floatClearSlice, floatPushSlice, floatFinish, telemetryReadyParts, telemetryPartPtr, telemetryPartBytes,
  telemetryReleasePart, telemetryCounter, floatStateBytes, floatStateUsed, priorTablePtr, floatSetPriors, floatPriorTableId,
} from "./telemetry/api";
