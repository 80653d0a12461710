// A slice record's identity, to tell the same slice met twice (sent both as CTS5 and SBD, or given twice).
import { float32Bits } from "./float32.js";
import type { SliceRecord } from "./types.js";

const bits = float32Bits;

/** A record's identity, float32 values by their bits (so -0 and 0, or two NaNs, are told apart as the formats do). */
export function recordKey(r: SliceRecord): string {
  const head = [r.kind, r.phase, r.processing, r.timeS, r.pressureDbar, r.images];
  if (r.kind === "taxo") return JSON.stringify([...head, r.categories.map((c) => [c.index, c.objects, bits(c.meanSize), c.meanGrey])]);
  return JSON.stringify([...head, r.temperatureC, r.counts.map(bits), r.kind === "lpm" ? r.grey : []]);
}
