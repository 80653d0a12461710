// The plain build is MVP WebAssembly (no post-MVP feature at all), the SIMD build really uses SIMD,
// and neither imports anything: the firmware depends on no host function.
import { readFileSync } from "node:fs";
import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { wasmPath } from "../host/firmware/index.js";

// Validating a SIMD module as MVP would fail loudly (binaryen prints the whole function), so the
// MVP check runs only where it is expected to pass.
function featuresOf(path: string, checkMvp = true): { validatesAsMvp: boolean; usesSimd: boolean; imports: number } {
  const bytes = readFileSync(path);
  let validatesAsMvp = false;
  if (checkMvp) {
    const mod = binaryen.readBinary(bytes);
    mod.setFeatures(binaryen.Features.MVP);
    validatesAsMvp = mod.validate() === 1;
    mod.dispose();
  }
  const text = (() => {
    const m = binaryen.readBinary(bytes);
    m.setFeatures(binaryen.Features.All);
    const t = m.emitText();
    m.dispose();
    return t;
  })();
  return {
    validatesAsMvp,
    usesSimd: /\bv128\b|i8x16\./.test(text),
    imports: WebAssembly.Module.imports(new WebAssembly.Module(bytes)).length,
  };
}

describe("builds", () => {
  it("plain build validates with MVP features only and contains no SIMD", () => {
    const f = featuresOf(wasmPath("scalar"));
    expect(f.validatesAsMvp).toBe(true);
    expect(f.usesSimd).toBe(false);
    expect(f.imports).toBe(0);
  });

  it("lpm plain build validates with MVP features only; lpm SIMD build uses SIMD; neither imports", () => {
    const plain = featuresOf(wasmPath("scalar", "lpm"));
    expect(plain.validatesAsMvp).toBe(true);
    expect(plain.usesSimd).toBe(false);
    expect(plain.imports).toBe(0);
    const simd = featuresOf(wasmPath("simd", "lpm"), false);
    expect(simd.usesSimd).toBe(true);
    expect(simd.imports).toBe(0);
  });

  it("SIMD build uses SIMD", () => {
    const f = featuresOf(wasmPath("simd"), false);
    expect(f.usesSimd).toBe(true);
    expect(f.imports).toBe(0);
  });
});
