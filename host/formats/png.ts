// PNG frames as the camera saves them: 8-bit greyscale. Colour PNGs whose channels are all equal
// (a grey image saved as RGB) are accepted; any real colour is refused rather than guessed at.

import { PNG } from "pngjs";
import type { GreyFrame } from "./greyFrame.js";

/** Largest frame accepted, px: the UVP6 sensor. */
const MAX_WIDTH_PX = 2464;
const MAX_HEIGHT_PX = 2056;

/** Decodes a PNG into a grey frame; throws on 16-bit or colour content, or a size beyond the sensor. */
export function decodePng(bytes: Uint8Array): GreyFrame {
  // The size comes from IHDR before anything is inflated: a 100-byte file may declare 60000 x 60000.
  if (bytes.length < 24) throw new Error(`PNG of ${bytes.length} bytes is too short to hold its header`);
  const header = new DataView(bytes.buffer, bytes.byteOffset, 24);
  const declaredW = header.getUint32(16);
  const declaredH = header.getUint32(20);
  if (declaredW > MAX_WIDTH_PX || declaredH > MAX_HEIGHT_PX) {
    throw new Error(`PNG declares ${declaredW} x ${declaredH} px, larger than the sensor (${MAX_WIDTH_PX} x ${MAX_HEIGHT_PX})`);
  }
  let png: ReturnType<typeof PNG.sync.read>;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { skipRescale: true });
  } catch (err) {
    throw new Error(`${pngFailure((err as Error).message)} (pngjs: ${(err as Error).message})`);
  }
  if (png.depth !== 8 && png.depth !== 1 && png.depth !== 2 && png.depth !== 4) {
    throw new Error(`PNG bit depth ${png.depth} is not supported: frames are 8-bit grey`);
  }
  const { width, height, data } = png; // RGBA, 8 bits per channel after decoding
  const pixels = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < pixels.length; i++, j += 4) {
    const r = data[j];
    if (data[j + 1] !== r || data[j + 2] !== r) {
      throw new Error(`PNG pixel (${i % width}, ${Math.floor(i / width)}) is coloured: frames are grey`);
    }
    if (data[j + 3] !== 255) {
      throw new Error(`PNG pixel (${i % width}, ${Math.floor(i / width)}) is transparent: frames are opaque grey`);
    }
    pixels[i] = r;
  }
  return { widthPx: width, heightPx: height, pixels };
}

/** What a pngjs error means for a camera frame, in this project's words (the library's stay in parentheses). */
function pngFailure(detail: string): string {
  if (/end of (file|stream)|finished stream|unexpected end|truncat/i.test(detail)) return "damaged PNG: the file ends before its last row of pixels (truncated)";
  if (/crc/i.test(detail)) return "damaged PNG: a chunk's checksum does not match its bytes";
  if (/signature/i.test(detail)) return "not a PNG: its 8-byte signature is wrong";
  if (/ihdr|dimension|bit ?depth|color ?type|interlace|filter/i.test(detail)) return "damaged PNG: its header (IHDR) is invalid";
  return "damaged PNG: its image data cannot be decoded";
}

/** Encodes a grey frame as an 8-bit greyscale PNG. */
export function encodePng(frame: GreyFrame): Uint8Array {
  const png = new PNG({ width: frame.widthPx, height: frame.heightPx, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  png.data = Buffer.from(frame.pixels.buffer, frame.pixels.byteOffset, frame.pixels.length);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
}
