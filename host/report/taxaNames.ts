// Names for the report's taxa: EcoTaxa id -> name, from the shipped models' sidecars (profiles/models/*.json,
// e.g. the demonstration model's four simulated taxa) and from a user's `--taxa names.csv`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CliError, ExitCode } from "../cli/cliError.js";
import { profilesDir } from "../config/profile.js";
import { parseTaxoConf } from "../config/taxoConf.js";

/** EcoTaxa id -> taxon name, and where the names came from. */
export interface TaxaNames {
  byId: Map<number, string>;
  from: string[];
}

/**
 * The names a shipped model's sidecar gives its classes ({taxoConf, classes: [{ecotaxaId, name}]}), for the
 * model whose TAXO_CONF Model_reference is `modelReference` only: the demonstration model's ids are
 * placeholders, and some of them are real EcoTaxa ids of other taxa (84963 and 85011 are in float
 * 4903634's own TAXO_CONF), so a name is never given by id alone.
 */
export function shippedTaxaNames(modelReference: string): TaxaNames {
  const byId = new Map<number, string>();
  const from: string[] = [];
  const dir = join(profilesDir(), "models");
  if (!existsSync(dir)) return { byId, from };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    try {
      const sidecar = JSON.parse(readFileSync(join(dir, file), "utf8")) as { name?: string; taxoConf?: string; classes?: Array<{ ecotaxaId?: unknown; name?: unknown }> };
      if (typeof sidecar.taxoConf !== "string" || parseTaxoConf(sidecar.taxoConf).modelReference !== modelReference) continue;
      let added = 0;
      for (const c of sidecar.classes ?? []) {
        if (Number.isInteger(c.ecotaxaId) && typeof c.name === "string" && !byId.has(c.ecotaxaId as number)) {
          byId.set(c.ecotaxaId as number, c.name);
          added++;
        }
      }
      if (added > 0) from.push(`model ${sidecar.name ?? file} (profiles/models/${file})`);
    } catch {
      // A sidecar that does not parse names nothing; model inspect reports it.
    }
  }
  return { byId, from };
}

/**
 * Reads `--taxa`: one taxon per line, "EcoTaxa id,name" (comma, semicolon or tab), an optional header line
 * (its first field not a number), blank lines and # comments ignored. Throws an input error naming the line.
 */
export function readTaxaCsv(path: string): TaxaNames {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new CliError(`${path}: cannot read the taxa names (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the --taxa path`, ExitCode.INPUT);
  }
  const byId = new Map<number, string>();
  const lines = text.replace(/^\uFEFF/u, "").split(/\r?\n/u);
  let firstLine = true;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const isFirst = firstLine;
    firstLine = false;
    const cut = line.search(/[,;\t]/u);
    const first = (cut < 0 ? line : line.slice(0, cut)).trim().replace(/^"|"$/gu, "");
    const name = (cut < 0 ? "" : line.slice(cut + 1)).trim().replace(/^"|"$/gu, "");
    if (!/^\d+$/u.test(first)) {
      if (isFirst) return; // a header line
      throw new CliError(`${path} line ${i + 1}: "${first}" is not an EcoTaxa id (a whole number); lines are "id,name"`, ExitCode.INPUT);
    }
    if (name === "") throw new CliError(`${path} line ${i + 1}: EcoTaxa id ${first} has no name; lines are "id,name"`, ExitCode.INPUT);
    byId.set(Number(first), name);
  });
  if (byId.size === 0) throw new CliError(`${path}: no "id,name" line; give one taxon per line`, ExitCode.INPUT);
  return { byId, from: [`${path} (--taxa, ${byId.size} names)`] };
}

/** `first` over `second`: a user's names win over the shipped ones. */
export function mergeTaxaNames(first: TaxaNames | null, second: TaxaNames): TaxaNames {
  if (!first) return second;
  return { byId: new Map([...second.byId, ...first.byId]), from: [...first.from, ...second.from] };
}
