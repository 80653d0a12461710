// The one typed wrapper over the firmware's exports. Everything in the host talks to the firmware
// through this class; it copies rows in and records out and adds nothing to the firmware's numbers.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import type { FirmwareExports } from "./exports.js";
import { readFirmwareRecord, readObjectLog, type BlocRecord, type LoggedObject, type TaxoRecord } from "./records.js";
import { FirmwareError, Status } from "./status.js";

/** Which instruction set of the same source to run: WebAssembly SIMD, or plain MVP. */
export type Build = "simd" | "scalar";
/** Both builds, in the order tests and benchmarks run them. */
export const BUILDS: readonly Build[] = ["simd", "scalar"];
/** What a build can do: "full" classifies (12 pages), "lpm" has no classifier (3 pages). */
export type Capability = "full" | "lpm";
/** Both capabilities, the default first. */
export const CAPABILITIES: readonly Capability[] = ["full", "lpm"];

/** Kind of a frame: lit by the flash, or black (no flash) to measure sensor noise. */
export enum FrameKind {
  Lit = 0,
  Black = 1,
}

/** What the float knows about a frame when it is taken. */
export interface FrameMeta {
  timeS: number;
  pressureDbar: number;
  temperatureC: number;
}

/** The firmware's view of the frame just ended. */
export interface FrameSummary {
  /** Objects completed in the frame; for an over-exposed frame, only those completed before labelling stopped. */
  objectCount: number;
  /** Foreground pixels of the whole frame (always every row, early stop or not). */
  foregroundPx: number;
  overexposed: boolean;
  /** Objects per size class, counted like objectCount. */
  classCounts: number[];
}

/** Path of the compiled module of `build` with `capability` (full: uvp-float.simd.wasm, lpm: uvp-float.lpm.simd.wasm). */
export function wasmPath(build: Build, capability: Capability = "full"): string {
  return join(packageRoot(), "build", capability === "full" ? `uvp-float.${build}.wasm` : `uvp-float.lpm.${build}.wasm`);
}

// Smallest module using a v128 instruction: validates only where SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Whether this WebAssembly engine runs the SIMD build. */
export function simdSupported(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

const moduleCache = new Map<string, WebAssembly.Module>();
// Added to the kind at beginFrame (assembly/frame.ts FRAME_HISTOGRAM_FLAG).
const HISTOGRAM_FLAG = 2;

/** A running instance of the firmware, with its own fixed memory. */
export class Firmware {
  private readonly x: FirmwareExports;
  private readonly rowPtr: number;
  private readonly rowCapacity: number;
  // TAXO records wait here for the LPM record of their bloc, which the firmware queues after them.
  private pendingTaxo: TaxoRecord[] = [];

  private constructor(readonly build: Build, readonly capability: Capability, instance: WebAssembly.Instance) {
    this.x = instance.exports as unknown as FirmwareExports;
    this.rowPtr = this.x.rowBufferPtr();
    this.rowCapacity = this.x.rowBufferBytes();
  }

  /** Instantiates a fresh firmware of `build` ("auto": SIMD where supported) and `capability`. */
  static create(build: Build | "auto" = "auto", capability: Capability = "full"): Firmware {
    const chosen: Build = build === "auto" ? (simdSupported() ? "simd" : "scalar") : build;
    const path = wasmPath(chosen, capability);
    let module = moduleCache.get(path);
    if (!module) {
      module = new WebAssembly.Module(readFileSync(path));
      moduleCache.set(path, module);
    }
    return new Firmware(chosen, capability, new WebAssembly.Instance(module, {}));
  }

  /** The raw exports, for tests that probe the contract itself. */
  get raw(): FirmwareExports {
    return this.x;
  }

  /** Bytes of linear memory (fixed: initial = maximum). */
  get memoryBytes(): number {
    return this.x.memory.buffer.byteLength;
  }

  /** Bytes of static working state (everything the firmware keeps lies below this). */
  get staticBytes(): number {
    return this.x.staticEnd();
  }

  /** Validates and applies a configuration blob (host/config/configBlob.ts builds one). */
  configure(blob: Uint8Array): Status {
    if (blob.length > this.x.configBufferBytes()) return Status.CONFIG_LENGTH;
    new Uint8Array(this.x.memory.buffer, this.x.configBufferPtr(), blob.length).set(blob);
    return this.x.configure(blob.length);
  }

  /** Opens a frame that will come as rows. */
  beginFrame(kind: FrameKind, meta: FrameMeta): Status {
    return this.x.beginFrame(kind, meta.timeS, meta.pressureDbar, meta.temperatureC);
  }

  /** Opens a frame that will come as area-histogram entries (pushAreaCount), as *_data.txt has them. */
  beginHistogramFrame(kind: FrameKind, meta: FrameMeta): Status {
    return this.x.beginFrame(kind | HISTOGRAM_FLAG, meta.timeS, meta.pressureDbar, meta.temperatureC);
  }

  /** Copies `row` into the row buffer and hands it to the firmware as row `y`. */
  pushRow(y: number, row: Uint8Array): Status {
    // A row longer than the buffer would overwrite firmware state: refuse it here, as the firmware would.
    if (row.length > this.rowCapacity) return Status.ROW_LENGTH;
    new Uint8Array(this.x.memory.buffer, this.rowPtr, row.length).set(row);
    return this.x.pushRow(y >>> 0, row.length);
  }

  /** Adds `count` objects of `areaPx` px and mean grey `meanGrey` to the open frame (no pixels). */
  pushAreaCount(areaPx: number, count: number, meanGrey: number): Status {
    return this.x.pushAreaCount(areaPx >>> 0, count >>> 0, meanGrey);
  }

  /** Marks the open frame over-exposed, as the camera's OVER_EXPOSED line says. */
  markFrameOverexposed(): Status {
    return this.x.markFrameOverexposed();
  }

  /** Closes the frame; its objects are complete and counted into its bloc. */
  endFrame(): Status {
    return this.x.endFrame();
  }

  /** Discards the open frame. */
  abortFrame(): Status {
    return this.x.abortFrame();
  }

  /** Emits the partial blocs (end of an acquisition). */
  flushBlocs(): Status {
    return this.x.flushBlocs();
  }

  /** Takes every waiting bloc record out of the firmware's queue; LPM records carry their frames' TAXO records. */
  takeRecords(): BlocRecord[] {
    const out: BlocRecord[] = [];
    while (this.x.recordCount() > 0) {
      const r = readFirmwareRecord(this.x.memory.buffer, this.x.recordPtr());
      this.x.takeRecord();
      if (r.kind === "TAXO") {
        this.pendingTaxo.push(r);
        continue;
      }
      if (r.kind === "LPM" && (this.pendingTaxo.length > 0 || this.x.classificationOn())) {
        r.taxo = this.pendingTaxo;
        this.pendingTaxo = [];
      }
      out.push(r);
    }
    return out;
  }

  /** Loads a uvpec model (validated by the firmware; on any error the previous model stays in force). */
  loadModel(bytes: Uint8Array): Status {
    if (this.x.classifierBuilt() === 0) return Status.NO_CLASSIFIER;
    if (bytes.length > this.x.modelCapacityBytes()) return Status.MODEL_TOO_LARGE;
    // The staging area alternates after each successful load: ask for it every time.
    new Uint8Array(this.x.memory.buffer, this.x.modelStagingPtr(), bytes.length).set(bytes);
    return this.x.loadModel(bytes.length);
  }

  /**
   * Hands the frame just ended its candidates' pixels (each candidate's bounding box, cut from `pixels`)
   * when it waits for classification, then finishes it. Returns the status of each candidate.
   */
  classifyPendingFrame(pixels: Uint8Array, widthPx: number): Status[] {
    if (this.x.isClassifying() === 0) return [];
    const statuses: Status[] = [];
    const mem = this.x.memory.buffer;
    const maxPx = this.x.vignetteMaxPixels();
    for (let i = 0; i < this.x.candidateCount(); i++) {
      const box = new DataView(mem, this.x.candidatePtr(i), 16);
      const x0 = box.getUint16(8, true);
      const y0 = box.getUint16(10, true);
      const w = box.getUint16(12, true) - x0 + 1;
      const h = box.getUint16(14, true) - y0 + 1;
      // A box beyond the vignette buffer is refused by the firmware before it reads: write nothing then.
      if (w * h <= maxPx) {
        const vignette = new Uint8Array(mem, this.x.vignetteBufferPtr(), w * h);
        for (let y = 0; y < h; y++) vignette.set(pixels.subarray((y0 + y) * widthPx + x0, (y0 + y) * widthPx + x0 + w), y * w);
      }
      statuses.push(this.x.classifyCandidate(i));
    }
    this.x.finishClassification();
    return statuses;
  }

  /** Switches the per-object debug log on or off. */
  setObjectLog(on: boolean): void {
    this.x.setObjectLog(on ? 1 : 0);
  }

  /**
   * Switches the over-exposure early stop (on by default): labelling stops once a frame's running
   * foreground count passes the over-exposure limit, and the rest of the frame is only counted. Off,
   * every row is labelled (records are the same either way; only the debug log and the frame summary's
   * object counts of over-exposed frames differ).
   */
  setOverexposureEarlyStop(on: boolean): void {
    this.x.setOverexposureEarlyStop(on ? 1 : 0);
  }

  /** Objects completed by the last pushRow or endFrame (debug log must be on). */
  loggedObjects(): LoggedObject[] {
    return readObjectLog(this.x.memory.buffer, this.x.objectLogPtr(), this.x.objectLogLength(), this.x.objectLogEntryBytes());
  }

  /** Counts of the frame just ended. */
  frameSummary(): FrameSummary {
    const counts = new Uint32Array(this.x.memory.buffer, this.x.frameClassCountsPtr(), this.x.classCount());
    return {
      objectCount: this.x.frameObjectCount(),
      foregroundPx: this.x.frameForegroundPixels(),
      overexposed: this.x.frameWasOverexposed() !== 0,
      classCounts: Array.from(counts),
    };
  }

  /** Minimum area in pixels of each size class under the configuration in force. */
  classMinAreasPx(): number[] {
    const out: number[] = [];
    // u32 across the boundary arrives as i32: 0xffffffff (unreachable class) must stay huge, not -1.
    for (let k = 0; k < this.x.classCount(); k++) out.push(this.x.classMinArea(k) >>> 0);
    return out;
  }

  /**
   * Runs one whole frame (row-major pixels) through the firmware; throws FirmwareError on any
   * status but OK. Returns the frame's objects when `collectObjects` is set.
   */
  runFrame(pixels: Uint8Array, widthPx: number, heightPx: number, kind: FrameKind, meta: FrameMeta, collectObjects = false): LoggedObject[] {
    if (pixels.length !== widthPx * heightPx) {
      throw new RangeError(`frame has ${pixels.length} pixels, expected ${widthPx} x ${heightPx}`);
    }
    this.setObjectLog(collectObjects);
    const objects: LoggedObject[] = [];
    let s = this.beginFrame(kind, meta);
    if (s !== Status.OK) throw new FirmwareError(s, "beginFrame");
    const mem = this.x.memory.buffer;
    const rowView = new Uint8Array(mem, this.rowPtr, widthPx);
    for (let y = 0; y < heightPx; y++) {
      rowView.set(pixels.subarray(y * widthPx, (y + 1) * widthPx));
      s = this.x.pushRow(y, widthPx);
      if (s !== Status.OK) {
        this.abortFrame();
        throw new FirmwareError(s, `pushRow(${y})`);
      }
      if (collectObjects) objects.push(...this.loggedObjects());
    }
    s = this.endFrame();
    if (s !== Status.OK) throw new FirmwareError(s, "endFrame");
    if (collectObjects) objects.push(...this.loggedObjects());
    this.classifyPendingFrame(pixels, widthPx);
    return objects;
  }
}
