// Why a check could not be carried out (as opposed to a difference it found); the CLI maps the reason to
// its documented exit code, so this library code need not know about the CLI.

/** What failed: an input (stream, golden set, model), the firmware, or writing the golden set. */
export type CheckFailure = "input" | "firmware" | "output";

/** A check or update that could not run; the message names the file and what to do. */
export class CheckError extends Error {
  /** Creates the error with its reason. */
  constructor(message: string, readonly reason: CheckFailure) {
    super(message);
    this.name = "CheckError";
  }
}
