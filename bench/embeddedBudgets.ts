// Instruction counts of the firmware on a Cortex-M4F under QEMU (-icount: machine-independent), turned into
// per-event budgets: a realistic full frame, each worst-case frame, a classified object, a bloc record and an
// SBD message. They are recorded beside the golden sets (test/golden/embedded-budgets.json) and checked with a
// margin by test/embedded.test.ts; scripts/updateEmbeddedBudgets.ts re-records them.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GOLDEN_CYCLE, prepareRun } from "../host/check/prepareRun.js";
import { modelForRun } from "../host/check/modelFile.js";
import { readGoldenManifest } from "../host/check/goldenManifest.js";
import { runTarget, ICOUNT_SHIFT, type TargetRun } from "../host/embedded/targets.js";
import { packageRoot } from "../host/paths.js";
import { writeRowsFile } from "../host/replay/rowsFile.js";
import { regenerateGoldenStream } from "../simulator/goldenStream.js";
import { demoModel, EMBEDDED_PROFILE, FULL_FRAME_NAMES, writeFullFrameStream } from "./embeddedScenario.js";

/** Where the budgets live, beside the golden sets. */
export const BUDGETS_PATH = join(packageRoot(), "test", "golden", "embedded-budgets.json");
/** A count may exceed its budget by this much before the check fails. */
export const MARGIN_PERCENT = 5;
/** The clock the counts are turned into milliseconds at: a model (one instruction per cycle), not a measurement. */
export const MODEL_CLOCK_MHZ = 480;

/** The budgets file. */
export interface EmbeddedBudgets {
  machine: string;
  clockModel: string;
  marginPercent: number;
  /** Instructions per event. */
  instructions: Record<string, number>;
}

/** One replay on the Cortex-M: its inputs, outputs and report. */
export interface CortexRun {
  stream: string;
  rows: string;
  outDir: string;
  run: TargetRun;
}

/** Replays the full-frame stream and golden set 000118LP (820 frames, demonstration model) on the Cortex-M (full build). */
export async function runCortexScenarios(work: string): Promise<{ fullFrames: CortexRun; golden: CortexRun }> {
  const fullStream = join(work, "full-frames.uvps");
  writeFullFrameStream(fullStream);
  const telemetry = { floatId: 4903634, cycle: GOLDEN_CYCLE, sbdMaxBytes: 340 };
  const fullRows = join(work, "full-frames.rows");
  writeRowsFile(fullStream, fullRows, { model: demoModel(), telemetry });
  const fullOut = join(work, "qemu-full-frames");
  const fullFrames = { stream: fullStream, rows: fullRows, outDir: fullOut, run: runTarget("qemu", "full", fullRows, fullOut) };

  const goldenDir = join(packageRoot(), "test", "golden", EMBEDDED_PROFILE);
  const regenerated = await regenerateGoldenStream(goldenDir, work);
  const prepared = prepareRun(regenerated.path, modelForRun(undefined, readGoldenManifest(goldenDir).model, goldenDir), false);
  const goldenRows = join(work, `${EMBEDDED_PROFILE}.rows`);
  writeRowsFile(regenerated.path, goldenRows, { model: prepared.setup.model, telemetry: prepared.setup.telemetry, serialHex: prepared.setup.telemetry.serialHex });
  const goldenOut = join(work, `qemu-${EMBEDDED_PROFILE}`);
  const golden = { stream: regenerated.path, rows: goldenRows, outDir: goldenOut, run: runTarget("qemu", "full", goldenRows, goldenOut) };
  return { fullFrames, golden };
}

/** Instructions per event from the two runs. */
export function instructionCounts(fullFrames: TargetRun, golden: TargetRun): Record<string, number> {
  const counts: Record<string, number> = {};
  FULL_FRAME_NAMES.forEach((name, i) => { counts[name] = fullFrames.frames[i].ticks; });
  const classified = fullFrames.frames.reduce((a, f) => a + f.classifyTicks, 0) + golden.total.classify;
  const objects = fullFrames.frames.reduce((a, f) => a + f.candidates, 0) + golden.total.candidates;
  counts["classified object (labelling, 55 features, 4-class model)"] = Math.round(classified / objects);
  counts["bloc record (RS232 lines formatted and sent)"] = Math.round(golden.total.format / golden.total.records);
  counts["bloc record read back as printed (2-decimal text to doubles, strtod)"] = Math.round(golden.total.readback / golden.total.records);
  counts["bloc record on the float side (slicing, CTS5 and SBD encoders)"] = Math.round(golden.total.float / golden.total.records);
  counts["SBD message (float side per message sealed)"] = Math.round(golden.total.float / golden.total.sbd);
  return counts;
}

/** Reads the recorded budgets. */
export function readBudgets(): EmbeddedBudgets {
  return JSON.parse(readFileSync(BUDGETS_PATH, "utf8")) as EmbeddedBudgets;
}

/** Writes `counts` as the budgets. */
export function writeBudgets(counts: Record<string, number>): void {
  const b: EmbeddedBudgets = {
    machine: `Cortex-M4F, QEMU mps2-an386, -icount shift=${ICOUNT_SHIFT} (instructions, machine-independent); full build, scalar (MVP) wasm through wasm2c, arm-none-eabi-gcc -O2`,
    clockModel: `${MODEL_CLOCK_MHZ} MHz at one instruction per cycle (a model, not a measurement)`,
    marginPercent: MARGIN_PERCENT,
    instructions: counts,
  };
  writeFileSync(BUDGETS_PATH, JSON.stringify(b, null, 2) + "\n");
}

/** Milliseconds of `instructions` at the model clock. */
export function modelMs(instructions: number): number {
  return instructions / (MODEL_CLOCK_MHZ * 1000);
}

/** A table of counts against budgets: name, instructions, budget, ratio, ms at the model clock. */
export function budgetTable(counts: Record<string, number>, budgets: Record<string, number>): string {
  const rows = Object.entries(counts).map(([name, n]) => {
    const b = budgets[name];
    return `| ${name} | ${n.toLocaleString("en-US")} | ${b === undefined ? "-" : b.toLocaleString("en-US")} | ${b ? (n / b).toFixed(3) : "-"} | ${modelMs(n).toFixed(3)} |`;
  });
  return [`| event | instructions | budget | ratio | ms at ${MODEL_CLOCK_MHZ} MHz |`, "|---|---|---|---|---|", ...rows].join("\n");
}
