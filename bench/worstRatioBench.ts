// The worst frames below the over-exposure limit against a realistic frame, the SIMD firmware alone: the
// dots, stripes and checkerboard, and random noise swept over densities (the same lit-pixel count from
// spread over the whole frame to 50 %: sparser noise makes more runs per lit pixel, denser noise more runs
// touching the row above; the costliest density is belowLimit.ts's WORST_NOISE_DENSITY). Interleaved round
// by round with nothing else in between: beside 50-300 ms of JavaScript contenders (labellingBench.ts) a
// 1 ms frame runs on cold caches and predictors, which flatters every ratio to it.
import { Firmware, FrameKind } from "../host/firmware/index.js";
import { realisticFrame, REALISTIC_THRESHOLD } from "../simulator/frames/particles.js";
import { belowLimitFrame, overexposureLimitPx, type BelowLimitKind } from "../simulator/frames/belowLimit.js";
import { Rng } from "../simulator/random.js";
import { buildBenchBlob } from "./benchConfig.js";
import { median } from "./timing.js";

const W = 2464;
const H = 2056;
/** Noise densities swept: 0 stands for spread over the whole frame (10.2 %). */
export const NOISE_DENSITIES = [0, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

/** One frame's cost: CPU ms (median and minimum of the rounds) and the ratio to the realistic frame by each. */
export interface WorstRatioResult {
  frame: string;
  objects: number;
  medianCpuMs: number;
  minCpuMs: number;
  xRealisticMedian: number;
  xRealisticMin: number;
}

/** Times the realistic frame and every worst frame, `rounds` interleaved rounds. */
export function benchWorstRatios(rounds: number): { realistic: { medianCpuMs: number; minCpuMs: number }; results: WorstRatioResult[] } {
  const limitPx = overexposureLimitPx(W, H);
  const pattern = (kind: BelowLimitKind) => ({ frame: kind, pixels: belowLimitFrame(W, H, kind, limitPx, new Rng(2)) });
  const frames = [
    { frame: "realistic", pixels: realisticFrame(new Rng(1), W, H) },
    pattern("dots"), pattern("stripes"), pattern("checkerboard"),
    ...NOISE_DENSITIES.map((density) => ({
      frame: `noise ${density === 0 ? "spread over the frame (10.2 %)" : `${Math.round(density * 100)} %`}`,
      pixels: belowLimitFrame(W, H, "noise", limitPx, new Rng(2), density),
    })),
  ];
  const fw = Firmware.create("simd");
  fw.configure(buildBenchBlob(REALISTIC_THRESHOLD));
  const meta = { timeS: 0, pressureDbar: 0, temperatureC: 0 };
  const objects = frames.map((f) => {
    fw.runFrame(f.pixels, W, H, FrameKind.Lit, meta);
    fw.takeRecords();
    return fw.frameSummary().objectCount;
  });
  const samples = frames.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    frames.forEach((f, i) => {
      const c0 = process.cpuUsage();
      fw.runFrame(f.pixels, W, H, FrameKind.Lit, meta);
      fw.takeRecords();
      const used = process.cpuUsage(c0);
      samples[i].push((used.user + used.system) / 1000);
    });
  }
  const med = samples.map(median);
  const min = samples.map((xs) => Math.min(...xs));
  return {
    realistic: { medianCpuMs: med[0], minCpuMs: min[0] },
    results: frames.slice(1).map((f, i) => ({
      frame: f.frame, objects: objects[i + 1], medianCpuMs: med[i + 1], minCpuMs: min[i + 1],
      xRealisticMedian: med[i + 1] / med[0], xRealisticMin: min[i + 1] / min[0],
    })),
  };
}

/** The ratios as a markdown table. */
export function worstRatioTable(ratios: ReturnType<typeof benchWorstRatios>): string {
  const rows = ratios.results.map((r) => `| ${r.frame} | ${r.objects.toLocaleString("en-US")} | ${r.medianCpuMs.toFixed(2)} (${r.xRealisticMedian.toFixed(1)}x) | ${r.minCpuMs.toFixed(2)} (${r.xRealisticMin.toFixed(1)}x) |`);
  return [
    `Realistic frame: ${ratios.realistic.medianCpuMs.toFixed(2)} CPU ms median, ${ratios.realistic.minCpuMs.toFixed(2)} minimum.`,
    "",
    "| frame at the limit (506,598 lit px) | objects | SIMD CPU ms, median (x realistic) | minimum (x realistic) |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}
