// Telemetry inputs of the decode and compare verbs: CTS5 .hex files and compact SBD messages, given as files or
// directories, told apart by their first byte (0x1B/0x1C/0x1D CTS5 v2, 0x55 SBD) or else by their name, then
// decoded together. A CTS5 part `..._uvp6_lpm#02.hex` starts inside the file, so its name decides. CTS5 parts
// are joined into their file first; SBD messages go to the decoder all at once, since it reports which of a
// cycle are missing.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { recordKey } from "../telemetry/recordKey.js";
import { decodeCts5Set, parseCts5FileName } from "../telemetry/cts5/index.js";
import { decodeSbdMessages, type SbdSummary } from "../telemetry/sbd/index.js";
import { installedPriorTables } from "../config/installedPriorTables.js";
import type { DecodeProblem, SliceKind, SliceRecord } from "../telemetry/types.js";
import { CliError, ExitCode } from "./cliError.js";
import { INPUT_LIMIT_BYTES, readInputFile } from "./inputFiles.js";

/** Which decoder a file goes to. */
export type TelemetryFileType = "cts5" | "sbd";

/** One input file, read. */
export interface TelemetryFile {
  /** The path as the user gave it (or directory + name), used as the source in problems. */
  source: string;
  type: TelemetryFileType;
  bytes: Uint8Array;
}

/** The CTS5 or SBD type of a file from its first byte, else its name; null when neither says. */
export function telemetryFileType(bytes: Uint8Array, name: string): TelemetryFileType | null {
  // A part after #01 starts with whatever byte the file had there: only its name says what it is.
  const part = parseCts5FileName(name)?.part ?? null;
  if (part !== null && part > 1) return "cts5";
  const first = bytes[0];
  if (first === 0x1b || first === 0x1c || first === 0x1d) return "cts5";
  if (first === 0x55) return "sbd";
  // A damaged or v1 file still goes to its decoder when its name says what it is, to get a problem with an offset.
  if (parseCts5FileName(name) !== null) return "cts5";
  if (/\.sbd$/iu.test(name)) return "sbd";
  return null;
}

// A file named on the command line that is neither CTS5 nor SBD is a problem; inside a directory it is only skipped,
// since such directories (mailboxes, downloads) often hold other files.
/** Reads the files, and the files of the directories (sorted by name, hidden ones left out), in `paths`. */
export function readTelemetryFiles(paths: readonly string[]): { files: TelemetryFile[]; problems: DecodeProblem[]; skipped: string[] } {
  const files: TelemetryFile[] = [];
  const problems: DecodeProblem[] = [];
  const skipped: string[] = [];
  const take = (path: string, insideDirectory: boolean): void => {
    const bytes = readOrFail(path);
    const type = telemetryFileType(bytes, path);
    if (type !== null) files.push({ source: path, type, bytes });
    else if (insideDirectory) skipped.push(path);
    else {
      const message = bytes.length === 0
        ? "empty file (0 bytes): no CTS5 or SBD data; not decoded"
        : `neither a CTS5 .hex file (first byte 0x1B, 0x1C or 0x1D) nor an SBD message (0x55): its first byte is 0x${bytes[0].toString(16).padStart(2, "0")}; not decoded`;
      problems.push({ source: path, offset: 0, message });
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (err) {
      throw new CliError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path`, ExitCode.INPUT);
    }
    if (!isDirectory) {
      take(path, false);
      continue;
    }
    const names = readdirSync(path).filter((n) => !n.startsWith(".")).sort();
    for (const n of names) {
      const p = join(path, n);
      if (statSync(p).isFile()) take(p, true);
    }
  }
  return { files, problems, skipped };
}

function readOrFail(path: string): Uint8Array {
  return readInputFile(path, { what: "CTS5 .hex file or SBD message", maxBytes: INPUT_LIMIT_BYTES.telemetry, allowEmpty: true });
}

/** Everything decoded from a set of telemetry files. */
export interface DecodedTelemetry {
  records: SliceRecord[];
  problems: DecodeProblem[];
  cts5Files: number;
  sbdMessages: number;
  /** Lines about the SBD messages (which are missing, duplicated...), empty without SBD input. */
  sbdLines: string[];
  /** The SBD decoder's own summary (per float and cycle); null without SBD input. */
  sbdSummary: SbdSummary | null;
  /** Whether a cycle's SBD messages are missing (a gap, or its last message not received): records were lost
   *  that no problem names, since a message that never came has no bytes to point at. */
  sbdIncomplete: boolean;
  /** Records that came both in CTS5 files and in SBD messages (the same slice sent both ways), kept once. */
  sentBothWays: number;
  /** CTS5 parts joined into files, and files or parts given twice (not problems), one line each. */
  cts5Notes: string[];
}

/** Decodes CTS5 files (in the given order, parts joined into their file), then all SBD messages together. */
export function decodeTelemetryFiles(files: readonly TelemetryFile[]): DecodedTelemetry {
  const records: SliceRecord[] = [];
  const problems: DecodeProblem[] = [];
  const cts5 = files.filter((f) => f.type === "cts5");
  const set = decodeCts5Set(cts5.map((f) => ({ source: f.source, bytes: f.bytes })));
  records.push(...set.records);
  problems.push(...set.problems);
  const sbd = files.filter((f) => f.type === "sbd");
  let sbdLines: string[] = [];
  let sbdSummary: SbdSummary | null = null;
  let sentBothWays = 0;
  if (sbd.length > 0) {
    const r = decodeSbdMessages(sbd.map((f) => ({ source: f.source, bytes: f.bytes })), { priorTables: installedPriorTables() });
    // A float may send a slice both ways (CTS5 over RUDICS, SBD as a fallback): keep one copy.
    const fromCts5 = new Set(records.map(recordKey));
    for (const rec of r.records) {
      if (fromCts5.has(recordKey(rec))) sentBothWays++;
      else records.push(rec);
    }
    problems.push(...r.problems);
    sbdSummary = r.summary;
    sbdLines = r.summary.lines;
  }
  const sbdIncomplete = sbdSummary !== null && sbdSummary.cycles.some((c) => c.missing.length > 0 || c.total === null);
  return { records, problems, cts5Files: cts5.length, sbdMessages: sbd.length, sbdLines, sbdSummary, sbdIncomplete, sentBothWays, cts5Notes: set.notes };
}

/** Records per kind. */
export function recordsPerKind(records: readonly SliceRecord[]): Record<SliceKind, number> {
  const n: Record<SliceKind, number> = { lpm: 0, black: 0, taxo: 0 };
  for (const r of records) n[r.kind]++;
  return n;
}

/** A problem as one line: where (source, byte offset), then what. */
export function problemLine(p: DecodeProblem): string {
  return `${p.source} at byte ${p.offset}: ${p.message}`;
}
