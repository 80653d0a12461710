// Tests of layouts, codecs and slicing feed arbitrary values (random float32 bits, any image count, 1970 times)
// that the decoders rightly call implausible; they check what the bytes carry, so they set those aside.
// The plausibility checks themselves are tested in test/telemetry-plausibility.test.ts.
import type { DecodeProblem } from "../../host/telemetry/types.js";

/** The problems that are not plausibility findings. */
export function layoutProblems<T extends DecodeProblem>(problems: readonly T[]): T[] {
  return problems.filter((p) => !p.message.startsWith("implausible "));
}
