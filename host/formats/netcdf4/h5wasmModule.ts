// The HDF5 library (h5wasm, HDF5 compiled to WebAssembly) loaded once, on first need: it costs about 0.2 s and
// 4 MB of wasm, which verbs that never touch a NetCDF-4 file should not pay.
import fs from "node:fs";
import type * as H5 from "h5wasm";

/** The h5wasm module namespace (File, Dataset, ...), once loaded. */
export type H5wasm = typeof H5;

let loaded: H5wasm | null = null;

/** Loads h5wasm (its Node build, which reads and writes the real file system) and waits until it is ready. */
export async function loadH5wasm(): Promise<H5wasm> {
  if (loaded !== null) return loaded;
  const h5 = (await import("h5wasm/node")) as unknown as H5wasm & { default?: H5wasm };
  const mod = h5.default ?? h5;
  await mod.ready;
  loaded = mod;
  return mod;
}

/** h5wasm when loadH5wasm() has already completed, else null (for synchronous readers). */
export function h5wasmIfLoaded(): H5wasm | null {
  return loaded;
}

/** Runs `fn` with standard error muted: the HDF5 library prints its whole error stack there (file descriptor 2,
 *  through the fs module h5wasm's Emscripten runtime shares) before h5wasm fails, and the caller reports the
 *  failure in one line of its own. Synchronous only. */
export function withoutHdf5Diagnostics<T>(fn: () => T): T {
  const writeSync = fs.writeSync;
  const write = process.stderr.write;
  // Claim every byte written: a writer told "0 bytes" tries again, forever.
  const swallowed = (rest: unknown[]): number => (typeof rest[2] === "number" ? rest[2] : typeof rest[0] === "string" ? Buffer.byteLength(rest[0]) : (rest[0] as Uint8Array).byteLength);
  fs.writeSync = ((fd: number, ...rest: unknown[]) => (fd === 2 ? swallowed(rest) : (writeSync as (...a: unknown[]) => number)(fd, ...rest))) as typeof fs.writeSync;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return fn();
  } finally {
    fs.writeSync = writeSync;
    process.stderr.write = write;
  }
}

/** True when `bytes` start with the HDF5 signature (a NetCDF-4 file is an HDF5 file). */
export function isHdf5(bytes: Uint8Array): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}
