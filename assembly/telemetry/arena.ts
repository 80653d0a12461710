// The float side's memory: one static arena, carved at start-up into the buffers of the slicer and the
// encoders (in module order), so the float-side state is one known number apart from the camera's budget.

/** Bytes of the float-side arena; floatArenaUsed() must equal it (tested). */
export const FLOAT_ARENA_BYTES: u32 = 40496;

const arena: usize = memory.data(FLOAT_ARENA_BYTES, 16);
let used: u32 = 0;

/** Reserves `bytes` (rounded up to 16) of the arena at start-up; never called after instantiation. */
export function floatAlloc(bytes: u32): usize {
  const p = arena + used;
  used += (bytes + 15) & ~15;
  return used <= FLOAT_ARENA_BYTES ? p : 0;
}

/** Bytes of the arena reserved so far. */
export function floatArenaUsed(): u32 {
  return used;
}
