// Exports of the float side: configuration, phase, bloc and slice input, and the part protocol.
// Protocol: after any call that can seal a part, the host reads telemetryReadyParts(), copies each ready
// part (telemetryPartPtr / telemetryPartBytes) and calls telemetryReleasePart; floatFinish is called until
// it returns OK, draining parts between calls.

import { Status } from "../status";
import { FLOAT_ARENA_BYTES, floatArenaUsed } from "./arena";
import { KIND_TAXO, STREAM_COUNT } from "./constants";
import { cts5RecordsRefused, cts5ValuesClamped } from "./cts5Encoder";
import { applyFloatConfig, floatConfigInput, floatConfigured, floatUnconfigure } from "./floatConfig";
import { applyPriorTable, priorTableId, priorTableInput } from "./priorTable";
import { SLICE_RECORD_BYTES, stagingRecord } from "./sliceRecord";
import { blackObjectsDropped, blocStaging, blocsDecimated, flushSlices, pushBloc, setPhase, slicerReset, slicesLost } from "./slicer";
import {
  clearStaged, dispatchStaged, kindPending, partBytes, partPtr, readyParts, recordsSentOf, releasePart, sbdRecordsTooLarge,
  recordsInvalid, sbdRecordsUnnumbered, sealAll, streamsReset,
} from "./streams";

/** Address where the host writes the float configuration blob (88 bytes, layout in floatConfig.ts). */
export function floatConfigPtr(): usize { return floatConfigInput; }

/** Validates and applies the float configuration of `lengthBytes`, starting a new cycle (all parts and slices emptied). */
export function floatConfigure(lengthBytes: u32): Status {
  const status = applyFloatConfig(lengthBytes);
  if (status != Status.OK) return status;
  streamsReset();
  slicerReset();
  setPhase(4);
  return Status.OK;
}

/** Address where the host writes an SBD prior table (4504 bytes, layout in priorTable.ts). */
export function priorTablePtr(): usize { return priorTableInput; }

/** Validates and puts in force the prior table of `lengthBytes` (0: none); on error none is in force. Either way the
 *  float must be configured again (floatConfigure starts a new cycle), so no message mixes two tables. */
export function floatSetPriors(lengthBytes: u32): Status {
  floatUnconfigure();
  return applyPriorTable(lengthBytes);
}

/** Id of the prior table in force, 0 for none. */
export function floatPriorTableId(): u32 { return priorTableId; }

/** Sets the float's phase (0 DESCENT, 1 PARK, 2 DEEP_PROFILE, 3 SHORT_PARK, 4 ASCENT, 5 SURFACE); a change closes the open slice. */
export function floatSetPhase(phase: u32): Status {
  if (!floatConfigured) return Status.FLOAT_NOT_CONFIGURED;
  return setPhase(phase);
}

/** Address of the bloc staging area (128 bytes, the bloc record layout of records.ts). */
export function blocStagingPtr(): usize { return blocStaging; }

/** Feeds the bloc record in the staging area to the slicer. */
export function floatPushBloc(): Status {
  if (!floatConfigured) return Status.FLOAT_NOT_CONFIGURED;
  return pushBloc();
}

/** Address of the slice staging record of `kind` (1 LPM, 2 BLACK, 3 TAXO; 608 bytes, layout in sliceRecord.ts), 0 for a bad kind. */
export function sliceStagingPtr(kind: u32): usize { return kind >= 1 && kind <= KIND_TAXO ? stagingRecord(kind) : 0; }

/** Bytes of one slice staging record. */
export function sliceRecordBytes(): u32 { return SLICE_RECORD_BYTES; }

/** Zeroes the slice staging record of `kind` and sets its kind, for the host to fill; PART_WAITING while it is still in use. */
export function floatClearSlice(kind: u32): Status {
  if (kind < 1 || kind > KIND_TAXO) return Status.SLICE_RECORD;
  if (kindPending(kind)) return Status.PART_WAITING;
  clearStaged(kind);
  return Status.OK;
}

/** Encodes the slice record the host staged for `kind` (an already sliced record, e.g. from an Argo AUX file). */
export function floatPushSlice(kind: u32): Status {
  if (!floatConfigured) return Status.FLOAT_NOT_CONFIGURED;
  if (kind < 1 || kind > KIND_TAXO) return Status.SLICE_RECORD;
  if (kindPending(kind)) return Status.PART_WAITING;
  return dispatchStaged(kind);
}

/** Ends the cycle: closes the open slice, then seals every part; PART_WAITING until the host has taken all ready parts. */
export function floatFinish(): Status {
  if (!floatConfigured) return Status.FLOAT_NOT_CONFIGURED;
  if (readyParts() != 0) return Status.PART_WAITING;
  const status = flushSlices();
  if (status == Status.PART_WAITING || readyParts() != 0) return Status.PART_WAITING;
  const sealed = sealAll();
  return sealed != Status.OK ? sealed : status;
}

/** Bit mask of streams with a sealed part waiting: bit (format * 3 + kind - 1), format 0 CTS5, 1 SBD. */
export function telemetryReadyParts(): u32 { return readyParts(); }

/** Address of stream `s`'s part buffer, 0 for a bad stream. */
export function telemetryPartPtr(s: u32): usize { return s < STREAM_COUNT ? partPtr(s) : 0; }

/** Bytes of stream `s`'s sealed part (0 when none waits). */
export function telemetryPartBytes(s: u32): u32 { return partBytes(s); }

/** Frees stream `s`'s sealed part after the host copied it; the record that waited goes into the new part. */
export function telemetryReleasePart(s: u32): Status { return s < STREAM_COUNT ? releasePart(s) : Status.NO_PART; }

/** Float-side counters: 0 blocs decimated, 1 black objects dropped (classes 6-18, saturated u32), 2 slices lost,
 *  3 SBD records too large, 4 CTS5 values clamped, 5 CTS5 records refused, 6-8 records sent (LPM, BLACK, TAXO),
 *  9 SBD records beyond the header's numbering, 10 slice records refused as invalid. */
export function telemetryCounter(i: u32): u32 {
  if (i == 0) return blocsDecimated;
  if (i == 1) return <u32>min<u64>(blackObjectsDropped, 0xffffffff);
  if (i == 2) return slicesLost;
  if (i == 3) return sbdRecordsTooLarge;
  if (i == 4) return cts5ValuesClamped;
  if (i == 5) return cts5RecordsRefused;
  if (i >= 6 && i <= 8) return recordsSentOf(i - 5);
  if (i == 9) return sbdRecordsUnnumbered;
  if (i == 10) return recordsInvalid;
  return 0;
}

/** Bytes of the float side's static state (slicer, encoders, staging), apart from the camera's working state. */
export function floatStateBytes(): u32 { return FLOAT_ARENA_BYTES; }

/** Bytes of the float-side arena actually reserved (equals floatStateBytes when the memory map is right). */
export function floatStateUsed(): u32 { return floatArenaUsed(); }
