// The JSON summary of a replay: what went in, what came out, and how it compares with the truth.
import { concentrationPerL, effectiveClassEdgesUm, fitSlopeMaxLikelihood } from "../science/sizeSpectrum.js";
import type { ReplaySession } from "./replaySession.js";

/** What `uvp-float replay` writes beside the RS232 log. */
export interface ReplaySummary {
  source: string;
  build: string;
  frames: ReplaySession["frameStats"];
  records: { lpm: number; black: number; overexposedBlocs: number };
  /** Frames with truth and no touching objects: firmware class counts equal to the truth on how many. */
  perFrame: { compared: number; matching: number; mismatches: ReplaySession["mismatches"] };
  /** Blocs with truth: every class within the overlap bound (|firmware - truth| <= touching objects)? */
  perBloc: { compared: number; withinBound: number; misaligned: number; maxAbsDiff: number; worst: Array<{ record: number; pressureDbar: number; maxAbsDiff: number; touchingObjects: number }> };
  /** Slope b (n ~ d^-b, 102-2050 um, maximum likelihood on the classes' effective ESD edges) of all lit blocs summed, from the firmware and as simulated. */
  spectrum: { firmwareSlope: number; truthMeanSlope: number | null; concentrationAbove102PerL: number; images: number };
  /** With a model: classified objects per class, and the objects the truth says were classifiable, by shape. */
  taxo: { classCounts: number[]; truthByShape: Record<string, number> } | null;
  /** False when the firmware disagrees with a truth it must match (a frame without touching objects, or a bloc past the overlap bound). */
  agreesWithTruth: boolean;
  problems: ReplaySession["problems"];
  timing: { seconds: number; framesPerSecond: number };
}

/** Builds the summary of a finished session. */
export function summarizeReplay(session: ReplaySession, source: string, seconds: number, volumeL: number): ReplaySummary {
  const lit = session.records.filter((r) => r.kind === "LPM" && !r.overexposed);
  const counts = new Array(18).fill(0);
  let images = 0;
  for (const r of lit) {
    r.counts.forEach((c, k) => (counts[k] += c));
    images += r.images;
  }
  let slopeSum = 0;
  let slopeFrames = 0;
  for (const b of session.blocs) {
    if (b.truth && b.truth.kind === "lit" && b.truth.framesWithoutTruth === 0 && !b.truth.overexposed) {
      slopeSum += b.truth.meanSlope * b.truth.frames;
      slopeFrames += b.truth.frames;
    }
  }
  const compared = session.blocs.filter((b) => b.withinBound !== null);
  const worst = compared
    .map((b) => ({ record: session.blocs.indexOf(b), pressureDbar: b.record.pressureDbar, maxAbsDiff: b.maxAbsDiff!, touchingObjects: b.truth!.touchingObjects }))
    .sort((a, b) => b.maxAbsDiff - a.maxAbsDiff)
    .slice(0, 5);
  return {
    source,
    build: session.firmware.build,
    frames: session.frameStats,
    records: {
      lpm: session.records.filter((r) => r.kind === "LPM").length,
      black: session.records.filter((r) => r.kind === "BLACK").length,
      overexposedBlocs: session.records.filter((r) => r.overexposed).length,
    },
    perFrame: { compared: session.frameStats.compared, matching: session.frameStats.matching, mismatches: session.mismatches },
    perBloc: {
      compared: compared.length,
      withinBound: compared.filter((b) => b.withinBound).length,
      misaligned: session.blocs.filter((b) => b.truth && !b.aligned).length,
      maxAbsDiff: Math.max(0, ...compared.map((b) => b.maxAbsDiff!)),
      worst,
    },
    spectrum: {
      firmwareSlope: firmwareSlope(session, counts),
      truthMeanSlope: slopeFrames > 0 ? slopeSum / slopeFrames : null,
      concentrationAbove102PerL: concentrationPerL(counts, session.hw.classLowerBoundsUm, images, volumeL, 102),
      images,
    },
    taxo: session.firmware.raw.classificationOn()
      ? { classCounts: Array.from({ length: session.firmware.raw.modelClasses() }, (_, k) => session.taxoClassCounts[k] ?? 0), truthByShape: session.truthTaxa }
      : null,
    agreesWithTruth: session.frameStats.matching === session.frameStats.compared && compared.every((b) => b.withinBound) && session.blocs.every((b) => !b.truth || b.aligned),
    problems: session.problems,
    timing: { seconds, framesPerSecond: session.frameStats.fed / Math.max(seconds, 1e-9) },
  };
}

/** Slope of summed counts over the classes from 102 um to the one ending at 2050 um (NaN if absent). */
function firmwareSlope(session: ReplaySession, counts: number[]): number {
  const bounds = session.hw.classLowerBoundsUm;
  const first = bounds.findIndex((b) => b >= 102 * 0.99);
  const last = bounds.findIndex((b) => b >= 2050 * 0.99) - 1;
  if (first < 0 || last <= first || counts.slice(first, last + 1).reduce((a, b) => a + b, 0) === 0) return Number.NaN;
  const edges = effectiveClassEdgesUm(session.firmware.classMinAreasPx(), session.hw.aaUm2, session.hw.exp, first, last);
  return fitSlopeMaxLikelihood(counts.slice(first, last + 1), edges);
}
