// The ground truth of a simulated replay, per bloc, lined up with the firmware's blocs of the RS232 log.
// The replay summary keeps only totals; the stream keeps every frame's truth, so the report re-reads it and
// groups frames into blocs with the replay's own rule (host/replay/truthBlocs.ts), then pairs truth bloc i
// with log bloc i. Pairing by order is what replay itself checks ("misaligned" in its summary); when the
// counts or kinds do not line up the report says so and draws no truth per depth rather than a wrong one.
import { parseAcqConf } from "../config/acqConf.js";
import type { BlocRecord } from "../firmware/records.js";
import { openStream } from "../formats/stream/streamReader.js";
import { TruthBlocGrouper, type TruthBloc } from "../replay/truthBlocs.js";
import type { TruthBlocPair } from "./reportData.js";

/** Truth paired with the lit blocs of `blocs` (log order), or null and why. */
export function readReplayTruth(streamPath: string, blocs: readonly BlocRecord[]): { pairs: TruthBlocPair[] | null; note: string } {
  let reader;
  try {
    reader = openStream(streamPath);
  } catch (err) {
    return { pairs: null, note: `${streamPath}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); no truth per depth` };
  }
  const header = reader.header;
  if (!header) return { pairs: null, note: `${streamPath}: not a readable uvp-float stream; no truth per depth` };
  let framesPerBloc: number;
  try {
    framesPerBloc = parseAcqConf(header.acqConf).framesPerBloc;
  } catch (err) {
    return { pairs: null, note: `${streamPath}: its ACQ_CONF does not parse (${(err as Error).message}); no truth per depth` };
  }
  const grouper = new TruthBlocGrouper(framesPerBloc);
  const truth: TruthBloc[] = [];
  for (const f of reader.frames()) truth.push(...grouper.add(f.index, f.kind, f.truth));
  truth.push(...grouper.flush());

  if (truth.every((t) => t.framesWithoutTruth === t.frames)) return { pairs: null, note: `${streamPath} holds no ground truth (recorded frames): firmware results only` };
  const kindOf = (b: BlocRecord) => (b.kind === "LPM" ? "lit" : "black");
  if (truth.length !== blocs.length || truth.some((t, i) => t.kind !== kindOf(blocs[i]))) {
    return { pairs: null, note: `${streamPath}: its ${truth.length} blocs do not line up with the log's ${blocs.length} (another stream, or frames the replay skipped); no truth per depth` };
  }
  const pairs: TruthBlocPair[] = [];
  blocs.forEach((b, i) => {
    const t = truth[i];
    // Over-exposed blocs carry zeros by design, and blocs with untruthed frames have nothing to compare.
    if (b.kind !== "LPM" || b.overexposed || b.images === 0 || t.overexposed || t.framesWithoutTruth > 0) return;
    pairs.push({
      pressureDbar: b.pressureDbar, images: b.images, firmwareCounts: [...b.counts], truthCounts: [...t.classCounts],
      drawnConcentrationPerL: t.meanConcentrationPerL, drawnSlope: t.meanSlope,
    });
  });
  return { pairs, note: `Truth per bloc from ${streamPath} (${pairs.length} lit blocs lined up with the log)` };
}
