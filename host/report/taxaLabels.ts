// The report's TAXO categories named: each category's EcoTaxa id (TAXO_CONF) and, where that id has one, its
// taxon name (--taxa first, then the shipped model whose Model_reference the TAXO_CONF names).
import type { TaxoConf } from "../config/taxoConf.js";
import type { ReportData } from "./reportData.js";
import { mergeTaxaNames, shippedTaxaNames, type TaxaNames } from "./taxaNames.js";

/** The taxa fields of ReportData for a TAXO_CONF, with names from `user` (--taxa) and the shipped model it names. */
export function taxaOf(taxo: TaxoConf | null | undefined, user: TaxaNames | null): Pick<ReportData, "taxoIds" | "taxoNames" | "taxoNamesFrom"> {
  if (!taxo) return { taxoIds: null, taxoNames: null, taxoNamesFrom: [] };
  const taxoIds = taxo.taxoIds.slice(0, taxo.modelClassCount);
  const shipped = shippedTaxaNames(taxo.modelReference);
  const names = mergeTaxaNames(user, shipped);
  const taxoNames = taxoIds.map((id) => (id > 0 ? names.byId.get(id) ?? null : null));
  const fromUser = user !== null && taxoIds.some((id) => user.byId.has(id));
  const fromShipped = taxoIds.some((id) => shipped.byId.has(id) && !(user?.byId.has(id) ?? false));
  return { taxoIds, taxoNames, taxoNamesFrom: [...(fromUser ? user.from : []), ...(fromShipped ? shipped.from : [])] };
}
