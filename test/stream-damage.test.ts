// Damaged streams: cut at every byte, bits flipped at random, hand-made bad records. The reader never
// throws, yields every frame wholly before the damage unchanged, never yields a changed frame, and says
// what is wrong and where.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStreamEncoder, encodeSealedRecord } from "../host/formats/stream/streamCodec.js";
import { readStreamFile } from "../host/formats/stream/streamReader.js";
import { STREAM_FORMAT } from "../host/formats/stream/streamTypes.js";
import { seeded, TEST_HEADER, tempDir, testFrames, writeTestStream } from "./support/streams.js";

const tmp = tempDir("stream-damage");
afterAll(tmp.cleanup);

function fixture(name: string, encoding: "raw" | "deflate") {
  const path = join(tmp.dir, name);
  const { recordEnds } = writeTestStream(path, testFrames([[6, 4], [5, 3], [4, 4]], 11), encoding);
  const bytes = new Uint8Array(readFileSync(path));
  const good = readStreamFile(path);
  expect(good.problems).toEqual([]);
  return { bytes, recordEnds, good };
}

describe("a stream cut at every byte", () => {
  for (const encoding of ["raw", "deflate"] as const) {
    it(`never throws, keeps the frames before the cut and says where (${encoding})`, () => {
      const { bytes, recordEnds, good } = fixture(`cut-${encoding}.uvps`, encoding);
      const [headerEnd, ...rest] = recordEnds;
      const frameEnds = rest.slice(0, -1);
      const path = join(tmp.dir, `cut-${encoding}-part.uvps`);
      for (let cut = 0; cut < bytes.length; cut++) {
        writeFileSync(path, bytes.subarray(0, cut));
        const got = readStreamFile(path, { chunkBytes: cut % 2 ? 13 : 4096 });
        const context = `cut at ${cut}`;
        expect(got.problems, context).toHaveLength(1);
        const [problem] = got.problems;
        if (cut < headerEnd) {
          expect(got.header, context).toBeNull();
          expect(got.frames, context).toEqual([]);
          expect(problem, context).toEqual({
            offset: 0,
            message: cut === 0 ? "stream is empty (0 bytes): no header" : `stream truncated at byte ${cut} inside a record that starts at byte 0: 0 frames read`,
          });
          continue;
        }
        expect(got.header, context).toEqual(good.header);
        const whole = frameEnds.filter((e) => e <= cut).length;
        expect(got.frames, context).toEqual(good.frames.slice(0, whole));
        const boundaries = [headerEnd, ...frameEnds];
        if (boundaries.includes(cut)) {
          expect(problem, context).toEqual({ offset: cut, message: `stream ends after ${whole} frames without its end record (byte ${cut}): truncated at a record boundary?` });
        } else {
          const start = boundaries.filter((b) => b < cut).at(-1)!;
          expect(problem, context).toEqual({ offset: start, message: `stream truncated at byte ${cut} inside a record that starts at byte ${start}: ${whole} frames read` });
        }
      }
    });
  }
});

describe("a stream with a bit flipped", () => {
  for (const encoding of ["raw", "deflate"] as const) {
    it(`never throws, reports it, keeps the frames before it and yields no changed frame (${encoding})`, () => {
      const { bytes, recordEnds, good } = fixture(`flip-${encoding}.uvps`, encoding);
      const path = join(tmp.dir, `flip-${encoding}-damaged.uvps`);
      for (let seed = 1; seed <= 1000; seed++) {
        const rand = seeded(seed);
        const at = Math.floor(rand() * bytes.length);
        const damaged = bytes.slice();
        damaged[at] ^= 1 << Math.floor(rand() * 8);
        writeFileSync(path, damaged);
        const context = `seed ${seed}: bit flipped at byte ${at}`;
        let got: ReturnType<typeof readStreamFile> | undefined;
        expect(() => (got = readStreamFile(path, { chunkBytes: 1 + (seed % 50) })), context).not.toThrow();
        if (!got) continue;
        expect(got.problems.length, context).toBeGreaterThan(0);
        for (const p of got.problems) expect(p.offset, context).toBeGreaterThanOrEqual(0);
        if (at >= recordEnds[0]) expect(got.header, context).toEqual(good.header);
        else if (got.header) expect(got.header, context).toEqual(good.header);
        const before = recordEnds.slice(1, -1).filter((e) => e <= at).length;
        expect(got.frames.slice(0, before), context).toEqual(good.frames.slice(0, before));
        for (const f of got.frames) expect(f, context).toEqual(good.frames[f.index]);
      }
    });
  }

  it("survives runs of random bytes too", () => {
    const { bytes, recordEnds, good } = fixture("garbage.uvps", "deflate");
    const path = join(tmp.dir, "garbage-damaged.uvps");
    for (let seed = 1; seed <= 500; seed++) {
      const rand = seeded(1000 + seed);
      const at = Math.floor(rand() * bytes.length);
      const damaged = bytes.slice();
      const length = 1 + Math.floor(rand() * 32);
      let changed = false;
      for (let i = at; i < Math.min(bytes.length, at + length); i++) {
        damaged[i] = Math.floor(rand() * 256);
        changed ||= damaged[i] !== bytes[i];
      }
      if (!changed) continue;
      writeFileSync(path, damaged);
      const got = readStreamFile(path, { chunkBytes: 97 });
      const context = `seed ${seed}: ${length} random bytes at ${at}`;
      expect(got.problems.length, context).toBeGreaterThan(0);
      const before = recordEnds.slice(1, -1).filter((e) => e <= at).length;
      expect(got.frames.slice(0, before), context).toEqual(good.frames.slice(0, before));
      for (const f of got.frames) expect(f, context).toEqual(good.frames[f.index]);
    }
  });
});

describe("hand-made bad records", () => {
  const encoder = createStreamEncoder();
  const header = { type: "header", format: STREAM_FORMAT, version: 1, ...TEST_HEADER };
  const [f0, f1, f2] = testFrames([[4, 3], [4, 3], [4, 3]], 21);
  const frameRecord = (index: number, f: typeof f0, patch: Record<string, unknown> = {}) => ({
    type: "frame", index, timeS: f.timeS, pressureDbar: f.pressureDbar, temperatureC: f.temperatureC, kind: f.kind, phase: f.phase,
    widthPx: f.widthPx, heightPx: f.heightPx, encoding: "raw", pixels: f.pixels, ...(f.truth ? { truth: f.truth } : {}), ...patch,
  });

  const withoutTime = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "timeS"));

  /** Writes the records (sealed unless raw bytes) and returns the path and each record's start. */
  function writeRecords(name: string, records: Array<Record<string, unknown> | Uint8Array>): { path: string; starts: number[] } {
    const parts = records.map((r) => (r instanceof Uint8Array ? r : Uint8Array.from(encodeSealedRecord(encoder, r))));
    const starts: number[] = [];
    let pos = 0;
    for (const p of parts) { starts.push(pos); pos += p.length; }
    const path = join(tmp.dir, name);
    writeFileSync(path, Buffer.concat(parts));
    return { path, starts };
  }

  it("rejects a version 2 header with the message, and reads no frame", () => {
    const { path } = writeRecords("v2.uvps", [{ ...header, version: 2 }, frameRecord(0, f0), { type: "end", frames: 1 }]);
    const got = readStreamFile(path);
    expect(got).toEqual({ header: null, frames: [], problems: [{ offset: 0, message: "stream version 2 is not supported by this reader (version 1)" }] });
  });

  it("rejects another format, a non-map start, a damaged header, a header with a bad field", () => {
    const other = readStreamFile(writeRecords("other.uvps", [{ ...header, format: "something-else" }]).path);
    expect(other.header).toBeNull();
    expect(other.problems).toEqual([{ offset: 0, message: 'not a uvp-float-stream stream: the first record has type "header" and format "something-else"' }]);
    const png = readStreamFile(writeRecords("png.uvps", [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]).path);
    expect(png.header).toBeNull();
    expect(png.problems).toHaveLength(1);
    expect(png.problems[0].offset).toBe(0);
    const unsealed = Uint8Array.from(encoder.encode(header));
    const noCrc = readStreamFile(writeRecords("nocrc.uvps", [unsealed]).path);
    expect(noCrc.problems).toEqual([{ offset: 0, message: "stream header is damaged: no crc32 field (every record ends with one)" }]);
    const badField = readStreamFile(writeRecords("badfield.uvps", [{ ...header, hwConf: 42 }]).path);
    expect(badField.problems).toEqual([{ offset: 0, message: "stream header: field hwConf is 42, not a string" }]);
  });

  it("skips a frame whose pixels are not width x height, or whose fields are wrong, and reads on", () => {
    const { path, starts } = writeRecords("badframes.uvps", [
      header,
      frameRecord(0, f0),
      frameRecord(1, f1, { widthPx: 5 }),
      frameRecord(2, f2, { encoding: "deflate" }),
      frameRecord(3, f2, { kind: "dark" }),
      withoutTime(frameRecord(4, f0)),
      frameRecord(5, f1),
      { type: "end", frames: 6 },
    ]);
    const got = readStreamFile(path);
    expect(got.frames.map((f) => f.index)).toEqual([0, 5]);
    expect(got.problems).toEqual([
      { offset: starts[2], message: `frame 1 at byte ${starts[2]}: raw pixels hold 12 bytes, not 5 x 3 = 15; skipped` },
      { offset: starts[3], message: expect.stringMatching(new RegExp(`^frame 2 at byte ${starts[3]}: pixels (do not inflate|inflate to)`)) },
      { offset: starts[4], message: `frame record at byte ${starts[4]}: field kind is "dark", not one of "lit", "black"; skipped` },
      { offset: starts[5], message: `frame record at byte ${starts[5]}: field timeS is missing, not a finite number; skipped` },
    ]);
  });

  it("reports a wrong end count, bytes after the end, unknown types and fields, out-of-sequence indexes", () => {
    const { path, starts } = writeRecords("odd.uvps", [
      header,
      frameRecord(0, f0, { comment: "extra" }),
      { type: "note", text: "?" },
      frameRecord(7, f1),
      { type: "end", frames: 5 },
      Uint8Array.from([1, 2, 3]),
    ]);
    const got = readStreamFile(path);
    expect(got.frames.map((f) => f.index)).toEqual([0, 7]);
    expect(got.frames[0]).not.toHaveProperty("comment");
    expect(got.problems).toEqual([
      { offset: starts[1], message: `frame record at byte ${starts[1]} has fields version 1 does not define (ignored): comment` },
      { offset: starts[2], message: `record at byte ${starts[2]} has unknown type "note": skipped` },
      { offset: starts[3], message: `frame at byte ${starts[3]} has index 7 where 1 was expected` },
      { offset: starts[4], message: `end record at byte ${starts[4]} says 5 frames but the stream holds 2 frame records (2 read)` },
      { offset: starts[5], message: `3 bytes after the end record (from byte ${starts[5]}): ignored` },
    ]);
  });

  it("stops at bytes that are not a record map, with every earlier frame read", () => {
    const indefinite = Uint8Array.from([0xbf, 0x61, 0x61, 0x01, 0xff]);
    const { path, starts } = writeRecords("indef.uvps", [header, frameRecord(0, f0), indefinite, frameRecord(1, f1), { type: "end", frames: 2 }]);
    const got = readStreamFile(path);
    expect(got.frames.map((f) => f.index)).toEqual([0]);
    expect(got.problems).toEqual([{ offset: starts[2], message: `corrupt record at byte ${starts[2]}: an indefinite-length map (not used by this format)` }]);
    const { path: p2, starts: s2 } = writeRecords("int.uvps", [header, frameRecord(0, f0), Uint8Array.from([0x18, 0x20]), frameRecord(1, f1)]);
    expect(readStreamFile(p2).problems).toEqual([{ offset: s2[2], message: `corrupt record at byte ${s2[2]}: a CBOR unsigned integer where a record map was expected` }]);
  });
});

