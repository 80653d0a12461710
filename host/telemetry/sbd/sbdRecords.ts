// Decoding the n records of one compact SBD body, format version 1 (docs/operators.md, "A record"): the shared
// record layer (sbdRecordFields.ts) with version 1's predictions and its fixed initial probabilities.
import type { SliceKind } from "../types.js";
import { RangeDecoder, type BitCosts } from "./rangeDecoder.js";
import { newSbdContexts } from "./sbdNumbers.js";
import { decodeRecords, type SbdBodyResult } from "./sbdRecordFields.js";

export { SBD_BLACK_CLASSES, SBD_LPM_CLASSES, SBD_TAXO_MAX_CATEGORIES, type SbdBodyResult } from "./sbdRecordFields.js";

/** Decodes `count` records of `kind` from a body that starts at byte `bodyOffset` of its message; `costs`, when
 *  given, receives the information of each field family (labels "first:<field>" / "later:<field>"). */
export function decodeSbdBody(kind: SliceKind, count: number, body: Uint8Array, bodyOffset = 13, costs: BitCosts | null = null): SbdBodyResult {
  const d = new RangeDecoder(body);
  d.costs = costs;
  return decodeRecords(kind, count, body, bodyOffset, d, newSbdContexts(), { version: 1, table: null, noiseCode: 0 });
}
