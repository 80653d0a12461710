// Feeds frames to one firmware instance and collects what the camera would send (the RS232 log)
// plus the comparison of every frame and bloc with its ground truth, when the frames carry one.

import { parseAcqConf } from "../config/acqConf.js";
import { buildConfigBlob } from "../config/configBlob.js";
import { parseHwConf, type HwConf } from "../config/hwConf.js";
import { parseTaxoConf } from "../config/taxoConf.js";
import { Firmware, FrameKind, Status, describeStatus, type BlocRecord, type Build, type Capability } from "../firmware/index.js";
import { formatRecordLine, formatTaxoLine } from "../formats/rs232Lines.js";
import { FloatTelemetry, type TelemetryPart } from "../firmware/floatTelemetry.js";
import { blocAsPrinted } from "../telemetry/rs232Blocs.js";
import type { Cts5Phase } from "../telemetry/types.js";
import type { ReplayFrame } from "./replayFrame.js";
import { TruthBlocGrouper, type TruthBloc } from "./truthBlocs.js";

/** The camera's configuration lines, verbatim. */
export interface CameraLines {
  hwConf: string;
  acqConf: string;
  taxoConf: string | null;
}

/** A firmware bloc record beside the bloc its frames' truth describes. */
export interface BlocComparison {
  record: BlocRecord;
  truth: TruthBloc | null;
  /** max over classes of |firmware - truth|, when there is a truth. */
  maxAbsDiff: number | null;
  /** Whether every class is within the overlap bound (see README: replay tolerance). */
  withinBound: boolean | null;
  /** Whether the truth bloc has the record's kind and frame count (the grouping rules agree). */
  aligned: boolean;
}

/** A frame whose firmware counts differ from its truth although none of its objects touch. */
export interface FrameMismatch {
  index: number;
  firmware: number[];
  truth: number[];
}

/** A frame the replay could not use, and why. */
export interface ReplayProblem {
  frameIndex: number;
  message: string;
}

const MAX_LISTED_MISMATCHES = 20;

/** One replay: configure once, feed frames, then finish. */
export class ReplaySession {
  readonly firmware: Firmware;
  readonly hw: HwConf;
  readonly framesPerBloc: number;
  private readonly taxoMaxSizePx: number;
  /** The RS232 log so far: configuration lines, then LPM_DATA / BLACK_DATA lines in order. */
  readonly logLines: string[];
  readonly records: BlocRecord[] = [];
  readonly blocs: BlocComparison[] = [];
  readonly problems: ReplayProblem[] = [];
  readonly frameStats = { fed: 0, lit: 0, black: 0, overexposed: 0, skipped: 0, compared: 0, matching: 0, classifiedObjects: 0, unclassifiedObjects: 0 };
  readonly mismatches: FrameMismatch[] = [];
  /** Classified objects per model class, from the firmware's TAXO records. */
  readonly taxoClassCounts: number[] = [];
  /** Objects the truth says the classifier should see (lit, not over-exposed, within the size limits, touching nothing), by shape. */
  readonly truthTaxa: Record<string, number> = {};
  private readonly grouper: TruthBlocGrouper;
  private readonly pendingTruth: TruthBloc[] = [];
  private readonly frameSize: { widthPx: number; heightPx: number } | null;
  /** The float side (slicing and telemetry encoders), when the replay was asked for telemetry. */
  readonly telemetry: FloatTelemetry | null = null;
  /** CTS5 file parts and SBD messages the float side sealed, in order. */
  readonly telemetryParts: TelemetryPart[] = [];
  private phase: Cts5Phase | null = null;

  /**
   * Configures a firmware of `build` from the camera lines, for frames of `frameSize` (null: histogram
   * frames only), with a classification `model` (uvpec binary) when given, on the `capability` build (default full).
   */
  constructor(lines: CameraLines, build: Build | "auto", frameSize: { widthPx: number; heightPx: number } | null, model?: Uint8Array, floatConfig?: Uint8Array, priorTable?: Uint8Array, capability: Capability = "full") {
    this.hw = parseHwConf(lines.hwConf);
    const acq = parseAcqConf(lines.acqConf);
    const taxo = lines.taxoConf ? parseTaxoConf(lines.taxoConf) : undefined;
    this.framesPerBloc = acq.framesPerBloc;
    this.taxoMaxSizePx = taxo?.maxSizeForClassificationPx ?? 0;
    this.frameSize = frameSize;
    this.firmware = Firmware.create(build, capability);
    const blob = buildConfigBlob(this.hw, acq, taxo, frameSize ?? {});
    const s = this.firmware.configure(blob);
    if (s !== Status.OK) throw new Error(`firmware refused the configuration: ${describeStatus(s)}`);
    if (model) {
      const m = this.firmware.loadModel(model);
      if (m !== Status.OK) throw new Error(`firmware refused the model: ${describeStatus(m)}`);
      if (!taxo || taxo.maxSizeForClassificationPx === 0) throw new Error("a model needs a TAXO_CONF with Max_size_for_classification > 0 (classification is off)");
      if (taxo.modelClassCount !== this.firmware.raw.modelClasses()) {
        throw new Error(`TAXO_CONF ${taxo.name} says ${taxo.modelClassCount} classes, the model has ${this.firmware.raw.modelClasses()}: give the model's TAXO_CONF`);
      }
    }
    if (floatConfig) {
      this.telemetry = new FloatTelemetry(this.firmware);
      if (priorTable) {
        const t = this.telemetry.setPriorTable(priorTable);
        if (t !== Status.OK) throw new Error(`firmware refused the SBD prior table: ${describeStatus(t)}`);
      }
      const f = this.telemetry.configure(floatConfig);
      if (f !== Status.OK) throw new Error(`firmware refused the float configuration: ${describeStatus(f)}`);
    }
    this.grouper = new TruthBlocGrouper(acq.framesPerBloc);
    this.logLines = [lines.hwConf, lines.acqConf, ...(lines.taxoConf ? [lines.taxoConf] : [])].map((l) => l.trim());
  }

  /** Runs one frame through the firmware; a frame it refuses, or that breaks anything, is listed in `problems` and skipped. */
  feed(frame: ReplayFrame): void {
    try {
      this.feedFrame(frame);
    } catch (err) {
      if (this.firmware.raw.isFrameOpen()) this.firmware.abortFrame();
      this.skip(frame, (err as Error).message);
    }
  }

  private feedFrame(frame: ReplayFrame): void {
    const kind = frame.kind === "black" ? FrameKind.Black : FrameKind.Lit;
    const meta = { timeS: frame.timeS, pressureDbar: frame.pressureDbar, temperatureC: frame.temperatureC };
    const fw = this.firmware;
    let status: Status;
    if (frame.pixels) {
      const { widthPx, heightPx, data } = frame.pixels;
      if (!this.frameSize || widthPx !== this.frameSize.widthPx || heightPx !== this.frameSize.heightPx) {
        return this.skip(frame, `frame is ${widthPx} x ${heightPx}, the replay is configured for ${this.frameSize ? `${this.frameSize.widthPx} x ${this.frameSize.heightPx}` : "histogram frames"}`);
      }
      status = this.retryWhenQueueFull(() => fw.beginFrame(kind, meta));
      for (let y = 0; status === Status.OK && y < heightPx; y++) status = fw.pushRow(y, data.subarray(y * widthPx, (y + 1) * widthPx));
    } else {
      status = this.retryWhenQueueFull(() => fw.beginHistogramFrame(kind, meta));
      if (status === Status.OK && frame.histogram?.overexposed) status = fw.markFrameOverexposed();
      for (const e of frame.histogram?.entries ?? []) if (status === Status.OK) status = fw.pushAreaCount(e.areaPx, e.count, e.meanGrey);
    }
    if (status !== Status.OK) {
      fw.abortFrame();
      return this.skip(frame, `firmware refused it: ${describeStatus(status)}`);
    }
    status = fw.endFrame();
    if (status !== Status.OK) return this.skip(frame, `firmware refused it: ${describeStatus(status)}`);
    if (frame.pixels) this.noteClassification(fw.classifyPendingFrame(frame.pixels.data, frame.pixels.widthPx));
    if (frame.truth && frame.kind === "lit" && !frame.truth.overexposed && fw.raw.classificationOn()) this.noteTruthTaxa(frame);
    this.frameStats.fed++;
    this.frameStats[frame.kind]++;
    const summary = fw.frameSummary();
    if (summary.overexposed) this.frameStats.overexposed++;
    if (frame.truth && !frame.truth.overexposed && !summary.overexposed && frame.truth.touchingObjects === 0) {
      this.frameStats.compared++;
      if (summary.classCounts.every((c, k) => c === frame.truth!.classCounts[k])) this.frameStats.matching++;
      else if (this.mismatches.length < MAX_LISTED_MISMATCHES) this.mismatches.push({ index: frame.index, firmware: summary.classCounts, truth: frame.truth.classCounts });
    }
    this.pendingTruth.push(...this.grouper.add(frame.index, frame.kind, frame.truth));
    // A bloc the frame completed belongs to the frame's phase: the float learns the phase before the bloc.
    if (frame.phase) this.setPhase(frame.phase, frame.index);
    this.collect();
  }

  private setPhase(phase: Cts5Phase, frameIndex: number): void {
    if (!this.telemetry || phase === this.phase) return;
    this.phase = phase;
    this.noteFloat(this.telemetry.setPhase(phase), frameIndex, "setting the float phase");
  }

  private noteFloat(status: Status, frameIndex: number, what: string): void {
    if (status !== Status.OK) this.problems.push({ frameIndex, message: `float side, ${what}: ${describeStatus(status)}` });
    if (this.telemetry) this.telemetryParts.push(...this.telemetry.takeParts());
  }

  /** Flushes the partial blocs (end of the acquisition). */
  finish(): void {
    const s = this.firmware.flushBlocs();
    if (s !== Status.OK) this.problems.push({ frameIndex: -1, message: `flushing the last blocs: ${describeStatus(s)}` });
    this.pendingTruth.push(...this.grouper.flush());
    this.collect();
    if (this.telemetry) this.noteFloat(this.telemetry.finish(), -1, "ending the cycle");
  }

  /** Counts candidates the classifier could not take (their vignette was empty or too large). */
  private noteClassification(statuses: Status[]): void {
    this.frameStats.classifiedObjects += statuses.filter((s) => s === Status.OK).length;
    this.frameStats.unclassifiedObjects += statuses.filter((s) => s !== Status.OK).length;
  }

  private noteTruthTaxa(frame: ReplayFrame): void {
    const minArea = this.firmware.raw.vignetteMinArea() >>> 0;
    const maxArea = this.taxoMaxSizePx;
    for (const o of frame.truth!.objects) {
      if (!o.touching && o.areaPx >= minArea && o.areaPx <= maxArea) this.truthTaxa[o.shape] = (this.truthTaxa[o.shape] ?? 0) + 1;
    }
  }

  private skip(frame: ReplayFrame, why: string): void {
    this.frameStats.skipped++;
    this.problems.push({ frameIndex: frame.index, message: why });
  }

  // The host takes records after every frame, so the queue only fills if something is wrong.
  private retryWhenQueueFull(begin: () => Status): Status {
    const s = begin();
    if (s !== Status.RECORD_QUEUE_FULL) return s;
    this.collect();
    return begin();
  }

  private collect(): void {
    for (const record of this.firmware.takeRecords()) {
      this.records.push(record);
      if (record.taxo) {
        this.logLines.push(formatTaxoLine(record.images, record.taxo));
        for (const t of record.taxo.flatMap((f) => f.triplets)) this.taxoClassCounts[t.classIndex] = (this.taxoClassCounts[t.classIndex] ?? 0) + 1;
      }
      this.logLines.push(formatRecordLine(record));
      if (this.telemetry) {
        // The float only sees what the camera prints: the same numbers `encode` reads from the log.
        const printed = blocAsPrinted(record);
        for (const st of this.telemetry.pushBloc(printed, printed.taxoImages)) this.noteFloat(st, -1, `bloc at ${printed.pressureDbar.toFixed(2)} dbar`);
      }
      const truth = this.pendingTruth.shift() ?? null;
      this.blocs.push(compareBloc(record, truth));
    }
  }
}

/**
 * Compares a record with its truth bloc. Bound: objects that touch merge into one, so each touching
 * object can move at most one count out of its class and the merged object adds one elsewhere; no
 * class can differ from the truth by more than the bloc's number of touching objects.
 */
export function compareBloc(record: BlocRecord, truth: TruthBloc | null): BlocComparison {
  const aligned = truth !== null && truth.frames === record.framesAccumulated && (truth.kind === "black") === (record.kind === "BLACK");
  if (!truth || !aligned || truth.framesWithoutTruth > 0 || truth.overexposed || record.overexposed) {
    return { record, truth, maxAbsDiff: null, withinBound: null, aligned };
  }
  const maxAbsDiff = Math.max(...record.counts.map((c, k) => Math.abs(c - truth.classCounts[k])));
  return { record, truth, maxAbsDiff, withinBound: maxAbsDiff <= truth.touchingObjects, aligned };
}
