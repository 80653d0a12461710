// Damaged streams: cut at every byte, bits flipped at random, regions overwritten, bytes deleted or inserted,
// hand-made bad records. The reader never throws, yields every frame wholly outside the damage unchanged
// (it resynchronises on the next intact record), never yields a changed frame, and says what is wrong and where.
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

describe("a stream damaged in the middle (overwritten, bytes deleted, bytes inserted)", () => {
  const sizes: Array<[number, number]> = [[12, 10], [9, 7], [16, 6], [5, 5], [11, 9], [8, 12], [7, 7], [10, 10]];
  type Fixture = ReturnType<typeof multiFrame>;
  type Read = ReturnType<typeof readStreamFile>;

  /** A multi-frame stream and where each record starts and ends (header, frames, end). */
  function multiFrame(encoding: "raw" | "deflate") {
    const path = join(tmp.dir, `multi-${encoding}.uvps`);
    const { recordEnds: ends } = writeTestStream(path, testFrames(sizes, 31), encoding);
    const good = readStreamFile(path);
    expect(good.problems).toEqual([]);
    return { bytes: new Uint8Array(readFileSync(path)), starts: [0, ...ends.slice(0, -1)], ends, good };
  }

  /** Reads damaged bytes with several chunk sizes (never throwing), checks they agree, returns the read. */
  function readDamaged(damaged: Uint8Array, context: string): Read {
    const path = join(tmp.dir, "damaged.uvps");
    writeFileSync(path, damaged);
    const reads: Read[] = [];
    for (const chunkBytes of [7, 64, 1 << 20]) expect(() => reads.push(readStreamFile(path, { chunkBytes })), context).not.toThrow();
    for (const r of reads.slice(1)) expect(r, context).toEqual(reads[0]);
    return reads[0];
  }

  /**
   * Checks the read of a stream whose original bytes [from, to) were damaged and `shift` bytes added there
   * (negative: deleted): the header and every frame wholly outside [from, to) come back equal and no other
   * frame does; the damage is reported, then a skip from the first damaged record to the first record after.
   */
  function expectResynced(got: Read, fx: Fixture, from: number, to: number, shift: number, context: string): void {
    const { starts, ends, good } = fx;
    expect(got.header, context).toEqual(good.header);
    expect(got.frames, context).toEqual(good.frames.filter((_, i) => ends[i + 1] <= from || starts[i + 1] >= to));
    const size = fx.bytes.length + shift;
    for (const p of got.problems) expect(p.offset >= 0 && p.offset <= size, context).toBe(true);
    expect(got.problems.filter((p) => / has index /.test(p.message)), context).toEqual([]);
    const a = starts.filter((st) => st <= from).at(-1)!;
    const after = starts.find((st) => st >= to);
    const skip = got.problems.findIndex((p) => p.offset === a && p.message.startsWith("skipped "));
    if (after === undefined) {
      // The end record itself is damaged: nothing intact follows.
      expect(got.problems.some((p) => p.offset === a && /^skipped .* to the end of the file|^stream truncated/.test(p.message)), context).toBe(true);
      return;
    }
    const b = after + shift;
    expect(got.problems[skip], context).toEqual({ offset: a, message: `skipped ${b - a} bytes from byte ${a} to byte ${b} to the next valid record` });
    expect(skip, context).toBeGreaterThan(0);
    const cause = got.problems[skip - 1];
    expect(cause.offset >= a && cause.offset < b, context).toBe(true);
    expect(cause.message, context).toMatch(/^(corrupt record|record) at byte /);
  }

  for (const encoding of ["raw", "deflate"] as const) {
    it(`keeps every frame outside 100 bytes of 0xFF written at many offsets (${encoding})`, () => {
      const fx = multiFrame(encoding);
      const offsets = [...fx.starts.slice(1), ...fx.starts.slice(1).map((st) => st + 3)];
      for (let at = fx.starts[1]; at + 100 <= fx.bytes.length; at += 23) offsets.push(at);
      for (const at of offsets.filter((o) => o + 100 <= fx.bytes.length)) {
        const damaged = fx.bytes.slice();
        damaged.fill(0xff, at, at + 100);
        const context = `${encoding}: 0xFF x 100 at byte ${at}`;
        expectResynced(readDamaged(damaged, context), fx, at, at + 100, 0, context);
      }
    });

    it(`keeps every frame outside deleted bytes (${encoding})`, () => {
      const fx = multiFrame(encoding);
      for (const n of [1, 5, 100]) {
        for (let at = fx.starts[1]; at + n <= fx.bytes.length; at += 29) {
          const damaged = Buffer.concat([fx.bytes.subarray(0, at), fx.bytes.subarray(at + n)]);
          const context = `${encoding}: ${n} bytes deleted at byte ${at}`;
          expectResynced(readDamaged(damaged, context), fx, at, at + n, -n, context);
        }
      }
    });

    it(`keeps every frame around inserted bytes, at record boundaries and inside records (${encoding})`, () => {
      const fx = multiFrame(encoding);
      const rand = seeded(77);
      const inserts = [
        new Uint8Array(100).fill(0xff), Uint8Array.from([0]), Uint8Array.from([0x5a, 0x7f, 0xff, 0xff, 0xff]),
        Uint8Array.from([0xb9, 0xff, 0xff]), Uint8Array.from({ length: 40 }, () => Math.floor(rand() * 256)),
      ];
      const offsets = [...fx.starts.slice(1)];
      for (let at = fx.starts[1] + 1; at < fx.bytes.length; at += 31) offsets.push(at);
      for (const insert of inserts) {
        for (const at of offsets) {
          const damaged = Buffer.concat([fx.bytes.subarray(0, at), insert, fx.bytes.subarray(at)]);
          const context = `${encoding}: ${insert.length} bytes (${insert[0]}...) inserted at byte ${at}`;
          expectResynced(readDamaged(damaged, context), fx, at, at, insert.length, context);
        }
      }
    });
  }

  it("slides through a long run of garbage with a small buffer", () => {
    const fx = multiFrame("deflate");
    const rand = seeded(5);
    const garbage = Uint8Array.from({ length: 200_000 }, () => Math.floor(rand() * 256));
    const at = fx.starts[4];
    const damaged = Buffer.concat([fx.bytes.subarray(0, at), garbage, fx.bytes.subarray(at)]);
    const path = join(tmp.dir, "long-garbage.uvps");
    writeFileSync(path, damaged);
    const got = readStreamFile(path, { chunkBytes: 4096 });
    expect(got.frames).toEqual(fx.good.frames);
    expect(got.problems.at(-1)).toEqual({ offset: at, message: `skipped ${garbage.length} bytes from byte ${at} to byte ${at + garbage.length} to the next valid record` });
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

  it("resynchronises after bytes that are not a record map, and reads every later frame", () => {
    const indefinite = Uint8Array.from([0xbf, 0x61, 0x61, 0x01, 0xff]);
    const { path, starts } = writeRecords("indef.uvps", [header, frameRecord(0, f0), indefinite, frameRecord(1, f1), { type: "end", frames: 2 }]);
    const got = readStreamFile(path);
    expect(got.frames.map((f) => f.index)).toEqual([0, 1]);
    expect(got.problems).toEqual([
      { offset: starts[2], message: `corrupt record at byte ${starts[2]}: an indefinite-length map (not used by this format)` },
      { offset: starts[2], message: `skipped 5 bytes from byte ${starts[2]} to byte ${starts[3]} to the next valid record` },
    ]);
    const { path: p2, starts: s2 } = writeRecords("int.uvps", [header, frameRecord(0, f0), Uint8Array.from([0x18, 0x20]), frameRecord(1, f1)]);
    const got2 = readStreamFile(p2);
    const size2 = readFileSync(p2).length;
    expect(got2.frames.map((f) => f.index)).toEqual([0, 1]);
    expect(got2.problems).toEqual([
      { offset: s2[2], message: `corrupt record at byte ${s2[2]}: a CBOR unsigned integer where a record map was expected` },
      { offset: s2[2], message: `skipped 2 bytes from byte ${s2[2]} to byte ${s2[3]} to the next valid record` },
      { offset: size2, message: `stream ends after 2 frames without its end record (byte ${size2}): truncated at a record boundary?` },
    ]);
  });

  it("does not resynchronise on an unsealed copy of a record, and says when nothing intact follows the damage", () => {
    const unsealed = Uint8Array.from(encoder.encode(frameRecord(1, f1)));
    const { path, starts } = writeRecords("unsealed.uvps", [header, frameRecord(0, f0), Uint8Array.from([0xff]), unsealed]);
    const got = readStreamFile(path);
    expect(got.frames.map((f) => f.index)).toEqual([0]);
    const size = starts[3] + unsealed.length;
    expect(got.problems).toEqual([
      { offset: starts[2], message: `corrupt record at byte ${starts[2]}: a break code outside any indefinite-length item` },
      { offset: starts[2], message: `skipped ${size - starts[2]} bytes from byte ${starts[2]} to the end of the file (byte ${size}): no intact record after the damage, so no end record` },
    ]);
  });
});
