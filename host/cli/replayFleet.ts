// uvp-float replay with many streams: each stream replayed in a worker thread of a piscina pool, an overall
// progress display, and a fleet summary. Streams are independent, so the fleet is only as slow as its jobs.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { openStream } from "../formats/stream/streamReader.js";
import { packageRoot } from "../paths.js";
import { createFleetProgress } from "../replay/fleetProgress.js";
import { fleetEntry, readableFleetReport, summarizeFleet, type FleetStreamEntry } from "../replay/fleetSummary.js";
import type { ReplayWorkerOutcome, ReplayWorkerProgress, ReplayWorkerTask } from "../replay/replayWorker.js";
import { ExitCode } from "./cliError.js";
import { refuseSharedOutputs, streamName, streamPrefix } from "./fleetStreams.js";
import { checkOutputs, makeOutputDir, writeOutput } from "./outputFiles.js";
import { telemetryIdsOf, type ReplayStreamJob } from "./replayStream.js";
import { refuseCycleFiles } from "./telemetryOutputs.js";

/** A fleet replay: the streams of this run (already sharded) and what every stream's job shares. */
export interface FleetOptions {
  streams: string[];
  /** Streams listed before sharding. */
  listed: number;
  /** streamListSha256 of the listed streams. */
  listSha256: string;
  shard: { index: number; count: number } | undefined;
  jobs: number;
  /** --out: the directory for every stream's outputs (default: beside each stream). */
  outDir: string | undefined;
  /** --telemetry: each stream's files go into a subdirectory named after the stream. */
  telemetryDir: string | undefined;
  /** --summary: the fleet summary file (default: fleet.summary.json in --out, else beside the first stream). */
  summaryPath: string | undefined;
  json: boolean;
  shared: Omit<ReplayStreamJob, "input" | "logPath" | "summaryPath" | "telemetryDir">;
}

/** The compiled worker module; from the TypeScript sources (tests) the built one in dist/ is used. */
function workerFile(): string {
  const beside = fileURLToPath(new URL("../replay/replayWorker.js", import.meta.url));
  return existsSync(beside) ? beside : join(packageRoot(), "dist", "host", "replay", "replayWorker.js");
}

/** Where the fleet summary goes by default; shards get their own name so that they can share a directory. */
function defaultSummaryPath(o: FleetOptions): string {
  const name = o.shard ? `fleet.shard-${o.shard.index}-of-${o.shard.count}.summary.json` : "fleet.summary.json";
  return join(o.outDir ?? dirname(o.streams[0] ?? "."), name);
}

/** Frames a recorded stream plans (its header says), or undefined (a *_data.txt, an unreadable header). */
function plannedFrames(stream: string): number | undefined {
  try {
    const frames = openStream(stream).header?.metadata.frames;
    return typeof frames === "number" ? frames : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the fleet and returns its exit code: the worst of the streams'. */
export async function replayFleet(o: FleetOptions): Promise<number> {
  const jobOf = (input: string): ReplayStreamJob => {
    const prefix = streamPrefix(input, o.outDir);
    return { ...o.shared, input, logPath: `${prefix}.rs232.log`, summaryPath: `${prefix}.summary.json`, telemetryDir: o.telemetryDir && join(o.telemetryDir, streamName(input)) };
  };
  const jobs = o.streams.map(jobOf);
  const summaryPath = o.summaryPath ?? defaultSummaryPath(o);
  refuseSharedOutputs(o.streams, (s) => {
    const j = jobOf(s);
    return [j.logPath, j.summaryPath, ...(j.telemetryDir ? [j.telemetryDir] : [])];
  });
  // Checked for the whole fleet before any work, so that a refusal costs nothing and names the first clash.
  const check = { inputs: o.streams, force: o.shared.force };
  checkOutputs("replay", { dirs: [...(o.outDir !== undefined ? [o.outDir] : []), ...(o.telemetryDir !== undefined ? [o.telemetryDir] : [])] }, check);
  if (o.outDir !== undefined) makeOutputDir(o.outDir);
  checkOutputs("replay", { files: [summaryPath, ...jobs.flatMap((j) => [j.logPath, j.summaryPath])] }, check);
  for (const j of jobs) {
    const ids = telemetryIdsOf(j);
    if (ids && j.telemetryDir) refuseCycleFiles(j.telemetryDir, ids, o.shared.force);
  }

  const started = performance.now();
  const progress = createFleetProgress(o.streams.map(plannedFrames));
  const pool = new Piscina({ filename: workerFile(), minThreads: o.jobs, maxThreads: o.jobs, idleTimeout: 1000 });
  const entries: FleetStreamEntry[] = await Promise.all(jobs.map(async (job, i): Promise<FleetStreamEntry> => {
    const { port1, port2 } = new MessageChannel();
    port1.on("message", (m: ReplayWorkerProgress) => progress.update(i, m.done, m.total));
    let outcome: ReplayWorkerOutcome;
    try {
      outcome = await pool.run({ job, port: port2 } satisfies ReplayWorkerTask, { transferList: [port2] }) as ReplayWorkerOutcome;
    } catch (err) {
      // The worker itself died (out of memory, a crash): this stream fails, the pool replaces the worker.
      outcome = { ok: false, message: `${job.input}: the worker thread stopped: ${(err as Error).message}`, exitCode: ExitCode.FIRMWARE };
    } finally {
      port1.close();
    }
    const entry = fleetEntry(job.input, { log: job.logPath, summary: job.summaryPath, telemetry: job.telemetryDir ?? null }, outcome);
    progress.streamDone(i, entry.frames?.fed ?? 0, completionLine(entry));
    return entry;
  }));
  await pool.destroy();
  progress.finish();

  const summary = summarizeFleet(entries, {
    listed: o.listed, listSha256: o.listSha256, shard: o.shard ? `${o.shard.index}/${o.shard.count}` : null, jobs: o.jobs, build: o.shared.build,
  }, (performance.now() - started) / 1000);
  writeOutput(summaryPath, JSON.stringify(summary, null, 2) + "\n");
  if (o.json) console.log(JSON.stringify({ ...summary, outputs: { summary: summaryPath } }, null, 2));
  else console.log(readableFleetReport(summary, summaryPath));
  return summary.fleet.exitCode;
}

/** The line a stream gets in the progress display as it ends. */
function completionLine(e: FleetStreamEntry): string {
  if (e.error) return `FAILED (exit ${e.exitCode}): ${e.error.split("\n")[0]}`; // the error names the file
  const fps = e.timing ? `, ${e.timing.framesPerSecond.toFixed(0)} frames/s` : "";
  return `${e.stream}: exit ${e.exitCode}, ${e.frames?.fed} frames, ${e.records?.lpm} LPM and ${e.records?.black} BLACK records, truth ${e.truth}, ${e.problems} problems${fps}`;
}
