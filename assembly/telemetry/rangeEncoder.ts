// LZMA-style binary range encoder (README, "Range coder"): 11-bit adaptive probabilities with shift 4,
// direct bits, carry through a cache byte. One coder state is active at a time; the SBD encoder loads and
// saves it per stream, and snapshots it to take back a record that does not fit.

const PROB_BITS: u32 = 11;
const PROB_ONE: u32 = 1 << PROB_BITS;
const MOVE_BITS: u32 = 4;
const TOP: u32 = 1 << 24;

/** Initial probability (one half). */
export const PROB_INIT: u16 = 1024;

// The active coder.
let low: u64 = 0;
let range: u32 = 0xffffffff;
let cache: u32 = 0;
let cacheSize: u32 = 1;
let skipFirst = true;
let out: usize = 0;
let pos: u32 = 0;
let capacity: u32 = 0;

/** Starts a fresh coder writing at `outPtr`, storing at most `capacityBytes` (further bytes are counted, not stored). */
export function rcStart(outPtr: usize, capacityBytes: u32): void {
  low = 0;
  range = 0xffffffff;
  cache = 0;
  cacheSize = 1;
  skipFirst = true;
  out = outPtr;
  pos = 0;
  capacity = capacityBytes;
}

/** Bytes the coder has emitted so far (stored or not). */
export function rcPosition(): u32 {
  return pos;
}

/** Saves the coder state at `s` (32 bytes). */
export function rcSave(s: usize): void {
  store<u64>(s, low, 0);
  store<u32>(s, range, 8);
  store<u32>(s, cache, 12);
  store<u32>(s, cacheSize, 16);
  store<u32>(s, skipFirst ? 1 : 0, 20);
  store<u32>(s, pos, 24);
  store<u32>(s, capacity, 28);
}

/** Restores the coder state saved at `s`, writing at `outPtr`. */
export function rcLoad(s: usize, outPtr: usize): void {
  low = load<u64>(s, 0);
  range = load<u32>(s, 8);
  cache = load<u32>(s, 12);
  cacheSize = load<u32>(s, 16);
  skipFirst = load<u32>(s, 20) != 0;
  pos = load<u32>(s, 24);
  capacity = load<u32>(s, 28);
  out = outPtr;
}

// @ts-ignore: decorator
@inline function putByte(b: u32): void {
  if (skipFirst) {
    skipFirst = false;
    return;
  }
  if (pos < capacity) store<u8>(out + pos, <u8>b);
  pos++;
}

function shiftLow(): void {
  if (low < 0xff000000 || low > 0xffffffff) {
    const carry = <u32>(low >> 32);
    let temp = cache;
    do {
      putByte((temp + carry) & 0xff);
      temp = 0xff;
    } while (--cacheSize != 0);
    cache = <u32>(low >> 24) & 0xff;
  }
  cacheSize++;
  low = (low & 0x00ffffff) << 8;
}

// @ts-ignore: decorator
@inline function normalize(): void {
  while (range < TOP) {
    range <<= 8;
    shiftLow();
  }
}

/** Encodes `bit` with the adaptive probability at `prob` (a u16), then adapts it. */
export function rcBit(prob: usize, bit: u32): void {
  const p = <u32>load<u16>(prob);
  const bound = (range >>> PROB_BITS) * p;
  if (bit == 0) {
    range = bound;
    store<u16>(prob, <u16>(p + ((PROB_ONE - p) >> MOVE_BITS)));
  } else {
    low += <u64>bound;
    range -= bound;
    store<u16>(prob, <u16>(p - (p >> MOVE_BITS)));
  }
  normalize();
}

/** Encodes the low `count` bits of `value` as equiprobable bits, most significant first. */
export function rcDirect(value: u64, count: u32): void {
  for (let i = <i32>count - 1; i >= 0; i--) {
    range >>>= 1;
    if (((value >> <u64>i) & 1) != 0) low += <u64>range;
    normalize();
  }
}

/** Shifts out the coder's last bytes; afterwards rcPosition() is the body length before trimming. */
export function rcFlush(): void {
  for (let i = 0; i < 5; i++) shiftLow();
}

/** Encodes v (< 2^40): its bit length on a 6-level tree of probabilities at `tree` (64 u16), then its lower bits direct. */
export function rcUnsigned(tree: usize, v: u64): void {
  const b = v == 0 ? 0 : 64 - <u32>clz<u64>(v);
  let m: u32 = 1;
  for (let i = 5; i >= 0; i--) {
    const bit = (b >> <u32>i) & 1;
    rcBit(tree + (m << 1), bit);
    m = (m << 1) | bit;
  }
  if (b >= 2) rcDirect(v, b - 1);
}

/** Encodes a signed value through the zigzag map (2s for s >= 0, -2s - 1 otherwise). */
export function rcSigned(tree: usize, s: i64): void {
  rcUnsigned(tree, s >= 0 ? <u64>s << 1 : (<u64>(-s) << 1) - 1);
}
