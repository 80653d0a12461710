// Netpbm grey maps: P5 (binary) and P2 (ASCII), maxval up to 255.

import type { GreyFrame } from "./greyFrame.js";

/** Largest frame accepted, px: the UVP6 sensor. */
const MAX_WIDTH_PX = 2464;
const MAX_HEIGHT_PX = 2056;

/** Decodes a P5 or P2 PGM with maxval <= 255 (values rescaled to 0-255 when maxval < 255). */
export function decodePgm(bytes: Uint8Array): GreyFrame {
  let pos = 2;
  const binary = bytes[1] === 0x35;
  const token = (): string => {
    for (;;) {
      while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]))) pos++;
      if (bytes[pos] === 0x23) {
        while (pos < bytes.length && bytes[pos] !== 0x0a) pos++; // comment to end of line
        continue;
      }
      break;
    }
    const start = pos;
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos]))) pos++;
    if (start === pos) throw new Error(`PGM header ends early at byte ${start}`);
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  const int = (what: string): number => {
    const t = token();
    const v = Number(t);
    if (!Number.isInteger(v) || v < 0) throw new Error(`PGM ${what} "${t}" is not a non-negative integer`);
    return v;
  };
  const widthPx = int("width");
  const heightPx = int("height");
  const maxval = int("maxval");
  if (widthPx === 0 || heightPx === 0) throw new Error("PGM has no pixels");
  // Checked before the pixels are allocated: a 20-byte header may declare 100000 x 100000.
  if (widthPx > MAX_WIDTH_PX || heightPx > MAX_HEIGHT_PX) {
    throw new Error(`PGM declares ${widthPx} x ${heightPx} px, larger than the sensor (${MAX_WIDTH_PX} x ${MAX_HEIGHT_PX})`);
  }
  if (maxval === 0 || maxval > 255) throw new Error(`PGM maxval ${maxval} is not supported: frames are 8-bit`);
  const n = widthPx * heightPx;
  const pixels = new Uint8Array(n);
  if (binary) {
    pos++; // the single whitespace after maxval
    if (bytes.length - pos < n) throw new Error(`PGM holds ${bytes.length - pos} pixel bytes, expected ${n}`);
    pixels.set(bytes.subarray(pos, pos + n));
  } else {
    for (let i = 0; i < n; i++) pixels[i] = Math.min(int(`pixel ${i}`), maxval);
  }
  if (maxval !== 255) for (let i = 0; i < n; i++) pixels[i] = Math.round((pixels[i] * 255) / maxval);
  return { widthPx, heightPx, pixels };
}

/** Encodes a grey frame as a binary P5 PGM. */
export function encodePgm(frame: GreyFrame): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${frame.widthPx} ${frame.heightPx}\n255\n`);
  const out = new Uint8Array(header.length + frame.pixels.length);
  out.set(header);
  out.set(frame.pixels, header.length);
  return out;
}
