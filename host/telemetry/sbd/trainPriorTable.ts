// Training a prior table from earlier profiles: their spectra and greys by depth (buildPriorTable), then the coder's
// initial probabilities fitted to the bits their own version-2 messages code with that table.
import type { SliceRecord } from "../types.js";
import { buildPriorTable, learnedInitialBytes, SBD_PROB_COUNT, type SbdPriorTable } from "./priorTable.js";
import { BitStatistics } from "./rangeDecoder.js";
import { parseSbdFrame } from "./sbdHeader.js";
import { decodeSbdBodyV2 } from "./sbdRecordsV2.js";

/** Encodes one profile's records as version-2 messages with `table` (the firmware, or a reference encoder). */
export type SbdEncodeWith = (records: readonly SliceRecord[], table: SbdPriorTable) => Uint8Array[];

/** A prior table `id` trained on `profiles` (each a list of records, encoded as its own cycle). */
export function trainPriorTable(id: number, profiles: readonly (readonly SliceRecord[])[], encode: SbdEncodeWith): SbdPriorTable {
  const table = buildPriorTable(id, profiles.flat());
  const stats = new BitStatistics(SBD_PROB_COUNT);
  for (const records of profiles) {
    for (const m of encode(records, table)) {
      const frame = parseSbdFrame(m);
      if (!frame.ok) throw new Error(`training: an encoded message does not parse: ${frame.message}`);
      const body = decodeSbdBodyV2(frame.header.kind, frame.header.count, frame.body, table, 14, null, stats);
      if (!body.ok) throw new Error(`training: an encoded message does not decode: ${body.message}`);
    }
  }
  return { ...table, initialProbabilities: learnedInitialBytes(stats.zeros, stats.ones, table.initialProbabilities) };
}
