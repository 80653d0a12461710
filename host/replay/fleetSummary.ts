// The summary of a fleet replay: one line per stream, totals, and the fleet's exit code (the worst stream's).
// Every wall-clock figure sits under a `timing` key, so two runs compare equal once those are left out.
import type { ReplayStreamResult } from "../cli/replayStream.js";

/** Exit codes from best to worst; a fleet exits with the worst of its streams' codes. */
export const EXIT_CODE_ORDER = [0, 1, 65, 70, 73] as const;

/** One stream's line in the fleet summary. */
export interface FleetStreamEntry {
  stream: string;
  exitCode: number;
  /** Frames run and skipped, null when the stream could not be replayed at all. */
  frames: { fed: number; skipped: number } | null;
  records: { lpm: number; black: number } | null;
  /** Against the stream's ground truth: agrees, disagrees, or none (no truth in the stream). */
  truth: "agrees" | "disagrees" | "none" | null;
  /** Input problems plus frame problems; a stream that failed counts one. */
  problems: number;
  /** Why the stream failed, or null. */
  error: string | null;
  outputs: { log: string; summary: string; telemetry: string | null } | null;
  timing: { seconds: number; framesPerSecond: number } | null;
}

/** The fleet summary written as JSON and printed. */
export interface FleetSummary {
  fleet: {
    streams: number; listed: number; listSha256: string; shard: string | null; jobs: number; build: string; exitCode: number; exitCodeOrder: readonly number[];
    /** Set by `fleet merge`: the shard count and the shard summaries merged. */
    merged?: { shards: number; files: string[] };
  };
  totals: {
    ok: number; failed: number; frames: number; skipped: number; records: { lpm: number; black: number };
    truth: { agrees: number; disagrees: number; none: number }; problems: number;
    timing: { wallSeconds: number; streamSeconds: number; framesPerSecond: number };
  };
  streams: FleetStreamEntry[];
}

/** The worst of `codes` by EXIT_CODE_ORDER (an unknown code counts as the worst); 0 for none. */
export function worstExitCode(codes: readonly number[]): number {
  const rank = (c: number): number => {
    const i = (EXIT_CODE_ORDER as readonly number[]).indexOf(c);
    return i < 0 ? EXIT_CODE_ORDER.length : i;
  };
  return codes.reduce((worst, c) => (rank(c) > rank(worst) ? c : worst), 0);
}

/** A stream's entry from its result, or from the error that stopped it. */
export function fleetEntry(stream: string, outputs: FleetStreamEntry["outputs"], outcome: { ok: true; result: ReplayStreamResult } | { ok: false; message: string; exitCode: number }): FleetStreamEntry {
  if (!outcome.ok) {
    return { stream, exitCode: outcome.exitCode, frames: null, records: null, truth: null, problems: 1, error: outcome.message, outputs: null, timing: null };
  }
  const s = outcome.result.summary;
  const hasTruth = s.perFrame.compared > 0 || s.perBloc.compared > 0;
  return {
    stream,
    exitCode: outcome.result.exitCode,
    frames: { fed: s.frames.fed, skipped: s.frames.skipped },
    records: { lpm: s.records.lpm, black: s.records.black },
    truth: !hasTruth ? "none" : s.agreesWithTruth ? "agrees" : "disagrees",
    problems: outcome.result.inputProblems.length + s.problems.length,
    error: null,
    outputs: outputs && { ...outputs, telemetry: outcome.result.telemetry ? outputs.telemetry : null },
    timing: { ...s.timing },
  };
}

/** The fleet summary of `entries` (in stream order). */
export function summarizeFleet(entries: FleetStreamEntry[], fleet: Omit<FleetSummary["fleet"], "streams" | "exitCode" | "exitCodeOrder">, wallSeconds: number): FleetSummary {
  const sum = (f: (e: FleetStreamEntry) => number): number => entries.reduce((a, e) => a + f(e), 0);
  const frames = sum((e) => e.frames?.fed ?? 0);
  return {
    fleet: { streams: entries.length, ...fleet, exitCode: worstExitCode(entries.map((e) => e.exitCode)), exitCodeOrder: EXIT_CODE_ORDER },
    totals: {
      ok: entries.filter((e) => e.exitCode === 0).length,
      failed: entries.filter((e) => e.frames === null).length,
      frames,
      skipped: sum((e) => e.frames?.skipped ?? 0),
      records: { lpm: sum((e) => e.records?.lpm ?? 0), black: sum((e) => e.records?.black ?? 0) },
      truth: {
        agrees: entries.filter((e) => e.truth === "agrees").length,
        disagrees: entries.filter((e) => e.truth === "disagrees").length,
        none: entries.filter((e) => e.truth === "none").length,
      },
      problems: sum((e) => e.problems),
      timing: { wallSeconds, streamSeconds: sum((e) => e.timing?.seconds ?? 0), framesPerSecond: frames / Math.max(wallSeconds, 1e-9) },
    },
    streams: entries,
  };
}

/** The fleet summary as a person reads it: a table, the failures, the totals. */
export function readableFleetReport(f: FleetSummary, summaryPath: string): string {
  const head = `fleet replay: ${f.fleet.streams} stream${f.fleet.streams === 1 ? "" : "s"}${f.fleet.shard ? ` (shard ${f.fleet.shard} of ${f.fleet.listed} listed)` : ""}, ${f.fleet.jobs} job${f.fleet.jobs === 1 ? "" : "s"}, firmware ${f.fleet.build}`;
  const width = Math.max(6, ...f.streams.map((e) => e.stream.length));
  const row = (cells: string[]): string => `  ${cells[0].padEnd(width)} ${cells.slice(1).map((c, i) => c.padStart([4, 8, 6, 6, 9, 8, 9][i])).join(" ")}`;
  const lines = [head, row(["stream", "exit", "frames", "LPM", "BLACK", "truth", "problems", "frames/s"])];
  for (const e of f.streams) {
    const dash = "-";
    lines.push(row([e.stream, String(e.exitCode), e.frames ? String(e.frames.fed) : dash, e.records ? String(e.records.lpm) : dash, e.records ? String(e.records.black) : dash,
      e.truth ?? dash, String(e.problems), e.timing ? e.timing.framesPerSecond.toFixed(0) : dash]));
  }
  for (const e of f.streams) if (e.error) lines.push(`  FAILED (exit ${e.exitCode}): ${e.error.split("\n")[0]}`); // the error names the file
  const t = f.totals;
  lines.push(
    `  total: ${t.frames} frames (${t.skipped} skipped), ${t.records.lpm} LPM and ${t.records.black} BLACK records; truth agrees in ${t.truth.agrees}, disagrees in ${t.truth.disagrees}, absent from ${t.truth.none}; ${t.failed} failed; ${t.problems} problems`,
    `  ${t.timing.wallSeconds.toFixed(1)} s wall, ${t.timing.framesPerSecond.toFixed(0)} frames/s overall`,
    `  wrote ${summaryPath} (each stream's log and summary beside it, or under --out)`,
    `  exit code ${f.fleet.exitCode}: the worst of the streams' (best to worst ${EXIT_CODE_ORDER.join(" < ")})`,
  );
  return lines.join("\n");
}
