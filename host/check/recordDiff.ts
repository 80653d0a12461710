// What changed in a CTS5 file or SBD message, in the records an engineer knows: both versions are decoded
// with the project's own decoders and the records compared field by field. A message whose CRC no longer
// matches (one altered byte does that) is decoded a second time with its CRC recomputed, so the records
// the altered byte touches are still shown.
import { decodeCts5File } from "../telemetry/cts5/index.js";
import { installedPriorTables } from "../config/installedPriorTables.js";
import { crc16CcittFalse, decodeSbdMessage, SBD_CRC_BYTES, SBD_MIN_MESSAGE_BYTES, type SbdHeader } from "../telemetry/sbd/index.js";
import type { SliceRecord } from "../telemetry/types.js";

/** One side decoded. */
export interface DecodedSide {
  records: number;
  /** Decoder problems as "byte N: message". */
  problems: string[];
  /** The SBD message's CRC did not match and was recomputed to decode its body anyway. */
  crcRecomputed: boolean;
  /** The SBD header, when one was read. */
  header: SbdHeader | null;
}

/** One record that differs: its index, each version in one line (null when absent), the fields that changed. */
export interface ChangedRecord {
  index: number;
  expected: string | null;
  actual: string | null;
  fields: string[];
}

/** How the decoded contents of two telemetry files differ. */
export interface RecordDifference {
  expected: DecodedSide;
  actual: DecodedSide;
  /** SBD header fields that differ ("seq: 1 -> 2"). */
  header: string[];
  records: ChangedRecord[];
  /** Differing records beyond those listed. */
  moreRecords: number;
}

const SHOWN_RECORDS = 5;
const SHOWN_FIELDS = 8;

function decode(path: string, bytes: Uint8Array): { side: DecodedSide; records: SliceRecord[] } {
  if (path.endsWith(".hex")) {
    const r = decodeCts5File(bytes, path);
    return { side: { records: r.records.length, problems: r.problems.map((p) => `byte ${p.offset}: ${p.message}`), crcRecomputed: false, header: null }, records: r.records };
  }
  const options = { priorTables: installedPriorTables() };
  const first = decodeSbdMessage(path, bytes, options);
  if (first.ok) return { side: { records: first.records.length, problems: [], crcRecomputed: false, header: first.header }, records: first.records };
  const problems = [`byte ${first.problem.offset}: ${first.problem.message}`];
  if (/CRC/.test(first.problem.message) && bytes.length >= SBD_MIN_MESSAGE_BYTES) {
    const copy = bytes.slice();
    const crc = crc16CcittFalse(copy, 0, copy.length - SBD_CRC_BYTES);
    copy[copy.length - 2] = crc & 0xff;
    copy[copy.length - 1] = crc >> 8;
    const again = decodeSbdMessage(path, copy, options);
    if (again.ok) return { side: { records: again.records.length, problems, crcRecomputed: true, header: again.header }, records: again.records };
    // The altered byte broke the body too: say where, which is as close to the change as the decoder gets.
    problems.push(`with its CRC recomputed, byte ${again.problem.offset}: ${again.problem.message}`);
    return { side: { records: 0, problems, crcRecomputed: false, header: again.header }, records: [] };
  }
  return { side: { records: 0, problems, crcRecomputed: false, header: first.header }, records: [] };
}

/** A record in one line: kind, phase/processing, UTC time, pressure, images. */
export function recordLabel(r: SliceRecord): string {
  const t = new Date(r.timeS * 1000).toISOString().replace(".000Z", "Z");
  // Pressure travels as a tenth of a dbar; one decimal hides the float noise of decoding (23.400000000000006).
  return `${r.kind.toUpperCase()} ${r.phase}/${r.processing} ${t} ${r.pressureDbar.toFixed(1)} dbar ${r.images} images`;
}

function fieldChanges(e: SliceRecord, a: SliceRecord): string[] {
  const out: string[] = [];
  const cmp = (name: string, x: unknown, y: unknown) => {
    if (!Object.is(x, y)) out.push(`${name}: ${String(x)} -> ${String(y)}`);
  };
  const eo = e as unknown as Record<string, unknown>;
  const ao = a as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(eo), ...Object.keys(ao)])) {
    const x = eo[k];
    const y = ao[k];
    if (k === "categories") {
      const xs = (x ?? []) as Array<Record<string, number>>;
      const ys = (y ?? []) as Array<Record<string, number>>;
      for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
        if (!xs[i] || !ys[i]) out.push(`categories[${i}]: ${xs[i] ? JSON.stringify(xs[i]) : "(absent)"} -> ${ys[i] ? JSON.stringify(ys[i]) : "(absent)"}`);
        else for (const f of ["index", "objects", "meanSize", "meanGrey"]) cmp(`categories[${i}].${f}`, xs[i][f], ys[i][f]);
      }
    } else if (Array.isArray(x) || Array.isArray(y)) {
      const xs = (x ?? []) as unknown[];
      const ys = (y ?? []) as unknown[];
      for (let i = 0; i < Math.max(xs.length, ys.length); i++) cmp(`${k}[${i}]`, xs[i], ys[i]);
    } else cmp(k, x, y);
  }
  return out;
}

function headerChanges(e: SbdHeader | null, a: SbdHeader | null): string[] {
  if (!e || !a) return [];
  return (Object.keys(e) as Array<keyof SbdHeader>).filter((k) => e[k] !== a[k]).map((k) => `${k}: ${String(e[k])} -> ${String(a[k])}`);
}

/** Decodes both versions of the telemetry file at `path` (".hex" CTS5, else SBD) and lists what differs. */
export function recordDifference(path: string, expected: Uint8Array, actual: Uint8Array): RecordDifference {
  const e = decode(path, expected);
  const a = decode(path, actual);
  const changed: ChangedRecord[] = [];
  let more = 0;
  // A side that could not be decoded at all has no records to compare: its problems say it all.
  const undecodable = (d: { side: DecodedSide; records: SliceRecord[] }) => d.records.length === 0 && d.side.problems.length > 0;
  if (undecodable(e) || undecodable(a)) return { expected: e.side, actual: a.side, header: headerChanges(e.side.header, a.side.header), records: [], moreRecords: 0 };
  for (let i = 0; i < Math.max(e.records.length, a.records.length); i++) {
    const x = e.records[i];
    const y = a.records[i];
    const fields = x && y ? fieldChanges(x, y) : [];
    if (x && y && fields.length === 0) continue;
    if (changed.length >= SHOWN_RECORDS) {
      more++;
      continue;
    }
    const shown = fields.slice(0, SHOWN_FIELDS);
    if (fields.length > SHOWN_FIELDS) shown.push(`... ${fields.length - SHOWN_FIELDS} more fields`);
    changed.push({ index: i, expected: x ? recordLabel(x) : null, actual: y ? recordLabel(y) : null, fields: shown });
  }
  return { expected: e.side, actual: a.side, header: headerChanges(e.side.header, a.side.header), records: changed, moreRecords: more };
}
