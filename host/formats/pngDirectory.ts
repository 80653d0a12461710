// Imports a directory of camera PNGs (named by time, YYYYMMDD-HHMMSS[-mmm].png) and a pressure CSV into a
// recorded stream, frames in time order. Each image gets its pressure (and temperature, kind, phase) from
// the CSV by the rule in pressureCsv.ts. Images that match no row, cannot be decoded or differ in size from
// the first good frame are reported by file name and left out; nothing about the images is thrown.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { cameraTimeSFromName } from "./cameraTime.js";
import { decodePng } from "./png.js";
import { PressureMatcher, readPressureCsv, DEFAULT_MAX_GAP_S, type PressureMatch } from "./pressureCsv.js";
import { StreamWriter } from "./stream/streamWriter.js";
import type { MissionPhase, PixelEncoding, StreamHeader } from "./stream/streamTypes.js";

/** Options of importPngDirectory. */
export interface PngImportOptions {
  /** Pixel encoding of the stream; default "deflate". */
  encoding?: PixelEncoding;
  /** Replace `out` if it exists; default false. */
  overwrite?: boolean;
  /** Widest gap (s) between CSV rows across which pressure is interpolated; default 30. */
  maxGapS?: number;
  /** Kind when the CSV has no kind for an image; default "lit". */
  kind?: "lit" | "black";
  /** Phase when the CSV has no phase for an image; default "ascent". */
  phase?: MissionPhase;
  /** Temperature (deg C) when the CSV has none for an image; default 20. */
  temperatureC?: number;
}

/** Something left out of the import: the file (PNG, or CSV with its line) and why. */
export interface PngImportProblem {
  file: string;
  message: string;
}

/** What an import wrote. */
export interface PngImportResult {
  frames: number;
  bytes: number;
  problems: PngImportProblem[];
}

/** Writes `out` (a stream) from the PNGs in `dir` and the pressure CSV file `pressuresCsv`; throws only on I/O errors. */
export function importPngDirectory(
  dir: string,
  pressuresCsv: string,
  header: Omit<StreamHeader, "type" | "format" | "version">,
  out: string,
  opts: PngImportOptions = {},
): PngImportResult {
  const frames = pngImportFrames(dir, pressuresCsv, header, out, opts);
  for (;;) {
    const next = frames.next();
    if (next.done) return next.value;
  }
}

/** importPngDirectory one frame at a time: yields after each PNG (the frames matched so far, and how many there are), so a caller may pause. */
export function* pngImportFrames(
  dir: string,
  pressuresCsv: string,
  header: Omit<StreamHeader, "type" | "format" | "version">,
  out: string,
  opts: PngImportOptions = {},
): Generator<{ done: number; total: number }, PngImportResult> {
  const problems: PngImportProblem[] = [];
  let csvText: string;
  try {
    csvText = readFileSync(pressuresCsv, "utf8");
  } catch (err) {
    throw new Error(`cannot read pressure CSV ${pressuresCsv}: ${(err as Error).message}`);
  }
  const table = readPressureCsv(csvText);
  const csvName = basename(pressuresCsv);
  for (const p of table.problems) problems.push({ file: `${csvName} line ${p.line}`, message: p.message });
  const matcher = new PressureMatcher(table, opts.maxGapS ?? DEFAULT_MAX_GAP_S);

  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.png$/i.test(n));
  } catch (err) {
    throw new Error(`cannot list PNG directory ${dir}: ${(err as Error).message}`);
  }
  const matched: Array<{ name: string; match: PressureMatch }> = [];
  for (const name of names) {
    // A directory, device or FIFO named *.png is said, not read (a device would be read without end).
    if (!isRegularFile(join(dir, name))) {
      problems.push({ file: name, message: "not a regular file (a directory, device or FIFO): left out" });
      continue;
    }
    const match = matcher.match(name, cameraTimeSFromName(name));
    if (typeof match === "string") problems.push({ file: name, message: `no pressure: ${match}` });
    else matched.push({ name, match });
  }
  matched.sort((a, b) => a.match.timeS - b.match.timeS || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const writer = StreamWriter.create(out, header, { encoding: opts.encoding, overwrite: opts.overwrite });
  let size: { widthPx: number; heightPx: number } | null = null;
  for (const [i, { name, match }] of matched.entries()) {
    if (i > 0) yield { done: i, total: matched.length };
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(dir, name));
    } catch (err) {
      problems.push({ file: name, message: `unreadable: ${(err as Error).message}` });
      continue;
    }
    let frame;
    try {
      frame = decodePng(bytes);
    } catch (err) {
      problems.push({ file: name, message: `not a usable PNG: ${(err as Error).message}` });
      continue;
    }
    size ??= { widthPx: frame.widthPx, heightPx: frame.heightPx };
    if (frame.widthPx !== size.widthPx || frame.heightPx !== size.heightPx) {
      problems.push({ file: name, message: `frame is ${frame.widthPx} x ${frame.heightPx}, not ${size.widthPx} x ${size.heightPx} like the first one` });
      continue;
    }
    writer.writeFrame({
      timeS: match.timeS, pressureDbar: match.pressureDbar, temperatureC: match.temperatureC ?? opts.temperatureC ?? 20,
      kind: match.kind ?? opts.kind ?? "lit", phase: match.phase ?? opts.phase ?? "ascent",
      widthPx: frame.widthPx, heightPx: frame.heightPx, pixels: frame.pixels,
    });
  }
  const { frames, bytes } = writer.close();
  return { frames, bytes, problems };
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
