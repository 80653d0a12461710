// Decoding a batch of compact SBD messages: each message alone, then per float and cycle the duplicates, the
// conflicts, the order of the records and which messages are missing. Messages may come in any order.
import type { DecodeProblem, SliceKind, SliceRecord } from "../types.js";
import type { SbdPriorTable } from "./priorTable.js";
import { parseSbdFrame, SBD_HEADER_BYTES, SBD_HEADER_BYTES_V2, type SbdHeader } from "./sbdHeader.js";
import { implausibleRecords } from "../plausibility.js";
import { decodeSbdBody } from "./sbdRecords.js";
import { decodeSbdBodyV2 } from "./sbdRecordsV2.js";
import { cycleText, missingSequences, type SbdCycleSummary, type SbdSummary } from "./sbdSummary.js";

/** One received message: a label for problems (file name...) and its bytes. */
export interface SbdMessageInput {
  source: string;
  bytes: Uint8Array;
}

/** Where a decoded record came from. */
export interface SbdRecordOrigin {
  /** Source label of the message that carried it. */
  source: string;
  floatId: number;
  cycle: number;
  /** Sequence number of that message in its cycle. */
  seq: number;
  /** Index of the record among its cycle's records of its kind. */
  index: number;
}

/** One message decoded alone: its header and records, or the problem that rejects it. */
export type SbdMessageResult =
  | { ok: true; header: SbdHeader; records: SliceRecord[]; offsets: number[] }
  | { ok: false; header: SbdHeader | null; problem: DecodeProblem };

/** Everything decoded from a batch; origins[i] tells where records[i] came from. */
export interface SbdDecodeResult {
  /** Per float and cycle (ascending), by kind (LPM, BLACK, TAXO) then record index. */
  records: SliceRecord[];
  origins: SbdRecordOrigin[];
  problems: DecodeProblem[];
  summary: SbdSummary;
}

const KIND_ORDER: Record<SliceKind, number> = { lpm: 0, black: 1, taxo: 2 };
const KIND_NAMES: Record<SliceKind, string> = { lpm: "LPM", black: "BLACK", taxo: "TAXO" };

/** What the decoder holds besides the messages: the prior tables version-2 messages may name. */
export interface SbdDecodeOptions {
  priorTables?: readonly SbdPriorTable[];
}

/** Decodes one message on its own; never throws. A version-2 message naming a table not in `options` is refused. */
export function decodeSbdMessage(source: string, bytes: Uint8Array, options: SbdDecodeOptions = {}): SbdMessageResult {
  const frame = parseSbdFrame(bytes);
  if (!frame.ok) return { ok: false, header: null, problem: { source, offset: frame.offset, message: frame.message } };
  const h = frame.header;
  let table: SbdPriorTable | null = null;
  if (h.tableId !== 0) {
    table = options.priorTables?.find((t) => t.id === h.tableId) ?? null;
    if (table === null) {
      const known = (options.priorTables ?? []).map((t) => t.id);
      const message = `message was coded with SBD prior table id ${h.tableId}, which this decoder does not hold (${known.length === 0 ? "no table given" : `holds ${known.join(", ")}`}); a profile under profiles/ must carry table ${h.tableId} ("sbdPriorTable")`;
      return { ok: false, header: h, problem: { source, offset: 13, message } };
    }
  }
  const body = h.version === 2
    ? decodeSbdBodyV2(h.kind, h.count, frame.body, table, SBD_HEADER_BYTES_V2, null, null, h.noiseCode)
    : decodeSbdBody(h.kind, h.count, frame.body, SBD_HEADER_BYTES);
  if (!body.ok) return { ok: false, header: frame.header, problem: { source, offset: body.offset, message: body.message } };
  return { ok: true, header: frame.header, records: body.records, offsets: body.offsets };
}

interface Received {
  source: string;
  bytes: Uint8Array;
  header: SbdHeader;
  records: SliceRecord[] | null;
  /** Byte offset of each record in the message. */
  offsets: number[];
}

interface Cycle {
  floatId: number;
  cycle: number;
  bySeq: Map<number, Received>;
  duplicates: number;
}

/** Decodes a batch of messages of any floats and cycles, in any order, with duplicates and gaps; never throws. */
export function decodeSbdMessages(messages: readonly SbdMessageInput[], options: SbdDecodeOptions = {}): SbdDecodeResult {
  const problems: DecodeProblem[] = [];
  const cycles = new Map<string, Cycle>();
  for (const m of messages) {
    let result: SbdMessageResult;
    try {
      result = decodeSbdMessage(m.source, m.bytes, options);
    } catch (e) {
      // Not expected to happen; a decoder bug must still not stop the other messages.
      problems.push({ source: m.source, offset: 0, message: `internal decoder error: ${String(e)}` });
      continue;
    }
    if (!result.ok) problems.push(result.problem);
    if (result.header === null) continue;
    const h = result.header;
    const key = `${h.floatId}/${h.cycle}`;
    let cycle = cycles.get(key);
    if (cycle === undefined) {
      cycle = { floatId: h.floatId, cycle: h.cycle, bySeq: new Map(), duplicates: 0 };
      cycles.set(key, cycle);
    }
    const first = cycle.bySeq.get(h.seq);
    if (first === undefined) {
      cycle.bySeq.set(h.seq, { source: m.source, bytes: m.bytes, header: h, records: result.ok ? result.records : null, offsets: result.ok ? result.offsets : [] });
      continue;
    }
    cycle.duplicates++;
    const at = firstDifference(first.bytes, m.bytes);
    if (at >= 0) {
      problems.push({
        source: m.source,
        offset: at,
        message:
          `float ${h.floatId} cycle ${h.cycle} message ${h.seq} received again with different bytes ` +
          `(first difference at byte ${at}); this copy is ignored, the one from ${first.source} is kept`,
      });
    }
  }
  const sorted = [...cycles.values()].sort((a, b) => a.floatId - b.floatId || a.cycle - b.cycle);
  const records: SliceRecord[] = [];
  const origins: SbdRecordOrigin[] = [];
  const summaries: SbdCycleSummary[] = [];
  for (const c of sorted) {
    const total = cycleTotal(c, problems);
    const kept = collectRecords(c, problems);
    // Values no float sends, though the message's checksum held: reported per cycle, records kept as decoded.
    problems.push(...implausibleRecords(kept.map((k) => ({ record: k.record, source: k.origin.source, offset: k.offset }))));
    const counts: Record<SliceKind, number> = { lpm: 0, black: 0, taxo: 0 };
    for (const k of kept) {
      records.push(k.record);
      origins.push(k.origin);
      counts[k.record.kind]++;
    }
    const received = [...c.bySeq.keys()].sort((a, b) => a - b);
    const fields = {
      floatId: c.floatId,
      cycle: c.cycle,
      received,
      duplicatesIgnored: c.duplicates,
      total,
      missing: missingSequences(received, total),
      undecodable: received.filter((s) => c.bySeq.get(s)!.records === null),
      records: counts,
    };
    summaries.push({ ...fields, text: cycleText(fields) });
  }
  const lines = summaries.map((s) => `float ${s.floatId} cycle ${s.cycle}: ${s.text}`);
  return { records, origins, problems, summary: { cycles: summaries, lines } };
}

/** The cycle's message count from its last-flag message, reporting contradicting flags and later messages. */
function cycleTotal(c: Cycle, problems: DecodeProblem[]): number | null {
  const lasts = [...c.bySeq.values()].filter((r) => r.header.last).sort((a, b) => a.header.seq - b.header.seq);
  if (lasts.length === 0) return null;
  const last = lasts[0];
  for (const other of lasts.slice(1)) {
    problems.push({
      source: other.source,
      offset: 8,
      message: `float ${c.floatId} cycle ${c.cycle} message ${other.header.seq} is flagged last, but so is message ${last.header.seq} (${last.source}); the cycle is taken to have ${last.header.seq + 1} messages`,
    });
  }
  for (const r of c.bySeq.values()) {
    if (r.header.seq > last.header.seq && !r.header.last) {
      problems.push({
        source: r.source,
        offset: 7,
        message: `float ${c.floatId} cycle ${c.cycle} message ${r.header.seq} comes after the last message (${last.header.seq}, ${last.source})`,
      });
    }
  }
  return last.header.seq + 1;
}

/** The cycle's records by kind then index; a record index already delivered by an earlier message is dropped. */
function collectRecords(c: Cycle, problems: DecodeProblem[]) {
  const all: { record: SliceRecord; origin: SbdRecordOrigin; offset: number }[] = [];
  for (const r of c.bySeq.values()) {
    if (r.records === null) continue;
    r.records.forEach((record, j) => {
      all.push({ record, origin: { source: r.source, floatId: c.floatId, cycle: c.cycle, seq: r.header.seq, index: r.header.firstIndex + j }, offset: r.offsets[j] ?? SBD_HEADER_BYTES });
    });
  }
  all.sort(
    (a, b) =>
      KIND_ORDER[a.record.kind] - KIND_ORDER[b.record.kind] || a.origin.index - b.origin.index || a.origin.seq - b.origin.seq,
  );
  const kept: typeof all = [];
  const overlaps = new Map<string, { source: string; kind: SliceKind; seq: number; indices: number[]; keptFrom: string }>();
  for (const item of all) {
    const before = kept[kept.length - 1];
    if (before !== undefined && before.record.kind === item.record.kind && before.origin.index === item.origin.index) {
      const o = overlaps.get(item.origin.source) ?? {
        source: item.origin.source,
        kind: item.record.kind,
        seq: item.origin.seq,
        indices: [],
        keptFrom: before.origin.source,
      };
      o.indices.push(item.origin.index);
      overlaps.set(item.origin.source, o);
      continue;
    }
    kept.push(item);
  }
  for (const o of overlaps.values()) {
    problems.push({
      source: o.source,
      offset: 9,
      message: `float ${c.floatId} cycle ${c.cycle} message ${o.seq}: ${o.indices.length} ${KIND_NAMES[o.kind]} record${o.indices.length === 1 ? "" : "s"} (index ${o.indices[0]}${o.indices.length > 1 ? `-${o.indices[o.indices.length - 1]}` : ""}) already came in an earlier message (${o.keptFrom}); ignored`,
    });
  }
  return kept;
}

/** Offset of the first byte where a and b differ (the shorter length if one is a prefix), -1 when equal. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
