// The firmware's memory is fixed: the same pages before and after anything (12 for the full build, 3 for
// lpm), and the working state for a full 2464 x 2056 frame (row buffer and vignette included, model areas
// excluded) within 256 KiB.
import { describe, expect, it } from "vitest";
import { BUILDS, CAPABILITIES, Firmware, FrameKind, Status } from "../host/firmware/index.js";
import { testBlob } from "./support/config.js";

const PAGE = 65536;
/** Pages of each capability: full = working state + two 224 KiB model areas and their index; lpm = no classifier. */
const PAGES_OF = { full: 12, lpm: 3 } as const;
/** Model state of each capability: two areas, the 8192-tree index and two 256-byte scratches; lpm keeps 16-byte tokens. */
const MODEL_STATE_OF = { full: 2 * 224 * 1024 + 8192 * 4 + 512, lpm: 5 * 16 } as const;
const VARIANTS = CAPABILITIES.flatMap((capability) => BUILDS.map((build) => [capability, build] as const));
const WIDTH = 2464;
const HEIGHT = 2056;
const meta = { timeS: 1_650_000_000, pressureDbar: 500, temperatureC: 4 };

/** Runs a full frame whose row y is `rowOf(y)` and returns the firmware's summary. */
function fullFrame(fw: Firmware, rowOf: (y: number, row: Uint8Array) => void) {
  expect(fw.beginFrame(FrameKind.Lit, meta)).toBe(Status.OK);
  const row = new Uint8Array(WIDTH);
  for (let y = 0; y < HEIGHT; y++) {
    row.fill(0);
    rowOf(y, row);
    expect(fw.pushRow(y, row)).toBe(Status.OK);
  }
  expect(fw.endFrame()).toBe(Status.OK);
  return fw.frameSummary();
}

describe.each(VARIANTS)("memory (%s %s build)", (capability, build) => {
  const fw = Firmware.create(build, capability);
  fw.configure(testBlob({ widthPx: WIDTH, heightPx: HEIGHT }));
  const PAGES = PAGES_OF[capability];

  it(`has exactly ${PAGES_OF[capability]} pages, fixed (initial = maximum: it cannot grow)`, () => {
    expect(fw.memoryBytes).toBe(PAGES * PAGE);
    expect(() => fw.raw.memory.grow(1)).toThrow(RangeError);
    expect(fw.memoryBytes).toBe(PAGES * PAGE);
  });

  it("keeps its working state, row buffer and vignette included, model and float side excluded, within 256 KiB", () => {
    expect(fw.staticBytes).toBeLessThanOrEqual(PAGES * PAGE);
    expect(fw.staticBytes - fw.raw.modelStateBytes() - fw.raw.floatStateBytes()).toBeLessThanOrEqual(256 * 1024);
    expect(fw.raw.modelStateBytes()).toBe(MODEL_STATE_OF[capability]);
    expect(fw.raw.modelCapacityBytes()).toBe(capability === "full" ? 224 * 1024 : 0);
    expect(fw.raw.classifierBuilt()).toBe(capability === "full" ? 1 : 0);
    // The float side (slicer, CTS5 and SBD encoders) lives in one arena whose memory map is exact: 35,984 B of
    // state and the 4,512 B of the SBD prior table (4,504 B rounded up to 16).
    expect(fw.raw.floatStateBytes()).toBe(35984 + 4512);
    expect(fw.raw.floatStateUsed()).toBe(fw.raw.floatStateBytes());
    const rowEnd = fw.raw.rowBufferPtr() + fw.raw.rowBufferBytes();
    expect(rowEnd).toBeLessThanOrEqual(fw.staticBytes);
  });

  it("survives the worst case of open objects per row (1 px stripes) without overflowing its slots", () => {
    // Every other column foreground: 1232 runs per row, each an object open for the whole frame.
    const s = fullFrame(fw, (_y, row) => {
      for (let x = 0; x < WIDTH; x += 2) row[x] = 200;
    });
    expect(s.objectCount).toBe(WIDTH / 2);
    expect(fw.raw.slotOverflows()).toBe(0);
    expect(fw.memoryBytes).toBe(PAGES * PAGE);
  });

  it("survives rows that alternate between 1232 new objects and none (maximum churn)", () => {
    const s = fullFrame(fw, (y, row) => {
      if (y % 2 === 0) for (let x = y % 4 === 0 ? 0 : 1; x < WIDTH; x += 2) row[x] = 90;
    });
    expect(s.objectCount).toBe((HEIGHT / 2) * (WIDTH / 2));
    expect(fw.raw.slotOverflows()).toBe(0);
  });

  it("survives combs whose 1232 teeth all merge on the last row", () => {
    const s = fullFrame(fw, (y, row) => {
      if (y === HEIGHT - 1) row.fill(255);
      else for (let x = 0; x < WIDTH; x += 2) row[x] = 255;
    });
    expect(s.objectCount).toBe(1);
    expect(fw.raw.slotOverflows()).toBe(0);
    expect(fw.memoryBytes).toBe(PAGES * PAGE);
  });

  it("survives a full-white frame (one object of every pixel)", () => {
    const s = fullFrame(fw, (_y, row) => row.fill(255));
    expect(s.objectCount).toBe(1);
    expect(s.foregroundPx).toBe(WIDTH * HEIGHT);
    expect(fw.memoryBytes).toBe(PAGES * PAGE);
  });
});
