// The black-frame schedule (ACQ_CONF Interval_for_measuring_background_noise).
//
// Rule: frames are grouped into blocs of Frames_per_bloc consecutive frames. Blocs restart with every
// acquisition (a camera-on phase, or one park sample): a bloc still partly filled when an acquisition ends
// is closed there, as the firmware's flushBlocs() does, and counts as a whole bloc. The count of lit blocs
// since the last black bloc runs over the whole mission: when it reaches blackIntervalBlocs, the next bloc
// is a black bloc (Frames_per_bloc frames without the flash, only sensor noise), after which the count
// restarts. blackIntervalBlocs = 0 means no black frames at all.

/** Kind of a frame: lit (flash on) or black (flash off, sensor noise only). */
export type FrameKind = "lit" | "black";

/** Decides frame by frame whether it is lit or black (see the rule at the top of blocSchedule.ts). */
export class BlocSchedule {
  private litBlocsSinceBlack = 0;
  private framesInBloc = 0;
  private blocKind: FrameKind = "lit";

  /** Schedule for blocs of framesPerBloc frames with a black bloc after every blackIntervalBlocs lit blocs. */
  constructor(
    readonly framesPerBloc: number,
    readonly blackIntervalBlocs: number,
  ) {
    if (!Number.isInteger(framesPerBloc) || framesPerBloc < 1) throw new RangeError(`framesPerBloc must be a positive integer, got ${framesPerBloc}`);
    if (!Number.isInteger(blackIntervalBlocs) || blackIntervalBlocs < 0) {
      throw new RangeError(`blackIntervalBlocs must be a non-negative integer, got ${blackIntervalBlocs}`);
    }
  }

  /** Starts a new acquisition: closes a partly filled bloc. */
  startAcquisition(): void {
    if (this.framesInBloc > 0) this.closeBloc();
  }

  /** Kind of the next frame. */
  next(): FrameKind {
    if (this.framesInBloc === 0) {
      this.blocKind = this.blackIntervalBlocs > 0 && this.litBlocsSinceBlack >= this.blackIntervalBlocs ? "black" : "lit";
    }
    const kind = this.blocKind;
    if (++this.framesInBloc === this.framesPerBloc) this.closeBloc();
    return kind;
  }

  private closeBloc(): void {
    if (this.blocKind === "black") this.litBlocsSinceBlack = 0;
    else this.litBlocsSinceBlack++;
    this.framesInBloc = 0;
  }
}
