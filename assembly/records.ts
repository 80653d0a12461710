// Bloc accumulation and the queue of finished bloc records (LPM and BLACK) the host takes.
//
// Record layout (RECORD_BYTES = 128, little-endian):
//   0 u8  kind (1 = LPM, 2 = BLACK)         1 u8  flags (bit 0: bloc held an over-exposed frame)
//   2 u16 images as the camera reports them (0 for an over-exposed bloc)
//   4 u16 frames actually accumulated        6 u16 reserved (0)
//   8 f64 time of the bloc's first frame, Unix s
//  16 f64 mean pressure, dbar               24 f64 mean internal temperature, deg C
//  32 u32 x 18 objects per class, summed over the bloc (0 when over-exposed)
// 104 u8  x 18 mean grey per object per class, rounded half up (0 when empty or over-exposed)
// 122..127 reserved (0)
//
// TAXO frame record (kind 3), one per classified lit frame, queued before its bloc's LPM record:
//   0 u8  kind (3)   1 u8 flags (bit 0: a candidate could not be classified)   2 u16 triplets n (0..25)
//   4 u16 candidates kept   6 u16 candidates beyond the 25 kept
//   8 f64 time of the frame, Unix s          16 f64 pressure, dbar
//  24 u32 images the record covers (1: one frame)   28 n x { u8 class index, u8 mean grey, u16 volume px^3 } (TAXO_DATA triplets)

import { GREY_FIXED_BITS, NUM_CLASSES, RECORD_BYTES, RECORD_QUEUE_CAPACITY } from "./constants";
import { frameClassCounts, frameClassGreyFixed } from "./objectsink";
import { candidateClass, candidateCount, candidatesBeyondLimit, candidateVolumeGrey } from "./candidates";

/** Record kind of a lit-frame bloc (LPM_DATA). */
export const RECORD_LPM: u8 = 1;
/** Record kind of a frame's classified objects (TAXO_DATA triplets). */
export const RECORD_TAXO: u8 = 3;
/** Record kind of a black-frame bloc (BLACK_DATA). */
export const RECORD_BLACK: u8 = 2;
/** Record flag: the bloc held at least one over-exposed frame. */
export const FLAG_OVEREXPOSED: u8 = 1;

// One accumulator per frame kind (0 lit, 1 black).
const ACC_BYTES: u32 = 256;
const accumulators: usize = memory.data(2 * ACC_BYTES, 16);
const recordQueue: usize = memory.data(RECORD_QUEUE_CAPACITY * RECORD_BYTES, 16);
let queueHead: u32 = 0;
let queueCount: u32 = 0;

// @ts-ignore: decorator
@inline function acc(kind: u32): usize { return accumulators + <usize>kind * ACC_BYTES; }

/** Frames held by the bloc of `kind` not yet emitted. */
export function blocFrames(kind: u32): u32 {
  return load<u32>(acc(kind), 0);
}

/** Records waiting for the host. */
export function recordsWaiting(): u32 {
  return queueCount;
}

/** Free record slots. */
export function recordSlotsFree(): u32 {
  return RECORD_QUEUE_CAPACITY - queueCount;
}

/** Address of the oldest waiting record, or 0 when none. */
export function oldestRecord(): usize {
  return queueCount == 0 ? 0 : recordQueue + <usize>queueHead * RECORD_BYTES;
}

/** Drops the oldest waiting record; false when there was none. */
export function releaseOldestRecord(): bool {
  if (queueCount == 0) return false;
  queueHead = (queueHead + 1) % RECORD_QUEUE_CAPACITY;
  queueCount--;
  return true;
}

/** Empties the bloc of `kind` without emitting it. */
export function clearBloc(kind: u32): void {
  const a = acc(kind);
  for (let i: u32 = 0; i < ACC_BYTES; i += 8) store<u64>(a + i, 0);
}

/** Adds the frame just labelled (tallies in objectsink) to the bloc of `kind`. */
export function addFrameToBloc(kind: u32, timeS: f64, pressureDbar: f64, temperatureC: f64, overexposed: bool): void {
  const a = acc(kind);
  const images = load<u32>(a, 0);
  if (images == 0) store<f64>(a, timeS, 8);
  store<u32>(a, images + 1, 0);
  if (overexposed) store<u32>(a, load<u32>(a, 4) + 1, 4);
  store<f64>(a, load<f64>(a, 16) + pressureDbar, 16);
  store<f64>(a, load<f64>(a, 24) + temperatureC, 24);
  for (let k: u32 = 0; k < NUM_CLASSES; k++) {
    const c = a + 32 + (k << 2);
    store<u32>(c, load<u32>(c) + load<u32>(frameClassCounts + (k << 2)));
    const g = a + 112 + (k << 3);
    store<u64>(g, load<u64>(g) + load<u64>(frameClassGreyFixed + (k << 3)));
  }
}

/** Turns the bloc of `kind` into a record at the queue's tail and empties it; false if the queue is full or the bloc empty. */
export function emitBloc(kind: u32): bool {
  const a = acc(kind);
  const frames = load<u32>(a, 0);
  if (frames == 0 || queueCount >= RECORD_QUEUE_CAPACITY) return false;
  const r = recordQueue + <usize>((queueHead + queueCount) % RECORD_QUEUE_CAPACITY) * RECORD_BYTES;
  const overexposed = load<u32>(a, 4) != 0;
  store<u8>(r, kind == 0 ? RECORD_LPM : RECORD_BLACK, 0);
  store<u8>(r, overexposed ? FLAG_OVEREXPOSED : 0, 1);
  store<u16>(r, overexposed ? 0 : <u16>frames, 2);
  store<u16>(r, <u16>frames, 4);
  store<u16>(r, 0, 6);
  store<f64>(r, load<f64>(a, 8), 8);
  store<f64>(r, load<f64>(a, 16) / <f64>frames, 16);
  store<f64>(r, load<f64>(a, 24) / <f64>frames, 24);
  for (let k: u32 = 0; k < NUM_CLASSES; k++) {
    const count = overexposed ? 0 : load<u32>(a + 32 + (k << 2));
    store<u32>(r + 32 + (k << 2), count);
    let grey: u32 = 0;
    if (count != 0) {
      // Mean of per-object means in 2^-24 units, rounded half up: (sum + count/2 units) / count.
      const sum = load<u64>(a + 112 + (k << 3));
      const den = <u64>count << GREY_FIXED_BITS;
      grey = <u32>((sum + (den >> 1)) / den);
    }
    store<u8>(r + 104 + k, <u8>min<u32>(grey, 255));
  }
  for (let i: u32 = 104 + NUM_CLASSES; i < RECORD_BYTES; i++) store<u8>(r + i, 0);
  queueCount++;
  clearBloc(kind);
  return true;
}


/** Queues the current frame's TAXO record from its classified candidates; false if the queue is full. */
export function emitTaxoRecord(timeS: f64, pressureDbar: f64): bool {
  if (queueCount >= RECORD_QUEUE_CAPACITY) return false;
  const r = recordQueue + <usize>((queueHead + queueCount) % RECORD_QUEUE_CAPACITY) * RECORD_BYTES;
  let n: u32 = 0;
  let unclassified = false;
  for (let i: u32 = 0; i < candidateCount; i++) {
    const k = candidateClass(i);
    if (k < 0) {
      unclassified = true;
      continue;
    }
    const vg = candidateVolumeGrey(i);
    const t = r + 28 + (n << 2);
    store<u8>(t, <u8>k, 0);
    store<u8>(t, <u8>(vg & 0xff), 1);
    store<u16>(t, <u16>(vg >> 8), 2);
    n++;
  }
  store<u8>(r, RECORD_TAXO, 0);
  store<u8>(r, unclassified ? 1 : 0, 1);
  store<u16>(r, <u16>n, 2);
  store<u16>(r, <u16>candidateCount, 4);
  store<u16>(r, <u16>min<u32>(candidatesBeyondLimit, 0xffff), 6);
  store<f64>(r, timeS, 8);
  store<f64>(r, pressureDbar, 16);
  store<u32>(r, 1, 24);
  for (let i: u32 = 28 + (n << 2); i < RECORD_BYTES; i++) store<u8>(r + i, 0);
  queueCount++;
  return true;
}
