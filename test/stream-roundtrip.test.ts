// Recorded streams: what the writer writes, the reader gives back, whatever the pixel encoding, frame sizes,
// truth, or read chunk size.
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStream, readStreamFile } from "../host/formats/stream/streamReader.js";
import { StreamWriter, type StreamWriterFrame } from "../host/formats/stream/streamWriter.js";
import { STREAM_FORMAT, STREAM_VERSION, type StreamFrame } from "../host/formats/stream/streamTypes.js";
import { TEST_HEADER, tempDir, testFrames, writeTestStream } from "./support/streams.js";

const tmp = tempDir("stream-roundtrip");
afterAll(tmp.cleanup);

const SIZES: Array<[number, number]> = [[7, 5], [16, 16], [1, 1], [64, 33], [120, 100], [3, 200]];

function expected(frames: StreamWriterFrame[]): StreamFrame[] {
  return frames.map((f, index) => {
    const e: StreamFrame = { type: "frame", index, timeS: f.timeS, pressureDbar: f.pressureDbar, temperatureC: f.temperatureC, kind: f.kind, phase: f.phase, widthPx: f.widthPx, heightPx: f.heightPx, encoding: "raw", pixels: f.pixels };
    if (f.truth) e.truth = f.truth;
    return e;
  });
}

describe("stream round trip", () => {
  for (const encoding of ["raw", "deflate"] as const) {
    it(`gives back header and frames (${encoding}, sizes differ, with and without truth)`, () => {
      const path = join(tmp.dir, `rt-${encoding}.uvps`);
      const frames = testFrames(SIZES, 3);
      const { bytes } = writeTestStream(path, frames, encoding);
      expect(bytes).toBe(statSync(path).size);
      const got = readStreamFile(path);
      expect(got.problems).toEqual([]);
      expect(got.header).toEqual({ type: "header", format: STREAM_FORMAT, version: STREAM_VERSION, ...TEST_HEADER });
      expect(got.frames).toEqual(expected(frames));
      for (const f of got.frames) expect(f.pixels).toBeInstanceOf(Uint8Array);
      expect(got.frames.filter((f) => f.truth).length).toBe(3);
    });

    it(`reads the same with chunks much smaller than a frame (${encoding})`, () => {
      const path = join(tmp.dir, `chunks-${encoding}.uvps`);
      writeTestStream(path, testFrames(SIZES, 4), encoding);
      const whole = readStreamFile(path, { chunkBytes: 64 * 1024 * 1024 });
      expect(whole.problems).toEqual([]);
      for (const chunkBytes of [1, 7, 1000, 4096]) {
        expect(readStreamFile(path, { chunkBytes })).toEqual(whole);
      }
    });
  }

  it("deflate makes compressible frames smaller than raw", () => {
    const frames = testFrames([[200, 200]], 5);
    const raw = writeTestStream(join(tmp.dir, "size-raw.uvps"), frames, "raw").bytes;
    const deflated = writeTestStream(join(tmp.dir, "size-deflate.uvps"), frames, "deflate").bytes;
    expect(deflated).toBeLessThan(raw / 2);
  });

  it("writes a stream without frames", () => {
    const path = join(tmp.dir, "empty.uvps");
    const w = StreamWriter.create(path, TEST_HEADER);
    expect(w.close()).toEqual({ frames: 0, bytes: statSync(path).size });
    expect(readStreamFile(path)).toMatchObject({ frames: [], problems: [] });
  });

  it("refuses to overwrite unless asked", () => {
    const path = join(tmp.dir, "exists.uvps");
    writeFileSync(path, "keep me");
    expect(() => StreamWriter.create(path, TEST_HEADER)).toThrow(/already exists/);
    expect(existsSync(path) && statSync(path).size).toBe(7);
    StreamWriter.create(path, TEST_HEADER, { overwrite: true }).close();
    expect(readStreamFile(path).problems).toEqual([]);
  });

  it("refuses frames whose pixels do not fill the frame, and use after close", () => {
    const path = join(tmp.dir, "misuse.uvps");
    const w = StreamWriter.create(path, TEST_HEADER, { overwrite: true });
    const [f] = testFrames([[4, 4]]);
    expect(() => w.writeFrame({ ...f, widthPx: 5 })).toThrow(/16 pixels for 5 x 4/);
    w.writeFrame(f);
    expect(w.close().frames).toBe(1);
    expect(() => w.writeFrame(f)).toThrow(/closed/);
    expect(() => w.close()).toThrow(/closed/);
  });

  it("reads frames one at a time, and again from the start on a second pass", () => {
    const path = join(tmp.dir, "lazy.uvps");
    writeTestStream(path, testFrames(SIZES, 6));
    const reader = openStream(path, { chunkBytes: 1000 });
    expect(reader.header?.hwConf).toBe(TEST_HEADER.hwConf);
    const it1 = reader.frames();
    expect(it1.next().value?.index).toBe(0);
    it1.return(undefined); // stop early: the file is closed
    const all = [...reader.frames()];
    expect(all.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...reader.frames()]).toEqual(all);
    expect(reader.problems).toEqual([]);
  });

  it("throws, naming the path, only when the file cannot be opened", () => {
    const path = join(tmp.dir, "no-such-file.uvps");
    expect(() => openStream(path)).toThrow(path);
  });
});
