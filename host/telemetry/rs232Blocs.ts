// Bloc records read back from an RS232 log (a replay's output, or the camera's own): LPM_DATA and
// BLACK_DATA lines, with the TAXO_DATA line that precedes an LPM_DATA attached to it, so the float side
// can slice and encode them. Bad lines are reported with their number and skipped.

import type { BlocRecord, TaxoRecord, TaxoTriplet } from "../firmware/records.js";
import { formatRecordLine, formatTaxoLine, parseRecordLine } from "../formats/rs232Lines.js";

/** A line that could not be read. */
export interface LogProblem {
  line: number;
  message: string;
}

/** Unix seconds of the camera's YYYYMMDD,HHMMSS (UTC). */
export function cameraTimeS(date: string, time: string): number {
  const ms = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +time.slice(0, 2), +time.slice(2, 4), +time.slice(4, 6));
  return ms / 1000;
}

/** Parses `TAXO_DATA,IMG,(NN,VV,GG)*;` into the images it covers and its triplets; throws on a bad field. */
export function parseTaxoLine(line: string): { images: number; triplets: TaxoTriplet[] } {
  const fields = line.trim().replace(/;$/, "").split(",");
  if (fields[0] !== "TAXO_DATA") throw new Error(`not a TAXO_DATA line: "${line.slice(0, 40)}"`);
  const nums = fields.slice(1).map((f, i) => {
    const v = Number(f);
    if (f === "" || !Number.isInteger(v) || v < 0) throw new Error(`TAXO_DATA field ${i + 1}: "${f}" is not a non-negative integer`);
    return v;
  });
  if (nums.length < 1 || (nums.length - 1) % 3 !== 0) throw new Error(`TAXO_DATA has ${nums.length} fields: IMG then triplets expected`);
  const triplets: TaxoTriplet[] = [];
  for (let i = 1; i < nums.length; i += 3) {
    if (nums[i] > 39 || nums[i + 1] > 65535 || nums[i + 2] > 255) throw new Error(`TAXO_DATA triplet ${(i + 2) / 3} (${nums.slice(i, i + 3).join(",")}) is out of range`);
    triplets.push({ classIndex: nums[i], volumePx3: nums[i + 1], meanGrey: nums[i + 2] });
  }
  return { images: nums[0], triplets };
}

/** The bloc records of an RS232 log, in order; TAXO_DATA lines ride on the next LPM_DATA record. */
export function blocsFromRs232Log(text: string): { blocs: (BlocRecord & { taxoImages?: number })[]; problems: LogProblem[] } {
  const blocs: (BlocRecord & { taxoImages?: number })[] = [];
  const problems: LogProblem[] = [];
  let pendingTaxo: { images: number; triplets: TaxoTriplet[] } | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || /^(HW_CONF|ACQ_CONF|TAXO_CONF)/.test(line)) return;
    try {
      if (line.startsWith("TAXO_DATA")) {
        pendingTaxo = parseTaxoLine(line);
        return;
      }
      const p = parseRecordLine(line);
      const timeS = cameraTimeS(p.date, p.time);
      const record: BlocRecord & { taxoImages?: number } = {
        kind: p.kind, overexposed: p.kind === "LPM" && p.images === 0, images: p.images, framesAccumulated: p.images,
        timeS, pressureDbar: p.pressureDbar, temperatureC: p.temperatureC, counts: p.counts, grey: p.grey ?? new Array(18).fill(0),
      };
      if (p.kind === "LPM" && pendingTaxo) {
        const t: { images: number; triplets: TaxoTriplet[] } = pendingTaxo;
        const taxo: TaxoRecord = { kind: "TAXO", timeS, pressureDbar: p.pressureDbar, triplets: t.triplets, candidates: t.triplets.length, candidatesOverLimit: 0, unclassified: false };
        record.taxo = [taxo];
        record.taxoImages = t.images;
        pendingTaxo = null;
      }
      blocs.push(record);
    } catch (err) {
      problems.push({ line: i + 1, message: (err as Error).message });
    }
  });
  return { blocs, problems };
}

/**
 * A bloc record as the float receives it: printed as the camera prints it (its TAXO_DATA line, then its
 * LPM_DATA or BLACK_DATA line: pressure and temperature to 2 decimals, time to the second) and read back
 * as `encode` reads an RS232 log. So a replay's float side and `encode` of its log slice the same numbers
 * (a mean pressure of 93.04999 dbar is 93.05 for both, and codes alike).
 */
export function blocAsPrinted(record: BlocRecord): BlocRecord & { taxoImages?: number } {
  const lines = record.taxo ? [formatTaxoLine(record.images, record.taxo), formatRecordLine(record)] : [formatRecordLine(record)];
  const { blocs, problems } = blocsFromRs232Log(lines.join("\n"));
  if (blocs.length !== 1 || problems.length > 0) {
    throw new Error(`internal error: a bloc record does not read back from its RS232 line (${problems.map((p) => p.message).join("; ")})`);
  }
  return blocs[0];
}
