// Milliseconds per full 2464 x 2056 frame: both firmware builds, against the floor (row feed + SIMD
// threshold count), the TypeScript reference labeller and OpenCV.js, on a realistic frame, the worst
// frames below the over-exposure limit (which the firmware labels) and the full-frame 50 % patterns
// (over-exposed: the firmware stops labelling once its running count passes the limit).
import { BUILDS, Firmware, FrameKind } from "../host/firmware/index.js";
import { labelFrame } from "../host/reference/labeller.js";
import { realisticFrame, worstCaseFrame, REALISTIC_THRESHOLD } from "../simulator/frames/particles.js";
import { BELOW_LIMIT_KINDS, belowLimitFrame, overexposureLimitPx } from "../simulator/frames/belowLimit.js";
import { Rng } from "../simulator/random.js";
import { buildBenchBlob } from "./benchConfig.js";
import { loadFloorScan } from "./floorScan.js";
import { loadOpenCv } from "./opencvPeer.js";
import { timeInterleavedCpu, type Contender } from "./timing.js";

const W = 2464;
const H = 2056;

/** One frame's results: median ms by contender, and the object count each found. */
export interface FrameBenchResult {
  frame: string;
  /** realistic, below the over-exposure limit (labelled), or over-exposed (labelling stops early). */
  group: "realistic" | "below limit" | "over-exposed";
  objects: Record<string, number>;
  /** Median wall-clock ms by contender. */
  medianMs: Record<string, number>;
  /** Median process CPU ms by contender (steadier than wall time on a loaded machine). */
  medianCpuMs: Record<string, number>;
}

/** Runs the labelling benchmark; `rounds` timed runs per contender and frame. */
export async function benchLabelling(rounds: number, log: (s: string) => void): Promise<{ results: FrameBenchResult[]; opencv: string }> {
  // The bench configuration's over-exposure limit is the default 10 %: frames at it are still labelled.
  const limitPx = overexposureLimitPx(W, H);
  const frames: Array<{ name: string; group: FrameBenchResult["group"]; pixels: Uint8Array; threshold: number }> = [
    { name: "realistic (3,000 noise px + 300 power-law particles)", group: "realistic", pixels: realisticFrame(new Rng(1), W, H), threshold: REALISTIC_THRESHOLD },
    ...BELOW_LIMIT_KINDS.map(({ kind, what }) => ({
      name: `at the limit (${limitPx.toLocaleString("en")} lit px): ${what}`, group: "below limit" as const,
      pixels: belowLimitFrame(W, H, kind, limitPx, new Rng(2)), threshold: REALISTIC_THRESHOLD,
    })),
    { name: "over-exposed 50 %: 1-px stripes", group: "over-exposed", pixels: worstCaseFrame(W, H, "stripes"), threshold: REALISTIC_THRESHOLD },
    { name: "over-exposed 50 %: checkerboard", group: "over-exposed", pixels: worstCaseFrame(W, H, "checkerboard"), threshold: REALISTIC_THRESHOLD },
    { name: "over-exposed: all white", group: "over-exposed", pixels: worstCaseFrame(W, H, "white"), threshold: REALISTIC_THRESHOLD },
  ];
  const floor = loadFloorScan();
  const cv = await loadOpenCv(W, H);
  const results: FrameBenchResult[] = [];
  for (const f of frames) {
    log(`  ${f.name} ...`);
    const objects: Record<string, number> = {};
    const contenders: Contender[] = [];
    for (const build of BUILDS) {
      const fw = Firmware.create(build);
      fw.configure(buildBenchBlob(f.threshold));
      contenders.push({
        name: `firmware ${build}`,
        run: () => {
          fw.runFrame(f.pixels, W, H, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 });
          objects[`firmware ${build}`] = fw.frameSummary().objectCount;
          fw.takeRecords();
        },
      });
    }
    contenders.push({ name: "floor (row feed + SIMD count)", run: () => void floor(f.pixels, W, H, f.threshold) });
    contenders.push({ name: "TS reference (two-pass)", run: () => void (objects["TS reference (two-pass)"] = labelFrame(f.pixels, W, H, f.threshold).length) });
    if ("label" in cv) contenders.push({ name: "OpenCV.js CCWithStats", run: () => void (objects["OpenCV.js CCWithStats"] = cv.label(f.pixels, f.threshold)) });
    const { wall, cpu } = timeInterleavedCpu(contenders, rounds);
    results.push({ frame: f.name, group: f.group, objects, medianMs: Object.fromEntries(wall), medianCpuMs: Object.fromEntries(cpu) });
  }
  return { results, opencv: "label" in cv ? `@techstark/opencv-js ${cv.version}` : cv.error };
}
