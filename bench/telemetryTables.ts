// Markdown tables of the telemetry benchmark: bytes per profile, the information floor per kind, where the bytes go.
import type { SliceKind } from "../host/telemetry/types.js";
import type { ProfileBytes } from "./telemetryBytes.js";
import type { KindAccount } from "./sbdAccounting.js";

const KINDS: readonly SliceKind[] = ["lpm", "black", "taxo"];
const NAMES: Record<SliceKind, string> = { lpm: "LPM", black: "BLACK", taxo: "TAXO" };
const B = (bits: number) => Math.round(bits / 8);

/** Bytes per profile: CTS5, SBD at each limit, general compressors of the CTS5 bytes. */
export function bytesTable(telemetry: readonly ProfileBytes[]): string {
  const lines = [
    "| profile | records | CTS5 B (files) | SBD 340 B (msgs) | SBD 270 (msgs) | SBD 100 (msgs) | gzip -9 | brotli 11 | xz -9e | CTS5 / SBD 340 | best compressor / SBD 340 |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const sum = (f: (t: ProfileBytes) => number) => telemetry.reduce((a, t) => a + f(t), 0);
  const limits = [340, 270, 100];
  const rows = telemetry.map((t) => ({ ...t, file: t.file.slice(9, 12) }));
  const all = {
    file: "all six", records: sum((t) => t.records), cts5Bytes: sum((t) => t.cts5Bytes), cts5Files: sum((t) => t.cts5Files),
    sbd: Object.fromEntries(limits.map((l) => [l, { bytes: sum((t) => t.sbd[l].bytes), messages: sum((t) => t.sbd[l].messages) }])) as ProfileBytes["sbd"],
    gzip: sum((t) => t.gzip), brotli: sum((t) => t.brotli), xz: sum((t) => t.xz),
  };
  for (const t of [...rows, all]) {
    const s340 = t.sbd[340].bytes;
    const sbd = limits.map((l) => `${t.sbd[l].bytes} (${t.sbd[l].messages})`).join(" | ");
    lines.push(`| ${t.file} | ${t.records} | ${t.cts5Bytes} (${t.cts5Files}) | ${sbd} | ${t.gzip} | ${t.brotli} | ${t.xz} | ${(t.cts5Bytes / s340).toFixed(2)} | ${(Math.min(t.gzip, t.brotli, t.xz) / s340).toFixed(2)} |`);
  }
  return lines.join("\n");
}

/** The floor against version 1's and version 2's (held-out table) bytes, per profile and kind (340-byte messages). */
export function floorTable(telemetry: readonly ProfileBytes[], v2: readonly { account: Record<SliceKind, KindAccount> }[]): string {
  const lines = [
    "| profile | kind | records | floor B | B/record floor | v1 B | B/record v1 | v1 / floor | v2 B (held-out table) | B/record v2 | v2 / floor |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const total = { floor: 0, bytes: 0, v2: 0, cts5: 0 };
  telemetry.forEach((t, i) => {
    for (const k of KINDS) {
      const floor = B(t.floor.kinds[k]);
      const n = t.floor.records[k];
      const a = t.account[k];
      const b = v2[i].account[k];
      total.floor += floor;
      total.bytes += a.bytes;
      total.v2 += b.bytes;
      lines.push(`| ${t.file.slice(9, 12)} | ${NAMES[k]} | ${n} | ${floor} | ${(floor / n).toFixed(1)} | ${a.bytes} | ${(a.bytes / n).toFixed(1)} | ${(a.bytes / floor).toFixed(2)} | ${b.bytes} | ${(b.bytes / n).toFixed(1)} | ${(b.bytes / floor).toFixed(2)} |`);
    }
    total.cts5 += t.cts5Bytes;
  });
  lines.push(`| all six | all | ${telemetry.reduce((s, t) => s + t.records, 0)} | ${total.floor} | | ${total.bytes} | | ${(total.bytes / total.floor).toFixed(2)} | ${total.v2} | | ${(total.v2 / total.floor).toFixed(2)} |`);
  // Even at the floor, each kind's bytes go in messages of at most 340 B with version 2's 16 B of header and CRC.
  const framed = KINDS.reduce((s, k) => s + telemetry.reduce((a, t) => { const f = B(t.floor.kinds[k]); return a + f + 16 * Math.ceil(f / 324); }, 0), 0);
  lines.push("", `CTS5 / floor = ${(total.cts5 / total.floor).toFixed(2)} (${total.cts5} B / ${total.floor} B); with each kind's floor bytes framed in full 340-B messages (16 B each), ${framed} B: CTS5 / that = ${(total.cts5 / framed).toFixed(2)}. A lossless coder reaching 4x would have to spend within ${((total.cts5 / 4 / framed - 1) * 100).toFixed(0)} % of this floor on every field.`);
  const fam: Record<string, number> = {};
  for (const t of telemetry) for (const [f, bits] of Object.entries(t.floor.families)) fam[f] = (fam[f] ?? 0) + bits;
  lines.push(`Floor by family, six profiles: ${Object.entries(fam).map(([f, bits]) => `${f} ${B(bits)} B`).join(", ")}.`);
  return lines.join("\n");
}

/** Where the 340-byte messages' bytes go over the six profiles: framing, each field family of first and later records, flush. */
export function accountTable(telemetry: readonly { account: Record<SliceKind, KindAccount> }[]): string {
  const lines = ["| kind | messages | records | header + CRC | flush | field (first record of a message / later records) B |", "|---|---|---|---|---|---|"];
  for (const k of KINDS) {
    const sum = { messages: 0, records: 0, framing: 0, flush: 0 };
    const fields: Record<string, number> = {};
    for (const t of telemetry) {
      const a = t.account[k];
      sum.messages += a.messages;
      sum.records += a.records;
      sum.framing += a.framingBytes;
      sum.flush += a.flushBytes;
      for (const [label, bytes] of Object.entries(a.fields)) fields[label] = (fields[label] ?? 0) + bytes;
    }
    const names = [...new Set(Object.keys(fields).map((l) => l.split(":")[1]))];
    const text = names.map((n) => `${n} ${Math.round(fields[`first:${n}`] ?? 0)} / ${Math.round(fields[`later:${n}`] ?? 0)}`).join(", ");
    lines.push(`| ${NAMES[k]} | ${sum.messages} | ${sum.records} | ${sum.framing} | ${Math.round(sum.flush)} | ${text} |`);
  }
  return lines.join("\n");
}
