// What each input of `uvp-float report` is, told by its content (first bytes) more than by its name, and which
// reader takes the set: decoded telemetry (documents, CTS5 files, SBD messages, directories of them) or one
// replay's outputs (RS232 log, summary JSON, the replayed stream). The two kinds do not mix in one report.
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { CliError, ExitCode } from "../cli/cliError.js";
import { checkInputFile, INPUT_LIMIT_BYTES } from "../cli/inputFiles.js";
import { telemetryFileType } from "../cli/telemetryInputs.js";
import { readDecoded, type DecodedOptions } from "./readDecoded.js";
import { readReplay } from "./readReplay.js";
import type { ReportData } from "./reportData.js";

/** What an input is. */
export type InputKind = "document" | "telemetry" | "summary" | "log" | "stream";

function head(path: string, n: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buf = new Uint8Array(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** The kind of `path`, or an input error naming it and saying what is expected. */
export function inputKind(path: string): InputKind {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    throw new CliError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path`, ExitCode.INPUT);
  }
  if (isDirectory) return "telemetry";
  // A device would be read without end, a FIFO would block: refused, as every verb refuses them.
  checkInputFile(path, { what: "report input", maxBytes: INPUT_LIMIT_BYTES.document });
  const bytes = head(path, 4096);
  if (telemetryFileType(bytes, path) !== null) return "telemetry";
  if (/\.uvps$/iu.test(path)) return "stream";
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/u, "").trimStart();
  if (text.startsWith("{")) {
    // A summary names its replay's fields early; a decoded document starts with its records.
    if (/^\{\s*"source"\s*:/u.test(text) || /"perFrame"\s*:/u.test(text)) return "summary";
    return "document";
  }
  if (/^(HW_CONF|ACQ_CONF|TAXO_CONF|LPM_DATA|BLACK_DATA|TAXO_DATA),/u.test(text)) return "log";
  if (bytes.length > 0 && bytes[0] >= 0xa0 && bytes[0] <= 0xbf) return "document"; // a CBOR map: decode --format cbor
  throw new CliError(
    `${path}: not a report input (first bytes ${[...bytes.slice(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join(" ") || "none: empty file"}); ` +
      "give decoded data (uvp-float decode's JSON/CBOR, CTS5 .hex files, SBD messages, or directories of them) or a replay's <prefix>.summary.json and <prefix>.rs232.log",
    ExitCode.INPUT,
  );
}

/** The replay output beside `path` with the other suffix, when it exists. */
function sibling(path: string, from: RegExp, to: string): string | null {
  if (!from.test(path)) return null;
  const p = path.replace(from, to);
  return existsSync(p) ? p : null;
}

/** Reads every input into one report's data. */
export function readReportInputs(paths: readonly string[], o: DecodedOptions): ReportData {
  const byKind: Record<InputKind, string[]> = { document: [], telemetry: [], summary: [], log: [], stream: [] };
  for (const p of paths) byKind[inputKind(p)].push(p);
  const replayCount = byKind.summary.length + byKind.log.length + byKind.stream.length;
  const decodedCount = byKind.document.length + byKind.telemetry.length;
  if (replayCount > 0 && decodedCount > 0) {
    throw new CliError(`uvp-float report: give either decoded data (${[...byKind.document, ...byKind.telemetry].join(", ")}) or one replay's outputs (${[...byKind.summary, ...byKind.log, ...byKind.stream].join(", ")}), not both`, ExitCode.USAGE);
  }
  if (decodedCount > 0) return readDecoded(byKind.document, byKind.telemetry, o);
  if (byKind.summary.length > 1 || byKind.log.length > 1 || byKind.stream.length > 1) {
    throw new CliError("uvp-float report: give one replay's outputs (one summary, one RS232 log, at most one stream): make one report per replay", ExitCode.USAGE);
  }
  const summaryPath = byKind.summary[0] ?? (byKind.log[0] ? sibling(byKind.log[0], /\.rs232\.log$/u, ".summary.json") : null);
  const logPath = byKind.log[0] ?? (summaryPath ? sibling(summaryPath, /\.summary\.json$/u, ".rs232.log") : null);
  if (!logPath) {
    throw new CliError(`${summaryPath ?? byKind.stream[0]}: a replay report needs the replay's RS232 log; give <prefix>.rs232.log too (uvp-float replay writes it beside the summary)`, ExitCode.USAGE);
  }
  if (o.phase !== null) throw new CliError("uvp-float report: --phase applies to decoded telemetry; an RS232 log has no phases", ExitCode.USAGE);
  return readReplay({ logPath, summaryPath, streamPath: byKind.stream[0] ?? null }, o.volume, o.profile ?? null, o.taxa ?? null);
}
