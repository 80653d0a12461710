// Compact SBD format version 2 on the real profiles, with prior tables fitted on other profiles only: a 3/3 split
// (fit on the earliest cycles 001, 005, 010, report 020, 030, 046, as a float would; and the other way round) and leave-one-out (fit on five,
// report the sixth). Version 1 bytes come from the independent reference encoder (test/support), as before.
import type { ProfileBytes } from "./telemetryBytes.js";
import { accountSbdMessages, type KindAccount } from "./sbdAccounting.js";
import type { SliceKind } from "../host/telemetry/types.js";
import { encodeSbdWithFirmware, type SbdEncodeSettings } from "../host/firmware/encodeSbd.js";
import { trainPriorTable } from "../host/telemetry/sbd/trainPriorTable.js";
import { decodeSbdMessages } from "../host/telemetry/sbd/index.js";
import type { SbdPriorTable } from "../host/telemetry/sbd/priorTable.js";
import type { SliceRecord } from "../host/telemetry/types.js";
import { encodeSbdCycle } from "../test/support/sbdReferenceEncoder.js";

/** The first split's fitting profiles (cycle numbers in the file names); the second split swaps the halves. */
export const SPLIT_FIT = ["001", "005", "010"];

/** One profile's version-2 bytes. */
export interface ProfileV2Bytes {
  file: string;
  /** Version 1, 340-byte messages (reference encoder). */
  v1: number;
  /** Version 2 without a table (id 0). */
  none: number;
  /** Version 2 with the table of the split that held this profile out, per limit. */
  split: Record<number, { bytes: number; messages: number }>;
  /** Version 2, 340 B, with the table fitted on the five other profiles. */
  leaveOneOut: number;
  /** Version 2, 340 B, with a table fitted on all six (in-sample: an optimistic bound, not a result). */
  inSample: number;
  /** Where the held-out 340-byte messages' bytes go. */
  account: Record<SliceKind, KindAccount>;
}

const total = (ms: Uint8Array[]) => ms.reduce((a, m) => a + m.length, 0);

/** Per profile, the prior table of the split that held it out (fitted on the other half of the six). */
export function splitTables(profiles: readonly { file: string; records: SliceRecord[] }[], base: Omit<SbdEncodeSettings, "cycle" | "sbdMaxBytes">): SbdPriorTable[] {
  const fit = (others: typeof profiles): SbdPriorTable =>
    trainPriorTable(1, others.map((p) => p.records), (records, table) => encodeSbdWithFirmware(records, table, { ...base, cycle: 1, sbdMaxBytes: 340 }));
  const inSplit = (p: (typeof profiles)[number]) => SPLIT_FIT.some((c) => p.file.includes(`_${c}_`));
  const tableA = fit(profiles.filter(inSplit));
  const tableB = fit(profiles.filter((p) => !inSplit(p)));
  return profiles.map((p) => (inSplit(p) ? tableB : tableA));
}

/** Encodes, checks that every message decodes to the records given (exactly), and measures. */
export function benchSbdPriors(profiles: readonly { file: string; cycle: number; records: SliceRecord[] }[], base: Omit<SbdEncodeSettings, "cycle" | "sbdMaxBytes">, limits = [340, 270, 100]): ProfileV2Bytes[] {
  const settings = (cycle: number, sbdMaxBytes: number): SbdEncodeSettings => ({ ...base, cycle, sbdMaxBytes });
  const fit = (others: typeof profiles): SbdPriorTable =>
    trainPriorTable(1, others.map((p) => p.records), (records, table) => encodeSbdWithFirmware(records, table, settings(1, 340)));
  const encode = (p: (typeof profiles)[number], table: SbdPriorTable | null, limit: number) => {
    const ms = encodeSbdWithFirmware(p.records, table, settings(p.cycle, limit));
    const back = decodeSbdMessages(ms.map((bytes, i) => ({ source: `${p.file}#${i}`, bytes })), { priorTables: table === null ? [] : [table] });
    if (back.problems.length > 0 || back.records.length !== p.records.length) throw new Error(`bench: ${p.file} v2 at ${limit} B does not decode back: ${back.problems[0]?.message}`);
    return ms;
  };
  const heldOutTables = splitTables(profiles, base);
  const all = fit(profiles);
  return profiles.map((p, i) => {
    const heldOut = heldOutTables[i];
    const split: ProfileV2Bytes["split"] = {};
    let account: ProfileV2Bytes["account"] | null = null;
    for (const limit of limits) {
      const ms = encode(p, heldOut, limit);
      split[limit] = { bytes: total(ms), messages: ms.length };
      if (limit === 340) account = accountSbdMessages(ms, heldOut);
    }
    return {
      file: p.file,
      v1: total(encodeSbdCycle(p.records, { floatId: base.float.wmo, cycle: p.cycle, maxBytes: 340 })),
      none: total(encode(p, null, 340)),
      split,
      leaveOneOut: total(encode(p, fit(profiles.filter((q) => q !== p)), 340)),
      inSample: total(encode(p, all, 340)),
      account: account!,
    };
  });
}

/** The version-2 table: per profile and all six, against CTS5, xz and the floor. */
export function v2Table(v2: readonly ProfileV2Bytes[], bytes: readonly ProfileBytes[]): string {
  const lines = [
    "| profile | split role | CTS5 B | xz -9e | floor B | v1 340 | v2 no table | v2 held-out 340 (msgs) | v2 270 | v2 100 | v2 leave-one-out 340 | v2 in-sample 340 | CTS5 / v2 held-out | xz / v2 held-out | v2 / floor |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  const sum = { cts5: 0, xz: 0, floor: 0, v1: 0, none: 0, s340: 0, m340: 0, s270: 0, s100: 0, loo: 0, ins: 0 };
  v2.forEach((p, i) => {
    const b = bytes[i];
    const floor = Math.round((b.floor.kinds.lpm + b.floor.kinds.black + b.floor.kinds.taxo) / 8);
    const role = SPLIT_FIT.some((c) => p.file.includes(`_${c}_`)) ? "test of split B" : "test of split A";
    sum.cts5 += b.cts5Bytes; sum.xz += b.xz; sum.floor += floor; sum.v1 += p.v1; sum.none += p.none; sum.s340 += p.split[340].bytes;
    sum.m340 += p.split[340].messages; sum.s270 += p.split[270].bytes; sum.s100 += p.split[100].bytes; sum.loo += p.leaveOneOut; sum.ins += p.inSample;
    lines.push(`| ${p.file.slice(9, 12)} | ${role} | ${b.cts5Bytes} | ${b.xz} | ${floor} | ${p.v1} | ${p.none} | ${p.split[340].bytes} (${p.split[340].messages}) | ${p.split[270].bytes} | ${p.split[100].bytes} | ${p.leaveOneOut} | ${p.inSample} | ${(b.cts5Bytes / p.split[340].bytes).toFixed(2)} | ${(b.xz / p.split[340].bytes).toFixed(2)} | ${(p.split[340].bytes / floor).toFixed(2)} |`);
  });
  lines.push(`| all six | | ${sum.cts5} | ${sum.xz} | ${sum.floor} | ${sum.v1} | ${sum.none} | ${sum.s340} (${sum.m340}) | ${sum.s270} | ${sum.s100} | ${sum.loo} | ${sum.ins} | ${(sum.cts5 / sum.s340).toFixed(2)} | ${(sum.xz / sum.s340).toFixed(2)} | ${(sum.s340 / sum.floor).toFixed(2)} |`);
  lines.push("", `Split A fits its table on cycles ${SPLIT_FIT.join(", ")} and reports the other three; split B the other way round: every "held-out" figure is from a table that never saw that profile. Leave-one-out fits on the five others. In-sample fits on all six (including the profile itself) and is shown only as a bound. CTS5 / v2 leave-one-out = ${(sum.cts5 / sum.loo).toFixed(2)}, CTS5 / v1 = ${(sum.cts5 / sum.v1).toFixed(2)}.`);
  return lines.join("\n");
}
