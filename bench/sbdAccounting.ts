// Where a profile's compact SBD bytes go: each message decoded with a cost hook, so every body bit is charged to
// its field family (first record of a message or a later one), and what is left is header, CRC and coder flush.
import { BitCosts } from "../host/telemetry/sbd/rangeDecoder.js";
import type { SbdPriorTable } from "../host/telemetry/sbd/priorTable.js";
import { SBD_HEADER_BYTES, SBD_HEADER_BYTES_V2, parseSbdFrame } from "../host/telemetry/sbd/sbdHeader.js";
import { decodeSbdBody } from "../host/telemetry/sbd/sbdRecords.js";
import { decodeSbdBodyV2 } from "../host/telemetry/sbd/sbdRecordsV2.js";
import type { SliceKind } from "../host/telemetry/types.js";

/** Bytes of one kind's messages, split. */
export interface KindAccount {
  messages: number;
  records: number;
  /** Every byte of the kind's messages. */
  bytes: number;
  /** Header and CRC bytes. */
  framingBytes: number;
  /** Body information per label ("first:counts", "later:greys", ...), in bytes. */
  fields: Record<string, number>;
  /** Body bytes beyond the information: the coder's flush and rounding. */
  flushBytes: number;
}

/** Accounts the messages (version 1 or 2, with the table they name) of one profile per kind. */
export function accountSbdMessages(messages: readonly Uint8Array[], table: SbdPriorTable | null = null): Record<SliceKind, KindAccount> {
  const out = {} as Record<SliceKind, KindAccount>;
  for (const kind of ["lpm", "black", "taxo"] as SliceKind[]) {
    out[kind] = { messages: 0, records: 0, bytes: 0, framingBytes: 0, fields: {}, flushBytes: 0 };
  }
  for (const m of messages) {
    const frame = parseSbdFrame(m);
    if (!frame.ok) throw new Error(`bench: a firmware message does not parse: ${frame.message}`);
    const a = out[frame.header.kind];
    const costs = new BitCosts();
    const h = frame.header;
    if (h.tableId !== 0 && h.tableId !== table?.id) throw new Error(`bench: a message names prior table ${h.tableId}, not the one given`);
    const body = h.version === 2
      ? decodeSbdBodyV2(h.kind, h.count, frame.body, h.tableId === 0 ? null : table, SBD_HEADER_BYTES_V2, costs)
      : decodeSbdBody(h.kind, h.count, frame.body, SBD_HEADER_BYTES, costs);
    if (!body.ok) throw new Error(`bench: a firmware message does not decode: ${body.message}`);
    a.messages++;
    a.records += frame.header.count;
    a.bytes += m.length;
    a.framingBytes += m.length - frame.body.length;
    let bits = 0;
    for (const [label, b] of costs.bits) {
      a.fields[label] = (a.fields[label] ?? 0) + b / 8;
      bits += b;
    }
    a.flushBytes += frame.body.length - bits / 8;
  }
  return out;
}
