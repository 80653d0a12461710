// CTS5 file names as the float writes them and the Coriolis decoder looks for them, and files received split
// into #01, #02, ... parts: joined byte for byte, with missing, lone and repeated parts reported (on the
// hand-built LPM fixture of test/fixtures/cts5).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cts5FileName, decodeCts5File, decodeCts5Set, parseCts5FileName, splitCts5File } from "../host/telemetry/cts5/index.js";

const fixtureBytes = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, "fixtures", "cts5", name)));

describe("file names", () => {
  it("writes and parses xxxx_ccc_mm_uvp6_{lpm,txo,blk}[#NN].hex, the names the Coriolis decoder looks for", () => {
    expect(cts5FileName("4A7E", 10, 1, "lpm")).toBe("4a7e_010_01_uvp6_lpm.hex");
    expect(cts5FileName("0b2e", 999, 99, "taxo")).toBe("0b2e_999_99_uvp6_txo.hex");
    expect(cts5FileName("0b2e", 999, 99, "taxo", 2)).toBe("0b2e_999_99_uvp6_txo#02.hex");
    expect(cts5FileName("0b2e", 0, 0, "black", 12)).toBe("0b2e_000_00_uvp6_blk#12.hex");
    expect(parseCts5FileName("dir/sub/0b2e_007_03_uvp6_blk#12.hex")).toEqual({ floatId: "0b2e", cycle: 7, pattern: 3, kind: "black", part: 12 });
    expect(parseCts5FileName("0b2e_007_03_uvp6_txo.hex")).toEqual({ floatId: "0b2e", cycle: 7, pattern: 3, kind: "taxo", part: null });
    for (const bad of ["0b2e_007_03_uvp6_blk#00.hex", "0b2e_007_03_uvp6_lpm#2.hex", "0b2e_007_03_uvp6_lpm#100.hex", "0b2e_007_03_uvp6_lpm-2.hex",
      "0b2e_007_03_uvp6_taxo.hex", "0b2e_07_03_uvp6_lpm.hex", "0b2g_007_03_uvp6_lpm.hex", "0b2e_007_03_uvp6_black.hex", "0b2e_007_03_uvp6_lpm.txt",
      "0b2e_007_03_sbe41_lpm.hex"]) expect(parseCts5FileName(bad), bad).toBeNull();
    for (const args of [["4a7", 1, 1, 1], ["4a7e", 1000, 1, 1], ["4a7e", -1, 1, 1], ["4a7e", 1, 100, 1], ["4a7e", 1, 1, 0], ["4a7e", 1, 1, 100], ["4a7e", 1.5, 1, 1]] as const) {
      expect(() => cts5FileName(args[0], args[1], args[2], "lpm", args[3])).toThrow(RangeError);
    }
    for (const kind of ["lpm", "taxo", "black"] as const) {
      for (const part of [null, 1, 2, 9, 10, 99]) {
        const name = cts5FileName("beef", 42, 5, kind, part);
        expect(parseCts5FileName(name)).toEqual({ floatId: "beef", cycle: 42, pattern: 5, kind, part });
      }
    }
  });

  it("splits a file into parts that concatenate to it, only when it does not fit one, and at most 99", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    expect(splitCts5File(bytes, 1000)).toEqual([bytes]);
    const parts = splitCts5File(bytes, 300);
    expect(parts.map((p) => p.length)).toEqual([300, 300, 300, 100]);
    expect(Array.from(parts.flatMap((p) => [...p]))).toEqual(Array.from(bytes));
    expect(splitCts5File(bytes, 11)).toHaveLength(91);
    expect(() => splitCts5File(bytes, 10)).toThrow(/needs 100 parts; the decoder's names hold at most 99/);
  });
});

describe("a file received in #01, #02, ... parts", () => {
  const file = fixtureBytes("4a7e_010_01_uvp6_lpm.hex");
  const whole = decodeCts5File(file, "whole").records;
  const partsOf = (size: number, dir = "in/") => splitCts5File(file, size).map((bytes, i) => ({ source: `${dir}${cts5FileName("4a7e", 10, 1, "lpm", i + 1)}`, bytes }));

  it("joins them byte for byte into the one file, in any order given", () => {
    for (const size of [100, 97, 250, 646]) {
      const parts = partsOf(size);
      const r = decodeCts5Set([...parts].reverse());
      expect(r.problems).toEqual([]);
      expect(r.records).toEqual(whole);
      expect(r.notes).toEqual([`in/4a7e_010_01_uvp6_lpm.hex: joined from parts #01-#${String(parts.length).padStart(2, "0")}`]);
    }
  });

  it("reports a missing part, decodes what comes before it, and reads what follows from its next phase tag", () => {
    const parts = partsOf(100); // 7 parts; part 3 (bytes 200-299) holds the end of D2 and the [PARK] tag at 212
    const r = decodeCts5Set(parts.filter((_, i) => i !== 1));
    expect(r.problems[0]).toEqual({ source: "in/4a7e_010_01_uvp6_lpm#02.hex", offset: 0, message: "part #02 of 4a7e_010_01_uvp6_lpm.hex missing: its records are lost, and part #03 is read from its first phase tag on" });
    // Part #01 alone holds no whole record after D1's start (18-114): it is reported truncated in part #01.
    expect(r.problems[1]).toMatchObject({ source: "in/4a7e_010_01_uvp6_lpm#01.hex", offset: 18 });
    expect(r.problems[2]).toMatchObject({ source: "in/4a7e_010_01_uvp6_lpm#03.hex", offset: 0, message: expect.stringMatching(/data before any phase tag; 12 bytes skipped to the next tag/) });
    // Everything from the [PARK] tag on comes back.
    expect(r.records).toEqual(whole.slice(2));
    const four = decodeCts5Set(parts.filter((_, i) => i !== 3));
    expect(four.problems[0].message).toMatch(/part #04 of .* missing/);
    expect(four.records.length).toBeGreaterThan(0);
  });

  it("reports a lone #01 (the float never splits a file into one part) and a part given twice", () => {
    const lone = decodeCts5Set([partsOf(300)[0]]);
    expect(lone.problems.map((p) => p.message)).toContainEqual("part #01 of 4a7e_010_01_uvp6_lpm.hex came alone: the float splits only files of two parts or more, so part #02 (at least) is missing");
    expect(lone.records).toEqual(whole.slice(0, 2));
    const parts = partsOf(300);
    const same = decodeCts5Set([...parts, { ...parts[1], source: "other/4a7e_010_01_uvp6_lpm#02.hex" }]);
    expect(same.problems).toEqual([]);
    expect(same.records).toEqual(whole);
    expect(same.notes).toContain("other/4a7e_010_01_uvp6_lpm#02.hex: the same bytes as in/4a7e_010_01_uvp6_lpm#02.hex, decoded once");
    const changed = parts[1].bytes.slice();
    changed[5] ^= 0xff;
    const differ = decodeCts5Set([...parts, { source: "other/4a7e_010_01_uvp6_lpm#02.hex", bytes: changed }]);
    expect(differ.problems).toEqual([{ source: "other/4a7e_010_01_uvp6_lpm#02.hex", offset: 0, message: "part #02 of 4a7e_010_01_uvp6_lpm.hex given twice with different bytes (also in/4a7e_010_01_uvp6_lpm#02.hex): this one not decoded" }]);
    expect(differ.records).toEqual(whole);
  });

  it("decodes a file given both whole and in parts once when the bytes agree", () => {
    const r = decodeCts5Set([{ source: "in/4a7e_010_01_uvp6_lpm.hex", bytes: file }, ...partsOf(300)]);
    expect(r.problems).toEqual([]);
    expect(r.records).toEqual(whole);
    expect(r.notes).toEqual(["4a7e_010_01_uvp6_lpm.hex: given whole (in/4a7e_010_01_uvp6_lpm.hex) and in parts #01-#03 with the same bytes: decoded once"]);
  });

  it("puts a problem in the part it falls in, with its offset there and in the joined file", () => {
    const cut = file.slice(0, 400);
    const parts = splitCts5File(cut, 150).map((bytes, i) => ({ source: cts5FileName("4a7e", 10, 1, "lpm", i + 1), bytes }));
    const r = decodeCts5Set(parts);
    // A3 starts at 333 (part #03 at 300): truncated there.
    expect(r.problems).toEqual([{ source: "4a7e_010_01_uvp6_lpm#03.hex", offset: 33, message: "truncated record: 31 bytes missing (byte 333 of parts #01-#03 joined)" }]);
  });
});
