// A small CTS5 file writer for the tests only, written from the layout description (docs/operators.md "CTS5 files")
// without the decoder's constants, so that a layout mistake in one shows up against the other.
// Groups: a phase tag when the phase changes; in a navigation phase a processing tag (LPM/TAXO: plus a
// u32 reference equal to the record's own time, so its offset is 0) when the processing changes, the time
// step does not fit a u16 (negative or over 65535 s) or its low byte is '[' or '('. BLACK writes (RW) once per navigation phase, no reference.
// One file per kind and cycle, however long (NKE: one data file per sensor and cycle): the type byte once.

import type { Cts5Phase, SliceKind, SliceRecord } from "../../host/telemetry/types.js";

/** A written file and where each record's bytes are (start inclusive, end exclusive). */
export interface WrittenCts5 {
  bytes: Uint8Array;
  spans: { start: number; end: number }[];
}

const TYPE_BYTE: Record<SliceKind, number> = { lpm: 0x1b, taxo: 0x1c, black: 0x1d };
const NAVIGATION: ReadonlySet<Cts5Phase> = new Set<Cts5Phase>(["DESCENT", "DEEP_PROFILE", "ASCENT"]);

class ByteOut {
  readonly bytes: number[] = [];
  private readonly scratch = new DataView(new ArrayBuffer(4));

  uint(value: number, size: 1 | 2 | 4, what: string): void {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** (8 * size)) {
      throw new RangeError(`${what} = ${value} does not fit ${size} byte(s)`);
    }
    for (let i = 0; i < size; i++) this.bytes.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
  }

  f32(value: number): void {
    this.scratch.setFloat32(0, value, true);
    for (let i = 0; i < 4; i++) this.bytes.push(this.scratch.getUint8(i));
  }

  ascii(text: string): void {
    for (const ch of text) this.bytes.push(ch.charCodeAt(0));
  }
}

/** Writes `records` (all of `kind`) as one CTS5 file, then `padding` bytes of 0x1A; throws RangeError on unwritable values. */
export function writeCts5Reference(kind: SliceKind, records: readonly SliceRecord[], padding = 0): WrittenCts5 {
  const out = new ByteOut();
  const spans: WrittenCts5["spans"] = [];
  out.uint(TYPE_BYTE[kind], 1, "type");
  let phase: Cts5Phase | null = null;
  let processing: string | null = null;
  let previous = 0;
  for (const r of records) {
    if (r.kind !== kind) throw new RangeError(`a ${r.kind} record in a ${kind} file`);
    const nav = NAVIGATION.has(r.phase);
    if ((!nav || kind === "black") && r.processing !== "RW") throw new RangeError(`${r.processing} in ${r.phase} (${kind})`);
    if (r.phase !== phase) {
      out.ascii(`[${r.phase}]`);
      phase = r.phase;
      processing = null;
    }
    const relative = nav && kind !== "black";
    if (nav && kind === "black" && processing === null) {
      out.ascii("(RW)");
      processing = "RW";
    }
    if (relative) {
      const step = r.timeS - previous;
      // A step whose low byte is '[' (0x5B) or '(' (0x28) would start the record like a tag: new reference.
      const tagLike = step % 256 === 0x5b || step % 256 === 0x28;
      if (processing !== r.processing || step < 0 || step > 0xffff || tagLike) {
        out.ascii(`(${r.processing})`);
        out.uint(r.timeS, 4, "reference");
        processing = r.processing;
        previous = r.timeS;
      }
    }
    const start = out.bytes.length;
    if (relative) out.uint(r.timeS - previous, 2, "time step");
    else out.uint(r.timeS, 4, "time");
    previous = r.timeS;
    out.uint(Math.round((r.pressureDbar + 100) * 10), 2, "pressure code");
    out.uint(r.images, relative && r.processing === "AM" ? 2 : 1, "images");
    if (r.kind === "taxo") {
      out.uint(r.categories.length, 1, "N");
      for (const c of r.categories) {
        out.uint(c.index, 1, "class index");
        out.uint(c.objects, 1, "objects");
        out.f32(c.meanSize);
        out.uint(c.meanGrey, 1, "mean grey");
      }
    } else {
      out.uint(Math.round((r.temperatureC + 5) * 1000), 2, "temperature code");
      if (r.kind === "lpm") {
        if (r.counts.length !== 18 || r.grey.length !== 18) throw new RangeError("LPM needs 18 counts and 18 greys");
        r.counts.forEach((c) => out.f32(c));
        r.grey.forEach((g) => out.uint(g, 1, "grey"));
      } else {
        if (r.counts.length !== 5) throw new RangeError("BLACK needs 5 counts");
        r.counts.forEach((c) => out.uint(c, 2, "black count"));
      }
    }
    spans.push({ start, end: out.bytes.length });
  }
  for (let i = 0; i < padding; i++) out.bytes.push(0x1a);
  return { bytes: Uint8Array.from(out.bytes), spans };
}
