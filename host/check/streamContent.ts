// A digest of what a replay reads from a stream (header, and per frame its metadata and decoded pixels),
// independent of how the pixels were compressed. Node's bundled zlib may deflate the same pixels to other
// bytes on another Node version or CPU, so a regenerated stream can differ in its file sha256 while
// holding the very same frames; this digest tells the two cases apart.
import { createHash } from "node:crypto";
import { openStream } from "../formats/stream/streamReader.js";

/** Hex SHA-256 of the header (camera lines, zones, metadata) and of every frame's fields and raw pixels, in order. */
export function streamContentSha256(path: string): string {
  const reader = openStream(path);
  const hash = createHash("sha256");
  const h = reader.header;
  hash.update(JSON.stringify(h ? [h.hwConf, h.acqConf, h.taxoConf, h.zones, h.metadata] : null));
  for (const f of reader.frames()) {
    hash.update(JSON.stringify([f.index, f.timeS, f.pressureDbar, f.temperatureC, f.kind, f.phase, f.widthPx, f.heightPx, f.pixels.length]));
    hash.update(f.pixels);
  }
  return hash.digest("hex");
}
