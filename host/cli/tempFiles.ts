// Temporary files of outputs being written: every one is registered here until it is renamed into place or
// removed, so that a failure, an exit or SIGINT / SIGTERM never leaves one behind. Signal handlers are
// installed only while a temporary file exists: a long computation that holds none keeps Node's default
// (the process ends at once, and there is nothing to clean).
import { rmSync } from "node:fs";

const pending = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let handlersInstalled = false;

/** Removes every registered temporary file (errors ignored: this runs while the process is going down). */
export function removeTempFiles(): void {
  for (const p of pending) {
    try {
      rmSync(p, { force: true });
    } catch {
      // A file that cannot be removed now cannot be removed later either; nothing else to do.
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeTempFiles();
  uninstall();
  // Ending by the signal itself, as without a handler: the shell then sees 130 / 143.
  process.kill(process.pid, signal);
}

function install(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", removeTempFiles);
}

function uninstall(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off("exit", removeTempFiles);
}

/** The temporary name an output is written under before it is renamed to `path` (same directory, so the rename is atomic). */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}.partial`;
}

/** Registers a temporary file to remove on failure, exit or signal. */
export function registerTempFile(path: string): void {
  pending.add(path);
  install();
}

/** Forgets a temporary file (it was renamed into place or removed). */
export function releaseTempFile(path: string): void {
  pending.delete(path);
  if (pending.size === 0) uninstall();
}

/**
 * Lets a pending SIGINT / SIGTERM run its handler. Node delivers signals only between tasks, so a long
 * synchronous loop that holds a temporary file awaits this now and then (it costs microseconds).
 */
export function yieldForSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
