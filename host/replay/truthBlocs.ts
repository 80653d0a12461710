// Expected bloc contents from per-frame ground truth, grouped by the bloc rule written here
// independently of the firmware: Frames_per_bloc consecutive frames of one kind; a frame of the
// other kind closes the partial bloc; the end of the stream flushes it.

import type { FrameTruth } from "../formats/stream/streamTypes.js";

/** What a bloc must hold according to the truth of its frames. */
export interface TruthBloc {
  kind: "lit" | "black";
  frames: number;
  firstFrameIndex: number;
  /** Summed placed objects per class. */
  classCounts: number[];
  /** Placed objects that touch another, summed: the most the firmware's counts can differ by. */
  touchingObjects: number;
  /** Whether any frame was drawn over-exposed (the firmware then reports zeros). */
  overexposed: boolean;
  /** Frames without truth (recorded data): the bloc then has no expectation. */
  framesWithoutTruth: number;
  /** Mean over frames of the concentration (#/L > 102 um) and slope the particles were drawn from. */
  meanConcentrationPerL: number;
  meanSlope: number;
}

/** Groups frames into blocs as they arrive; emits each bloc as it closes. */
export class TruthBlocGrouper {
  private open: TruthBloc | null = null;

  /** Creates a grouper for blocs of `framesPerBloc` frames. */
  constructor(private readonly framesPerBloc: number) {}

  /** Adds a frame (its index, kind and truth if any); returns the blocs this closes (0, 1 or 2). */
  add(index: number, kind: "lit" | "black", truth: FrameTruth | undefined): TruthBloc[] {
    const closed: TruthBloc[] = [];
    if (this.open && this.open.kind !== kind) closed.push(this.take());
    const b = (this.open ??= {
      kind, frames: 0, firstFrameIndex: index, classCounts: new Array(18).fill(0), touchingObjects: 0,
      overexposed: false, framesWithoutTruth: 0, meanConcentrationPerL: 0, meanSlope: 0,
    });
    b.frames++;
    if (truth) {
      truth.classCounts.forEach((c, k) => (b.classCounts[k] += c));
      b.touchingObjects += truth.touchingObjects;
      b.overexposed ||= truth.overexposed;
      b.meanConcentrationPerL += truth.concentrationPerL;
      b.meanSlope += truth.slope;
    } else {
      b.framesWithoutTruth++;
    }
    if (b.frames >= this.framesPerBloc) closed.push(this.take());
    return closed;
  }

  /** Closes the partial bloc at the end of the stream. */
  flush(): TruthBloc[] {
    return this.open ? [this.take()] : [];
  }

  private take(): TruthBloc {
    const b = this.open!;
    this.open = null;
    const withTruth = b.frames - b.framesWithoutTruth;
    if (withTruth > 0) {
      b.meanConcentrationPerL /= withTruth;
      b.meanSlope /= withTruth;
    }
    return b;
  }
}
