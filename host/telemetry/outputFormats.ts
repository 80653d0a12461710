// Decoded telemetry written for machines: one JSON or CBOR document {records, problems, summary}, or one CSV
// table of the records (a KIND column; vector fields expanded as NAME_1..NAME_n with the AUX file's n, so the
// header never depends on the data). Problems are not in the CSV: the CLI prints them on stderr.
// Numbers are written so that they read back to the same double, hence to the same float32 counts.

import { Decoder, Encoder, type Options } from "cbor-x";
import { ARGO_FIELDS, fromArgoRow, type ArgoField, type ArgoRow } from "./argoRecords.js";
import type { DecodeProblem, SliceRecord } from "./types.js";

/** The machine formats the decode verb writes. */
export const OUTPUT_FORMATS = ["json", "csv", "cbor"] as const;
/** One of OUTPUT_FORMATS. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a decode run produces: the rows, every problem met, and a summary of the run (free-form, JSON-safe). */
export interface DecodedDocument {
  records: ArgoRow[];
  problems: DecodeProblem[];
  summary: Record<string, unknown>;
}

/** The document as pretty JSON (NaN cannot occur: rows use null). */
export function formatJson(doc: DecodedDocument): string {
  return JSON.stringify(doc, null, 1) + "\n";
}

// Plain RFC 8949 maps and float64 numbers: any CBOR reader gets the same values, float32 counts included.
const cborOptions: Options & { useTag259ForMaps: boolean } = {
  useRecords: false, variableMapSize: true, tagUint8Array: false, useTag259ForMaps: false, useFloat32: 0, pack: false, sequential: false,
};

/** The document as one CBOR item. */
export function formatCbor(doc: DecodedDocument): Uint8Array {
  return new Encoder(cborOptions).encode(doc);
}

/** One CSV column: its name, the field it shows, and which value of a vector (null for a scalar). */
export interface CsvColumn {
  name: string;
  field: ArgoField;
  index: number | null;
}

/** Every CSV column, in order: the common fields, then LPM, BLACK and TAXO ones, then the noise-bounded mode's
 *  marks (empty for exact records); vectors expanded. */
export function csvColumns(): CsvColumn[] {
  const all = [...ARGO_FIELDS.common, ...ARGO_FIELDS.lpm, ...ARGO_FIELDS.black, ...ARGO_FIELDS.taxo, ...ARGO_FIELDS.approximate];
  return all.flatMap((field): CsvColumn[] =>
    field.length === 1
      ? [{ name: field.name, field, index: null }]
      : Array.from({ length: field.length }, (_, k) => ({ name: `${field.name}_${k + 1}`, field, index: k })),
  );
}

/** A CSV header cell: the name, then its unit in brackets when it has one (e.g. "PRES [dbar]"). */
export function csvHeaderCell(name: string, unit: string): string {
  return unit === "" ? name : `${name} [${unit}]`;
}

function csvCell(x: unknown): string {
  if (x === null || x === undefined) return "";
  const s = String(x);
  return /[",\n\r]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/** The rows as one CSV table with a header line; cells a row's kind does not have are empty. */
export function formatCsv(rows: readonly ArgoRow[]): string {
  const cols = csvColumns();
  const lines = [cols.map((c) => csvCell(csvHeaderCell(c.name, c.field.unit))).join(",")];
  for (const row of rows) {
    const o = row as unknown as Record<string, unknown>;
    lines.push(
      cols
        .map((c) => {
          const v = o[c.field.name];
          return csvCell(c.index === null ? v : Array.isArray(v) ? v[c.index] : undefined);
        })
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** The document in `format`: text for JSON and CSV, bytes for CBOR. */
export function formatDecoded(format: OutputFormat, doc: DecodedDocument): string | Uint8Array {
  if (format === "json") return formatJson(doc);
  if (format === "csv") return formatCsv(doc.records);
  return formatCbor(doc);
}

/** Reads a document written by formatJson or formatCbor (told apart by the first byte); throws naming `label`. */
export function parseDecodedDocument(bytes: Uint8Array, label: string): DecodedDocument {
  let data: unknown;
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  try {
    data = first === 0x7b ? JSON.parse(new TextDecoder().decode(bytes)) : new Decoder({ useRecords: false, mapsAsObjects: true }).decode(bytes);
  } catch (err) {
    throw new Error(`${label}: neither a JSON nor a CBOR decoded document (${(err as Error).message})`);
  }
  if (typeof data !== "object" || data === null || !Array.isArray((data as DecodedDocument).records)) {
    throw new Error(`${label}: no "records" list; expected the output of 'uvp-float decode --format json' or '--format cbor'`);
  }
  const d = data as Partial<DecodedDocument>;
  return { records: d.records as ArgoRow[], problems: Array.isArray(d.problems) ? d.problems : [], summary: (d.summary ?? {}) as Record<string, unknown> };
}

/** The slice records of a decoded document (for comparison); throws naming the record that does not read. */
export function sliceRecordsOf(doc: DecodedDocument, label: string): SliceRecord[] {
  return doc.records.map((row, i) => fromArgoRow(row, `${label}: record ${i}`));
}
