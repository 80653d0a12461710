// uvp-float profiles: the named configurations shipped in profiles/.
import { listProfiles, loadProfile } from "../config/profile.js";
import { ExitCode } from "./cliError.js";
import { parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float profiles [--json]

Lists the camera profiles in profiles/ (name, camera, threshold, frames per bloc, description).

Example:
  uvp-float profiles --json`;

/** The profiles verb. */
export const profilesVerb: Verb = {
  name: "profiles",
  summary: "list the camera profiles shipped with uvp-float",
  help,
  run(argv) {
    const { values } = parseVerbArgs("profiles", argv, { json: { type: "boolean" } });
    const rows = listProfiles().map((name) => {
      const p = loadProfile(name);
      return { name, camera: p.hw.cameraRef, layout: p.hw.layout, threshold: p.hw.thresholdGrey, framesPerBloc: p.acq.framesPerBloc, description: p.description.split(". ")[0] };
    });
    if (values.json) console.log(JSON.stringify(rows, null, 1));
    else for (const r of rows) console.log(`${r.name.padEnd(14)} ${r.camera} (${r.layout}) threshold ${r.threshold}, ${r.framesPerBloc} frames/bloc: ${r.description}`);
    return ExitCode.OK;
  },
};
