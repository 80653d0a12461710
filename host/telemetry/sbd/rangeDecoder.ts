// LZMA-style binary range decoder for compact SBD message bodies (README "Range coder").
// The coder registers are unsigned 32-bit values held in plain Numbers and updated with arithmetic, not
// bitwise operators, so nothing is ever reinterpreted as a signed 32-bit integer.

/** Bits of a probability: probabilities are out of 2^11. */
export const PROB_BITS = 11;
/** Initial probability of every context entry (one half). */
export const PROB_INIT = 1024;
/** Adaptation shift of the probabilities. */
export const MOVE_BITS = 4;

const PROB_ONE = 2048;
const TOP = 0x1000000;
const TWO_32 = 0x100000000;

/** A fresh probability array of `size` entries, each at one half. */
export function newProbs(size: number): Uint16Array {
  return new Uint16Array(size).fill(PROB_INIT);
}

/** Where a decoder's bits went: information (-log2 of each decoded bit's probability) summed per label. */
export class BitCosts {
  /** Label the next bits are charged to. */
  label = "other";
  /** Bits per label. */
  readonly bits = new Map<string, number>();

  /** Adds `bits` to the current label. */
  charge(bits: number): void {
    this.bits.set(this.label, (this.bits.get(this.label) ?? 0) + bits);
  }
}

/** Counts of 0 and 1 bits decoded at each probability of a message's flat table (for learning initial probabilities). */
export class BitStatistics {
  /** zeros[i], ones[i]: bits decoded with flat probability i. */
  readonly zeros: number[];
  readonly ones: number[];
  /** Where each context array starts in the flat table; set by whoever builds the contexts. */
  readonly base = new Map<Uint16Array, number>();
  constructor(size: number) {
    this.zeros = new Array(size).fill(0);
    this.ones = new Array(size).fill(0);
  }
  /** Counts one decoded bit. */
  record(probs: Uint16Array, index: number, bit: number): void {
    const b = this.base.get(probs);
    if (b === undefined) return;
    if (bit === 0) this.zeros[b + index]++;
    else this.ones[b + index]++;
  }
}

/** Decoder over one message body; never throws, bytes past the body's end read as 0x00. */
export class RangeDecoder {
  private range = TWO_32 - 1;
  private code = 0;
  private pos = 0;
  /** When set, every decoded bit charges its information to costs.label (benchmark accounting). */
  costs: BitCosts | null = null;
  /** When set, every adaptive bit is counted per probability (learning a prior table's initial probabilities). */
  stats: BitStatistics | null = null;

  /** Starts decoding `body` (the coder output without its first, always-zero, byte). */
  constructor(private readonly body: Uint8Array) {
    // The sender drops the coder's leading zero byte, so the code register is simply the first 4 bytes.
    for (let i = 0; i < 4; i++) this.code = this.code * 256 + this.nextByte();
  }

  /** Body bytes consumed so far; may exceed the body's length because trailing zeros are not sent. */
  get position(): number {
    return this.pos;
  }

  /** Decodes one bit with the adaptive probability probs[index] and updates it. */
  bit(probs: Uint16Array, index: number): number {
    const p = probs[index];
    const bound = Math.floor(this.range / PROB_ONE) * p;
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      probs[index] = p + ((PROB_ONE - p) >> MOVE_BITS);
      bit = 0;
    } else {
      this.code -= bound;
      this.range -= bound;
      probs[index] = p - (p >> MOVE_BITS);
      bit = 1;
    }
    if (this.costs !== null) this.costs.charge(-Math.log2((bit === 0 ? p : PROB_ONE - p) / PROB_ONE));
    if (this.stats !== null) this.stats.record(probs, index, bit);
    this.normalize();
    return bit;
  }

  /** Decodes `count` (0-52) equiprobable bits, most significant first, as an exact non-negative Number. */
  direct(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      this.range = Math.floor(this.range / 2);
      let bit = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        bit = 1;
      }
      value = value * 2 + bit;
      this.normalize();
    }
    if (this.costs !== null) this.costs.charge(count);
    return value;
  }

  /** Decodes a `bits`-bit value MSB first as a bit tree over probs[1 .. 2^bits - 1]. */
  tree(probs: Uint16Array, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = m * 2 + this.bit(probs, m);
    return m - 2 ** bits;
  }

  private nextByte(): number {
    const b = this.pos < this.body.length ? this.body[this.pos] : 0;
    this.pos++;
    return b;
  }

  private normalize(): void {
    // One step always suffices: probabilities stay within [15, 2033], so a bit leaves range >= 2^16.
    if (this.range < TOP) {
      this.range *= 256;
      // Damaged input can leave code >= range; keeping it to 32 bits mirrors a C uint32 shift.
      this.code = (this.code % TOP) * 256 + this.nextByte();
    }
  }
}
