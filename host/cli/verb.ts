// The shape every CLI verb has, and the shared option parsing.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError, ExitCode } from "./cliError.js";

/** A CLI verb: its name, one-line summary, full help text and what it does. */
export interface Verb {
  name: string;
  summary: string;
  help: string;
  run(argv: string[]): Promise<number> | number;
}

/** Option values as parseArgs returns them. */
export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** Parses `argv` with node:util's parseArgs (runCli answers -h/--help before), turning its errors into usage errors naming the verb. */
export function parseVerbArgs(verb: string, argv: string[], options: NonNullable<ParseArgsConfig["options"]>): { values: OptionValues; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`uvp-float ${verb}: ${(err as Error).message}\nRun 'uvp-float ${verb} --help' for usage.`, ExitCode.USAGE);
  }
}

/** Parses an integer option in [lo, hi], or throws a usage error naming it. */
export function intOption(verb: string, name: string, value: string | undefined, lo: number, hi: number): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isInteger(v) || v < lo || v > hi) {
    throw new CliError(`uvp-float ${verb}: --${name} must be an integer from ${lo} to ${hi}, got "${value}"`, ExitCode.USAGE);
  }
  return v;
}

/** Parses a finite number option, or throws a usage error naming it. */
export function numberOption(verb: string, name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (value.trim() === "" || !Number.isFinite(v)) {
    throw new CliError(`uvp-float ${verb}: --${name} must be a number, got "${value}"`, ExitCode.USAGE);
  }
  return v;
}

/** Parses a number option that must lie in [lo, hi] (a physical range: `range` says it with its unit and why), or a usage error naming the option as typed. */
export function rangeOption(verb: string, name: string, value: string | undefined, lo: number, hi: number, range: string): number | undefined {
  const v = numberOption(verb, name, value);
  if (v === undefined) return undefined;
  if (v < lo || v > hi) throw new CliError(`uvp-float ${verb}: --${name} out of range: ${range}, got "${value}"`, ExitCode.USAGE);
  return v;
}
