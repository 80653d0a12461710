// Every misuse of the frame protocol returns its documented status, and the firmware keeps working.
import { describe, expect, it } from "vitest";
import { BUILDS, Firmware, FrameKind, Status } from "../host/firmware/index.js";
import { testBlob } from "./support/config.js";

const meta = { timeS: 1_650_000_000, pressureDbar: 100, temperatureC: 10 };

function ready(build: (typeof BUILDS)[number], widthPx = 16, heightPx = 4): Firmware {
  const fw = Firmware.create(build);
  expect(fw.configure(testBlob({ widthPx, heightPx }))).toBe(Status.OK);
  return fw;
}

/** A frame whose every row is good, run to the end; returns the frame's object count. */
function goodFrame(fw: Firmware, widthPx = 16, heightPx = 4): number {
  expect(fw.beginFrame(FrameKind.Lit, meta)).toBe(Status.OK);
  const row = new Uint8Array(widthPx);
  row[3] = 200;
  for (let y = 0; y < heightPx; y++) expect(fw.pushRow(y, row)).toBe(Status.OK);
  expect(fw.endFrame()).toBe(Status.OK);
  return fw.frameSummary().objectCount;
}

describe.each(BUILDS)("frame protocol (%s build)", (build) => {
  it("refuses frames before any configuration", () => {
    const fw = Firmware.create(build);
    expect(fw.beginFrame(FrameKind.Lit, meta)).toBe(Status.NOT_CONFIGURED);
    expect(fw.pushRow(0, new Uint8Array(4))).toBe(Status.FRAME_NOT_STARTED);
    expect(fw.endFrame()).toBe(Status.FRAME_NOT_STARTED);
    expect(fw.flushBlocs()).toBe(Status.OK);
  });

  it("refuses a bad configuration and keeps the one in force", () => {
    const fw = ready(build);
    const bad = testBlob({ widthPx: 16, heightPx: 4 });
    bad[0] ^= 0xff;
    expect(fw.configure(bad)).toBe(Status.CONFIG_MAGIC);
    expect(fw.configure(new Uint8Array(0))).toBe(Status.CONFIG_LENGTH);
    expect(fw.configure(new Uint8Array(10_000))).toBe(Status.CONFIG_LENGTH);
    expect(fw.configure(testBlob({ widthPx: 2465, heightPx: 4 }))).toBe(Status.CONFIG_FRAME_SIZE);
    expect(fw.configure(testBlob({ widthPx: 16, heightPx: 2057 }))).toBe(Status.CONFIG_FRAME_SIZE);
    expect(goodFrame(fw)).toBe(1);
  });

  it("rejects rows of the wrong length, out of order, or outside a frame, then accepts the good ones", () => {
    const fw = ready(build);
    expect(fw.pushRow(0, new Uint8Array(16))).toBe(Status.FRAME_NOT_STARTED);
    expect(fw.beginFrame(FrameKind.Lit, meta)).toBe(Status.OK);
    expect(fw.beginFrame(FrameKind.Lit, meta)).toBe(Status.FRAME_ALREADY_STARTED);
    const row = new Uint8Array(16);
    row[5] = 99;
    expect(fw.pushRow(0, new Uint8Array(15))).toBe(Status.ROW_LENGTH);
    expect(fw.pushRow(0, new Uint8Array(17))).toBe(Status.ROW_LENGTH);
    expect(fw.pushRow(0, new Uint8Array(5000))).toBe(Status.ROW_LENGTH); // longer than the row buffer
    expect(fw.pushRow(1, row)).toBe(Status.ROW_ORDER);
    expect(fw.pushRow(0, row)).toBe(Status.OK);
    expect(fw.pushRow(0, row)).toBe(Status.ROW_ORDER);
    expect(fw.pushRow(-1, row)).toBe(Status.ROW_BEYOND_FRAME); // -1 arrives as 0xffffffff
    for (let y = 1; y < 4; y++) expect(fw.pushRow(y, row)).toBe(Status.OK);
    expect(fw.pushRow(4, row)).toBe(Status.ROW_BEYOND_FRAME);
    expect(fw.endFrame()).toBe(Status.OK);
    expect(fw.frameSummary().objectCount).toBe(1);
    expect(fw.frameSummary().foregroundPx).toBe(4);
  });

  it("discards an incomplete frame without counting it, and an aborted one", () => {
    const fw = ready(build);
    expect(fw.beginFrame(FrameKind.Lit, meta)).toBe(Status.OK);
    expect(fw.pushRow(0, new Uint8Array(16).fill(200))).toBe(Status.OK);
    expect(fw.endFrame()).toBe(Status.FRAME_INCOMPLETE);
    expect(fw.beginFrame(FrameKind.Lit, meta)).toBe(Status.OK);
    expect(fw.abortFrame()).toBe(Status.OK);
    expect(fw.abortFrame()).toBe(Status.FRAME_NOT_STARTED);
    expect(fw.flushBlocs()).toBe(Status.OK);
    expect(fw.takeRecords()).toEqual([]); // nothing of either frame reached a bloc
    expect(goodFrame(fw)).toBe(1);
  });

  it("rejects a bad frame kind and non-finite metadata", () => {
    const fw = ready(build);
    expect(fw.beginFrame(4 as FrameKind, meta)).toBe(Status.FRAME_KIND);
    expect(fw.beginFrame(0xffffffff as FrameKind, meta)).toBe(Status.FRAME_KIND);
    expect(fw.beginFrame(FrameKind.Lit, { ...meta, pressureDbar: Number.NaN })).toBe(Status.FRAME_METADATA);
    expect(fw.beginFrame(FrameKind.Lit, { ...meta, timeS: Number.POSITIVE_INFINITY })).toBe(Status.FRAME_METADATA);
    expect(fw.beginFrame(FrameKind.Black, { ...meta, temperatureC: Number.NEGATIVE_INFINITY })).toBe(Status.FRAME_METADATA);
    // Finite but absurd: sums over a bloc would overflow to Infinity.
    expect(fw.beginFrame(FrameKind.Lit, { ...meta, pressureDbar: 1e308 })).toBe(Status.FRAME_METADATA);
    expect(fw.beginFrame(FrameKind.Lit, { ...meta, temperatureC: -2e4 })).toBe(Status.FRAME_METADATA);
    expect(fw.beginFrame(FrameKind.Lit, { ...meta, timeS: 1e15 })).toBe(Status.FRAME_METADATA);
    expect(fw.beginFrame(FrameKind.Lit, { ...meta, timeS: -1 })).toBe(Status.FRAME_METADATA);
    expect(goodFrame(fw)).toBe(1);
  });

  it("refuses to reconfigure mid-bloc, and accepts after a flush", () => {
    const fw = ready(build);
    goodFrame(fw); // bloc of 2 now half full
    expect(fw.configure(testBlob({ widthPx: 16, heightPx: 4 }))).toBe(Status.BUSY);
    expect(fw.flushBlocs()).toBe(Status.OK);
    expect(fw.takeRecords()).toHaveLength(1);
    expect(fw.configure(testBlob({ widthPx: 8, heightPx: 2 }))).toBe(Status.OK);
    expect(goodFrame(fw, 8, 2)).toBe(1);
  });

  it("holds records when the host does not take them, and says so instead of dropping any", () => {
    const fw = ready(build);
    const capacity = fw.raw.recordQueueCapacity();
    let frames = 0;
    for (;;) {
      const s = fw.beginFrame(FrameKind.Lit, meta);
      if (s === Status.RECORD_QUEUE_FULL) break;
      expect(s).toBe(Status.OK);
      fw.abortFrame();
      // Complete frames so blocs fill up.
      goodFrame(fw);
      frames++;
      expect(frames).toBeLessThan(100);
    }
    // beginFrame needs room for all a frame can queue: the other kind's partial bloc, a TAXO record, a full bloc.
    expect(fw.raw.recordCount()).toBe(capacity - 2);
    const records = fw.takeRecords();
    expect(records.length).toBe(capacity - 2);
    expect(records.reduce((n, r) => n + r.images, 0)).toBe(2 * (capacity - 2));
    expect(goodFrame(fw)).toBe(1);
  });
});
