// The pressure table that goes with a directory of camera PNGs: a CSV with a header row naming its columns,
// `time` (YYYYMMDD-HHMMSS[-mmm] or ISO 8601, UTC when no offset) and/or `file`, `pressure_dbar`, and
// optionally `temperature_c`, `kind` (lit/black) and `phase`; and the rule that gives an image its row.
//
// Matching rule, in order:
// 1. a row whose `file` is the image's file name (case-sensitive, no directory) is the image's row;
// 2. else, by the time in the image's name: a row at the same time (within 1 ms) is its row;
// 3. else the rows just before and just after that time, when both exist and are at most `maxGapS` apart
//    (default 30 s): pressure, and temperature when both rows give one, are interpolated linearly in time;
//    kind and phase are those of the nearer row (the earlier on a tie);
// 4. else the image is unmatched (before the first row, after the last, or in a wider gap).

import { parseCameraTimeS, parseIsoTimeS } from "./cameraTime.js";
import type { MissionPhase } from "./stream/streamTypes.js";
import { MISSION_PHASES } from "./stream/streamRecordCheck.js";

/** Default widest gap (s) between two rows across which pressure is interpolated. */
export const DEFAULT_MAX_GAP_S = 30;

/** Pressures a frame may have, dbar: what the CTS5 u16 code (P + 100) * 10 holds. */
export const PRESSURE_RANGE_DBAR = [-100, 6453.5] as const;
/** Internal temperatures a frame may have, degree C: what the u16 code (T + 5) * 1000 holds. */
export const TEMPERATURE_RANGE_C = [-5, 60.535] as const;

/** One usable row of the table (1-based CSV line number kept for messages). */
export interface PressureRow {
  line: number;
  file: string | null;
  timeS: number | null;
  pressureDbar: number;
  temperatureC: number | null;
  kind: "lit" | "black" | null;
  phase: MissionPhase | null;
}

/** The table: its usable rows and the lines that could not be used. */
export interface PressureTable {
  rows: PressureRow[];
  problems: Array<{ line: number; message: string }>;
}

/** What an image gets from the table; `how` tells which rule matched. */
export interface PressureMatch {
  timeS: number;
  pressureDbar: number;
  temperatureC: number | null;
  kind: "lit" | "black" | null;
  phase: MissionPhase | null;
  how: "file" | "time" | "interpolated";
}

/** Seconds (UTC) of a CSV time cell: camera form or ISO 8601, else null. */
export function parseCsvTimeS(cell: string): number | null {
  return parseCameraTimeS(cell) ?? parseIsoTimeS(cell);
}

function splitRow(line: string, sep: string): string[] {
  return line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, "$1").trim());
}

/** Reads the CSV text; rows that cannot be used are reported with their line numbers, never thrown. */
export function readPressureCsv(text: string): PressureTable {
  const table: PressureTable = { rows: [], problems: [] };
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  if (headerIndex < 0) {
    table.problems.push({ line: 1, message: "no header row (the CSV is empty)" });
    return table;
  }
  const headerLine = lines[headerIndex];
  const sep = headerLine.includes(",") ? "," : headerLine.includes(";") ? ";" : "\t";
  const columns = splitRow(headerLine, sep).map((c) => c.toLowerCase());
  const col = (name: string) => columns.indexOf(name);
  const [iTime, iFile, iPressure, iTemp, iKind, iPhase] = ["time", "file", "pressure_dbar", "temperature_c", "kind", "phase"].map(col);
  if (iPressure < 0 || (iTime < 0 && iFile < 0)) {
    table.problems.push({ line: headerIndex + 1, message: `the header row must name pressure_dbar and time or file; it has: ${columns.join(", ")}` });
    return table;
  }
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const cells = splitRow(line, sep);
    const cell = (k: number) => (k >= 0 ? cells[k] ?? "" : "");
    const bad = (message: string) => table.problems.push({ line: i + 1, message });
    const timeCell = cell(iTime);
    const timeS = timeCell === "" ? null : parseCsvTimeS(timeCell);
    if (timeCell !== "" && timeS === null) { bad(`time "${timeCell}" is neither YYYYMMDD-HHMMSS[-mmm] nor ISO 8601`); continue; }
    const file = cell(iFile) || null;
    if (timeS === null && file === null) { bad("neither a time nor a file"); continue; }
    const pressureDbar = Number(cell(iPressure));
    if (cell(iPressure) === "" || !Number.isFinite(pressureDbar)) { bad(`pressure_dbar "${cell(iPressure)}" is not a number`); continue; }
    if (pressureDbar < PRESSURE_RANGE_DBAR[0] || pressureDbar > PRESSURE_RANGE_DBAR[1]) {
      bad(`pressure_dbar ${cell(iPressure)} out of range: ${PRESSURE_RANGE_DBAR[0]} to ${PRESSURE_RANGE_DBAR[1]} dbar (what the float's pressure code (P + 100) * 10 holds)`);
      continue;
    }
    const tempCell = cell(iTemp);
    const temperatureC = tempCell === "" ? null : Number(tempCell);
    if (temperatureC !== null && !Number.isFinite(temperatureC)) { bad(`temperature_c "${tempCell}" is not a number`); continue; }
    if (temperatureC !== null && (temperatureC < TEMPERATURE_RANGE_C[0] || temperatureC > TEMPERATURE_RANGE_C[1])) {
      bad(`temperature_c ${tempCell} out of range: ${TEMPERATURE_RANGE_C[0]} to ${TEMPERATURE_RANGE_C[1]} degree C (what the temperature code (T + 5) * 1000 holds)`);
      continue;
    }
    const kindCell = cell(iKind).toLowerCase();
    if (kindCell !== "" && kindCell !== "lit" && kindCell !== "black") { bad(`kind "${cell(iKind)}" is neither lit nor black`); continue; }
    const phaseCell = cell(iPhase).toLowerCase();
    if (phaseCell !== "" && !(MISSION_PHASES as readonly string[]).includes(phaseCell)) { bad(`phase "${cell(iPhase)}" is not one of ${MISSION_PHASES.join(", ")}`); continue; }
    table.rows.push({
      line: i + 1, file, timeS, pressureDbar, temperatureC,
      kind: kindCell === "" ? null : (kindCell as "lit" | "black"), phase: phaseCell === "" ? null : (phaseCell as MissionPhase),
    });
  }
  return table;
}

/** Finds images' rows by the matching rule above; build once per table. */
export class PressureMatcher {
  private readonly byFile = new Map<string, PressureRow>();
  private readonly timed: PressureRow[];

  /** Indexes the table's rows by file name and by time (the first row wins over duplicates). */
  constructor(table: PressureTable, private readonly maxGapS = DEFAULT_MAX_GAP_S) {
    for (const row of table.rows) if (row.file !== null && !this.byFile.has(row.file)) this.byFile.set(row.file, row);
    this.timed = table.rows.filter((r) => r.timeS !== null).sort((a, b) => a.timeS! - b.timeS! || a.line - b.line);
  }

  /** The match for an image named `file` taken at `nameTimeS` (null when its name holds no time), or why none. */
  match(file: string, nameTimeS: number | null): PressureMatch | string {
    const named = this.byFile.get(file);
    if (named) {
      const timeS = named.timeS ?? nameTimeS;
      if (timeS === null) return `its row (line ${named.line}) has no time and its name holds none`;
      return { ...this.values(named), timeS, how: "file" };
    }
    if (nameTimeS === null) return "not in the file column and its name holds no YYYYMMDD-HHMMSS[-mmm] time";
    if (this.timed.length === 0) return "not in the file column, and no row has a time";
    // First row at or after the image's time.
    let lo = 0;
    let hi = this.timed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.timed[mid].timeS! < nameTimeS - 0.0005) lo = mid + 1;
      else hi = mid;
    }
    const after = this.timed[lo];
    if (after && Math.abs(after.timeS! - nameTimeS) <= 0.0005) return { ...this.values(after), timeS: nameTimeS, how: "time" };
    const before = this.timed[lo - 1];
    if (!before || !after) return `its time is ${before ? "after the last" : "before the first"} row's time`;
    const gap = after.timeS! - before.timeS!;
    if (gap > this.maxGapS) return `the rows around its time (lines ${before.line} and ${after.line}) are ${gap.toFixed(3)} s apart, more than ${this.maxGapS} s`;
    const w = (nameTimeS - before.timeS!) / gap;
    const nearer = w <= 0.5 ? before : after;
    const temperatureC = before.temperatureC !== null && after.temperatureC !== null ? before.temperatureC + w * (after.temperatureC - before.temperatureC) : null;
    return {
      timeS: nameTimeS, pressureDbar: before.pressureDbar + w * (after.pressureDbar - before.pressureDbar), temperatureC,
      kind: nearer.kind, phase: nearer.phase, how: "interpolated",
    };
  }

  private values(row: PressureRow): Omit<PressureMatch, "timeS" | "how"> {
    return { pressureDbar: row.pressureDbar, temperatureC: row.temperatureC, kind: row.kind, phase: row.phase };
  }
}
