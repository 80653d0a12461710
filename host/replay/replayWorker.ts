// A fleet replay's worker thread, run by piscina: one stream per task. It is a module of its own because a
// worker thread starts from a file (dist/host/replay/replayWorker.js); progress goes back over a MessagePort.
import type { MessagePort } from "node:worker_threads";
import { CliError, ExitCode } from "../cli/cliError.js";
import { replayStream, type ReplayStreamJob, type ReplayStreamResult } from "../cli/replayStream.js";

/** One task: the stream's job and the port its progress is posted on. */
export interface ReplayWorkerTask {
  job: ReplayStreamJob;
  port: MessagePort;
}

/** A progress message: frames done in this stream, and its total when known. */
export interface ReplayWorkerProgress {
  done: number;
  total: number | undefined;
}

/** What a task returns: the stream's result, or the error that stopped it (never thrown, so one bad stream never stops the pool). */
export type ReplayWorkerOutcome = { ok: true; result: ReplayStreamResult } | { ok: false; message: string; exitCode: number };

// Posting every frame would flood the main thread; a few updates a second keep the bar alive.
const POST_EVERY_MS = 100;

/** Replays one stream; piscina calls this default export for each task. */
export default function replayWorkerTask({ job, port }: ReplayWorkerTask): ReplayWorkerOutcome {
  let lastPost = 0;
  const onProgress = (done: number, total: number | undefined): void => {
    const now = Date.now();
    if (now - lastPost < POST_EVERY_MS && done !== total) return;
    lastPost = now;
    port.postMessage({ done, total } satisfies ReplayWorkerProgress);
  };
  try {
    return { ok: true, result: replayStream(job, onProgress) };
  } catch (err) {
    if (err instanceof CliError) return { ok: false, message: err.message, exitCode: err.exitCode };
    // Not a failure the CLI foresaw: keep the stack, it is what a bug report needs.
    return { ok: false, message: `${job.input}: internal error: ${(err as Error).stack ?? String(err)}`, exitCode: ExitCode.FIRMWARE };
  } finally {
    port.close();
  }
}
