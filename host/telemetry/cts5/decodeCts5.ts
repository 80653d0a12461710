// Decodes one NKE CTS5 UVP6 file (LPMv2, TAXOv2 or BLACKv2; layout in cts5Layout.ts) into slice records.
// Bytes from the air may be cut or damaged, so this never throws: what is wrong becomes a DecodeProblem with
// the file name and byte offset, and decoding goes on. Rules:
// - a tag is recognised only at a record boundary, and only when its full text matches (a record may start
//   with '[' or '(' by chance); a well-formed tag that is no UVP tag (shape in cts5Tags.ts) is "unknown";
// - when the layout of what follows is unknown (data before any phase tag, an unknown tag, a relative time
//   with no reference, a TAXO N above 40) the decoder scans forward byte by byte to the next tag that fixes
//   the layout again (a phase tag; in a navigation phase also a processing tag), and reports the bytes skipped;
// - a TAXO class index above 39 drops that record only: its length is known, so the next one is still aligned;
// - once the file has shown damage (a problem was reported), a phase tag inside what should be one record means
//   bytes were lost or added before it: the decoder reports it and goes on at the tag. Never before: in an
//   undamaged file record bytes may spell a tag (greys 91 80 65 82 75 93 read "[PARK]"), and the file must
//   decode exactly;
// - a record or tag cut by the end of the bytes: reported with its start offset and the bytes missing;
// - padding: at a record boundary, when every remaining byte is 0x1A, the rest is padding. Only a record made
//   of nothing but 0x1A bytes could be mistaken for it, and such a record is never real (its absolute time
//   would be 1983-11-17, its float32 counts or sizes 3.2e-23). A record that merely ENDS with 0x1A bytes
//   starts at a boundary where the rest is not all 0x1A, so it is decoded (decArgo strips trailing 0x1A
//   blindly and would lose it). A truncated record whose surviving bytes are all 0x1A is, by the same rule,
//   taken for padding. More than 1023 padding bytes is reported as a note.

import type { Cts5Phase, DecodeProblem, Processing, SliceKind, SliceRecord, SliceRecordBase, TaxoCategory } from "../types.js";
import {
  CTS5_BLACK_CLASSES,
  CTS5_LPM_CLASSES,
  CTS5_MAX_PADDING,
  CTS5_OTHER_PROCESSING_TAGS,
  CTS5_PADDING_BYTE,
  CTS5_PHASE_TAG_OPEN,
  CTS5_PHASE_TAGS,
  CTS5_PROCESSING_TAG_BYTES,
  CTS5_PROCESSING_TAG_OPEN,
  CTS5_PROCESSING_TAGS,
  CTS5_TAXO_CATEGORY_BYTES,
  CTS5_TAXO_MAX_CATEGORIES,
  CTS5_TAXO_MAX_CLASS_INDEX,
  CTS5_TYPE_V1,
  cts5ImagesBytes,
  cts5KindOfTypeByte,
  cts5RecordHeadBytes,
  cts5TimeBytes,
  decodePressureCode,
  decodeTemperatureCode,
  hasTimeReference,
  isNavigationPhase,
} from "./cts5Layout.js";
import { implausibleRecords } from "../plausibility.js";
import { cutTagAt, findTag, phaseTagAt, processingTagAt, unknownTagAt } from "./cts5Tags.js";

/** What one CTS5 file holds: its kind (null when the first byte names none), its records, what was wrong. */
export interface Cts5DecodeResult {
  kind: SliceKind | null;
  records: SliceRecord[];
  problems: DecodeProblem[];
}

type RecordBase = Omit<SliceRecordBase, "kind">;

const hex2 = (b: number) => `0x${b.toString(16).padStart(2, "0")}`;

/** Decodes the bytes of one CTS5 file named `source`; never throws. */
export function decodeCts5File(bytes: Uint8Array, source: string): Cts5DecodeResult {
  const problems: DecodeProblem[] = [];
  const report = (offset: number, message: string) => problems.push({ source, offset, message });
  if (bytes.length === 0) {
    report(0, "empty file");
    return { kind: null, records: [], problems };
  }
  const kind = cts5KindOfTypeByte(bytes[0]);
  if (kind === null) {
    const v1 = (CTS5_TYPE_V1 as readonly number[]).includes(bytes[0]);
    report(0, v1
      ? `first byte ${hex2(bytes[0])}: LPM v1 / BLACK v1 not supported`
      : `unknown first byte ${hex2(bytes[0])} (expected 0x1b LPMv2, 0x1c TAXOv2 or 0x1d BLACKv2)`);
    return { kind: null, records: [], problems };
  }
  const reader = new Cts5Reader(bytes, kind, report);
  const records = reader.run();
  // Values no float sends, though their bytes decoded cleanly: reported, the records kept as decoded.
  problems.push(...implausibleRecords(records.map((record, i) => ({ record, source, offset: reader.offsets[i] }))));
  return { kind, records, problems };
}

class Cts5Reader {
  // Set by the first problem: from then on bytes may have been lost or added (see runsIntoTag).
  private damaged = false;

  private readonly view: DataView;
  private readonly len: number;
  /** Start of the trailing run of 0x1A bytes (len when there is none). */
  private readonly padStart: number;
  private readonly records: SliceRecord[] = [];
  /** Byte offset where each of `records` starts. */
  readonly offsets: number[] = [];
  private phase: Cts5Phase | null = null;
  private phaseTagOffset = 0;
  /** Null in a navigation phase whose processing tag is missing or unusable: records cannot be laid out. */
  private processing: Processing | null = null;
  /** Time the next relative record counts from (LPM/TAXO navigation phases). */
  private prevTime = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly kind: SliceKind,
    private readonly reportTo: (offset: number, message: string) => void,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.len = bytes.length;
    let p = this.len;
    while (p > 1 && bytes[p - 1] === CTS5_PADDING_BYTE) p--;
    this.padStart = p;
  }

  run(): SliceRecord[] {
    let pos = 1;
    while (pos < this.len) {
      if (pos >= this.padStart) {
        const n = this.len - pos;
        if (n > CTS5_MAX_PADDING) {
          this.report(pos, `note: ${n} bytes of 0x1A padding, more than the ${CTS5_MAX_PADDING} the float writes`);
        }
        break;
      }
      pos = this.step(pos);
    }
    return this.records;
  }

  private step(pos: number): number {
    const b = this.bytes;
    if (b[pos] !== CTS5_PHASE_TAG_OPEN && b[pos] !== CTS5_PROCESSING_TAG_OPEN) return this.record(pos);
    const phase = phaseTagAt(b, pos);
    if (phase !== null) return this.enterPhase(phase, pos);
    const processing = processingTagAt(b, pos);
    if (processing !== null) return this.enterProcessing(processing, pos);
    const unknown = unknownTagAt(b, pos);
    if (unknown !== null) {
      const other = (CTS5_OTHER_PROCESSING_TAGS as readonly string[]).includes(unknown);
      if (b[pos] === CTS5_PHASE_TAG_OPEN) this.phase = null;
      else if (this.phase !== null && isNavigationPhase(this.phase)) this.processing = null;
      return this.skip(pos + 1, pos, other ? `processing tag ${unknown} is not used in UVP files` : `unknown tag text ${unknown}`);
    }
    const cut = cutTagAt(b, pos);
    if (cut !== null) {
      this.report(pos, `data ends inside the tag ${cut}: ${cut.length - (this.len - pos)} bytes missing`);
      return this.len;
    }
    return this.record(pos);
  }

  private report(offset: number, message: string): void {
    if (!message.startsWith("note:")) this.damaged = true;
    this.reportTo(offset, message);
  }

  /** Scans from `from` to the next tag that fixes the layout again, reporting what was skipped from `at`. */
  private skip(from: number, at: number, reason: string): number {
    const q = findTag(this.bytes, from, this.padStart, this.phase !== null && isNavigationPhase(this.phase));
    const where = q < this.padStart ? `the next tag at offset ${q}` : "the end of the data";
    this.report(at, `${reason}; ${q - at} bytes skipped to ${where}`);
    return q;
  }

  /**
   * A phase tag inside what should be one record (or a time reference) means bytes were lost or added before
   * it. Only phase tags count: at 6-14 bytes they do not occur by chance in record bytes, whereas a 4-byte
   * processing tag could (four greys 40 65 77 41 read "(AM)").
   */
  private runsIntoTag(pos: number, end: number, what: string): number {
    if (!this.damaged) return -1;
    const stop = Math.min(end, this.padStart);
    const q = findTag(this.bytes, pos + 1, stop, false);
    if (q >= stop) return -1;
    const tag = CTS5_PHASE_TAGS[phaseTagAt(this.bytes, q)!]; // findTag stopped there: a phase tag starts at q
    this.report(pos, `${what} at offset ${pos} runs into the tag ${tag} at offset ${q} (bytes lost or added); ${q - pos} bytes skipped`);
    return q;
  }

  private enterPhase(phase: Cts5Phase, pos: number): number {
    this.phase = phase;
    this.phaseTagOffset = pos;
    const next = pos + CTS5_PHASE_TAGS[phase].length;
    if (!isNavigationPhase(phase)) {
      this.processing = "RW";
      return next;
    }
    const processing = processingTagAt(this.bytes, next);
    if (processing !== null) return this.enterProcessing(processing, next);
    // BLACK records carry their own absolute time and fixed layout, so they stay readable without the tag.
    this.processing = this.kind === "black" ? "RW" : null;
    if (cutTagAt(this.bytes, next) !== null) return next; // the data ends inside the processing tag: said there
    const then = this.kind === "black" ? ": records read as (RW)" : "";
    this.report(pos, `phase tag ${CTS5_PHASE_TAGS[phase]} not followed by a processing tag${then}`);
    return next;
  }

  private enterProcessing(processing: Processing, pos: number): number {
    const tag = CTS5_PROCESSING_TAGS[processing];
    const next = pos + CTS5_PROCESSING_TAG_BYTES;
    if (this.phase === null) return this.skip(next, pos, `processing tag ${tag} before any phase tag`);
    if (!isNavigationPhase(this.phase)) {
      this.report(pos, `processing tag ${tag} in ${CTS5_PHASE_TAGS[this.phase]}, whose records are always raw: ignored`);
      return next;
    }
    if (!hasTimeReference(this.kind)) {
      if (processing !== "RW") this.report(pos, `processing tag ${tag} in a BLACK file (only (RW) is used): records read as (RW)`);
      this.processing = "RW";
      return next;
    }
    const into = this.runsIntoTag(pos, next + 4, `processing tag ${tag}`);
    if (into >= 0) return into;
    if (next + 4 > this.len) {
      this.report(pos, `time reference after ${tag} truncated: ${next + 4 - this.len} bytes missing`);
      return this.len;
    }
    this.processing = processing;
    this.prevTime = this.view.getUint32(next, true);
    return next + 4;
  }

  private record(pos: number): number {
    const phase = this.phase;
    if (phase === null) return this.skip(pos, pos, "data before any phase tag");
    const processing = this.processing;
    if (processing === null) {
      return this.skip(pos, pos, `relative time with no reference (no processing tag after ${CTS5_PHASE_TAGS[phase]} at offset ${this.phaseTagOffset})`);
    }
    const kind = this.kind;
    const head = cts5RecordHeadBytes(kind, phase, processing);
    const into = this.runsIntoTag(pos, pos + head, "record");
    if (into >= 0) return into;
    if (pos + head > this.len) return this.truncated(pos, pos + head - this.len, kind === "taxo");
    const v = this.view;
    let p = pos;
    let timeS: number;
    if (cts5TimeBytes(kind, phase) === 2) {
      timeS = this.prevTime + v.getUint16(p, true);
      p += 2;
    } else {
      timeS = v.getUint32(p, true);
      p += 4;
    }
    const pressureDbar = decodePressureCode(v.getUint16(p, true));
    p += 2;
    const wideImages = cts5ImagesBytes(kind, phase, processing) === 2;
    const images = wideImages ? v.getUint16(p, true) : v.getUint8(p);
    p += wideImages ? 2 : 1;
    const base = { phase, processing, timeS, pressureDbar, images };
    if (kind === "taxo") return this.taxo(pos, p, base);
    if (hasTimeReference(kind)) this.prevTime = timeS;
    const temperatureC = decodeTemperatureCode(v.getUint16(p, true));
    p += 2;
    if (kind === "black") {
      const counts = Array.from({ length: CTS5_BLACK_CLASSES }, (_, i) => v.getUint16(p + 2 * i, true));
      this.records.push({ kind, ...base, temperatureC, counts });
      this.offsets.push(pos);
      return p + 2 * CTS5_BLACK_CLASSES;
    }
    const counts = Array.from({ length: CTS5_LPM_CLASSES }, (_, i) => v.getFloat32(p + 4 * i, true));
    p += 4 * CTS5_LPM_CLASSES;
    const grey = Array.from(this.bytes.subarray(p, p + CTS5_LPM_CLASSES));
    this.records.push({ kind: "lpm", ...base, temperatureC, counts, grey });
    this.offsets.push(pos);
    return p + CTS5_LPM_CLASSES;
  }

  private taxo(pos: number, p: number, base: RecordBase): number {
    const n = this.bytes[p++];
    if (n > CTS5_TAXO_MAX_CATEGORIES) {
      return this.skip(pos + 1, pos, `TAXO record with N = ${n} categories (at most ${CTS5_TAXO_MAX_CATEGORIES})`);
    }
    const end = p + n * CTS5_TAXO_CATEGORY_BYTES;
    const into = this.runsIntoTag(pos, end, "record");
    if (into >= 0) return into;
    if (end > this.len) return this.truncated(pos, end - this.len, false);
    this.prevTime = base.timeS;
    const categories: TaxoCategory[] = [];
    let bad = -1;
    for (let k = 0; k < n; k++, p += CTS5_TAXO_CATEGORY_BYTES) {
      const index = this.bytes[p];
      if (index > CTS5_TAXO_MAX_CLASS_INDEX && bad < 0) bad = k;
      categories.push({ index, objects: this.bytes[p + 1], meanSize: this.view.getFloat32(p + 2, true), meanGrey: this.bytes[p + 6] });
    }
    if (bad >= 0) {
      const at = `category ${bad + 1} (offset ${end - (n - bad) * CTS5_TAXO_CATEGORY_BYTES})`;
      this.report(pos, `TAXO ${at} has class index ${categories[bad].index} (at most ${CTS5_TAXO_MAX_CLASS_INDEX}): record dropped`);
    } else {
      this.records.push({ kind: "taxo", ...base, categories });
      this.offsets.push(pos);
    }
    return end;
  }

  private truncated(pos: number, missing: number, atLeast: boolean): number {
    this.report(pos, `truncated record: ${atLeast ? "at least " : ""}${missing} bytes missing`);
    return this.len;
  }
}
