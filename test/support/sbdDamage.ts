// Damaged deliveries of SBD messages for the fault tests: some dropped, some twice, some with a flipped bit or
// cut short, all shuffled; and the check that every intact message's records still come back.
import { expect } from "vitest";
import { decodeSbdMessages } from "../../host/telemetry/sbd/index.js";
import type { SbdPriorTable } from "../../host/telemetry/sbd/priorTable.js";

const inputs = (ms: Uint8Array[]) => ms.map((bytes, i) => ({ source: `m${i}.sbd`, bytes }));

/** For `seeds` seeds, delivers `messages` damaged and checks: every record of the intact ones decoded, at least
 *  one problem when any was damaged, nothing thrown. */
export function expectSurvivesDamage(messages: readonly Uint8Array[], tables: readonly SbdPriorTable[], seeds: number): void {
  let state = 1;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let seed = 0; seed < seeds; seed++) {
    state = seed + 1;
    const damaged = new Set<number>();
    const batch = messages.flatMap((m, i) => {
      const x = rand();
      if (x < 0.1) return [];
      if (x < 0.2) return [m, m];
      if (x < 0.3) {
        damaged.add(i);
        const b = m.slice();
        b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
        return [b];
      }
      if (x < 0.35) {
        damaged.add(i);
        return [m.subarray(0, Math.floor(rand() * m.length))];
      }
      return [m];
    }).sort(() => rand() - 0.5);
    const r = decodeSbdMessages(inputs(batch), { priorTables: tables });
    const intact = messages.filter((m, i) => !damaged.has(i) && batch.includes(m));
    const expected = decodeSbdMessages(inputs(intact), { priorTables: tables });
    expect(r.records.length).toBeGreaterThanOrEqual(expected.records.length);
    for (const rec of expected.records) expect(r.records).toContainEqual(rec);
    expect(r.problems.length).toBeGreaterThanOrEqual(damaged.size > 0 ? 1 : 0);
  }
}
