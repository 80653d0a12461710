// The 16-byte object entry shared by the debug log and the candidate list:
// u32 area px, u32 grey sum, u16 xMin, yMin, xMax, yMax (inclusive bounding box).

/** Writes an object entry at `ptr`. */
// @ts-ignore: decorator
@inline export function storeObjectEntry(ptr: usize, areaPx: u32, greySum: u32, xMin: u32, yMin: u32, xMax: u32, yMax: u32): void {
  store<u32>(ptr, areaPx, 0);
  store<u32>(ptr, greySum, 4);
  store<u16>(ptr, <u16>xMin, 8);
  store<u16>(ptr, <u16>yMin, 10);
  store<u16>(ptr, <u16>xMax, 12);
  store<u16>(ptr, <u16>yMax, 14);
}
