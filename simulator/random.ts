// Small seeded PRNG for the simulator and the test frame generators.
//
// The generator is mulberry32: 32-bit state, integer-only update (Math.imul, shifts, xor), so
// the stream of uint32 values is bit-identical on every platform and JS engine. next() divides
// by 2^32 (exact in float64), int() uses one multiplication and floor, and normal() is an
// Irwin-Hall sum of 12 uniforms, so it uses only exact-rounding IEEE-754 operations and no
// transcendental functions (whose last bits may differ between libm implementations).

const TWO_POW_32 = 4294967296;

/** Deterministic seeded pseudo-random generator (mulberry32), identical output on every platform. */
export class Rng {
  private state: number;

  /** Creates a generator; the seed is reduced to an unsigned 32-bit integer. */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    this.state = Math.trunc(seed) >>> 0;
  }

  /** Next raw value, an unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [lo, hiInclusive]; both bounds must be integers with lo <= hiInclusive. */
  int(lo: number, hiInclusive: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hiInclusive) || hiInclusive < lo) {
      throw new RangeError(`Rng.int needs integers lo <= hiInclusive, got ${lo}, ${hiInclusive}`);
    }
    return lo + Math.floor(this.next() * (hiInclusive - lo + 1));
  }

  /** True with probability p (p <= 0 never, p >= 1 always). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Approximately normal deviate (Irwin-Hall, 12 uniforms; tails cut at +-6 sd). */
  normal(mean = 0, sd = 1): number {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += this.next();
    return mean + sd * (sum - 6);
  }

  /** Uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Rng.pick needs a non-empty array");
    return items[Math.floor(this.next() * items.length)];
  }

  /** Independent generator seeded from this one (for sub-streams that must not shift each other). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}
