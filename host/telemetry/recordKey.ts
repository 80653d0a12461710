// A slice record's identity, to tell the same slice met twice (sent both as CTS5 and SBD, or given twice).
import type { SliceRecord } from "./types.js";

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const bits = (x: number): number => ((F32[0] = x), U32[0]);

/** A record's identity, float32 values by their bits (so -0 and 0, or two NaNs, are told apart as the formats do). */
export function recordKey(r: SliceRecord): string {
  const head = [r.kind, r.phase, r.processing, r.timeS, r.pressureDbar, r.images];
  if (r.kind === "taxo") return JSON.stringify([...head, r.categories.map((c) => [c.index, c.objects, bits(c.meanSize), c.meanGrey])]);
  return JSON.stringify([...head, r.temperatureC, r.counts.map(bits), r.kind === "lpm" ? r.grey : []]);
}
