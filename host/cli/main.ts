// uvp-float <verb>: dispatching and error handling. The host's verbs are listed here; the bin entry
// (simulator/cli/main.ts) adds the simulator's, since only the simulator may import both.
import { CliError, ExitCode } from "./cliError.js";
import { checkVerb } from "./checkVerb.js";
import { compareVerb } from "./compareVerb.js";
import { decodeVerb } from "./decodeVerb.js";
import { encodeVerb } from "./encodeVerb.js";
import { fleetVerb } from "./fleetVerb.js";
import { importVerb } from "./importVerb.js";
import { modelVerb } from "./modelVerb.js";
import { objectsVerb } from "./objectsVerb.js";
import { profilesVerb } from "./profilesVerb.js";
import { replayVerb } from "./replayVerb.js";
import { reportVerb } from "./reportVerb.js";
import { spectrumVerb } from "./spectrumVerb.js";
import { sbdPriorsVerb } from "./sbdPriorsVerb.js";
import type { Verb } from "./verb.js";

/** The verbs the host provides. */
export const hostVerbs: Verb[] = [objectsVerb, spectrumVerb, replayVerb, importVerb, modelVerb, profilesVerb, encodeVerb, sbdPriorsVerb, decodeVerb, compareVerb, checkVerb, reportVerb, fleetVerb];

function usage(verbs: Verb[]): string {
  return `Usage: uvp-float <verb> [options]

UVP6 camera firmware for BGC-Argo floats, run as WebAssembly: segmentation, size spectra, telemetry.

Verbs:
${verbs.map((v) => `  ${v.name.padEnd(10)} ${v.summary}`).join("\n")}

Run 'uvp-float <verb> --help' for a verb's options and an example.
Exit codes, the same cause giving the same code on every verb: 0 ok, 1 a difference found (the verb's
--help says with what), 64 usage error (an output that is one of the inputs included), 65 bad input file
(missing, empty, damaged, not a regular file, too large), 70 firmware refused (or an internal error),
73 output exists (give --force) or cannot be written.`;
}

/** Runs the CLI with `verbs` on `argv` (without node and script) and returns the exit code. */
export async function runCli(verbs: Verb[], argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // "uvp-float help <verb>" is what people type first: the verb's own help.
  const helped = name === "help" && rest.length > 0 ? verbs.find((v) => v.name === rest[0]) : undefined;
  if (helped) {
    console.log(helped.help);
    return ExitCode.OK;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage(verbs));
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (name === "--version") {
    console.log("uvp-float 0.1.0");
    return ExitCode.OK;
  }
  const verb = verbs.find((v) => v.name === name);
  if (!verb) {
    console.error(`uvp-float: unknown verb "${name}"\n\n${usage(verbs)}`);
    return ExitCode.USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(verb.help);
    return ExitCode.OK;
  }
  try {
    return await verb.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    // A bug, not bad input: one line, no stack trace for the user (UVP_FLOAT_DEBUG=1 shows it), and 70 (EX_SOFTWARE).
    if (process.env.UVP_FLOAT_DEBUG) console.error(err);
    console.error(`uvp-float ${name}: internal error: ${(err as Error)?.message ?? String(err)} (this is a bug; please report it with the command)`);
    return ExitCode.FIRMWARE;
  }
}
