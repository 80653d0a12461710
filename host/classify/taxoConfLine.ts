// A TAXO_CONF line for a model (DOMAIN.md section 3): Configuration_name, Model_reference,
// Max_size_for_classification (pixels, 0..65535), Model_nb_classes (2..40), then exactly 40
// Taxo_ID_for_class values (EcoTaxa taxon ids of the model's classes in class order, unused = 0).

import { MAX_CLASSES, MIN_CLASSES } from "./modelTypes.js";

/** Number of class id slots a TAXO_CONF line carries. */
const TAXO_ID_SLOTS = 40;

/** The full "TAXO_CONF,...;" line for a model whose classes have the given EcoTaxa ids (class count = ids). */
export function taxoConfLine(name: string, modelReference: string, maxSizePx: number, taxoIds: number[]): string {
  for (const [label, text] of [["name", name], ["modelReference", modelReference]] as const) {
    if (typeof text !== "string" || text === "" || /[,;\r\n]/.test(text)) {
      throw new RangeError(`taxoConfLine: ${label} must be a non-empty string without ',', ';' or line breaks, got ${JSON.stringify(text)}`);
    }
  }
  if (!Number.isInteger(maxSizePx) || maxSizePx < 0 || maxSizePx > 65535) {
    throw new RangeError(`taxoConfLine: maxSizePx must be an integer in 0..65535, got ${maxSizePx}`);
  }
  if (taxoIds.length < MIN_CLASSES || taxoIds.length > MAX_CLASSES) {
    throw new RangeError(`taxoConfLine: ${taxoIds.length} class ids, a model has ${MIN_CLASSES}..${MAX_CLASSES} classes`);
  }
  for (const id of taxoIds) {
    if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`taxoConfLine: taxon id ${id} is not a non-negative integer`);
  }
  const slots = [...taxoIds, ...new Array<number>(TAXO_ID_SLOTS - taxoIds.length).fill(0)];
  return `TAXO_CONF,${name},${modelReference},${maxSizePx},${taxoIds.length},${slots.join(",")};`;
}
