// The budgets file of a golden set: the firmware's fixed memory and the bytes the float sends per profile.
// It holds nothing build-specific, so the two builds must write it identically like every other output.
import { Firmware, type Build } from "../firmware/index.js";
import type { TelemetryPart } from "../firmware/floatTelemetry.js";
import type { SliceKind } from "../telemetry/types.js";

const PAGE_BYTES = 65536;
/** The camera's working state must stay within 256 KiB (README "Memory"); recorded beside the figure for readers. */
const CAMERA_WORKING_STATE_LIMIT = 256 * 1024;
const KINDS: readonly SliceKind[] = ["lpm", "black", "taxo"];

/** Memory figures and telemetry bytes per format and kind. */
export interface Budgets {
  memory: {
    pages: number;
    linearMemoryBytes: number;
    staticBytes: number;
    cameraWorkingStateBytes: number;
    cameraWorkingStateLimitBytes: number;
    modelStateBytes: number;
    floatStateBytes: number;
  };
  perProfile: {
    cts5: { files: number; bytes: number; byKind: Record<SliceKind, { files: number; bytes: number }> };
    sbd: { messages: number; bytes: number; byKind: Record<SliceKind, { messages: number; bytes: number }> };
  };
}

/** The budgets of `build` for a replay that sealed `parts`. */
export function computeBudgets(build: Build, parts: readonly TelemetryPart[]): Budgets {
  // A fresh instance: the figures are the module's own, whatever a replay did with its instance.
  const fw = Firmware.create(build);
  const modelStateBytes = fw.raw.modelStateBytes();
  const floatStateBytes = fw.raw.floatStateBytes();
  const tally = (format: "cts5" | "sbd", kind?: SliceKind) => {
    const sel = parts.filter((p) => p.format === format && (kind === undefined || p.kind === kind));
    return { count: sel.length, bytes: sel.reduce((a, p) => a + p.bytes.length, 0) };
  };
  const byKind = <K extends string>(format: "cts5" | "sbd", countName: K) =>
    Object.fromEntries(KINDS.map((k) => {
      const t = tally(format, k);
      return [k, { [countName]: t.count, bytes: t.bytes }];
    })) as Record<SliceKind, Record<K, number> & { bytes: number }>;
  const cts5 = tally("cts5");
  const sbd = tally("sbd");
  return {
    memory: {
      pages: fw.memoryBytes / PAGE_BYTES,
      linearMemoryBytes: fw.memoryBytes,
      staticBytes: fw.staticBytes,
      cameraWorkingStateBytes: fw.staticBytes - modelStateBytes - floatStateBytes,
      cameraWorkingStateLimitBytes: CAMERA_WORKING_STATE_LIMIT,
      modelStateBytes,
      floatStateBytes,
    },
    perProfile: {
      cts5: { files: cts5.count, bytes: cts5.bytes, byKind: byKind("cts5", "files") },
      sbd: { messages: sbd.count, bytes: sbd.bytes, byKind: byKind("sbd", "messages") },
    },
  };
}

/** The budgets as the file holds them: pretty JSON, one figure per line, so a text diff names the figure. */
export function budgetsText(b: Budgets): string {
  return JSON.stringify(b, null, 2) + "\n";
}
