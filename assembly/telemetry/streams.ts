// The six telemetry streams (CTS5 and SBD, one per record kind): hands a staged slice record to every
// enabled encoder, and keeps the protocol with the host: a sealed part waits until the host takes it and
// calls telemetryReleasePart; the record that did not fit is then written first into the new part.

import { floatAlloc } from "./arena";
import { Status } from "../status";
import { FORMAT_CTS5, FORMAT_SBD, KIND_BLACK } from "./constants";
import { formatMask } from "./floatConfig";
import { clearSliceRecord, recKind, sliceRecordValid, stagingRecord } from "./sliceRecord";
import { cts5Accepts, cts5Append, cts5RecordsRefused, cts5Release, cts5Reset, cts5SealedBytes, cts5SealOpen, CTS5_SEALED, cts5PartPtr } from "./cts5Encoder";
import { sbdAppend, sbdFinish, sbdMessagePtr, sbdRelease, sbdReset, sbdSealedBytes, SBD_APPENDED as SBD_APPENDED_OK, SBD_SEALED, SBD_TOO_LARGE } from "./sbdEncoder";

// Per stream (format * 3 + kind - 1): 1 when the staged record of that kind waits for this stream's next part.
const pendingFlags: usize = floatAlloc(8);
/** Records refused by the SBD encoder because they do not fit an empty message. */
export let sbdRecordsTooLarge: u32 = 0;
/** Records refused by the SBD encoder because the cycle used every message or record number. */
export let sbdRecordsUnnumbered: u32 = 0;
/** Slice records refused before encoding (a value neither format can carry). */
export let recordsInvalid: u32 = 0;
/** Records handed to the encoders since the cycle began, per kind (index kind - 1). */
const recordsSent: usize = floatAlloc(12);

// @ts-ignore: decorator
@inline function stream(format: u32, kind: u32): u32 { return format * 3 + kind - 1; }
// @ts-ignore: decorator
@inline function enabled(format: u32): bool { return (formatMask & (1 << format)) != 0; }

/** Starts a new cycle: every part and message empty, counters zero. */
export function streamsReset(): void {
  cts5Reset();
  sbdReset();
  for (let i: u32 = 0; i < 8; i++) store<u8>(pendingFlags + i, 0);
  for (let i: u32 = 0; i < 12; i += 4) store<u32>(recordsSent + i, 0);
  sbdRecordsTooLarge = 0;
  sbdRecordsUnnumbered = 0;
  recordsInvalid = 0;
}

/** Whether the staged record of `kind` still waits for a part to be released. */
export function kindPending(kind: u32): bool {
  return load<u8>(pendingFlags + stream(FORMAT_CTS5, kind)) != 0 || load<u8>(pendingFlags + stream(FORMAT_SBD, kind)) != 0;
}

/** Bit mask of streams with a sealed part waiting for the host. */
export function readyParts(): u32 {
  let mask: u32 = 0;
  for (let kind: u32 = 1; kind <= 3; kind++) {
    if (cts5SealedBytes(kind) != 0) mask |= 1 << stream(FORMAT_CTS5, kind);
    if (sbdSealedBytes(kind) != 0) mask |= 1 << stream(FORMAT_SBD, kind);
  }
  return mask;
}

/** Address of stream `s`'s part buffer. */
export function partPtr(s: u32): usize {
  return s < 3 ? cts5PartPtr(s + 1) : sbdMessagePtr(s - 2);
}

/** Bytes of stream `s`'s sealed part, 0 when none waits. */
export function partBytes(s: u32): u32 {
  if (s >= 6) return 0;
  return s < 3 ? cts5SealedBytes(s + 1) : sbdSealedBytes(s - 2);
}

/** Hands the staged record of its kind to every enabled encoder. */
export function dispatchStaged(kind: u32): Status {
  const r = stagingRecord(kind);
  if (kind == KIND_BLACK) store<u8>(r, 0, 2);
  if (recKind(r) != kind || !sliceRecordValid(r)) {
    recordsInvalid++;
    return Status.SLICE_RECORD;
  }
  store<u32>(recordsSent + ((kind - 1) << 2), load<u32>(recordsSent + ((kind - 1) << 2)) + 1);
  let status = Status.OK;
  if (enabled(FORMAT_CTS5)) {
    if (!cts5Accepts(r)) {
      cts5RecordsRefused++;
      status = Status.SLICE_RECORD;
    } else if (cts5Append(r) == CTS5_SEALED) {
      store<u8>(pendingFlags + stream(FORMAT_CTS5, kind), 1);
    }
  }
  if (enabled(FORMAT_SBD)) {
    const result = sbdAppend(kind, r);
    if (result == SBD_SEALED) store<u8>(pendingFlags + stream(FORMAT_SBD, kind), 1);
    else if (result != SBD_APPENDED_OK) status = sbdRefused(result);
  }
  return status;
}

/** Frees stream `s`'s sealed part and writes the record that waited for it into the new part. */
export function releasePart(s: u32): Status {
  if (partBytes(s) == 0) return Status.NO_PART;
  const format = s < 3 ? FORMAT_CTS5 : FORMAT_SBD;
  const kind = s < 3 ? s + 1 : s - 2;
  if (format == FORMAT_CTS5) cts5Release(kind);
  else sbdRelease(kind);
  if (load<u8>(pendingFlags + s) == 0) return Status.OK;
  store<u8>(pendingFlags + s, 0);
  const r = stagingRecord(kind);
  if (format == FORMAT_CTS5) {
    cts5Append(r);
    return Status.OK;
  }
  const result = sbdAppend(kind, r);
  return result == SBD_APPENDED_OK ? Status.OK : sbdRefused(result);
}

/** Counts a record the SBD encoder refused and names why. */
function sbdRefused(result: u32): Status {
  if (result == SBD_TOO_LARGE) {
    sbdRecordsTooLarge++;
    return Status.RECORD_TOO_LARGE;
  }
  sbdRecordsUnnumbered++;
  return Status.SBD_NUMBERS_EXHAUSTED;
}

/** Seals every part and message holding records (the end of a cycle); PART_WAITING if the host has not taken all. */
export function sealAll(): Status {
  if (readyParts() != 0) return Status.PART_WAITING;
  if (enabled(FORMAT_CTS5)) for (let kind: u32 = 1; kind <= 3; kind++) cts5SealOpen(kind);
  if (enabled(FORMAT_SBD)) sbdFinish();
  return Status.OK;
}

/** Records handed to the encoders this cycle of `kind`. */
export function recordsSentOf(kind: u32): u32 {
  return kind >= 1 && kind <= 3 ? load<u32>(recordsSent + ((kind - 1) << 2)) : 0;
}

/** Clears the staged record of `kind` for the host to fill. */
export function clearStaged(kind: u32): void {
  clearSliceRecord(stagingRecord(kind), kind);
}
