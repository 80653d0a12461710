// Random call sequences with random arguments, valid or not, never make the firmware trap or grow,
// and a good frame afterwards still gives exactly the reference's objects.
import { describe, expect, it } from "vitest";
import { BUILDS, Firmware, FrameKind, Status } from "../host/firmware/index.js";
import { labelFrame, sortObjects } from "../host/reference/labeller.js";
import { randomBlobsFrame } from "../simulator/frames/adversarial.js";
import { Rng } from "../simulator/random.js";
import { testBlob } from "./support/config.js";

const PAGE = 65536;

/** A number that is often valid, often at an edge, sometimes absurd. */
function wild(rng: Rng, typical: number): number {
  switch (rng.int(0, 7)) {
    case 0: return 0;
    case 1: return typical;
    case 2: return typical + rng.int(-2, 2);
    case 3: return rng.int(0, 3000);
    case 4: return 0xffffffff;
    case 5: return -rng.int(1, 10);
    case 6: return rng.pick([Number.NaN, Number.POSITIVE_INFINITY, 1e300, -0]);
    default: return rng.int(0, 70000);
  }
}

describe.each(BUILDS)("protocol fuzzing (%s build)", (build) => {
  it("never traps or grows over 200,000 random calls, and then labels a good frame exactly", () => {
    const rng = new Rng(99);
    const fw = Firmware.create(build);
    const x = fw.raw;
    const statuses = new Set<number>();
    for (let i = 0; i < 200_000; i++) {
      const w = rng.int(1, 40);
      const h = rng.int(1, 40);
      let s: number | undefined;
      switch (rng.int(0, 11)) {
        case 0: {
          const blob = testBlob({ widthPx: w, heightPx: h, threshold: rng.int(0, 254), framesPerBloc: rng.int(1, 4), overexposurePermille: rng.int(1, 1000) });
          if (rng.chance(0.3)) blob[rng.int(0, blob.length - 1)] = rng.int(0, 255);
          s = fw.configure(rng.chance(0.1) ? blob.subarray(0, rng.int(0, blob.length)) : blob);
          break;
        }
        case 1: s = x.beginFrame(wild(rng, rng.int(0, 3)), wild(rng, 1e9), wild(rng, 100), wild(rng, 10)); break;
        case 2: case 3: case 4: {
          const row = new Uint8Array(Math.min(Math.max(wild(rng, w) >>> 0, 0), 2464)).map(() => rng.int(0, 255));
          s = fw.pushRow(wild(rng, rng.int(0, h)), row);
          break;
        }
        case 5: s = x.pushRow(wild(rng, 1), wild(rng, w)); break; // raw: lengths beyond the buffer
        case 6: s = x.endFrame(); break;
        case 7: s = x.abortFrame(); break;
        case 8: s = x.flushBlocs(); break;
        case 9: fw.takeRecords(); break;
        case 10: s = x.pushAreaCount(wild(rng, 3), wild(rng, 5), wild(rng, 40)); break;
        default: s = x.markFrameOverexposed(); x.setObjectLog(rng.int(0, 1)); break;
      }
      if (s !== undefined) statuses.add(s);
    }
    expect(fw.memoryBytes).toBe(12 * PAGE);
    expect(statuses.size).toBeGreaterThan(15); // the fuzzing reached most statuses
    // Recover: close whatever is open, flush, then a good frame must come out exactly right.
    x.abortFrame();
    fw.takeRecords();
    expect(fw.flushBlocs()).toBe(Status.OK);
    fw.takeRecords();
    expect(fw.configure(testBlob({ widthPx: 64, heightPx: 48, threshold: 21, framesPerBloc: 1 }))).toBe(Status.OK);
    const px = randomBlobsFrame(rng, 64, 48, 12, 21);
    const got = fw.runFrame(px, 64, 48, FrameKind.Lit, { timeS: 0, pressureDbar: 0, temperatureC: 0 }, true);
    expect(sortObjects(got)).toEqual(sortObjects(labelFrame(px, 64, 48, 21)));
  });
});
