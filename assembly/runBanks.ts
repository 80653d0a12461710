// The labeller's rows of runs: two banks, the previous row's and the current row's, swapped after each
// row, and the lists a row's labelling builds. A bank holds RUN_ENTRIES of each: u16 start, u16 inclusive
// end, u32 grey sum, u16 label (slot or LONE), then the row's masks (rowscan.ts), at fixed offsets from one
// base address (one register per bank in the hot loops).

import { MAX_RUNS_PER_ROW } from "./constants";
import { MASK_BYTES } from "./rowscan";

/** Entries of each bank array: the runs and the sentinel past them. */
export const RUN_ENTRIES: u32 = MAX_RUNS_PER_ROW + 1;
/** Byte offset in a bank of the runs' starts (u16). */
export const B_START: u32 = 0;
/** Byte offset in a bank of the runs' inclusive ends (u16). */
export const B_END: u32 = RUN_ENTRIES << 1;
/** Byte offset in a bank of the runs' grey sums (u32). */
export const B_GREY: u32 = RUN_ENTRIES << 2;
/** Byte offset in a bank of the runs' labels (u16). */
export const B_LABEL: u32 = RUN_ENTRIES << 3;
/** Byte offset in a bank of the row's masks (rowscan.ts), 8-aligned. */
export const B_MASKS: u32 = (RUN_ENTRIES * 10 + 7) & ~7;
/** Bytes of one bank. */
export const BANK_BYTES: u32 = (B_MASKS + MASK_BYTES + 7) & ~7;
/** The two banks. */
export const banks: usize = memory.data(BANK_BYTES << 1, 16);
/** Within a row: the runs that hold a slot (u16 run index, ascending), so that the end-of-row pass visits them without testing every run for LONE. */
export const slotList: usize = memory.data(RUN_ENTRIES << 1, 16);

/** Label of a run that touches nothing in the row above: an object of its own until a run below touches it. */
export const LONE: u32 = 0xffff;

/** The u16 at index i of the array at `base`. */
// @ts-ignore: decorator
@inline export function ld16(base: usize, i: u32): u32 { return <u32>load<u16>(base + (<usize>i << 1)); }
/** Stores the u16 at index i of the array at `base`. */
// @ts-ignore: decorator
@inline export function st16(base: usize, i: u32, v: u32): void { store<u16>(base + (<usize>i << 1), <u16>v); }
/** First pixel of run i of `bank`. */
// @ts-ignore: decorator
@inline export function startOf(bank: usize, i: u32): u32 { return <u32>load<u16>(bank + (<usize>i << 1), B_START); }
/** Last pixel (inclusive) of run i of `bank`. */
// @ts-ignore: decorator
@inline export function endOf(bank: usize, i: u32): u32 { return <u32>load<u16>(bank + (<usize>i << 1), B_END); }
/** Grey sum of run i of `bank`. */
// @ts-ignore: decorator
@inline export function greyOf(bank: usize, i: u32): u32 { return load<u32>(bank + (<usize>i << 2), B_GREY); }
/** Label of run i of `bank`: its object's slot, or LONE. */
// @ts-ignore: decorator
@inline export function labelOf(bank: usize, i: u32): u32 { return <u32>load<u16>(bank + (<usize>i << 1), B_LABEL); }
/** Sets the label of run i of `bank`. */
// @ts-ignore: decorator
@inline export function setLabel(bank: usize, i: u32, v: u32): void { store<u16>(bank + (<usize>i << 1), <u16>v, B_LABEL); }
