// TAXO_CONF: the embedded classifier's configuration line: model, size limit and the EcoTaxa id of each
// of its (at most 40) classes. Layout: Configuration_name, Model_reference, Max_size_for_classification,
// Model_nb_classes, then exactly 40 Taxo_ID_for_class_00..39 (unused = 0) -> 44 fields after the keyword.

import { ConfigLine } from "./configLine.js";

/** Number of class slots a TAXO_CONF line always carries. */
export const TAXO_ID_SLOTS = 40;

/** A parsed TAXO_CONF line. */
export interface TaxoConf {
  name: string;
  modelReference: string;
  /** Largest object area (pixels) the camera classifies (0..65535). */
  maxSizeForClassificationPx: number;
  /** Classes the model uses (2..40). */
  modelClassCount: number;
  /** EcoTaxa taxon id of each of the 40 class slots (0 = unused). */
  taxoIds: number[];
}

const FIELD_COUNT = 4 + TAXO_ID_SLOTS;

/** Parses a TAXO_CONF line (with or without `TAXO_CONF,` and `;`); throws ConfigLineError naming the bad field. */
export function parseTaxoConf(line: string): TaxoConf {
  const c = ConfigLine.split("TAXO_CONF", line);
  if (c.count !== FIELD_COUNT) throw c.countError(`${FIELD_COUNT} (4 fields and ${TAXO_ID_SLOTS} class ids)`);
  const name = c.text(1, "Configuration_name", true);
  const modelReference = c.text(2, "Model_reference");
  const maxSizeForClassificationPx = c.number(3, "Max_size_for_classification", { integer: true, min: 0, max: 65535 });
  const modelClassCount = c.number(4, "Model_nb_classes", { integer: true, min: 2, max: TAXO_ID_SLOTS });
  const taxoIds: number[] = [];
  for (let k = 0; k < TAXO_ID_SLOTS; k++) {
    taxoIds.push(c.number(5 + k, `Taxo_ID_for_class_${String(k).padStart(2, "0")}`, { integer: true, min: 0 }));
  }
  return { name, modelReference, maxSizeForClassificationPx, modelClassCount, taxoIds };
}
