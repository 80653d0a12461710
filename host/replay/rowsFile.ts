// The rows file: a recorded stream or a *_data.txt laid out flat for a C host (targets/c/), which replays it
// through the wasm2c translation of the firmware and must write the bytes `uvp-float replay` writes. It holds
// what the Node replay derives before the first frame (the RS232 header lines, the camera configuration blob,
// the model, the SBD prior table, the float configuration blob and the float's ids), then each frame as the
// replay feeds it, with the float phase the replay gives it.
//
// Layout, little-endian, no padding (targets/c/README.md repeats it):
//   "UVPROWS2"                      8-byte magic
//   u32 floatId, u32 cycle, u32 pattern      name the telemetry files
//   u16 widthPx, u16 heightPx       frame size the firmware is configured for (0 x 0: histogram frames only)
//   4 ASCII bytes serialHex         the float's serial (the xxxx of the CTS5 file names), lower case
//   5 x (u32 n, n bytes)            RS232 header lines joined by "\n"; camera config blob; model (n = 0: none);
//                                   SBD prior table (n = 0: none); float config blob (n = 0: telemetry off)
//   then per frame: u8 tag ('F' pixels, 'H' area histogram, 'E' end of file), and for F and H:
//     u8 kind (0 lit, 1 black), u8 phase (CTS5 code 0-5 the float is told after the frame, 255 none), u8 flags (bit 0: marked over-exposed)
//     f64 timeS, f64 pressureDbar, f64 temperatureC
//     F: u16 widthPx, u16 heightPx, then widthPx x heightPx grey bytes, row-major
//     H: u32 entries, then per entry u32 areaPx, u32 count, f64 meanGrey
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { parseAcqConf } from "../config/acqConf.js";
import { buildConfigBlob } from "../config/configBlob.js";
import { parseHwConf } from "../config/hwConf.js";
import { DEFAULT_FLOAT_SERIAL } from "../config/profile.js";
import { parseTaxoConf } from "../config/taxoConf.js";
import { readDataTxt } from "../formats/dataTxt.js";
import { openStream } from "../formats/stream/streamReader.js";
import type { MissionPhase } from "../formats/stream/streamTypes.js";
import { priorTableBytes } from "../telemetry/sbd/priorTable.js";
import { CTS5_PHASES, type Cts5Phase } from "../telemetry/types.js";
import { floatBlob, looksLikeDataTxt, withModelLines, type ReplayFileOptions } from "./replayFile.js";
import type { CameraLines } from "./replaySession.js";

/** Magic of a rows file. */
export const ROWS_MAGIC = "UVPROWS2";
const NO_PHASE = 255;
const PHASES: Record<MissionPhase, Cts5Phase> = {
  descent: "DESCENT", park: "PARK", "deep-profile": "DEEP_PROFILE", ascent: "ASCENT", surface: "SURFACE",
};

/** What a rows file is written with: the replay's own options, the CTS5 mission pattern and the float's serial. */
export interface RowsFileOptions extends Omit<ReplayFileOptions, "build" | "capability" | "progress" | "onProgress" | "imageVolumeL"> {
  pattern?: number;
  /** The float's serial in 4 hex digits (CTS5 file names); default DEFAULT_FLOAT_SERIAL, as `replay` names them. */
  serialHex?: string;
}

/** Appends little-endian fields to a file through one small buffer. */
class FieldWriter {
  private readonly buf = Buffer.alloc(64);
  constructor(private readonly fd: number) {}
  bytes(b: Uint8Array): void { writeSync(this.fd, b); }
  head(fill: (b: Buffer) => number): void { this.bytes(this.buf.subarray(0, fill(this.buf))); }
  block(b: Uint8Array | undefined): void {
    this.head((x) => x.writeUInt32LE(b?.length ?? 0, 0));
    if (b && b.length > 0) this.bytes(b);
  }
  frameHead(tag: string, kind: "lit" | "black", phase: Cts5Phase | null, overexposed: boolean, timeS: number, pressureDbar: number, temperatureC: number): void {
    this.head((x) => {
      x.write(tag, 0, "latin1");
      x.writeUInt8(kind === "black" ? 1 : 0, 1);
      x.writeUInt8(phase === null ? NO_PHASE : CTS5_PHASES.indexOf(phase), 2);
      x.writeUInt8(overexposed ? 1 : 0, 3);
      x.writeDoubleLE(timeS, 4);
      x.writeDoubleLE(pressureDbar, 12);
      x.writeDoubleLE(temperatureC, 20);
      return 28;
    });
  }
}

function writeHeader(w: FieldWriter, lines: CameraLines, frameSize: { widthPx: number; heightPx: number } | null, options: RowsFileOptions, zones: Parameters<typeof floatBlob>[1]): void {
  const hw = parseHwConf(lines.hwConf);
  const taxo = lines.taxoConf ? parseTaxoConf(lines.taxoConf) : undefined;
  const config = buildConfigBlob(hw, parseAcqConf(lines.acqConf), taxo, frameSize ?? {});
  const logHeader = [lines.hwConf, lines.acqConf, ...(lines.taxoConf ? [lines.taxoConf] : [])].map((l) => l.trim()).join("\n");
  const t = options.telemetry;
  const serial = (options.serialHex ?? DEFAULT_FLOAT_SERIAL).toLowerCase();
  if (!/^[0-9a-f]{4}$/.test(serial)) throw new RangeError(`float serial "${serial}" is not 4 hex digits`);
  w.bytes(Buffer.from(ROWS_MAGIC, "latin1"));
  w.head((x) => {
    x.writeUInt32LE(t?.floatId ?? 0, 0);
    x.writeUInt32LE(t?.cycle ?? 1, 4);
    x.writeUInt32LE(options.pattern ?? 1, 8);
    x.writeUInt16LE(frameSize?.widthPx ?? 0, 12);
    x.writeUInt16LE(frameSize?.heightPx ?? 0, 14);
    x.write(serial, 16, "latin1");
    return 20;
  });
  w.block(Buffer.from(logHeader, "utf8"));
  w.block(config);
  w.block(options.model?.bytes);
  const float = floatBlob(options, zones);
  // The Node replay puts the table in force only with the float side on (ReplaySession), before configuring it.
  w.block(float && t?.priorTable ? priorTableBytes(t.priorTable) : undefined);
  w.block(float);
}

/** Writes `input` (a recorded stream or a *_data.txt) as a rows file at `out`; returns the frames written. */
export function writeRowsFile(input: string, out: string, options: RowsFileOptions = {}): number {
  const fd = openSync(out, "w");
  try {
    const w = new FieldWriter(fd);
    const limit = options.maxFrames ?? Infinity;
    let n = 0;
    if (looksLikeDataTxt(input)) {
      const parsed = readDataTxt(readFileSync(input));
      if (!parsed.hwConf || !parsed.acqConf) throw new Error(`${input}: *_data.txt without its HW_CONF and ACQ_CONF header lines`);
      writeHeader(w, withModelLines({ hwConf: parsed.hwConf, acqConf: parsed.acqConf, taxoConf: parsed.taxoConf }, options), null, options, undefined);
      for (const img of parsed.images.slice(0, limit)) {
        w.frameHead("H", img.kind, options.telemetry?.phase ?? "ASCENT", img.overexposedPercent !== null, img.timeS, img.depthDbar, img.temperatureC);
        w.head((x) => x.writeUInt32LE(img.entries.length, 0));
        for (const e of img.entries) w.head((x) => { x.writeUInt32LE(e.areaPx, 0); x.writeUInt32LE(e.count, 4); return x.writeDoubleLE(e.meanGrey, 8); });
        n++;
      }
    } else {
      const reader = openStream(input);
      const frames = reader.frames();
      const first = frames.next();
      if (!reader.header) throw new Error(`${input}: not a readable uvp-float stream`);
      const f0 = first.done ? null : first.value;
      writeHeader(w, withModelLines(reader.header, options), f0 ? { widthPx: f0.widthPx, heightPx: f0.heightPx } : null, options, reader.header.zones);
      for (let f = f0; f && n < limit; n++) {
        w.frameHead("F", f.kind, options.telemetry?.phase ?? PHASES[f.phase], false, f.timeS, f.pressureDbar, f.temperatureC);
        const size = f;
        w.head((x) => { x.writeUInt16LE(size.widthPx, 0); return x.writeUInt16LE(size.heightPx, 2); });
        w.bytes(f.pixels);
        const next = frames.next();
        f = next.done ? null : next.value;
      }
    }
    w.head((x) => x.write("E", 0, "latin1"));
    return n;
  } finally {
    closeSync(fd);
  }
}
