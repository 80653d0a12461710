// Re-records every shipped golden set (test/golden/<profile>/) after an intended change: regenerates each
// stream with the simulate command its golden.json records (its bytes may have changed: that is what this is
// for), then runs `uvp-float check --update` on it, which prints what changed. Run after `npm run build`:
//   node dist/scripts/updateGolden.js
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { hostVerbs, runCli } from "../host/cli/main.js";
import { packageRoot } from "../host/paths.js";
import { regenerateGoldenStream } from "../simulator/goldenStream.js";

const root = join(packageRoot(), "test", "golden");
const work = mkdtempSync(join(tmpdir(), "uvp-golden-"));
let failed = 0;
try {
  for (const name of readdirSync(root).filter((n) => existsSync(join(root, n, "golden.json"))).sort()) {
    // Relative paths keep the printed commands short; the model path in golden.json is relative to the set anyway.
    const dir = relative(process.cwd(), join(root, name)) || ".";
    const { path: stream } = await regenerateGoldenStream(dir, work, false);
    const code = await runCli(hostVerbs, ["check", stream, "--expect", dir, "--update"]);
    if (code !== 0) failed++;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed > 0 ? 1 : 0;
