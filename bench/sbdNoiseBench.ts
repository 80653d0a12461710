// The SBD noise-bounded mode on the real profiles (docs/operators.md, "Noise-bounded counts"): the firmware's
// 340-byte messages with the held-out prior tables at f = 0.05-0.5, each decoded and checked against the
// records sent (every count within its bound, everything else exact), with the largest |error| / sd seen.
import { encodeSbdWithFirmware, type SbdEncodeSettings } from "../host/firmware/encodeSbd.js";
import { decodeSbdMessages } from "../host/telemetry/sbd/index.js";
import type { SbdPriorTable } from "../host/telemetry/sbd/priorTable.js";
import type { SliceRecord } from "../host/telemetry/types.js";
import type { ProfileBytes } from "./telemetryBytes.js";

/** The fractions measured. */
export const NOISE_FRACTIONS = [0.05, 0.1, 0.2, 0.5];

/** One profile at every fraction (f = 0: lossless, the same table). */
export interface ProfileNoiseBytes {
  file: string;
  /** Bytes and messages per fraction, 340-byte messages. */
  bytes: Record<string, { bytes: number; messages: number }>;
  /** Per fraction, the largest |decoded - sent| / sqrt(sent) over the counts, and the counts not sent exactly. */
  worstErrorOverSd: Record<string, number>;
  approximateCounts: Record<string, number>;
}

const ORDER = ["lpm", "black", "taxo"] as const;

/** Encodes each profile at each fraction with its held-out table (`tables[i]`), decodes and checks the bound. */
export function benchSbdNoise(profiles: readonly { file: string; cycle: number; records: SliceRecord[] }[], tables: readonly SbdPriorTable[], base: Omit<SbdEncodeSettings, "cycle" | "sbdMaxBytes">): ProfileNoiseBytes[] {
  return profiles.map((p, i) => {
    const out: ProfileNoiseBytes = { file: p.file, bytes: {}, worstErrorOverSd: {}, approximateCounts: {} };
    const sent = ORDER.flatMap((k) => p.records.filter((r) => r.kind === k));
    for (const f of [0, ...NOISE_FRACTIONS]) {
      const ms = encodeSbdWithFirmware(p.records, tables[i], { ...base, float: { ...base.float, sbdNoiseFraction: f }, cycle: p.cycle, sbdMaxBytes: 340 });
      const back = decodeSbdMessages(ms.map((bytes, j) => ({ source: `${p.file}#${j}`, bytes })), { priorTables: [tables[i]] });
      if (back.problems.length > 0 || back.records.length !== sent.length) throw new Error(`bench: ${p.file} at f = ${f} does not decode back: ${back.problems[0]?.message}`);
      let worst = 0;
      let approximate = 0;
      back.records.forEach((d, j) => {
        const s = sent[j];
        if (d.kind === "taxo" || s.kind === "taxo") return;
        s.counts.forEach((c, k) => {
          const err = Math.abs(d.counts[k] - c);
          const bound = d.approximate?.countBounds[k] ?? 0;
          if (err > bound || (f === 0 && !Object.is(d.counts[k], c))) throw new Error(`bench: ${p.file} f = ${f}: count ${c} came back ${d.counts[k]}, bound ${bound}`);
          if (bound > 0) approximate++;
          if (c > 0) worst = Math.max(worst, err / Math.sqrt(c));
        });
      });
      out.bytes[f] = { bytes: ms.reduce((a, m) => a + m.length, 0), messages: ms.length };
      out.worstErrorOverSd[f] = worst;
      out.approximateCounts[f] = approximate;
    }
    return out;
  });
}

/** The table: bytes per profile and fraction, the saving against lossless, CTS5 / bytes, the worst error. */
export function noiseTable(rows: readonly ProfileNoiseBytes[], bytes: readonly ProfileBytes[]): string {
  const fs = [0, ...NOISE_FRACTIONS];
  const lines = [
    `| cycle | CTS5 B | ${fs.map((f) => (f === 0 ? "lossless held-out 340 (msgs)" : `f = ${f} (msgs)`)).join(" | ")} |`,
    `|---|---|${fs.map(() => "---").join("|")}|`,
  ];
  const sum = Object.fromEntries(fs.map((f) => [f, { bytes: 0, messages: 0 }]));
  let cts5 = 0;
  rows.forEach((r, i) => {
    cts5 += bytes[i].cts5Bytes;
    for (const f of fs) {
      sum[f].bytes += r.bytes[f].bytes;
      sum[f].messages += r.bytes[f].messages;
    }
    lines.push(`| ${r.file.slice(9, 12)} | ${bytes[i].cts5Bytes} | ${fs.map((f) => `${r.bytes[f].bytes} (${r.bytes[f].messages})`).join(" | ")} |`);
  });
  lines.push(`| all six | ${cts5} | ${fs.map((f) => `${sum[f].bytes} (${sum[f].messages})`).join(" | ")} |`);
  lines.push(`| saved | | ${fs.map((f) => (f === 0 ? "" : `${(100 * (1 - sum[f].bytes / sum[0].bytes)).toFixed(1)} %`)).join(" | ")} |`);
  lines.push(`| CTS5 / SBD | | ${fs.map((f) => (cts5 / sum[f].bytes).toFixed(2)).join(" | ")} |`);
  lines.push(`| max abs(error) / sd | | ${fs.map((f) => Math.max(...rows.map((r) => r.worstErrorOverSd[f])).toFixed(3)).join(" | ")} |`);
  lines.push(`| counts not exact | | ${fs.map((f) => rows.reduce((a, r) => a + r.approximateCounts[f], 0)).join(" | ")} |`);
  lines.push("", "Held-out prior tables as in the version-2 table (split A / split B). Every message decoded and checked against the records sent: each count within its bound (at most f sqrt(N) / 2), greys, TAXO and record fields exact.");
  return lines.join("\n");
}
