// Errors the CLI reports to the user, each with its documented exit code.

/** Exit codes of every verb (documented in the README). */
export const ExitCode = {
  /** Success. */
  OK: 0,
  /** replay: the firmware's output disagrees with the stream's ground truth; compare: decoded records differ from the AUX file; check: an output differs from the golden set or between the builds; model inspect: the model does not fit --model-area. */
  TRUTH_MISMATCH: 1,
  /** compare: every record matched, but some counts are approximate (noise-bounded SBD messages) and agree only within their bounds: not identical. */
  WITHIN_BOUND: 2,
  /** Bad command line: unknown verb or option, missing argument. */
  USAGE: 64,
  /** An input file is missing, unreadable or malformed. */
  INPUT: 65,
  /** The firmware refused the configuration or a frame (its status is printed). */
  FIRMWARE: 70,
  /** An output file exists and --force was not given, or cannot be written. */
  OUTPUT: 73,
} as const;

/** A user-facing failure: its message is printed as is, and the process exits with `exitCode`. */
export class CliError extends Error {
  /** Creates the error with the exit code to use. */
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = "CliError";
  }
}
