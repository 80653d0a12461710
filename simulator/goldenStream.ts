// Rewrites the simulated stream a golden set was recorded from, with the `uvp-float simulate` command its
// golden.json records, so that the stream need not be kept beside the set. Lives on the simulator side
// because the host cannot import the simulator.
import { join } from "node:path";
import { readGoldenManifest } from "../host/check/goldenManifest.js";
import { sha256File } from "../host/check/sha256.js";
import { streamContentSha256 } from "../host/check/streamContent.js";
import { simulateVerb } from "./cli/simulateVerb.js";

/**
 * Writes the stream of the golden set in `goldenDir` into `outDir` (under its recorded name) and returns its
 * path and whether its bytes or only its frames are the recorded ones; with `verify`, throws when neither is.
 */
export async function regenerateGoldenStream(goldenDir: string, outDir: string, verify = true): Promise<{ path: string; same: "bytes" | "frames" | "different" }> {
  const m = readGoldenManifest(goldenDir);
  if (!m.simulate) throw new Error(`${join(goldenDir, "golden.json")}: the stream ${m.stream.name} was not written by the simulator; it cannot be regenerated, use the recorded stream itself`);
  const out = join(outDir, m.stream.name);
  const [verb, ...args] = m.simulate.argv;
  if (verb !== "simulate") throw new Error(`${join(goldenDir, "golden.json")}: simulate.argv must start with "simulate", got ${JSON.stringify(verb)}`);
  const code = await simulateVerb.run([...args, "--out", out, "--force"]);
  if (code !== 0) throw new Error(`uvp-float ${m.simulate.argv.join(" ")} exited ${code}`);
  const { sha256 } = sha256File(out);
  // Another zlib (Node version, CPU) may deflate the same pixels to other bytes: the frames are what count.
  const same = sha256 === m.stream.sha256 ? "bytes" : streamContentSha256(out) === m.stream.contentSha256 ? "frames" : "different";
  if (verify && same === "different") {
    throw new Error(`${out}: regenerated with "${m.simulate.command}", but neither its sha256 ${sha256} nor its frames are the ones golden.json records: the simulator's output changed; if that is intended, re-record the set (node dist/scripts/updateGolden.js)`);
  }
  return { path: out, same };
}
