// Replays a file through the firmware: a recorded stream (pixels) or the camera's *_data.txt
// (area histograms). Frames are read one at a time, so memory stays flat however long the file.
import { openSync, readSync, closeSync } from "node:fs";
import { readFileSync } from "node:fs";
import type { Build, Capability } from "../firmware/index.js";
import { readDataTxt } from "../formats/dataTxt.js";
import { openStream } from "../formats/stream/streamReader.js";
import type { MissionPhase, StreamProblem } from "../formats/stream/streamTypes.js";
import { buildFloatConfigBlob } from "../config/floatConfigBlob.js";
import type { ZoneTable } from "../config/profile.js";
import { priorTableBytes, type SbdPriorTable } from "../telemetry/sbd/priorTable.js";
import type { TelemetryPart } from "../firmware/floatTelemetry.js";
import type { Cts5Phase } from "../telemetry/types.js";
import { createProgress } from "./progress.js";
import { ReplaySession, type CameraLines } from "./replaySession.js";
import { summarizeReplay, type ReplaySummary } from "./replaySummary.js";

/** What a replay produced. */
export interface ReplayOutput {
  logLines: string[];
  summary: ReplaySummary;
  /** Problems in the input file itself (truncation, corrupt records, bad lines), with byte offsets. */
  inputProblems: StreamProblem[];
  /** CTS5 file parts and SBD messages, when telemetry was on. */
  telemetryParts: TelemetryPart[];
}

/** Options of a replay. */
export interface ReplayFileOptions {
  build: Build | "auto";
  /** Which build by capability (default full; lpm has no classifier and refuses a model). */
  capability?: Capability;
  /** Report progress on stderr (bar on a terminal, lines otherwise). */
  progress?: boolean;
  /** Called after every frame with the frames done and the total when known (a fleet worker forwards it to the main thread). */
  onProgress?: (done: number, total: number | undefined) => void;
  /** Image volume (L) for concentrations; default from the stream metadata or HW_CONF. */
  imageVolumeL?: number;
  /** A uvpec model to classify with, and the TAXO_CONF line that goes with it (replacing the input's). */
  model?: { bytes: Uint8Array; taxoConf: string | null };
  /** Run the float side too: slicing by the zone table and both telemetry encoders. */
  telemetry?: TelemetryOptions;
  /** Replay only the first frames (images of a *_data.txt); default all. */
  maxFrames?: number;
}

/** What the float side needs besides the stream: ids, SBD limit, and the zone table when the input has none. */
export interface TelemetryOptions {
  floatId?: number;
  cycle?: number;
  sbdMaxBytes?: number;
  /** SBD noise-bounded mode's fraction (0-1 in hundredths); 0 or absent: lossless. */
  sbdNoiseFraction?: number;
  /** Zone table; default: the stream's own (a *_data.txt has none, so it needs this). */
  zones?: ZoneTable;
  /** The float's phase for every bloc; default: each frame's own (a stream), ASCENT (a *_data.txt, which has none). */
  phase?: Cts5Phase;
  /** SBD prior table the float codes with (the profile's); none when absent. */
  priorTable?: SbdPriorTable;
}

const PHASES: Record<MissionPhase, Cts5Phase> = {
  descent: "DESCENT", park: "PARK", "deep-profile": "DEEP_PROFILE", ascent: "ASCENT", surface: "SURFACE",
};

/** The float configuration blob for a replay, or undefined when telemetry is off. */
export function floatBlob(options: Pick<ReplayFileOptions, "telemetry">, zones: ZoneTable | undefined): Uint8Array | undefined {
  const t = options.telemetry;
  if (!t) return undefined;
  const table = t.zones ?? zones;
  if (!table) throw new Error("telemetry needs a depth-zone table: this input has none, give a profile");
  return buildFloatConfigBlob(table, { wmo: t.floatId ?? 0, sbdMaxBytes: t.sbdMaxBytes ?? 340, sbdNoiseFraction: t.sbdNoiseFraction ?? 0 }, { cycle: t.cycle ?? 1 });
}

/** The prior table's bytes for the firmware, when telemetry is on and the profile has one. */
function priorBytes(options: ReplayFileOptions): Uint8Array | undefined {
  const t = options.telemetry?.priorTable;
  return t ? priorTableBytes(t) : undefined;
}

/** The camera lines with the model's TAXO_CONF in place of the input's, when a model comes with one. */
export function withModelLines(lines: CameraLines, options: Pick<ReplayFileOptions, "model">): CameraLines {
  return options.model?.taxoConf ? { ...lines, taxoConf: options.model.taxoConf } : lines;
}

/** Whether the file is the camera's text (*_data.txt): "HW_CONF" after an optional UTF-8 BOM and blanks. */
export function looksLikeDataTxt(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(4096);
    let at = 0; // file offset of buf[0]
    let n = readSync(fd, buf, 0, buf.length, 0);
    let i = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    for (;;) {
      while (i < n && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0d || buf[i] === 0x0a)) i++;
      if (i < n || n === 0) break;
      at += n;
      n = readSync(fd, buf, 0, buf.length, at);
      i = 0;
    }
    const head = Buffer.alloc(7);
    return readSync(fd, head, 0, 7, at + i) === 7 && head.toString("latin1") === "HW_CONF";
  } finally {
    closeSync(fd);
  }
}

/** Replays `path` and returns the RS232 log and the summary. */
export function replayFile(path: string, options: ReplayFileOptions): ReplayOutput {
  return looksLikeDataTxt(path) ? replayDataTxt(path, options) : replayStreamFile(path, options);
}

function replayStreamFile(path: string, options: ReplayFileOptions): ReplayOutput {
  const started = performance.now();
  const reader = openStream(path);
  const frames = reader.frames();
  const first = frames.next();
  const header = reader.header;
  if (!header) {
    throw new Error(`${path}: not a readable uvp-float stream: ${reader.problems.map((p) => `${p.message} (byte ${p.offset})`).join("; ")}`);
  }
  const firstFrame = first.done ? null : first.value;
  const session = new ReplaySession(withModelLines(header, options), options.build, firstFrame ? { widthPx: firstFrame.widthPx, heightPx: firstFrame.heightPx } : null, options.model?.bytes, floatBlob(options, header.zones), priorBytes(options), options.capability);
  const total = typeof header.metadata.frames === "number" ? header.metadata.frames : undefined;
  const progress = options.progress ? createProgress("replay", total) : null;
  let done = 0;
  const limit = options.maxFrames ?? Infinity;
  for (let f = firstFrame; f && done < limit; ) {
    session.feed({
      index: f.index, timeS: f.timeS, pressureDbar: f.pressureDbar, temperatureC: f.temperatureC, kind: f.kind,
      pixels: { widthPx: f.widthPx, heightPx: f.heightPx, data: f.pixels }, truth: f.truth, phase: options.telemetry?.phase ?? PHASES[f.phase],
    });
    done++; // not inside progress?.update(...): optional chaining would skip the increment without a progress bar
    progress?.update(done);
    options.onProgress?.(done, total);
    const next = frames.next();
    f = next.done ? null : next.value;
  }
  session.finish();
  const seconds = (performance.now() - started) / 1000;
  const volume = options.imageVolumeL ?? (typeof header.metadata.effectiveImageVolumeL === "number" ? header.metadata.effectiveImageVolumeL : session.hw.imageVolumeL);
  const summary = summarizeReplay(session, path, seconds, volume);
  progress?.finish(`${done} frames, ${summary.records.lpm} LPM and ${summary.records.black} BLACK records, ${summary.timing.framesPerSecond.toFixed(0)} frames/s`);
  return { logLines: session.logLines, summary, inputProblems: reader.problems, telemetryParts: session.telemetryParts };
}

function replayDataTxt(path: string, options: ReplayFileOptions): ReplayOutput {
  const started = performance.now();
  const parsed = readDataTxt(readFileSync(path)); // raw bytes: problem offsets are true file offsets
  if (!parsed.hwConf || !parsed.acqConf) throw new Error(`${path}: *_data.txt without its HW_CONF and ACQ_CONF header lines`);
  const session = new ReplaySession(withModelLines({ hwConf: parsed.hwConf, acqConf: parsed.acqConf, taxoConf: parsed.taxoConf }, options), options.build, null, options.model?.bytes, floatBlob(options, undefined), priorBytes(options), options.capability);
  const progress = options.progress ? createProgress("replay", parsed.images.length) : null;
  parsed.images.slice(0, options.maxFrames ?? parsed.images.length).forEach((img, index) => {
    session.feed({
      index, timeS: img.timeS, pressureDbar: img.depthDbar, temperatureC: img.temperatureC, kind: img.kind,
      histogram: { entries: img.entries, overexposed: img.overexposedPercent !== null }, phase: options.telemetry?.phase ?? "ASCENT",
    });
    progress?.update(index + 1);
    options.onProgress?.(index + 1, parsed.images.length);
  });
  session.finish();
  const seconds = (performance.now() - started) / 1000;
  const summary = summarizeReplay(session, path, seconds, options.imageVolumeL ?? session.hw.imageVolumeL);
  progress?.finish(`${parsed.images.length} images, ${summary.records.lpm} LPM and ${summary.records.black} BLACK records`);
  return { logLines: session.logLines, summary, inputProblems: parsed.problems.map((p) => ({ offset: p.offset, message: `line ${p.line}: ${p.message}` })), telemetryParts: session.telemetryParts };
}
