// npm run demo: simulate a few realistic frames, save them as the camera would (PNG named by time),
// run them through the firmware with the CLI, and say where the outputs are.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hostVerbs, runCli } from "../host/cli/main.js";
import { encodePng } from "../host/formats/png.js";
import { packageRoot } from "../host/paths.js";
import { realisticFrame } from "../simulator/frames/particles.js";
import { Rng } from "../simulator/random.js";

const out = join(packageRoot(), "demo-out");
const framesDir = join(out, "frames");
mkdirSync(framesDir, { recursive: true });
const files: string[] = [];
for (let i = 0; i < 4; i++) {
  const file = join(framesDir, `20220518-2140${String(10 + i)}-000.png`);
  writeFileSync(file, encodePng({ widthPx: 2464, heightPx: 2056, pixels: realisticFrame(new Rng(100 + i), 2464, 2056) }));
  files.push(file);
}
console.log(`simulated ${files.length} frames (2464 x 2056) in ${framesDir}`);

/** Runs a CLI verb with its stdout captured into `file`. */
async function capture(file: string, argv: string[]): Promise<void> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(" "));
  try {
    const code = await runCli(hostVerbs, argv);
    if (code !== 0) throw new Error(`uvp-float ${argv.join(" ")} exited ${code}`);
  } finally {
    console.log = log;
  }
  writeFileSync(file, lines.join("\n") + "\n");
}

await capture(join(out, "objects.csv"), ["objects", files[0], "--profile", "000118LP"]);
await capture(join(out, "lpm.txt"), ["spectrum", ...files, "--profile", "000118LP", "--pressure", "700.3", "--temperature", "27.13"]);
console.log(`objects of the first frame: ${join(out, "objects.csv")}`);
console.log(`LPM_DATA lines (Frames_per_bloc 2 -> 2 blocs): ${join(out, "lpm.txt")}`);
