// Sizes of the firmware's fixed buffers. Everything static is sized from these; nothing grows.

/** Widest frame the firmware accepts, in pixels (UVP6 sensor columns). */
export const MAX_WIDTH_PX: u32 = 2464;
/** Tallest frame the firmware accepts, in pixels (UVP6 sensor rows). */
export const MAX_HEIGHT_PX: u32 = 2056;
/** Number of size classes in LPM and BLACK records. */
export const NUM_CLASSES: u32 = 18;
/** Pixels the row scanner reads at a time (one u64 foreground mask per block). */
export const SCAN_BLOCK_PX: u32 = 64;
/** Bytes of the row buffer: the widest row rounded up to whole scan blocks (the scanner masks the excess). */
export const ROW_BUFFER_BYTES: u32 = (MAX_WIDTH_PX + SCAN_BLOCK_PX - 1) / SCAN_BLOCK_PX * SCAN_BLOCK_PX;
/** Most foreground runs one row can hold: alternate foreground/background pixels. */
export const MAX_RUNS_PER_ROW: u32 = (MAX_WIDTH_PX + 1) >> 1;
/** Object slots: the live objects of the previous row plus the new ones of the current row. */
export const MAX_OBJECT_SLOTS: u32 = 2 * MAX_RUNS_PER_ROW;
/** Records the host has not yet taken; a frame can queue at most three (see beginFrame). */
export const RECORD_QUEUE_CAPACITY: u32 = 8;
/** Bytes of one bloc record in the record queue (layout in records.ts). */
export const RECORD_BYTES: u32 = 128;
/** Bytes reserved for the configuration blob the host writes. */
export const CONFIG_CAPACITY_BYTES: u32 = 256;
/** Bytes of one entry of the per-object debug log (layout in objectlog.ts). */
export const OBJECT_LOG_ENTRY_BYTES: u32 = 16;
/** Objects one call can complete: every live object of a row, or the last row's at frame end. */
export const OBJECT_LOG_CAPACITY: u32 = MAX_OBJECT_SLOTS;
/** Areas (px) below this find their size class in a table built at configuration, not by 18 compares. */
export const SMALL_AREA_CLASSES: u32 = 64;
/** Fixed-point fraction bits of the per-object mean grey summed per class (exact, order-free sums). */
export const GREY_FIXED_BITS: u32 = 24;
