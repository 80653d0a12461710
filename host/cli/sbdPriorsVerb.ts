// uvp-float sbd-priors: fits an SBD prior table (compact format version 2) on earlier AUX profiles of a float or fleet.
import { basename } from "node:path";
import { readAuxProfile } from "../formats/argo/index.js";
import { encodeSbdWithFirmware } from "../firmware/encodeSbd.js";
import { sliceRecordsFromAux } from "../telemetry/fromAux.js";
import { priorTableJson } from "../telemetry/sbd/priorTableJson.js";
import { trainPriorTable } from "../telemetry/sbd/trainPriorTable.js";
import { PRIOR_TABLE_BYTES } from "../telemetry/sbd/priorTable.js";
import type { SliceRecord } from "../telemetry/types.js";
import { CliError, ExitCode } from "./cliError.js";
import { profileOrFail } from "./common.js";
import { INPUT_LIMIT_BYTES, readInputFile } from "./inputFiles.js";
import { checkOutputs, writeOutput } from "./outputFiles.js";
import { intOption, parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float sbd-priors <aux.nc...> --id <1-255> --out <table.json> [options]

Fits an SBD prior table on earlier Argo AUX profiles (R<wmo>_<ccc>_aux.nc) of a float or a fleet: objects per
image and mean grey per LPM class and BLACK noise per class against depth (16 bins), a grey per TAXO category,
and the range coder's initial probabilities, fitted to the bits the firmware's own version-2 messages of these
profiles code. The float and the decoders both hold the table; every message names it by its id in byte 13.
Put the file under profiles/ and name it in a profile ("sbdPriorTable": "priors/<file>.json"): 'encode' and
'replay --telemetry' with that profile then code with it, and 'decode', 'compare', 'check' and 'report' hold the
tables of every installed profile. Fit on profiles the table will not be judged on (docs/operators.md).

Options:
  --id <n>          table id, 1-255 (a decoder holds one table per id)
  --out <file>      the table as JSON (${PRIOR_TABLE_BYTES} bytes on the float)
  --profile <name>  zone table for slicing the AUX levels (default 000118LP)
  --force           overwrite --out
  --json            print what was fitted as JSON
  -h, --help        this help

Example:
  uvp-float sbd-priors R4903634_001_aux.nc R4903634_005_aux.nc R4903634_010_aux.nc --id 1 --out profiles/priors/4903634.json

Exit codes: 0 written; 64 usage; 65 an input is unreadable or not an AUX profile; 70 the firmware refused the
table or configuration; 73 --out exists (give --force) or cannot be written.`;

/** The sbd-priors verb. */
export const sbdPriorsVerb: Verb = {
  name: "sbd-priors",
  summary: "fit an SBD prior table (format version 2) on earlier AUX profiles",
  help,
  run(argv) {
    const { values, positionals } = parseVerbArgs("sbd-priors", argv, {
      id: { type: "string" }, out: { type: "string" }, profile: { type: "string" }, force: { type: "boolean" }, json: { type: "boolean" },
    });
    if (positionals.length === 0) throw new CliError("uvp-float sbd-priors: give at least one AUX .nc file\nRun 'uvp-float sbd-priors --help' for usage.", ExitCode.USAGE);
    const id = intOption("sbd-priors", "id", values.id as string | undefined, 1, 255);
    if (id === undefined) throw new CliError("uvp-float sbd-priors: --id <1-255> is required", ExitCode.USAGE);
    const out = values.out as string | undefined;
    if (!out) throw new CliError("uvp-float sbd-priors: --out <table.json> is required", ExitCode.USAGE);
    const profile = profileOrFail("sbd-priors", (values.profile as string | undefined) ?? "000118LP");
    checkOutputs("sbd-priors", { files: [out] }, { inputs: positionals, force: Boolean(values.force) });
    const profiles: SliceRecord[][] = positionals.map((file) => {
      // A device, FIFO, directory, empty or oversized file is refused by name before anything is read.
      const bytes = readInputFile(file, { what: "Argo AUX profile file (R<wmo>_<ccc>_aux.nc)", maxBytes: INPUT_LIMIT_BYTES.document });
      try {
        return sliceRecordsFromAux(readAuxProfile(bytes), profile.zones) as SliceRecord[];
      } catch (err) {
        throw new CliError(`${file}: ${(err as Error).message}`, ExitCode.INPUT);
      }
    });
    let table;
    try {
      table = trainPriorTable(id, profiles, (records, t) => encodeSbdWithFirmware(records, t, { zones: profile.zones, float: profile.float, cycle: 1, sbdMaxBytes: 340 }));
    } catch (err) {
      throw new CliError(`uvp-float sbd-priors: ${(err as Error).message}`, ExitCode.FIRMWARE);
    }
    const records = profiles.reduce((a, p) => a + p.length, 0);
    writeOutput(out, priorTableJson(table, { fittedOn: positionals.map((f) => basename(f)), records }));
    if (values.json) console.log(JSON.stringify({ out, id, fittedOn: positionals, records, bytesOnFloat: PRIOR_TABLE_BYTES }, null, 2));
    else console.log(`SBD prior table ${id}: fitted on ${positionals.length} profile(s), ${records} records; ${PRIOR_TABLE_BYTES} bytes on the float; written to ${out}`);
    return ExitCode.OK;
  },
};
