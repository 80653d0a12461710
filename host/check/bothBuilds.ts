// Runs a prepared stream through both firmware builds and compares their outputs with each other: the
// builds must agree byte for byte before either is compared with a golden set or recorded as one.
import { BUILDS } from "../firmware/index.js";
import { CheckError } from "./checkError.js";
import { compareSets, type FileDifference } from "./compareFiles.js";
import { buildOutputs, type BuildOutputs } from "./outputSet.js";
import type { PreparedRun } from "./prepareRun.js";

/** Each build's outputs and how the later builds differ from the first. */
export interface BothBuilds {
  outputs: BuildOutputs[];
  differences: FileDifference[];
}

/** Replays `run` through every build; a damaged stream or a refusing firmware is a CheckError. */
export function runBothBuilds(run: PreparedRun): BothBuilds {
  const outputs = BUILDS.map((build) => {
    try {
      return buildOutputs(run.stream.path, build, run.setup);
    } catch (err) {
      const message = (err as Error).message;
      throw new CheckError(`${run.stream.path}: ${message}`, /firmware refused/.test(message) ? "firmware" : "input");
    }
  });
  const problems = outputs[0].inputProblems;
  if (problems.length > 0) {
    const listed = problems.slice(0, 3).map((p) => `byte ${p.offset}: ${p.message}`).join("; ");
    throw new CheckError(`${run.stream.path}: the stream is damaged (${problems.length} problem(s): ${listed}${problems.length > 3 ? "; ..." : ""}); regenerate or re-record it before checking`, "input");
  }
  const [first, ...rest] = outputs;
  const differences = rest.flatMap((o) =>
    compareSets(first.files, o.files, { against: "builds", builds: [first.build, o.build], expectedLabel: `${first.build} build`, actualLabel: `${o.build} build` }));
  return { outputs, differences };
}
