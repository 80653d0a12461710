// The stream's bytes are plain RFC 8949: every record a definite-length map, pixels untagged byte strings,
// no cbor-x record/structure extensions, each record sealed by a correct crc32. Checked with a small
// independent decoder written here from the RFC, and the CBOR item scanner on its own.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scanCborItem } from "../host/formats/stream/cborScan.js";
import { crc32, crc32Portable } from "../host/formats/stream/crc32.js";
import { readStreamFile } from "../host/formats/stream/streamReader.js";
import { tempDir, testFrames, writeTestStream } from "./support/streams.js";

const tmp = tempDir("stream-cbor");
afterAll(tmp.cleanup);

/** A minimal RFC 8949 decoder: definite lengths, maps as objects, no tags allowed (they would fail the test). */
function rfcDecode(bytes: Uint8Array, pos = 0): { value: unknown; end: number } {
  const ib = bytes[pos];
  const major = ib >> 5;
  const ai = ib & 31;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let n = ai;
  let p = pos + 1;
  if (major === 7) {
    if (ai === 20) return { value: false, end: p };
    if (ai === 21) return { value: true, end: p };
    if (ai === 22) return { value: null, end: p };
    if (ai === 27) return { value: view.getFloat64(p), end: p + 8 };
    if (ai === 26) return { value: view.getFloat32(p), end: p + 4 };
    throw new Error(`unexpected simple/float 0x${ib.toString(16)} at ${pos}`);
  }
  if (ai === 24) (n = bytes[p]), (p += 1);
  else if (ai === 25) (n = view.getUint16(p)), (p += 2);
  else if (ai === 26) (n = view.getUint32(p)), (p += 4);
  else if (ai >= 27) throw new Error(`unexpected additional information ${ai} at ${pos}`);
  switch (major) {
    case 0: return { value: n, end: p };
    case 1: return { value: -1 - n, end: p };
    case 2: return { value: bytes.slice(p, p + n), end: p + n };
    case 3: return { value: new TextDecoder().decode(bytes.subarray(p, p + n)), end: p + n };
    case 4: {
      const a: unknown[] = [];
      for (let i = 0; i < n; i++) { const r = rfcDecode(bytes, p); a.push(r.value); p = r.end; }
      return { value: a, end: p };
    }
    case 5: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const k = rfcDecode(bytes, p);
        if (typeof k.value !== "string") throw new Error(`non-text key at ${p}`);
        const v = rfcDecode(bytes, k.end);
        o[k.value] = v.value;
        p = v.end;
      }
      return { value: o, end: p };
    }
    default: throw new Error(`tag 0x${ib.toString(16)} at ${pos}: the stream must not use tags`);
  }
}

describe("stream bytes", () => {
  for (const encoding of ["raw", "deflate"] as const) {
    it(`are plain CBOR maps that an independent decoder reads (${encoding})`, () => {
      const path = join(tmp.dir, `plain-${encoding}.uvps`);
      const frames = testFrames([[9, 4], [20, 11], [5, 5]], 9);
      const { recordEnds } = writeTestStream(path, frames, encoding);
      const bytes = new Uint8Array(readFileSync(path));
      const records: Record<string, unknown>[] = [];
      let pos = 0;
      for (const end of recordEnds) {
        expect(bytes[pos] >> 5, `record at ${pos} starts with a map`).toBe(5);
        expect(bytes[pos] & 31, "definite length").toBeLessThan(24);
        const r = rfcDecode(bytes, pos);
        expect(r.end).toBe(end);
        const rec = r.value as Record<string, unknown>;
        expect(Object.keys(rec).at(-1)).toBe("crc32");
        expect(rec.crc32).toBe(crc32(bytes.subarray(pos, end - 11)));
        records.push(rec);
        pos = end;
      }
      expect(pos).toBe(bytes.length);
      expect(records.map((r) => r.type)).toEqual(["header", "frame", "frame", "frame", "end"]);
      const read = readStreamFile(path);
      for (let i = 0; i < frames.length; i++) {
        const rec = records[i + 1];
        expect(rec.pixels).toBeInstanceOf(Uint8Array);
        expect(rec.encoding).toBe(encoding);
        const { pixels, crc32: _crc, encoding: _e, ...rest } = rec;
        const { pixels: readPixels, encoding: _re, ...readRest } = read.frames[i];
        expect(rest).toEqual(readRest);
        if (encoding === "raw") expect(pixels).toEqual(readPixels);
      }
      expect(records[4]).toMatchObject({ type: "end", frames: 3 });
    });
  }
});

describe("CRC-32", () => {
  it("matches the standard check value and the portable implementation", () => {
    const check = new TextEncoder().encode("123456789");
    expect(crc32(check)).toBe(0xcbf43926);
    expect(crc32Portable(check)).toBe(0xcbf43926);
    const data = new Uint8Array(10_000).map((_, i) => (i * 7919) & 255);
    expect(crc32(data)).toBe(crc32Portable(data));
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("CBOR item scanner", () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ""), "hex"));

  it("finds the end of nested definite items", () => {
    const b = hex("a2 6161 83 01 fb3ff8000000000000 42 0102 6162 c1 1a00000001 ff");
    expect(scanCborItem(b, 0, b.length, b.length)).toEqual({ kind: "item", length: b.length - 1 });
  });

  it("asks for more bytes, and resumes where it stopped", () => {
    const b = hex("82 45 0102030405 19 0100");
    const first = scanCborItem(b, 0, 4, b.length);
    expect(first).toMatchObject({ kind: "need", until: 7 });
    if (first.kind !== "need") return;
    expect(scanCborItem(b, 0, b.length, b.length, first.state)).toEqual({ kind: "item", length: b.length });
  });

  it("reports a declared count larger than the bytes left as a need beyond them", () => {
    const b = hex("9b 00000001 00000000 01 02");
    const r = scanCborItem(b, 0, b.length, b.length);
    expect(r.kind).toBe("need");
    if (r.kind === "need") expect(r.until).toBeGreaterThan(b.length);
  });

  it("rejects indefinite lengths, reserved values, stray breaks and deep nesting", () => {
    expect(scanCborItem(hex("9f 01 ff"), 0, 3, 3)).toMatchObject({ kind: "bad", at: 0, message: expect.stringMatching(/indefinite-length array/) });
    expect(scanCborItem(hex("82 1c 00"), 0, 3, 3)).toMatchObject({ kind: "bad", at: 1, message: expect.stringMatching(/reserved/) });
    expect(scanCborItem(hex("81 ff"), 0, 2, 2)).toMatchObject({ kind: "bad", at: 1, message: expect.stringMatching(/break/) });
    const deep = new Uint8Array(100).fill(0x81);
    expect(scanCborItem(deep, 0, 100, 100)).toMatchObject({ kind: "bad", message: expect.stringMatching(/nested deeper/) });
  });
});
