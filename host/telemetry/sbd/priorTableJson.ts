// The JSON file of an SBD prior table (what `uvp-float sbd-priors` writes and a profile names), and the tables every
// installed profile carries, which the decoders hold by default.
import { PRIOR_BIN_EDGES_DBAR, PRIOR_TABLE_VERSION, priorTableProblem, type SbdPriorTable } from "./priorTable.js";

/** The file's format name. */
export const PRIOR_TABLE_FORMAT = "uvp-float SBD prior table";

/** Where a table came from: the AUX files it was fitted on. */
export interface PriorTableProvenance {
  fittedOn: string[];
  records: number;
}

/** The JSON text of a table, with its provenance. */
export function priorTableJson(t: SbdPriorTable, provenance: PriorTableProvenance): string {
  const rows = (g: number[][]) => g.map((r) => JSON.stringify(r));
  return [
    "{",
    `  "format": ${JSON.stringify(PRIOR_TABLE_FORMAT)},`,
    `  "layoutVersion": ${PRIOR_TABLE_VERSION},`,
    `  "id": ${t.id},`,
    `  "fittedOn": ${JSON.stringify(provenance.fittedOn)},`,
    `  "records": ${provenance.records},`,
    `  "binEdgesDbar": ${JSON.stringify(PRIOR_BIN_EDGES_DBAR)},`,
    `  "lpmCounts": [\n    ${rows(t.lpmCounts).join(",\n    ")}\n  ],`,
    `  "lpmGreys": [\n    ${rows(t.lpmGreys).join(",\n    ")}\n  ],`,
    `  "blackCounts": [\n    ${rows(t.blackCounts).join(",\n    ")}\n  ],`,
    `  "taxoGreys": ${JSON.stringify(t.taxoGreys)},`,
    `  "initialProbabilities": ${JSON.stringify(t.initialProbabilities)}`,
    "}",
    "",
  ].join("\n");
}

/** Reads and checks a table file (`origin` names it in errors). */
export function parsePriorTableJson(text: string, origin: string): SbdPriorTable {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`SBD prior table ${origin}: not valid JSON: ${(e as Error).message}`);
  }
  if (data?.format !== PRIOR_TABLE_FORMAT || data.layoutVersion !== PRIOR_TABLE_VERSION) {
    throw new Error(`SBD prior table ${origin}: not a "${PRIOR_TABLE_FORMAT}" of layout version ${PRIOR_TABLE_VERSION}`);
  }
  if (JSON.stringify(data.binEdgesDbar) !== JSON.stringify(PRIOR_BIN_EDGES_DBAR)) throw new Error(`SBD prior table ${origin}: binEdgesDbar differ from the format's`);
  const t = {
    id: data.id, lpmCounts: data.lpmCounts, lpmGreys: data.lpmGreys, blackCounts: data.blackCounts,
    taxoGreys: data.taxoGreys, initialProbabilities: data.initialProbabilities,
  } as SbdPriorTable;
  const problem = priorTableProblem(t);
  if (problem !== null) throw new Error(`SBD prior table ${origin}: ${problem}`);
  return t;
}
