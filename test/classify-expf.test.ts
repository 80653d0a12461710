// The host's expf against glibc's expf (an independent C build of the same published algorithm), and
// against the correctly rounded exp: the camera's inference exponentiates in float32.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expf } from "../host/classify/expf.js";
import { packageRoot } from "../host/paths.js";

const view = new DataView(new ArrayBuffer(4));
function float32(bits: number): number {
  view.setUint32(0, bits >>> 0);
  return view.getFloat32(0);
}
function bitsOf(x: number): number {
  view.setFloat32(0, x);
  return view.getUint32(0);
}

describe("expf", () => {
  it("gives glibc 2.36's expf bits on 1,500 inputs (test/fixtures/expf)", () => {
    const text = readFileSync(join(packageRoot(), "test", "fixtures", "expf", "glibc-2.36-expf.txt"), "utf8");
    const rows = text.trim().split("\n").map((line) => line.split(" ").map((h) => parseInt(h, 16)));
    expect(rows.length).toBe(1500);
    const wrong = rows.filter(([x, y]) => bitsOf(expf(float32(x))) !== y && !(Number.isNaN(float32(y)) && Number.isNaN(expf(float32(x)))));
    expect(wrong).toEqual([]);
  });

  it("handles the edges as C does: overflow, underflow, infinities, NaN", () => {
    expect(expf(0)).toBe(1);
    expect(expf(89)).toBe(Infinity);
    expect(expf(float32(0x42b17218))).toBe(Infinity); // the first float32 above log(2^128)
    expect(bitsOf(expf(float32(0x42b17217)))).toBe(0x7f7fff84); // the last one below: finite (glibc gives these bits)
    expect(expf(88.7228)).toBe(Math.fround(Math.exp(Math.fround(88.7228))));
    expect(expf(-104)).toBe(0);
    expect(expf(-Infinity)).toBe(0);
    expect(expf(Infinity)).toBe(Infinity);
    expect(expf(NaN)).toBeNaN();
    expect(expf(-100)).toBeGreaterThan(0); // subnormal float32
  });

  it("is within one float32 step of the correctly rounded exp across [-87, 88]", () => {
    let same = 0;
    let total = 0;
    for (let x = -87; x <= 88; x += 0.0371) {
      const f = Math.fround(x);
      const exact = Math.fround(Math.exp(f));
      const got = expf(f);
      total += 1;
      if (got === exact) same += 1;
      else expect(Math.abs(bitsOf(got) - bitsOf(exact))).toBe(1);
    }
    expect(same / total).toBeGreaterThan(0.999);
  });
});
