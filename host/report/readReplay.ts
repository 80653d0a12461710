// A replay's outputs as report data: the RS232 log's blocs (LPM_DATA, BLACK_DATA, TAXO_DATA) and camera lines,
// the summary's truth comparisons, and, when the simulated stream is at hand, the truth per bloc.
import { basename, dirname, join } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { parseAcqConf, type AcqConf } from "../config/acqConf.js";
import { parseHwConf, type HwConf } from "../config/hwConf.js";
import { parseTaxoConf } from "../config/taxoConf.js";
import type { Profile } from "../config/profile.js";
import { blocsFromRs232Log } from "../telemetry/rs232Blocs.js";
import { CliError, ExitCode } from "../cli/cliError.js";
import { reportClasses } from "./classTable.js";
import { cameraIdentity, floatIdentity } from "./reportIdentity.js";
import { taxaOf } from "./taxaLabels.js";
import type { TaxaNames } from "./taxaNames.js";
import type { ReplayPart, ReportData, ReportTaxo } from "./reportData.js";
import { readReplayTruth } from "./replayTruth.js";

/** The replay inputs: the log (required), the summary and the stream when known. */
export interface ReplayInputs {
  logPath: string;
  summaryPath: string | null;
  streamPath: string | null;
}

/** Image_volume given on the command line (it wins over the replay's own). */
export type VolumeOption = { litres: number; from: string } | null;

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new CliError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path`, ExitCode.INPUT);
  }
}

function readSummary(path: string): ReplayPart["summary"] {
  try {
    const s = JSON.parse(readText(path)) as ReplayPart["summary"];
    if (typeof s !== "object" || s === null || typeof s.perFrame !== "object" || typeof s.spectrum !== "object") throw new Error("no perFrame and spectrum fields");
    return s;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${path}: not a replay summary (${(err as Error).message}); give the <prefix>.summary.json that 'uvp-float replay' wrote`, ExitCode.INPUT);
  }
}

/** The camera line starting with `keyword`, parsed, or null (and a problem) when absent or malformed. */
function cameraLine<T>(lines: string[], keyword: string, parse: (l: string) => T, logPath: string, problems: string[]): T | null {
  const i = lines.findIndex((l) => l.startsWith(`${keyword},`));
  if (i < 0) return null;
  try {
    return parse(lines[i]);
  } catch (err) {
    problems.push(`${logPath} line ${i + 1}: ${keyword} does not parse (${(err as Error).message})`);
    return null;
  }
}

/** Image volume the replay used: its concentration above 102 um is counts / (images x volume), so volume follows. */
function volumeReplayUsed(summary: ReplayPart["summary"], data: Pick<ReportData, "lpm">, boundsUm: number[]): number | null {
  const c = summary?.spectrum?.concentrationAbove102PerL;
  const images = summary?.spectrum?.images;
  if (typeof c !== "number" || !(c > 0) || typeof images !== "number" || !(images > 0)) return null;
  let n = 0;
  for (const r of data.lpm) r.counts.forEach((x, k) => (n += boundsUm[k] >= 102 * 0.99 ? x : 0));
  const v = n / (images * c);
  return Number.isFinite(v) && v > 0 ? Number(v.toPrecision(6)) : null;
}

/** Reads a replay's outputs (or a camera's own RS232 log) into report data; the log's camera lines win,
 *  `profile` (--profile) stands in for the ones it lacks. */
export function readReplay(inputs: ReplayInputs, volume: VolumeOption, profile: Profile | null = null, taxa: TaxaNames | null = null): ReportData {
  const { logPath, summaryPath, streamPath } = inputs;
  const text = readText(logPath);
  const lines = text.split(/\r?\n/u).map((l) => l.trim());
  const problems: string[] = [];
  const notes: string[] = [];
  const { blocs, problems: logProblems } = blocsFromRs232Log(text);
  for (const p of logProblems) problems.push(`${logPath} line ${p.line}: ${p.message}`);
  if (blocs.length === 0) throw new CliError(`${logPath}: no LPM_DATA or BLACK_DATA line; give the <prefix>.rs232.log that 'uvp-float replay' wrote`, ExitCode.INPUT);
  const ownHw: HwConf | null = cameraLine(lines, "HW_CONF", parseHwConf, logPath, problems);
  const hw = ownHw ?? profile?.hw ?? null;
  const acq: AcqConf | null = cameraLine(lines, "ACQ_CONF", parseAcqConf, logPath, problems) ?? profile?.acq ?? null;
  const taxoConf = cameraLine(lines, "TAXO_CONF", parseTaxoConf, logPath, problems) ?? profile?.taxo ?? null;
  const hwFrom = ownHw ? `HW_CONF of ${logPath}` : `HW_CONF of profile ${profile?.name ?? ""} (${logPath} has none)`;
  if (!hw) notes.push(`${logPath} has no HW_CONF line: the 2022.01 class bounds are assumed (give --profile for the camera's own)`);
  if (ownHw && profile && ownHw.classLowerBoundsUm.join(",") !== profile.hw.classLowerBoundsUm.join(",")) {
    notes.push(`${logPath}'s HW_CONF class list (${ownHw.classLowerBoundsUm[0]} um first) is used, not profile ${profile.name}'s (${profile.hw.classLowerBoundsUm[0]} um first)`);
  }

  const lpm = blocs.filter((b) => b.kind === "LPM").map((b) => ({ pressureDbar: b.pressureDbar, timeS: b.timeS, images: b.images, counts: b.counts, grey: b.grey, phase: null }));
  const black = blocs.filter((b) => b.kind === "BLACK").map((b) => ({ pressureDbar: b.pressureDbar, timeS: b.timeS, images: b.images, counts: b.counts, phase: null }));
  const taxo: ReportTaxo[] = [];
  for (const b of blocs) {
    if (b.kind !== "LPM" || !b.taxo) continue;
    const perClass = new Map<number, number>();
    for (const t of b.taxo) for (const o of t.triplets) perClass.set(o.classIndex, (perClass.get(o.classIndex) ?? 0) + 1);
    const categories = [...perClass.entries()].sort((a, c) => a[0] - c[0]).map(([index, objects]) => ({ index, objects }));
    taxo.push({ pressureDbar: b.pressureDbar, timeS: b.timeS, images: (b as { taxoImages?: number }).taxoImages ?? b.images, categories, phase: null });
  }

  const summary = summaryPath ? readSummary(summaryPath) : null;
  if (!summaryPath) notes.push(`no replay summary beside ${logPath}: the report shows the firmware's results without the truth comparisons`);
  const classes = reportClasses(hw, acq, hwFrom);
  const used = volumeReplayUsed(summary, { lpm }, classes.boundsUm);
  const imageVolume = volume
    ?? (used !== null ? { litres: used, from: "the volume the replay used (its summary's concentration above 102 µm)" } : null)
    ?? (hw ? { litres: hw.imageVolumeL, from: `${hwFrom}: Image_volume` } : { litres: null, from: null });

  let streamToRead = streamPath;
  if (!streamToRead && summary && typeof summary.source === "string" && /\.uvps$/iu.test(summary.source)) {
    // The summary names the stream as the replay was given it: relative to where replay ran, or beside the summary.
    const besideSummary = summaryPath ? join(dirname(summaryPath), basename(summary.source)) : null;
    if (existsSync(summary.source)) streamToRead = summary.source;
    else if (besideSummary && existsSync(besideSummary)) streamToRead = besideSummary;
    else notes.push(`the replayed stream ${summary.source} (named by the summary) is not there: no truth per depth; give the stream as an input`);
  }
  let truth: ReplayPart["truth"] = null;
  let truthNote = "No stream given: the truth is the summary's totals only";
  if (streamToRead) ({ pairs: truth, note: truthNote } = readReplayTruth(streamToRead, blocs));

  const inputsRead = [`${logPath} (replay RS232 log: ${lpm.length} LPM_DATA, ${black.length} BLACK_DATA, ${taxo.length} TAXO_DATA)`];
  if (summaryPath) inputsRead.push(`${summaryPath} (replay summary)`);
  if (streamToRead) inputsRead.push(`${streamToRead} (replayed stream, for the truth per bloc)`);
  for (const p of summary?.inputProblems ?? []) problems.push(`replayed input at byte ${p.offset}: ${p.message}`);
  return {
    kind: "replay", inputs: inputsRead, lpm, black, taxo, imageVolume, classes,
    ...taxaOf(taxoConf, taxa),
    identity: {
      ...floatIdentity({ cts5Files: [], sbdCycles: [] }, profile),
      camera: cameraIdentity(hw, hwFrom),
    },
    problems, notes, replay: { summaryPath, logPath, summary, truth, truthNote },
  };
}
