// The SBD prior table (docs/operators.md, "Prior tables"): written by the host before a cycle, it holds what
// the float and the decoder both know before the float leaves port. Version-2 messages name it by its id.
//
// Layout (PRIOR_TABLE_BYTES = 4504, little-endian):
//   0 u8 id (1-255)   1 u8 layout version (1)   2 u16 length (4504)
//   4 u32 x 16 x 18 LPM objects per 1024 images, by depth bin then class (each below 2^31)
//   1156 u8 x 16 x 18 LPM mean grey   1444 u32 x 16 x 5 BLACK objects per 1024 images (each below 2^31)
//   1764 u8 x 40 TAXO mean grey per category   1804 u8 x SBD_PROB_COUNT initial probabilities u (p = 8u + 4,
//   clamped to 31..2017) in the coder's order   4501..4503 zero

import { floatAlloc } from "./arena";
import { Status } from "../status";

/** Bytes of a prior table. */
export const PRIOR_TABLE_BYTES: u32 = 4504;
/** Probabilities a message's coder uses (must equal sbdRecords' SBD_PROB_COUNT). */
export const PRIOR_PROB_COUNT: u32 = 42 * 64 + 9;
const LPM_COUNTS: u32 = 4;
const LPM_GREYS: u32 = 1156;
const BLACK_COUNTS: u32 = 1444;
const TAXO_GREYS: u32 = 1764;
const PROBS: u32 = 1804;
/** Depth bins of the table. */
export const PRIOR_BINS: u32 = 16;
/** Where the host writes the table before floatSetPriors. */
export const priorTableInput: usize = floatAlloc(PRIOR_TABLE_BYTES);
// Bin edges as pressure codes (P + 100) * 10 of 5, 10, 20, 35, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000 dbar.
const binEdges: usize = memory.data<u16>([1050, 1100, 1200, 1350, 1500, 1750, 2000, 2500, 3000, 4000, 6000, 8500, 11000, 16000, 21000]);

/** Id of the table in force, 0 for none. */
export let priorTableId: u32 = 0;

/** Validates the table at priorTableInput (`lengthBytes` 0 clears it); on error no table is in force. */
export function applyPriorTable(lengthBytes: u32): Status {
  priorTableId = 0;
  if (lengthBytes == 0) return Status.OK;
  const p = priorTableInput;
  if (lengthBytes != PRIOR_TABLE_BYTES || load<u8>(p, 1) != 1 || <u32>load<u16>(p, 2) != PRIOR_TABLE_BYTES) return Status.PRIOR_TABLE;
  const id = <u32>load<u8>(p, 0);
  if (id == 0) return Status.PRIOR_TABLE;
  for (let i: u32 = 0; i < PRIOR_BINS * 18; i++) if (load<u32>(p + LPM_COUNTS + (i << 2)) > 0x7fffffff) return Status.PRIOR_TABLE;
  for (let i: u32 = 0; i < PRIOR_BINS * 5; i++) if (load<u32>(p + BLACK_COUNTS + (i << 2)) > 0x7fffffff) return Status.PRIOR_TABLE;
  priorTableId = id;
  return Status.OK;
}

/** Depth bin of pressure code `p`: the number of bin edges at or above which it lies. */
export function priorBin(p: u32): u32 {
  let b: u32 = 0;
  while (b < PRIOR_BINS - 1 && p >= <u32>load<u16>(binEdges + (b << 1))) b++;
  return b;
}

/** Expected objects of LPM (kind 1) or BLACK class `k` per 1024 images in bin `bin`. */
export function priorCount(kind: u32, bin: u32, k: u32): u64 {
  const at = kind == 1 ? LPM_COUNTS + ((bin * 18 + k) << 2) : BLACK_COUNTS + ((bin * 5 + k) << 2);
  return <u64>load<u32>(priorTableInput + at);
}

/** Typical mean grey of LPM class `k` in bin `bin`. */
export function priorGrey(bin: u32, k: u32): u32 {
  return <u32>load<u8>(priorTableInput + LPM_GREYS + bin * 18 + k);
}

/** Typical mean grey of TAXO category `c`. */
export function priorTaxoGrey(c: u32): u32 {
  return <u32>load<u8>(priorTableInput + TAXO_GREYS + c);
}

/** Initial value of probability `i` of a message's coder. */
export function priorProbability(i: u32): u16 {
  return <u16>min<u32>(2017, max<u32>(31, (<u32>load<u8>(priorTableInput + PROBS + i) << 3) + 4));
}
