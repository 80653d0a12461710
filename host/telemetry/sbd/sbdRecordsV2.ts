// Decoding the n records of one compact SBD body, format version 2 (docs/operators.md, "Format version 2"): the
// shared record layer (sbdRecordFields.ts) with the prior table the header names (first-record spectra and
// greys by depth, TAXO greys, initial probabilities), smoothed predictions of small counts and, when the header
// carries a noise code, noise-bounded counts.
import type { SliceKind } from "../types.js";
import { probabilityFromByte, type SbdPriorTable } from "./priorTable.js";
import { RangeDecoder, type BitCosts, type BitStatistics } from "./rangeDecoder.js";
import { contextBases, contextsFromFlat, newSbdContexts } from "./sbdNumbers.js";
import { decodeRecords, type SbdBodyResult } from "./sbdRecordFields.js";

export { GREY_PRIOR_WEIGHT, SMOOTH_BELOW } from "./sbdRecordFields.js";

/** Decodes `count` v2 records of `kind`; `table` is the one the header names (null for id 0), `noiseCode` the
 *  header's (0 lossless; else counts come back as their bins' representatives, marked approximate). */
export function decodeSbdBodyV2(
  kind: SliceKind, count: number, body: Uint8Array, table: SbdPriorTable | null, bodyOffset = 14,
  costs: BitCosts | null = null, stats: BitStatistics | null = null, noiseCode = 0,
): SbdBodyResult {
  const d = new RangeDecoder(body);
  d.costs = costs;
  d.stats = stats;
  const c = table === null ? newSbdContexts() : contextsFromFlat(table.initialProbabilities.map(probabilityFromByte));
  if (stats !== null) for (const [a, b] of contextBases(c)) stats.base.set(a, b);
  return decodeRecords(kind, count, body, bodyOffset, d, c, { version: 2, table, noiseCode });
}
