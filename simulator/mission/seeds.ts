// Per-frame random sub-streams: every frame draws from its own generator, seeded by hashing the mission
// seed with the frame's index, so a frame never depends on how many numbers earlier frames used.

import { Rng } from "../random.js";

// murmur3's 32-bit finaliser: a bijective avalanche mix of a uint32.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes a mission seed (any finite number; its integer part, all 53 bits used) with a stream index into a uint32 seed. */
export function mixSeed(seed: number, index: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const whole = Math.trunc(seed);
  const lo = whole >>> 0;
  const hi = Math.floor(whole / 4294967296) >>> 0;
  let h = fmix32(lo ^ 0x9e3779b9);
  h = fmix32(h ^ Math.imul(hi, 0x27d4eb2f));
  h = fmix32(h ^ Math.imul(index >>> 0, 0x165667b1) ^ 0x5bd1e995);
  return h;
}

/** Generator of frame `frameIndex` of the mission seeded with `seed` (independent of other frames). */
export function frameRng(seed: number, frameIndex: number): Rng {
  return new Rng(mixSeed(seed, frameIndex));
}
