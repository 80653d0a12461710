// The SBD prior tables of every installed profile: what a decoder holds when it is given none.
import { listProfiles, loadProfile } from "./profile.js";
import type { SbdPriorTable } from "../telemetry/sbd/priorTable.js";

/** Tables carried by the installed profiles (profiles/*.json), one per id; two different tables under one id throw. */
export function installedPriorTables(): SbdPriorTable[] {
  const byId = new Map<number, { table: SbdPriorTable; profile: string }>();
  for (const name of listProfiles()) {
    const t = loadProfile(name).sbdPriorTable;
    if (t === undefined) continue;
    const seen = byId.get(t.id);
    if (seen !== undefined && JSON.stringify(seen.table) !== JSON.stringify(t)) {
      throw new Error(`profiles ${seen.profile} and ${name} carry different SBD prior tables under the same id ${t.id}`);
    }
    byId.set(t.id, { table: t, profile: name });
  }
  return [...byId.values()].map((v) => v.table);
}
