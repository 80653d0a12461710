// Compact SBD messages, format version 2 (docs/operators.md, "Compact SBD messages"): one message under construction per record kind,
// each in its own fixed buffer with its own probabilities. A record is kept only if the message, completed,
// still fits the limit; otherwise the message is sealed without it and the record waits for the next one.

import { floatAlloc } from "./arena";
import {
  KIND_LPM, SBD_CRC_BYTES, SBD_HEADER_BYTES, SBD_MAGIC, SBD_MAX_BYTES, SBD_MAX_NUMBER, SBD_MAX_RECORDS, SBD_SLACK_BYTES, SBD_VERSION,
} from "./constants";
import { cycleNumber, floatId, sbdLimitBytes, sbdNoiseCode } from "./floatConfig";
import { priorTableId } from "./priorTable";
import { rcFlush, rcLoad, rcPosition, rcSave, rcStart } from "./rangeEncoder";
import { encodeSbdRecord, initProbabilities, PRED_BYTES, SBD_PROB_COUNT, useProbabilities } from "./sbdRecords";

/** What appending a record did. */
export const SBD_APPENDED: u32 = 0;
/** The message was sealed without the record, which waits for the next message. */
export const SBD_SEALED: u32 = 1;
/** The record does not fit even an empty message; nothing changed. */
export const SBD_TOO_LARGE: u32 = 2;
/** The cycle has used every message or record number the header can carry; nothing changed. */
export const SBD_NUMBERS_EXHAUSTED: u32 = 3;

const MESSAGE_BUFFER: u32 = SBD_MAX_BYTES + SBD_SLACK_BYTES;
const BODY_CAPACITY: u32 = MESSAGE_BUFFER - SBD_HEADER_BYTES - SBD_CRC_BYTES;
// Per kind: message buffer, probabilities, coder state, predictor state, counters.
const STATE_BYTES: u32 = 64;
const messages: usize = floatAlloc(3 * MESSAGE_BUFFER);
const probabilities: usize = floatAlloc(3 * SBD_PROB_COUNT * 2);
const coderStates: usize = floatAlloc(3 * STATE_BYTES);
const predictors: usize = floatAlloc(3 * PRED_BYTES);
const predictorNext: usize = floatAlloc(PRED_BYTES);
const snapshotBefore: usize = floatAlloc(32);
const snapshotAfter: usize = floatAlloc(32);
// Per kind counters: records in the open message, index of its first record, sealed length (0 = not sealed).
const messageRecords: usize = floatAlloc(3 * 4);
const firstIndex: usize = floatAlloc(3 * 4);
const sealedBytes: usize = floatAlloc(3 * 4);
let nextSequence: u32 = 0;
let lastFlagSent = false;

// @ts-ignore: decorator
@inline function message(kind: u32): usize { return messages + <usize>(kind - 1) * MESSAGE_BUFFER; }
// @ts-ignore: decorator
@inline function body(kind: u32): usize { return message(kind) + SBD_HEADER_BYTES; }
// @ts-ignore: decorator
@inline function counter(base: usize, kind: u32): usize { return base + ((kind - 1) << 2); }

/** Forgets every message and counter: a new cycle. */
export function sbdReset(): void {
  nextSequence = 0;
  lastFlagSent = false;
  for (let kind: u32 = 1; kind <= 3; kind++) {
    store<u32>(counter(firstIndex, kind), 0);
    store<u32>(counter(sealedBytes, kind), 0);
    openMessage(kind);
  }
}

function openMessage(kind: u32): void {
  store<u32>(counter(messageRecords, kind), 0);
  initProbabilities(probabilities + <usize>(kind - 1) * SBD_PROB_COUNT * 2);
  const pred = predictors + <usize>(kind - 1) * PRED_BYTES;
  for (let i: u32 = 0; i < PRED_BYTES; i += 8) store<u64>(pred + i, 0);
  rcStart(body(kind), BODY_CAPACITY);
  rcSave(coderStates + <usize>(kind - 1) * STATE_BYTES);
}

/** Body length once the active coder is flushed, trailing zero bytes dropped; past the buffer: a too-large value. */
function flushedBodyLength(kind: u32): u32 {
  rcFlush();
  let length = rcPosition();
  if (length > BODY_CAPACITY) return 0xffff;
  const b = body(kind);
  while (length > 0 && load<u8>(b + length - 1) == 0) length--;
  return length;
}

/** Appends staged record `r` to the open message of `kind` (SBD_APPENDED, SBD_SEALED or SBD_TOO_LARGE). */
export function sbdAppend(kind: u32, r: usize): u32 {
  const state = coderStates + <usize>(kind - 1) * STATE_BYTES;
  const pred = predictors + <usize>(kind - 1) * PRED_BYTES;
  const records = load<u32>(counter(messageRecords, kind));
  // Every message and record is numbered in the header (u16): past 65,536 the numbers would repeat.
  if (load<u32>(counter(firstIndex, kind)) + records >= SBD_MAX_NUMBER || nextSequence + 1 >= SBD_MAX_NUMBER) {
    return SBD_NUMBERS_EXHAUSTED;
  }
  useProbabilities(probabilities + <usize>(kind - 1) * SBD_PROB_COUNT * 2);
  rcLoad(state, body(kind));
  rcSave(snapshotBefore);
  encodeSbdRecord(r, pred, predictorNext);
  rcSave(snapshotAfter);
  const total = SBD_HEADER_BYTES + flushedBodyLength(kind) + SBD_CRC_BYTES;
  if (total <= sbdLimitBytes && records < SBD_MAX_RECORDS) {
    rcLoad(snapshotAfter, body(kind));
    rcSave(state);
    memory.copy(pred, predictorNext, PRED_BYTES);
    store<u32>(counter(messageRecords, kind), records + 1);
    return SBD_APPENDED;
  }
  if (records == 0) {
    openMessage(kind);
    return SBD_TOO_LARGE;
  }
  rcLoad(snapshotBefore, body(kind));
  seal(kind, false);
  return SBD_SEALED;
}

/** Seals every open message that holds records, in kind order; the last one sealed is the cycle's last. When
 *  none holds any but messages went out (the last record was refused), an empty message closes the cycle. */
export function sbdFinish(): void {
  if (lastFlagSent) return;
  let lastKind: u32 = 0;
  for (let kind: u32 = 1; kind <= 3; kind++) if (load<u32>(counter(messageRecords, kind)) != 0) lastKind = kind;
  if (lastKind == 0 && nextSequence > 0 && sbdSealedBytes(KIND_LPM) == 0) {
    rcLoad(coderStates, body(KIND_LPM));
    seal(KIND_LPM, true);
    return;
  }
  for (let kind: u32 = 1; kind <= lastKind; kind++) {
    if (load<u32>(counter(messageRecords, kind)) == 0) continue;
    rcLoad(coderStates + <usize>(kind - 1) * STATE_BYTES, body(kind));
    seal(kind, kind == lastKind);
  }
}

function seal(kind: u32, last: bool): void {
  const length = flushedBodyLength(kind);
  const m = message(kind);
  const records = load<u32>(counter(messageRecords, kind));
  store<u8>(m, SBD_MAGIC, 0);
  store<u8>(m, <u8>((SBD_VERSION << 4) | kind), 1);
  store<u8>(m, <u8>(floatId & 0xff), 2);
  store<u8>(m, <u8>((floatId >> 8) & 0xff), 3);
  store<u8>(m, <u8>((floatId >> 16) & 0xff), 4);
  store<u16>(m, <u16>cycleNumber, 5);
  store<u16>(m, <u16>nextSequence, 7);
  // Flags: bit 0 the cycle's last message, bits 1-7 the noise code (0 lossless).
  store<u8>(m, <u8>((last ? 1 : 0) | (sbdNoiseCode << 1)), 9);
  store<u16>(m, <u16>load<u32>(counter(firstIndex, kind)), 10);
  store<u8>(m, <u8>records, 12);
  store<u8>(m, <u8>priorTableId, 13);
  if (last) lastFlagSent = true;
  const crcAt = SBD_HEADER_BYTES + length;
  store<u16>(m + crcAt, <u16>crc16(m, crcAt));
  store<u32>(counter(sealedBytes, kind), crcAt + SBD_CRC_BYTES);
  store<u32>(counter(firstIndex, kind), load<u32>(counter(firstIndex, kind)) + records);
  nextSequence++;
}

/** Length of the sealed message of `kind` waiting for the host, 0 when none. */
export function sbdSealedBytes(kind: u32): u32 {
  return load<u32>(counter(sealedBytes, kind));
}

/** Address of the message buffer of `kind`. */
export function sbdMessagePtr(kind: u32): usize {
  return message(kind);
}

/** Frees the sealed message of `kind` and opens the next one. */
export function sbdRelease(kind: u32): void {
  store<u32>(counter(sealedBytes, kind), 0);
  openMessage(kind);
}

/** CRC-16/CCITT-FALSE of `length` bytes at `p`. */
export function crc16(p: usize, length: u32): u32 {
  let crc: u32 = 0xffff;
  for (let i: u32 = 0; i < length; i++) {
    crc ^= <u32>load<u8>(p + i) << 8;
    for (let b = 0; b < 8; b++) crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
