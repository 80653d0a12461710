// What a set of compact SBD messages says about each float's cycle: which messages came, which did not, and
// one human line per cycle for logs and the CLI.
import type { SliceKind } from "../types.js";

/** The messages of one float's cycle, as received. */
export interface SbdCycleSummary {
  floatId: number;
  cycle: number;
  /** Sequence numbers received intact (header and CRC valid), ascending, each once. */
  received: number[];
  /** Copies ignored because their sequence number had already been received (identical bytes or not). */
  duplicatesIgnored: number;
  /** Messages in the cycle (the last-flag message's seq + 1); null when that message was not received. */
  total: number | null;
  /** Sequence numbers not received: below total, or below the highest received one when total is null. */
  missing: number[];
  /** Received intact but with a body that does not decode, so their records are lost. */
  undecodable: number[];
  /** Records decoded, per kind. */
  records: Record<SliceKind, number>;
  /** One human line, e.g. "messages 4 and 7 of 12 not received". */
  text: string;
}

/** The summary of a decode: per float and cycle (ascending), and one line each prefixed with float and cycle. */
export interface SbdSummary {
  cycles: SbdCycleSummary[];
  lines: string[];
}

/** Missing sequence numbers: gaps below the total, or below the highest received when the total is unknown. */
export function missingSequences(received: readonly number[], total: number | null): number[] {
  const have = new Set(received);
  const end = total ?? (received.length === 0 ? 0 : Math.max(...received) + 1);
  const missing: number[] = [];
  for (let s = 0; s < end; s++) if (!have.has(s)) missing.push(s);
  return missing;
}

/** The human line of a cycle from its summary fields. */
export function cycleText(s: Omit<SbdCycleSummary, "text">): string {
  const parts: string[] = [];
  if (s.total !== null && s.missing.length === 0) {
    parts.push(s.total === 1 ? "its only message received" : `all ${s.total} messages received`);
  } else if (s.missing.length > 0) {
    parts.push(`${messages(s.missing)}${s.total !== null ? ` of ${s.total}` : ""} not received`);
  }
  if (s.total === null) {
    const highest = Math.max(...s.received);
    parts.push(`messages after ${highest} may be missing: the last message was not received`);
  }
  if (s.undecodable.length > 0) parts.push(`${messages(s.undecodable)} received but not decodable`);
  if (s.duplicatesIgnored > 0) parts.push(`${s.duplicatesIgnored} duplicate${s.duplicatesIgnored === 1 ? "" : "s"} ignored`);
  return parts.join("; ");
}

/** "message 4", "messages 4 and 7", "messages 1-3, 5 and 8": runs of 3 or more as ranges. */
export function messages(seqs: readonly number[]): string {
  const items: string[] = [];
  for (let i = 0; i < seqs.length; ) {
    let j = i;
    while (j + 1 < seqs.length && seqs[j + 1] === seqs[j] + 1) j++;
    if (j - i >= 2) items.push(`${seqs[i]}-${seqs[j]}`);
    else for (let k = i; k <= j; k++) items.push(String(seqs[k]));
    i = j + 1;
  }
  const list = items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  return `${seqs.length === 1 ? "message" : "messages"} ${list}`;
}
