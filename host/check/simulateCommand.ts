// The `uvp-float simulate` command that rewrites a simulated stream byte for byte, from the options the
// simulator recorded in the stream's header. The host cannot call the simulator (imports flow
// simulator -> host), so a golden set records the command and the simulator side runs it.
import type { StreamHeader } from "../formats/stream/streamTypes.js";
import type { GoldenSimulate } from "./goldenManifest.js";

// Resolved mission options that `simulate` has a flag for; values pass through String(), which gives back the
// same double, so the resolved options (and the stream's bytes) come out the same.
const FLAGS: ReadonlyArray<[option: string, flag: string, toArg: (v: unknown) => string]> = [
  ["profileDepthDbar", "--profile-depth", String],
  ["parkDepthDbar", "--park-depth", String],
  ["parkDurationS", "--park-hours", (v) => String((v as number) / 3600)],
  ["phases", "--phases", (v) => (v as string[]).join(",")],
  ["ascentSpeedMps", "--ascent-speed", String],
  ["frameIntervalS", "--frame-interval", String],
  ["frameScale", "--frame-scale", String],
];

/** Profile, seed and regeneration command of a stream the simulator wrote; nulls for any other stream. */
export function simulateFromHeader(header: StreamHeader): { profile: string | null; seed: number | null; simulate: GoldenSimulate | null } {
  const md = header.metadata;
  const profile = typeof md.profile === "string" ? md.profile : null;
  const seed = typeof md.seed === "number" ? md.seed : null;
  const options = md.options;
  if (md.source !== "simulator" || profile === null || seed === null || typeof options !== "object" || options === null) {
    return { profile, seed, simulate: null };
  }
  const o = options as Record<string, unknown>;
  const argv = ["simulate", "--profile", profile, "--seed", String(seed)];
  for (const [option, flag, toArg] of FLAGS) if (o[option] !== undefined) argv.push(flag, toArg(o[option]));
  if (o.avoidTouching === true) argv.push("--avoid-touching");
  // descentSpeedMps, startTimeS and subThresholdNoise have no flag: a stream made with other values than the
  // simulate verb's defaults cannot be rewritten by this command, which the regeneration's sha256 check reveals.
  return { profile, seed, simulate: { options: o, argv, command: `uvp-float ${argv.join(" ")} --out <stream>` } };
}
