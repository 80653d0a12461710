// A frame's pixels as stored in a stream: as is ("raw") or raw-deflated at level 1 ("deflate"), and back.

import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { PixelEncoding } from "./streamTypes.js";

/** Encodes row-major 8-bit pixels as `encoding` says (deflate: node:zlib deflateRawSync, level 1). */
export function encodePixels(raw: Uint8Array, encoding: PixelEncoding): Uint8Array {
  if (encoding === "raw") return raw;
  const out = deflateRawSync(raw, { level: 1 });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Decodes stored pixels into a fresh array of exactly width x height bytes, or says why it cannot. */
export function decodePixels(stored: Uint8Array, encoding: PixelEncoding, widthPx: number, heightPx: number): Uint8Array | string {
  const expected = widthPx * heightPx;
  if (encoding === "raw") {
    if (stored.length !== expected) return `raw pixels hold ${stored.length} bytes, not ${widthPx} x ${heightPx} = ${expected}`;
    return new Uint8Array(stored); // a copy: `stored` may be a view of the reader's buffer
  }
  let out: Buffer;
  try {
    out = inflateRawSync(stored, { maxOutputLength: expected + 1 });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") return `pixels inflate to more than ${widthPx} x ${heightPx} = ${expected} bytes`;
    return `pixels do not inflate: ${(err as Error).message}`;
  }
  if (out.length !== expected) return `pixels inflate to ${out.length} bytes, not ${widthPx} x ${heightPx} = ${expected}`;
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
