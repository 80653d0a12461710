// expf as the camera's C library computes it: the table-driven single-precision exp of ARM's
// optimized-routines (MIT / Apache-2.0 WITH LLVM-exception), which glibc (>= 2.28), musl and newlib all
// ship, and which AssemblyScript's Mathf.exp uses. Written here from the published algorithm so the
// host's scores are the camera's float32 bits; test/classify-expf.test.ts checks it against glibc's expf.
//
// exp(x) = 2^(k/32) * 2^(r/32) with x * 32 / ln2 = k + r, |r| <= 1/2: 2^(k/32) from a 32-entry table of
// doubles, 2^(r/32) from a cubic, all in double; the double result is rounded once to float32.

const TABLE_BITS = 5;
const N = 1 << TABLE_BITS;
/** tab[i] = bits of 2^(i/32) minus (i << 47), as (high, low) 32-bit words. */
const TABLE_HEX = [
  "3FF0000000000000", "3FEFD9B0D3158574", "3FEFB5586CF9890F", "3FEF9301D0125B51",
  "3FEF72B83C7D517B", "3FEF54873168B9AA", "3FEF387A6E756238", "3FEF1E9DF51FDEE1",
  "3FEF06FE0A31B715", "3FEEF1A7373AA9CB", "3FEEDEA64C123422", "3FEECE086061892D",
  "3FEEBFDAD5362A27", "3FEEB42B569D4F82", "3FEEAB07DD485429", "3FEEA47EB03A5585",
  "3FEEA09E667F3BCD", "3FEE9F75E8EC5F74", "3FEEA11473EB0187", "3FEEA589994CCE13",
  "3FEEACE5422AA0DB", "3FEEB737B0CDC5E5", "3FEEC49182A3F090", "3FEED503B23E255D",
  "3FEEE89F995AD3AD", "3FEEFF76F2FB5E47", "3FEF199BDD85529C", "3FEF3720DCEF9069",
  "3FEF5818DCFBA487", "3FEF7C97337B9B5F", "3FEFA4AFA2A490DA", "3FEFD0765B6E4540",
];
const TABLE_HIGH = TABLE_HEX.map((h) => parseInt(h.slice(0, 8), 16));
const TABLE_LOW = TABLE_HEX.map((h) => parseInt(h.slice(8), 16));

const scratch = new DataView(new ArrayBuffer(8));
function fromBits(high: number, low: number): number {
  scratch.setUint32(0, high >>> 0);
  scratch.setUint32(4, low >>> 0);
  return scratch.getFloat64(0);
}

const SHIFT = fromBits(0x43380000, 0); // 0x1.8p52: adding it rounds to an integer in the low bits
const INV_LN2_N = fromBits(0x3ff71547, 0x652b82fe) * N;
const C0 = fromBits(0x3fac6af8, 0x4b912394) / N / N / N;
const C1 = fromBits(0x3fcebfce, 0x50fac4f3) / N / N;
const C2 = fromBits(0x3fe62e42, 0xff0c52d6) / N;
const OVERFLOW_ABOVE = fromFloat32Bits(0x42b17217); // log(2^128) rounded down to float32
const UNDERFLOW_BELOW = fromFloat32Bits(0xc2cff1b4); // log(2^-150)

function fromFloat32Bits(bits: number): number {
  scratch.setUint32(0, bits >>> 0);
  return scratch.getFloat32(0);
}

/** exp of a float32 value, rounded to float32, bit for bit as the camera's (and glibc's) expf. */
export function expf(value: number): number {
  const x = Math.fround(value);
  if (Number.isNaN(x)) return NaN;
  if (x === -Infinity) return 0;
  if (x === Infinity) return Infinity;
  if (Math.abs(x) >= 88) {
    if (x > OVERFLOW_ABOVE) return Infinity;
    if (x < UNDERFLOW_BELOW) return 0;
  }
  const z = INV_LN2_N * x;
  const kd = z + SHIFT; // round(z) sits in the low mantissa bits of kd
  scratch.setFloat64(0, kd);
  const ki = scratch.getUint32(4); // low 32 bits: round(z) in two's complement
  const r = z - (kd - SHIFT);
  const i = ki & (N - 1);
  // t = tab[i] + (ki << 47): only the high word changes, by the low 17 bits of ki shifted up by 15.
  const s = fromBits((TABLE_HIGH[i] + ((ki << (52 - TABLE_BITS - 32)) >>> 0)) >>> 0, TABLE_LOW[i]);
  const p = C0 * r + C1;
  let y = C2 * r + 1;
  y += p * (r * r);
  y *= s;
  return Math.fround(y);
}
