// The float side of the firmware (slicing and telemetry encoders) behind one typed class. It keeps the part
// protocol for the caller: after every call that can seal a part it copies the ready parts out and releases
// them, so records are never held up and no part is lost. The firmware hands a CTS5 file over in chunks of
// its buffer (the float appending to its file system); they are joined here and given as one file per kind
// when the cycle ends, as the float transmits it.

import type { Cts5Phase, SliceKind, SliceRecord } from "../telemetry/types.js";
import { CTS5_PHASES, PROCESSINGS } from "../telemetry/types.js";
import type { Firmware } from "./firmware.js";
import type { FirmwareExports } from "./exports.js";
import type { BlocRecord, TaxoRecord } from "./records.js";
import { Status } from "./status.js";

/** An SBD message (in the order the firmware sealed it) or a cycle's whole CTS5 file of one kind (at finish). */
export interface TelemetryPart {
  format: "cts5" | "sbd";
  kind: SliceKind;
  /** 1-based number of the SBD message among those of its kind; always 1 for a CTS5 file (one per kind and cycle). */
  part: number;
  bytes: Uint8Array;
}

/** Float-side counters (telemetryCounter in assembly/telemetry/api.ts). */
export interface FloatCounters {
  blocsDecimated: number;
  blackObjectsDropped: number;
  slicesLost: number;
  sbdRecordsTooLarge: number;
  cts5ValuesClamped: number;
  cts5RecordsRefused: number;
  recordsSent: Record<SliceKind, number>;
  /** SBD records refused because the cycle used every message or record number (65,536). */
  sbdRecordsUnnumbered: number;
  /** Slice records neither format could carry, refused. */
  recordsInvalid: number;
}

const KIND_CODES: Record<SliceKind, number> = { lpm: 1, black: 2, taxo: 3 };
const KINDS: readonly SliceKind[] = ["lpm", "black", "taxo"];
const TRIPLETS_PER_RECORD = 25;

const isU = (v: number, max: number): boolean => Number.isInteger(v) && v >= 0 && v <= max;

/** Whether each field of `r` fits its place in the firmware's staging record (u32 times, u8 greys...). */
function stageable(r: SliceRecord): boolean {
  if (!isU(r.timeS, 0xffffffff) || !isU(r.images, 0xffffffff) || !Number.isFinite(r.pressureDbar)) return false;
  if (r.kind === "taxo") {
    return r.categories.length <= 40 && r.categories.every((c) => isU(c.index, 39) && isU(c.objects, 0xffffffff) && isU(c.meanGrey, 255) && typeof c.meanSize === "number");
  }
  if (!Number.isFinite(r.temperatureC) || r.counts.length !== (r.kind === "lpm" ? 18 : 5)) return false;
  return r.kind !== "lpm" || (r.grey.length === 18 && r.grey.every((g) => isU(g, 255)));
}

/** Typed access to the slicing and the two telemetry encoders of one firmware instance. */
export class FloatTelemetry {
  private readonly x: FirmwareExports;
  private readonly parts: TelemetryPart[] = [];
  private readonly partNumbers = new Map<string, number>();
  /** The CTS5 chunks of the cycle so far, per kind, joined into one file at finish. */
  private readonly cts5Chunks: Record<SliceKind, Uint8Array[]> = { lpm: [], black: [], taxo: [] };
  private chunksOfLastCycle: Record<SliceKind, number> = { lpm: 0, black: 0, taxo: 0 };

  constructor(firmware: Firmware) {
    this.x = firmware.raw;
  }

  /** Applies a float configuration blob (host/config/floatConfigBlob.ts) and starts a new cycle. */
  configure(blob: Uint8Array): Status {
    new Uint8Array(this.x.memory.buffer, this.x.floatConfigPtr(), blob.length).set(blob);
    const status = this.x.floatConfigure(blob.length);
    if (status === Status.OK) {
      this.parts.length = 0;
      this.partNumbers.clear();
      for (const k of KINDS) this.cts5Chunks[k] = [];
    }
    return status;
  }

  /** Puts an SBD prior table (host/telemetry/sbd/priorTable.ts, priorTableBytes) in force, or none for an empty
   *  array; the float must then be configured again (a new cycle). */
  setPriorTable(table: Uint8Array): Status {
    if (table.length > 0) new Uint8Array(this.x.memory.buffer, this.x.priorTablePtr(), Math.min(table.length, 4504)).set(table.subarray(0, 4504));
    return this.x.floatSetPriors(table.length);
  }

  /** Tells the float's phase; a change closes the open slice. */
  setPhase(phase: Cts5Phase): Status {
    return this.retrying(() => this.x.floatSetPhase(CTS5_PHASES.indexOf(phase)));
  }

  // Runs a call, draining ready parts and calling again while it answers PART_WAITING (it keeps its input).
  // A record written into a fresh part on release may still be refused (too large): that status is the call's.
  private retrying(call: () => Status): Status {
    let s = call();
    for (let i = 0; i < 4 && s === Status.PART_WAITING; i++) {
      const released = this.drain();
      s = call();
      if (s === Status.OK) s = released;
    }
    const released = this.drain();
    return s === Status.OK ? released : s;
  }

  /** Feeds one bloc record (with its TAXO records, for an LPM bloc) to the slicer; returns each call's status.
   *  `taxoImages`: images the TAXO records cover in all (default: one per frame record). */
  pushBloc(record: BlocRecord, taxoImages?: number): Status[] {
    const statuses: Status[] = [];
    (record.taxo ?? []).forEach((t, i) => statuses.push(...this.pushTaxo(t, taxoImages === undefined ? 1 : i === 0 ? taxoImages : 0)));
    const v = this.stagingView();
    new Uint8Array(v.buffer, v.byteOffset, 128).fill(0);
    v.setUint8(0, record.kind === "BLACK" ? 2 : 1);
    v.setUint8(1, record.overexposed ? 1 : 0);
    v.setUint16(2, record.images, true);
    v.setUint16(4, record.framesAccumulated, true);
    v.setFloat64(8, record.timeS, true);
    v.setFloat64(16, record.pressureDbar, true);
    v.setFloat64(24, record.temperatureC, true);
    record.counts.forEach((c, k) => v.setUint32(32 + 4 * k, c, true));
    record.grey.forEach((g, k) => v.setUint8(104 + k, g));
    statuses.push(this.retrying(() => this.x.floatPushBloc()));
    return statuses;
  }

  /** Feeds a bloc's classified objects covering `images` images (chunks of 25 triplets). */
  pushTaxo(record: TaxoRecord, images: number): Status[] {
    const statuses: Status[] = [];
    const triplets = record.triplets;
    for (let start = 0; start === 0 || start < triplets.length; start += TRIPLETS_PER_RECORD) {
      const chunk = triplets.slice(start, start + TRIPLETS_PER_RECORD);
      const v = this.stagingView();
      new Uint8Array(v.buffer, v.byteOffset, 128).fill(0);
      v.setUint8(0, 3);
      v.setUint16(2, chunk.length, true);
      v.setFloat64(8, record.timeS, true);
      v.setFloat64(16, record.pressureDbar, true);
      v.setUint32(24, start === 0 ? images : 0, true);
      chunk.forEach((t, i) => {
        v.setUint8(28 + 4 * i, t.classIndex);
        v.setUint8(29 + 4 * i, t.meanGrey);
        v.setUint16(30 + 4 * i, t.volumePx3, true);
      });
      statuses.push(this.x.floatPushBloc());
    }
    this.drain();
    return statuses;
  }

  /** Encodes an already sliced record (e.g. read from an Argo AUX file) through both encoders; SLICE_RECORD for a
   *  field its staging slot cannot hold (the firmware checks the rest). */
  pushSlice(record: SliceRecord): Status {
    if (!stageable(record)) return Status.SLICE_RECORD;
    const kind = KIND_CODES[record.kind];
    const cleared = this.x.floatClearSlice(kind);
    if (cleared !== Status.OK) return cleared;
    const ptr = this.x.sliceStagingPtr(kind);
    const v = new DataView(this.x.memory.buffer, ptr, this.x.sliceRecordBytes());
    v.setUint8(1, CTS5_PHASES.indexOf(record.phase));
    v.setUint8(2, PROCESSINGS.indexOf(record.processing));
    v.setUint32(4, record.timeS, true);
    v.setFloat64(8, record.pressureDbar, true);
    v.setUint32(24, record.images, true);
    if (record.kind === "taxo") {
      if (record.categories.length > 40) return Status.SLICE_RECORD;
      v.setUint8(3, record.categories.length);
      record.categories.forEach((c, j) => {
        const at = 128 + 12 * j;
        v.setUint8(at, c.index);
        v.setUint8(at + 1, c.meanGrey);
        v.setUint32(at + 4, c.objects, true);
        v.setFloat32(at + 8, c.meanSize, true);
      });
    } else {
      v.setFloat64(16, record.temperatureC, true);
      record.counts.forEach((c, k) => v.setFloat32(28 + 4 * k, c, true));
      if (record.kind === "lpm") record.grey.forEach((g, k) => v.setUint8(100 + k, g));
    }
    return this.retrying(() => this.x.floatPushSlice(kind));
  }

  /** Ends the cycle: closes the open slice, seals every part and gives each kind's CTS5 file; returns the first error, if any. */
  finish(): Status {
    let released = Status.OK;
    let status: Status = Status.PART_WAITING;
    for (let i = 0; i < 16 && status === Status.PART_WAITING; i++) {
      const s = this.x.floatFinish();
      const r = this.drain();
      if (released === Status.OK) released = r;
      if (s !== Status.PART_WAITING) status = s === Status.OK ? released : s;
    }
    // Whatever happened, the chunks taken are the file so far: hand them over rather than lose them.
    this.chunksOfLastCycle = { lpm: this.cts5Chunks.lpm.length, black: this.cts5Chunks.black.length, taxo: this.cts5Chunks.taxo.length };
    for (const kind of KINDS) {
      const chunks = this.cts5Chunks[kind];
      if (chunks.length === 0) continue;
      const bytes = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      this.parts.push({ format: "cts5", kind, part: 1, bytes });
      this.cts5Chunks[kind] = [];
    }
    return status;
  }

  /** How many buffer chunks the firmware wrote each kind's CTS5 file of the last finished cycle in. */
  cts5ChunkCounts(): Record<SliceKind, number> {
    return { ...this.chunksOfLastCycle };
  }

  /** SBD messages sealed since the last call, in sealing order, and the CTS5 files of a cycle finished since. */
  takeParts(): TelemetryPart[] {
    return this.parts.splice(0, this.parts.length);
  }

  /** The float-side counters. */
  counters(): FloatCounters {
    const c = (i: number): number => this.x.telemetryCounter(i) >>> 0;
    return {
      blocsDecimated: c(0),
      blackObjectsDropped: c(1),
      slicesLost: c(2),
      sbdRecordsTooLarge: c(3),
      cts5ValuesClamped: c(4),
      cts5RecordsRefused: c(5),
      recordsSent: { lpm: c(6), black: c(7), taxo: c(8) },
      sbdRecordsUnnumbered: c(9),
      recordsInvalid: c(10),
    };
  }

  private stagingView(): DataView {
    return new DataView(this.x.memory.buffer, this.x.blocStagingPtr(), 128);
  }

  // Copies out every ready part (SBD messages in sequence order) and releases it; a release can seal no new part.
  // Returns the first problem a release reported (the waiting record refused by its new part), else OK.
  private drain(): Status {
    let status = Status.OK;
    let mask = this.x.telemetryReadyParts();
    while (mask !== 0) {
      const ready: { s: number; seq: number }[] = [];
      for (let s = 0; s < 6; s++) {
        if ((mask & (1 << s)) === 0) continue;
        const ptr = this.x.telemetryPartPtr(s);
        ready.push({ s, seq: s >= 3 ? new Uint8Array(this.x.memory.buffer, ptr + 7, 1)[0] : -1 });
      }
      ready.sort((a, b) => a.seq - b.seq || a.s - b.s);
      for (const { s } of ready) {
        const bytes = new Uint8Array(this.x.memory.buffer, this.x.telemetryPartPtr(s), this.x.telemetryPartBytes(s)).slice();
        const kind = KINDS[s % 3];
        if (s < 3) this.cts5Chunks[kind].push(bytes);
        else {
          const part = (this.partNumbers.get(kind) ?? 0) + 1;
          this.partNumbers.set(kind, part);
          this.parts.push({ format: "sbd", kind, part, bytes });
        }
        const released = this.x.telemetryReleasePart(s);
        if (status === Status.OK) status = released;
      }
      mask = this.x.telemetryReadyParts();
    }
    return status;
  }
}
