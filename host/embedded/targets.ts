// Builds and runs the firmware's C targets (targets/c: wasm2c translation + our C host): natively (gcc -O2)
// and on a Cortex-M4F under QEMU (mps2-an386, semihosting, -icount). Used by the embedded tests, the
// instruction-count budgets and the bench; needs wabt, gcc, gcc-arm-none-eabi, libnewlib-arm-none-eabi and
// qemu-system-arm (.ci/run installs them; UVP_NO_EMBEDDED=1 skips what needs them).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Capability } from "../firmware/index.js";
import { packageRoot } from "../paths.js";

/** Whether the environment asks to skip the embedded targets (UVP_NO_EMBEDDED=1). */
export const EMBEDDED_SKIPPED = process.env.UVP_NO_EMBEDDED === "1";
/** QEMU's -icount shift: each instruction lasts 2^5 ns of virtual time (targets/c/arm/startup.c converts SysTick). */
export const ICOUNT_SHIFT = 5;
const OUT = () => join(packageRoot(), "build", "c");

/** Where a target runs: natively, or on the Cortex-M4F under QEMU. */
export type TargetKind = "native" | "qemu";

/** One pixel frame as the C host reports it. */
export interface TargetFrame {
  index: number;
  widthPx: number;
  heightPx: number;
  objects: number;
  /** beginFrame + every pushRow + endFrame, in the run's unit (ns natively, instructions on the Cortex-M). */
  ticks: number;
  /** Classifying the frame's candidates (vignettes read back, classifyCandidate, finishClassification). */
  classifyTicks: number;
  candidates: number;
}

/** What one run of uvpf-replay reported. */
export interface TargetRun {
  unit: "ns" | "insn";
  frames: TargetFrame[];
  total: Record<string, number>;
  /** Cortex-M only: stack high-water mark and heap used, bytes. */
  memory?: { stackBytes: number; heapBytes: number };
}

/** Translates and compiles both capabilities for both targets (make -C targets/c all); throws with make's output. */
export function buildTargets(): void {
  execFileSync("make", ["-s", "-C", join(packageRoot(), "targets", "c"), "all"], { stdio: ["ignore", "pipe", "pipe"] });
}

/** Replays `rows` through `capability` on `target`, writing into `outDir` (created, with telemetry/). */
export function runTarget(target: TargetKind, capability: Capability, rows: string, outDir: string): TargetRun {
  mkdirSync(join(outDir, "telemetry"), { recursive: true });
  const exe = join(OUT(), capability, "uvpf-replay");
  const argv = target === "native"
    ? [exe, rows, outDir]
    : ["qemu-system-arm", "-M", "mps2-an386", "-cpu", "cortex-m4", "-nographic", "-monitor", "none", "-serial", "none",
      "-icount", `shift=${ICOUNT_SHIFT}`, "-semihosting-config", "enable=on,target=native", "-kernel", `${exe}.elf`, "-append", `${rows} ${outDir}`];
  const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] });
  if (r.error) throw new Error(`${target} ${capability} uvpf-replay could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${target} ${capability} uvpf-replay exited ${r.status}: ${r.stderr.trim()}`);
  const stdout = r.stdout;
  const stderr = r.stderr;
  return parseRun(stdout + stderr);
}

/** Parses the UVPF-FRAME, UVPF-TOTAL and UVPF-MEMORY lines of a run. */
export function parseRun(text: string): TargetRun {
  const frames: TargetFrame[] = [];
  let total: Record<string, number> = {};
  let unit: "ns" | "insn" = "ns";
  let memory: TargetRun["memory"];
  for (const m of text.matchAll(/UVPF-FRAME (\d+) (\d+)x(\d+) objects=(\d+) fg=\d+ ticks=(\d+) classify=(\d+) candidates=(\d+)/g)) {
    frames.push({ index: +m[1], widthPx: +m[2], heightPx: +m[3], objects: +m[4], ticks: +m[5], classifyTicks: +m[6], candidates: +m[7] });
  }
  const t = /UVPF-TOTAL unit=(\w+) (.*)/.exec(text);
  if (!t) throw new Error(`uvpf-replay printed no UVPF-TOTAL line:\n${text.slice(-2000)}`);
  unit = t[1] === "insn" ? "insn" : "ns";
  total = Object.fromEntries([...t[2].matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
  const mem = /UVPF-MEMORY stack=(\d+) heap=(\d+)/.exec(text);
  if (mem) memory = { stackBytes: +mem[1], heapBytes: +mem[2] };
  return { unit, frames, total, memory };
}

/** Flash (vectors, text, rodata, exidx) and RAM (data, bss with the linear memory, heap, stack) of the Cortex-M link. */
export interface LinkMap {
  flashBytes: number;
  ramBytes: number;
  sections: Record<string, number>;
}

/** The link map of `capability`'s Cortex-M image (arm-none-eabi-size -A). */
export function linkMap(capability: Capability): LinkMap {
  const text = execFileSync("arm-none-eabi-size", ["-A", join(OUT(), capability, "uvpf-replay.elf")], { encoding: "utf8" });
  const sections: Record<string, number> = {};
  for (const m of text.matchAll(/^(\.\S+)\s+(\d+)\s+\d+$/gm)) sections[m[1]] = Number(m[2]);
  const sum = (names: string[]) => names.reduce((a, n) => a + (sections[n] ?? 0), 0);
  return {
    flashBytes: sum([".vectors", ".text", ".rodata", ".ARM.exidx"]),
    ramBytes: sum([".data", ".bss", ".heap", ".stack"]),
    sections,
  };
}
