// Which random noise is the worst frame below the over-exposure limit: the same lit-pixel count (the 10 %
// limit) at densities from spread over the whole frame to 50 %, through the SIMD firmware beside a realistic
// frame, interleaved. Sparse noise makes more runs per lit pixel; denser noise more runs touching the row
// above; the costliest density is the `noise` pattern of simulator/frames/belowLimit.ts.
import { Firmware, FrameKind } from "../host/firmware/index.js";
import { realisticFrame, REALISTIC_THRESHOLD } from "../simulator/frames/particles.js";
import { belowLimitFrame, overexposureLimitPx } from "../simulator/frames/belowLimit.js";
import { Rng } from "../simulator/random.js";
import { buildBenchBlob } from "./benchConfig.js";
import { median } from "./timing.js";

const W = 2464;
const H = 2056;
/** Densities swept: 0 stands for spread over the whole frame (10.2 %). */
export const NOISE_DENSITIES = [0, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

/** One density's cost: CPU ms (median and minimum of the rounds) and the ratio to the realistic frame by each. */
export interface NoiseDensityResult {
  density: number;
  objects: number;
  medianCpuMs: number;
  minCpuMs: number;
  xRealisticMedian: number;
  xRealisticMin: number;
}

/** Sweeps the densities, `rounds` interleaved rounds; the realistic frame's CPU ms come back too. */
export function benchNoiseDensity(rounds: number): { realistic: { medianCpuMs: number; minCpuMs: number }; results: NoiseDensityResult[] } {
  const limitPx = overexposureLimitPx(W, H);
  const frames = [
    { density: -1, pixels: realisticFrame(new Rng(1), W, H) },
    ...NOISE_DENSITIES.map((density) => ({ density, pixels: belowLimitFrame(W, H, "noise", limitPx, new Rng(2), density) })),
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
      density: f.density, objects: objects[i + 1], medianCpuMs: med[i + 1], minCpuMs: min[i + 1],
      xRealisticMedian: med[i + 1] / med[0], xRealisticMin: min[i + 1] / min[0],
    })),
  };
}

/** The sweep as a markdown table. */
export function noiseDensityTable(sweep: ReturnType<typeof benchNoiseDensity>): string {
  const rows = sweep.results.map((r) => `| ${r.density === 0 ? "spread over the frame (10.2 %)" : `${Math.round(r.density * 100)} %`} | ${r.objects.toLocaleString("en-US")} | ${r.medianCpuMs.toFixed(2)} (${r.xRealisticMedian.toFixed(1)}x) | ${r.minCpuMs.toFixed(2)} (${r.xRealisticMin.toFixed(1)}x) |`);
  return [
    `Realistic frame: ${sweep.realistic.medianCpuMs.toFixed(2)} CPU ms median, ${sweep.realistic.minCpuMs.toFixed(2)} minimum.`,
    "",
    "| noise density (506,598 lit px) | objects | SIMD CPU ms, median (x realistic) | minimum (x realistic) |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}
