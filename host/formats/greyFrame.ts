// An 8-bit grey frame in memory, and reading one from a PNG or PGM file.

import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { decodePgm } from "./pgm.js";
import { decodePng } from "./png.js";

/** A row-major 8-bit grey frame. */
export interface GreyFrame {
  widthPx: number;
  heightPx: number;
  pixels: Uint8Array;
}

/** A frame file that cannot be read as an 8-bit grey frame. */
export class FrameFormatError extends Error {
  /** Creates the error for `file`. */
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "FrameFormatError";
  }
}

/** Reads a .png or .pgm file (by content, whatever its extension says) as a grey frame. */
export function readGreyFrame(file: string): GreyFrame {
  return decodeGreyFrame(readFileSync(file), file);
}

/** Decodes the bytes of a PNG or PGM frame named `file` (by content, whatever its extension says). */
export function decodeGreyFrame(bytes: Uint8Array, file: string): GreyFrame {
  if (bytes.length === 0) throw new FrameFormatError(file, "empty file (0 bytes): not a PNG or PGM frame");
  try {
    if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50) return decodePng(bytes);
    if (bytes.length >= 2 && bytes[0] === 0x50 && (bytes[1] === 0x35 || bytes[1] === 0x32)) return decodePgm(bytes);
  } catch (err) {
    throw new FrameFormatError(file, (err as Error).message);
  }
  throw new FrameFormatError(file, `not a PNG or PGM (P2/P5) image (extension ${extname(file) || "none"})`);
}
