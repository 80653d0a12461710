// Writes a recorded stream (streamTypes.ts): the header at creation, one record per frame, the end record at
// close. Every record is one CBOR map written at once with a synchronous write, so memory stays flat.

import { closeSync, openSync, writeSync } from "node:fs";
import type { Encoder } from "cbor-x";
import { createStreamEncoder, encodeSealedRecord } from "./streamCodec.js";
import { encodePixels } from "./streamPixels.js";
import { STREAM_FORMAT, STREAM_VERSION, type PixelEncoding, type StreamFrame, type StreamHeader } from "./streamTypes.js";

/** What a caller gives for one frame: the record's fields less the ones the writer sets, pixels raw. */
export type StreamWriterFrame = Omit<StreamFrame, "type" | "index" | "encoding" | "pixels"> & { pixels: Uint8Array };

/** Options of StreamWriter.create. */
export interface StreamWriterOptions {
  /** How pixels are stored; default "deflate" (raw deflate, level 1). */
  encoding?: PixelEncoding;
  /** Replace an existing file; default false (an existing file is an error). */
  overwrite?: boolean;
}

/** Writes one stream file, frame by frame. */
export class StreamWriter {
  private frameCount = 0;
  private byteCount = 0;
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly path: string,
    private readonly encoding: PixelEncoding,
    private readonly encoder: Encoder,
  ) {}

  /** Creates `path` (refusing to replace an existing file unless `overwrite`) and writes the header. */
  static create(path: string, header: Omit<StreamHeader, "type" | "format" | "version">, opts: StreamWriterOptions = {}): StreamWriter {
    const encoding = opts.encoding ?? "deflate";
    if (encoding !== "raw" && encoding !== "deflate") throw new Error(`unknown pixel encoding ${JSON.stringify(encoding)}`);
    let fd: number;
    try {
      fd = openSync(path, opts.overwrite ? "w" : "wx");
    } catch (err) {
      if ((err as { code?: string }).code === "EEXIST") throw new Error(`${path} already exists (pass overwrite to replace it)`);
      throw new Error(`cannot create stream ${path}: ${(err as Error).message}`);
    }
    const writer = new StreamWriter(fd, path, encoding, createStreamEncoder());
    writer.writeRecord({
      type: "header", format: STREAM_FORMAT, version: STREAM_VERSION,
      hwConf: header.hwConf, acqConf: header.acqConf, taxoConf: header.taxoConf,
      zones: { boundariesDbar: header.zones.boundariesDbar, sliceThicknessDbar: header.zones.sliceThicknessDbar, processing: header.zones.processing },
      metadata: header.metadata,
    });
    return writer;
  }

  /** Appends one frame: assigns its index (0, 1, ...) and encodes its raw width x height pixels. */
  writeFrame(frame: StreamWriterFrame): void {
    this.assertOpen();
    const { widthPx, heightPx, pixels } = frame;
    if (!Number.isSafeInteger(widthPx) || !Number.isSafeInteger(heightPx) || widthPx < 1 || heightPx < 1) {
      throw new RangeError(`frame ${this.frameCount}: size ${widthPx} x ${heightPx} is not positive integers`);
    }
    if (pixels.length !== widthPx * heightPx) {
      throw new RangeError(`frame ${this.frameCount}: ${pixels.length} pixels for ${widthPx} x ${heightPx} = ${widthPx * heightPx}`);
    }
    for (const key of ["timeS", "pressureDbar", "temperatureC"] as const) {
      if (!Number.isFinite(frame[key])) throw new RangeError(`frame ${this.frameCount}: ${key} ${frame[key]} is not finite`);
    }
    const record: Record<string, unknown> = {
      type: "frame", index: this.frameCount, timeS: frame.timeS, pressureDbar: frame.pressureDbar,
      temperatureC: frame.temperatureC, kind: frame.kind, phase: frame.phase, widthPx, heightPx,
      encoding: this.encoding, pixels: encodePixels(pixels, this.encoding),
    };
    if (frame.truth !== undefined) record.truth = frame.truth;
    this.writeRecord(record);
    this.frameCount++;
  }

  /** Writes the end record and closes the file; returns the frames and bytes written. */
  close(): { frames: number; bytes: number } {
    this.assertOpen();
    this.writeRecord({ type: "end", frames: this.frameCount });
    this.closed = true;
    closeSync(this.fd);
    return { frames: this.frameCount, bytes: this.byteCount };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`stream ${this.path} is already closed`);
  }

  private writeRecord(record: Record<string, unknown>): void {
    const bytes = encodeSealedRecord(this.encoder, record);
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
    } catch (err) {
      this.closed = true;
      closeSync(this.fd);
      throw new Error(`cannot write stream ${this.path}: ${(err as Error).message}`);
    }
    this.byteCount += bytes.length;
  }
}
