// LPM_DATA and BLACK_DATA lines in the UVP6 RS232 grammar (DOMAIN.md section 3), from the
// firmware's bloc records, and back.

import type { BlocRecord, TaxoRecord } from "../firmware/records.js";

const CLASS_COUNT = 18;

/** UTC date and time of `timeS` as the camera prints them: ["YYYYMMDD", "HHMMSS"]. */
export function cameraDateTime(timeS: number): [string, string] {
  const d = new Date(Math.floor(timeS) * 1000);
  if (Number.isNaN(d.getTime())) throw new RangeError(`time ${timeS} s is not a valid date`);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return [
    `${String(d.getUTCFullYear()).padStart(4, "0")}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`,
    `${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}`,
  ];
}

/** The record's line: `LPM_DATA,P,date,time,IMG,T,Nb1..18,GG1..18;` or `BLACK_DATA,P,date,time,IMG,T,Nb1..18;`. */
export function formatRecordLine(record: BlocRecord): string {
  const [date, time] = cameraDateTime(record.timeS);
  const head = [record.pressureDbar.toFixed(2), date, time, String(record.images), record.temperatureC.toFixed(2)];
  const counts = record.counts.map((c) => String(c));
  if (record.kind === "BLACK") return `BLACK_DATA,${[...head, ...counts].join(",")};`;
  const greys = record.grey.map((g) => String(g));
  return `LPM_DATA,${[...head, ...counts, ...greys].join(",")};`;
}

/** The TAXO_DATA line of a bloc of `images` images: `TAXO_DATA,IMG,(NN,VV,GG)*;`, one triplet per classified object. */
export function formatTaxoLine(images: number, frames: readonly TaxoRecord[]): string {
  const triplets = frames.flatMap((f) => f.triplets.map((t) => `${t.classIndex},${t.volumePx3},${t.meanGrey}`));
  return `TAXO_DATA,${[String(images), ...triplets].join(",")};`;
}

/** A line read back: what an LPM_DATA or BLACK_DATA line says. */
export interface ParsedRecordLine {
  kind: "LPM" | "BLACK";
  pressureDbar: number;
  date: string;
  time: string;
  images: number;
  temperatureC: number;
  counts: number[];
  grey: number[] | null;
}

/** Parses an LPM_DATA or BLACK_DATA line; throws with the offending field on bad input. */
export function parseRecordLine(line: string): ParsedRecordLine {
  const body = line.trim().replace(/;$/, "");
  const fields = body.split(",");
  const keyword = fields[0];
  const kind = keyword === "LPM_DATA" ? "LPM" : keyword === "BLACK_DATA" ? "BLACK" : null;
  if (!kind) throw new Error(`not an LPM_DATA or BLACK_DATA line: "${line.slice(0, 40)}"`);
  const expected = 6 + CLASS_COUNT + (kind === "LPM" ? CLASS_COUNT : 0);
  if (fields.length !== expected) throw new Error(`${keyword} has ${fields.length - 1} fields, expected ${expected - 1}`);
  const num = (i: number, integer: boolean): number => {
    const s = fields[i];
    const v = Number(s);
    if (s === "" || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      throw new Error(`${keyword} field ${i}: "${s}" is not ${integer ? "an integer" : "a number"}`);
    }
    return v;
  };
  if (!/^\d{8}$/.test(fields[2]) || !/^\d{6}$/.test(fields[3])) {
    throw new Error(`${keyword} date/time "${fields[2]},${fields[3]}" is not YYYYMMDD,HHMMSS`);
  }
  const counts = Array.from({ length: CLASS_COUNT }, (_, k) => num(6 + k, true));
  const grey = kind === "LPM" ? Array.from({ length: CLASS_COUNT }, (_, k) => num(6 + CLASS_COUNT + k, true)) : null;
  return {
    kind, pressureDbar: num(1, false), date: fields[2], time: fields[3], images: num(4, true),
    temperatureC: num(5, false), counts, grey,
  };
}
