#!/usr/bin/env node
// uvp-float <verb>: the command line. Each verb lives in its own file; this only dispatches.
import { CliError, ExitCode } from "./cliError.js";
import { importVerb } from "./importVerb.js";
import { objectsVerb } from "./objectsVerb.js";
import { profilesVerb } from "./profilesVerb.js";
import { replayVerb } from "./replayVerb.js";
import { spectrumVerb } from "./spectrumVerb.js";
import type { Verb } from "./verb.js";

const verbs: Verb[] = [objectsVerb, spectrumVerb, replayVerb, importVerb, profilesVerb];

const usage = `Usage: uvp-float <verb> [options]

UVP6 camera firmware for BGC-Argo floats, run as WebAssembly: segmentation, size spectra, telemetry.

Verbs:
${verbs.map((v) => `  ${v.name.padEnd(10)} ${v.summary}`).join("\n")}

Run 'uvp-float <verb> --help' for a verb's options and an example.
Exit codes: 0 ok, 64 usage error, 65 bad input file, 70 firmware refused, 73 output not written.`;

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage);
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (name === "--version") {
    console.log("uvp-float 0.1.0");
    return ExitCode.OK;
  }
  const verb = verbs.find((v) => v.name === name);
  if (!verb) {
    console.error(`uvp-float: unknown verb "${name}"\n\n${usage}`);
    return ExitCode.USAGE;
  }
  try {
    return await verb.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
