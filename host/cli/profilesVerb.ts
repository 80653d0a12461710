// uvp-float profiles: the named configurations shipped in profiles/.
import { listProfiles, loadProfile } from "../config/profile.js";
import { CliError, ExitCode } from "./cliError.js";
import { parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float profiles [--json]

Lists the camera profiles in profiles/ (name, camera, threshold, frames per bloc, description).
Give a name to --profile of objects, spectrum, simulate, import, replay, encode and decode.

Options:
  --json        the list as JSON
  -h, --help    this help

Example:
  uvp-float profiles --json

Exit codes: 0 ok, 64 usage, 65 a profile file in profiles/ is malformed (it is named).`;

/** The profiles verb. */
export const profilesVerb: Verb = {
  name: "profiles",
  summary: "list the camera profiles shipped with uvp-float",
  help,
  run(argv) {
    const { values } = parseVerbArgs("profiles", argv, { json: { type: "boolean" } });
    const rows = listProfiles().map((name) => {
      let p;
      try {
        p = loadProfile(name);
      } catch (err) {
        throw new CliError(`${(err as Error).message}; fix the file or remove it`, ExitCode.INPUT); // the message names the file
      }
      return { name, camera: p.hw.cameraRef, layout: p.hw.layout, threshold: p.hw.thresholdGrey, framesPerBloc: p.acq.framesPerBloc, description: p.description.split(". ")[0] };
    });
    if (values.json) console.log(JSON.stringify(rows, null, 1));
    else for (const r of rows) console.log(`${r.name.padEnd(14)} ${r.camera} (${r.layout}) threshold ${r.threshold}, ${r.framesPerBloc} frames/bloc: ${r.description}`);
    return ExitCode.OK;
  },
};
