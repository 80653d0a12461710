// Float32 values by their bits: the telemetry formats carry counts and sizes as float32, compared bit for bit.

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The IEEE-754 single-precision bits of fround(x), as an unsigned integer. */
export function float32Bits(x: number): number {
  F32[0] = x;
  return U32[0];
}

/** The float32 value with the given unsigned 32-bit pattern. */
export function float32FromBits(bits: number): number {
  U32[0] = bits;
  return F32[0];
}
