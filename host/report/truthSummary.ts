// The replay summary's own truth comparisons as table rows, with a one-line verdict: what `uvp-float replay`
// checked (per frame, per bloc, slope), so the operator sees pass or fail before the charts.
import type { ReplayPart } from "./reportData.js";

/** Verdict and rows of the firmware-against-truth table. */
export function truthRows(replay: ReplayPart): { verdict: string; ok: boolean | null; rows: Array<[string, string]> } {
  const s = replay.summary;
  if (!s) return { verdict: "No replay summary given: no truth comparison", ok: null, rows: [["Summary", `give the <prefix>.summary.json beside ${replay.logPath}`]] };
  const rows: Array<[string, string]> = [];
  const f = s.frames;
  rows.push(["Replay", `${s.source}, firmware build ${s.build}`]);
  rows.push(["Frames", `${f.fed} run (${f.lit} lit, ${f.black} black, ${f.overexposed} over-exposed), ${f.skipped} skipped`]);
  rows.push(["Records", `${s.records.lpm} LPM_DATA, ${s.records.black} BLACK_DATA (${s.records.overexposedBlocs} over-exposed blocs)`]);
  const hasTruth = s.perFrame.compared > 0 || s.perBloc.compared > 0;
  if (s.perFrame.compared > 0) rows.push(["Per frame (no touching objects)", `${s.perFrame.matching} of ${s.perFrame.compared} frames with class counts identical to the truth`]);
  if (s.perBloc.compared > 0) {
    const worst = s.perBloc.worst.slice(0, 3).map((w) => `${w.maxAbsDiff} at ${w.pressureDbar.toFixed(1)} dbar (${w.touchingObjects} touching)`).join(", ");
    rows.push(["Per bloc (|firmware - truth| <= touching objects)", `${s.perBloc.withinBound} of ${s.perBloc.compared} blocs within the bound; largest class difference ${s.perBloc.maxAbsDiff}${worst ? `: ${worst}` : ""}; ${s.perBloc.misaligned} misaligned`]);
  }
  const fw = s.spectrum.firmwareSlope;
  if (typeof fw === "number" && Number.isFinite(fw)) {
    const truth = s.spectrum.truthMeanSlope;
    rows.push(["Spectral slope, 102-2050 µm", `${fw.toFixed(2)} from the firmware${typeof truth === "number" ? `, ${truth.toFixed(2)} as simulated (difference ${(fw - truth).toFixed(2)})` : ""}`]);
  }
  if (typeof s.spectrum.concentrationAbove102PerL === "number") rows.push(["Particles of 102 µm and more", `${s.spectrum.concentrationAbove102PerL.toFixed(1)} /L over ${s.spectrum.images} lit images (firmware)`]);
  if (s.taxo) {
    const shapes = Object.entries(s.taxo.truthByShape).map(([k, n]) => `${k} ${n}`).join(", ");
    rows.push(["Classified objects per model class", `${s.taxo.classCounts.join(" / ")}${shapes ? `; classifiable objects in the truth (untouched): ${shapes}` : ""}`]);
  }
  if (s.problems.length > 0) rows.push(["Frame problems", `${s.problems.length}: ${s.problems.slice(0, 3).map((p) => `frame ${p.frameIndex}: ${p.message}`).join("; ")}`]);
  rows.push(["Truth per depth", replay.truthNote]);
  if (!hasTruth) return { verdict: "The replayed input has no ground truth (recorded data): firmware results only", ok: null, rows };
  return s.agreesWithTruth
    ? { verdict: "PASS: the firmware agrees with the ground truth", ok: true, rows }
    : { verdict: "FAIL: the firmware disagrees with the ground truth (see per frame and per bloc)", ok: false, rows };
}
