// The firmware off V8: milliseconds per full frame of the MVP build translated by wasm2c and compiled natively
// (gcc -O2), beside both WebAssembly builds in V8 on the same frames, and the Cortex-M4F instruction counts
// (QEMU -icount) with their milliseconds at the model clock. Rounds interleave native and V8 runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILDS, Firmware, FrameKind } from "../host/firmware/index.js";
import { buildTargets, EMBEDDED_SKIPPED, linkMap, runTarget, type LinkMap } from "../host/embedded/targets.js";
import { openStream } from "../host/formats/stream/streamReader.js";
import { writeRowsFile } from "../host/replay/rowsFile.js";
import { parseAcqConf } from "../host/config/acqConf.js";
import { buildConfigBlob } from "../host/config/configBlob.js";
import { parseHwConf } from "../host/config/hwConf.js";
import { loadProfile } from "../host/config/profile.js";
import { parseTaxoConf } from "../host/config/taxoConf.js";
import { instructionCounts, modelMs, readBudgets, runCortexScenarios } from "./embeddedBudgets.js";
import { EMBEDDED_PROFILE, FULL_FRAME_NAMES, writeFullFrameStream } from "./embeddedScenario.js";
import { median } from "./timing.js";

/** Per frame: median ms natively and in V8 (each build); Cortex-M instructions. */
export interface EmbeddedBenchResult {
  frames: Array<{ frame: string; nativeMs: number; v8Ms: Record<string, number>; cortexInstructions: number | null }>;
  counts: Record<string, number> | null;
  budgets: Record<string, number>;
  linkMaps: Record<string, LinkMap> | null;
  note: string;
}

/** Runs the embedded bench, or says why it cannot (UVP_NO_EMBEDDED=1, tools missing). */
export async function benchEmbedded(rounds: number, log: (s: string) => void): Promise<EmbeddedBenchResult | { skipped: string }> {
  if (EMBEDDED_SKIPPED) return { skipped: "UVP_NO_EMBEDDED=1" };
  try {
    buildTargets();
  } catch (err) {
    return { skipped: `targets/c does not build here (${(err as Error).message.split("\n")[0]}): install wabt, gcc, gcc-arm-none-eabi, libnewlib-arm-none-eabi, qemu-system-arm` };
  }
  const work = mkdtempSync(join(tmpdir(), "uvp-bench-embedded-"));
  try {
    const stream = join(work, "full-frames.uvps");
    writeFullFrameStream(stream);
    const rows = join(work, "full-frames.rows");
    writeRowsFile(stream, rows); // no model, no float side: labelling only, as the V8 runs below
    const pixels = [...openStream(stream).frames()].map((f) => f.pixels);
    const native: number[][] = FULL_FRAME_NAMES.map(() => []);
    const v8: Record<string, number[][]> = Object.fromEntries(BUILDS.map((b) => [b, FULL_FRAME_NAMES.map(() => [])]));
    // The configuration the rows file carries (the profile's lines, as the replay builds it).
    const lines = loadProfile(EMBEDDED_PROFILE).lines;
    const blob = buildConfigBlob(parseHwConf(lines.hwConf), parseAcqConf(lines.acqConf), lines.taxoConf ? parseTaxoConf(lines.taxoConf) : undefined, { widthPx: 2464, heightPx: 2056 });
    const fws = BUILDS.map((build) => {
      const fw = Firmware.create(build);
      fw.configure(blob);
      return { build, fw };
    });
    // One untimed pass first: V8 compiles the modules in tiers, the first frames would time the compiler.
    for (const { fw } of fws) for (const p of pixels) { fw.runFrame(p, 2464, 2056, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 }); fw.takeRecords(); }
    log(`  native (wasm2c + gcc -O2) and V8, ${rounds} rounds ...`);
    for (let r = 0; r < rounds; r++) {
      const run = runTarget("native", "full", rows, join(work, "native"));
      run.frames.forEach((f, i) => native[i].push(f.ticks / 1e6));
      for (const { build, fw } of fws) {
        pixels.forEach((p, i) => {
          const t0 = performance.now();
          fw.runFrame(p, 2464, 2056, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 });
          v8[build][i].push(performance.now() - t0);
          fw.takeRecords();
        });
      }
    }
    log("  Cortex-M4F under QEMU (-icount) ...");
    const { fullFrames, golden } = await runCortexScenarios(work);
    const counts = instructionCounts(fullFrames.run, golden.run);
    return {
      frames: FULL_FRAME_NAMES.map((frame, i) => ({
        frame, nativeMs: median(native[i]), v8Ms: Object.fromEntries(BUILDS.map((b) => [b, median(v8[b][i])])), cortexInstructions: counts[frame] ?? null,
      })),
      counts,
      budgets: readBudgets().instructions,
      linkMaps: { lpm: linkMap("lpm"), full: linkMap("full") },
      note: "native: beginFrame + pushRow per row + endFrame, rows read straight into the row buffer; V8: Firmware.runFrame, which also copies each row into wasm memory (about 0.6 ms per frame)",
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The bench's markdown for the embedded figures. */
export function embeddedBenchText(r: EmbeddedBenchResult | { skipped: string }, rounds: number): string {
  if ("skipped" in r) return `## Embedded targets\n\nskipped: ${r.skipped}\n`;
  const lines = [`## Embedded targets: ms per 2464 x 2056 frame, native C (wasm2c + gcc -O2, MVP build) beside V8 (median of ${rounds}); Cortex-M4F instructions (QEMU -icount)\n`,
    `| frame | native C ms | ${BUILDS.map((b) => `V8 ${b} ms`).join(" | ")} | native / V8 scalar | Cortex-M4F instructions | ms at 480 MHz (model) |`,
    `|---|---|${BUILDS.map(() => "---").join("|")}|---|---|---|`];
  for (const f of r.frames) {
    const n = f.cortexInstructions;
    lines.push(`| ${f.frame} | ${f.nativeMs.toFixed(2)} | ${BUILDS.map((b) => f.v8Ms[b].toFixed(2)).join(" | ")} | ${(f.nativeMs / f.v8Ms.scalar).toFixed(2)} | ${n === null ? "-" : n.toLocaleString("en-US")} | ${n === null ? "-" : modelMs(n).toFixed(1)} |`);
  }
  lines.push("", `(${r.note})`, "", "| Cortex-M4F event | instructions | budget (+5 %) | ms at 480 MHz |", "|---|---|---|---|");
  for (const [name, n] of Object.entries(r.counts ?? {})) lines.push(`| ${name} | ${n.toLocaleString("en-US")} | ${(r.budgets[name] ?? 0).toLocaleString("en-US")} | ${modelMs(n).toFixed(3)} |`);
  if (r.linkMaps) {
    lines.push("", "| Cortex-M4F link map | flash (vectors, text, rodata) | RAM (data, bss incl. linear memory, heap, stack) |", "|---|---|---|");
    for (const [cap, m] of Object.entries(r.linkMaps)) lines.push(`| ${cap} | ${m.flashBytes} B (${(m.flashBytes / 1024).toFixed(1)} KiB) | ${m.ramBytes} B (${(m.ramBytes / 1024).toFixed(1)} KiB) |`);
  }
  return lines.join("\n") + "\n";
}
