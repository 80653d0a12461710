// The benchmark floor: rows copied into a wasm buffer and counted above threshold with SIMD.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../host/paths.js";

interface FloorExports {
  memory: WebAssembly.Memory;
  rowBufferPtr(): number;
  reset(): void;
  total(): number;
  scanRow(lengthPx: number, thr: number): void;
}

/** Loads build/bench-floor.wasm and returns a function counting a frame's pixels above threshold. */
export function loadFloorScan(): (pixels: Uint8Array, widthPx: number, heightPx: number, threshold: number) => number {
  const x = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(packageRoot(), "build", "bench-floor.wasm"))), {})
    .exports as unknown as FloorExports;
  return (pixels, widthPx, heightPx, threshold) => {
    const row = new Uint8Array(x.memory.buffer, x.rowBufferPtr(), widthPx);
    x.reset();
    for (let y = 0; y < heightPx; y++) {
      row.set(pixels.subarray(y * widthPx, (y + 1) * widthPx));
      x.scanRow(widthPx, threshold);
    }
    return x.total();
  };
}
