// uvp-float fleet merge: the shard summaries of a fleet replayed on several machines, merged into one.
import { writeFileSync } from "node:fs";
import { fleetSummaryProblem, mergeFleetShards, type ShardInput } from "../replay/fleetMerge.js";
import { readableFleetReport, worstExitCode, type FleetSummary } from "../replay/fleetSummary.js";
import { writeOutputAtomically } from "./atomicOutput.js";
import { CliError, ExitCode } from "./cliError.js";
import { INPUT_LIMIT_BYTES, readInputFile } from "./inputFiles.js";
import { checkOutputs } from "./outputFiles.js";
import { parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float fleet merge <shard summaries...> --out <fleet.summary.json> [--force] [--json]

Merges the summaries that 'uvp-float replay <list> --shard i/n' wrote on n machines
(fleet.shard-<i>-of-<n>.summary.json) into the summary one unsharded replay of the list gives: the streams
in the list's order, the totals added up, the exit code the worst of the shards'. Checks that every shard
comes from the same stream list (count and sha256 of the sorted names) and the same shard count, and names
the shards that are missing or given twice (a duplicate is merged once).

Options:
  --out <file>   the merged summary (required)
  --force        overwrite --out if it exists
  --json         print the merged summary (with the problems) as JSON instead of a readable report
  -h, --help     this help

Example (what .github/workflows/fleet.yml runs after its matrix of shards):
  uvp-float fleet merge shards/fleet.shard-*-of-4.summary.json --out fleet.summary.json

Exit codes: the worst of the shards' codes (best to worst 0 < 1 < 65 < 70 < 73: 1 a stream disagrees with
its truth, 65 a damaged stream...); 65 also when a shard is missing or given twice, the shards come from
different lists, shard counts or builds, or a summary cannot be read (the merge is still written, with the
problems in it); 64 usage; 73 --out exists (give --force) or cannot be written (nothing is left half-written).`;

/** The fleet verb (one subcommand: merge). */
export const fleetVerb: Verb = {
  name: "fleet",
  summary: "merge the shard summaries of a fleet replayed on several machines (fleet merge)",
  help,
  async run(argv) {
    const { values, positionals } = parseVerbArgs("fleet", argv, { out: { type: "string" }, force: { type: "boolean" }, json: { type: "boolean" } });
    const [sub, ...files] = positionals;
    if (sub !== "merge") throw new CliError(`uvp-float fleet: the subcommand is 'merge'${sub ? `, got "${sub}"` : ""}\nRun 'uvp-float fleet --help' for usage.`, ExitCode.USAGE);
    if (files.length === 0) throw new CliError("uvp-float fleet merge: give the shard summaries (fleet.shard-<i>-of-<n>.summary.json)", ExitCode.USAGE);
    const out = values.out as string | undefined;
    if (out === undefined) throw new CliError("uvp-float fleet merge: --out <fleet.summary.json> is required", ExitCode.USAGE);
    checkOutputs("fleet merge", { files: [out] }, { inputs: files, force: Boolean(values.force) });

    const shards: ShardInput[] = [];
    const unreadable: string[] = [];
    for (const file of files) {
      let parsed: unknown;
      let text: string;
      try {
        // A device or FIFO is refused before it is opened (reading /dev/zero would never end).
        text = new TextDecoder().decode(readInputFile(file, { what: "fleet shard summary (JSON)", maxBytes: INPUT_LIMIT_BYTES.document }));
      } catch (err) {
        unreadable.push((err as Error).message);
        continue;
      }
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        unreadable.push(`${file}: not JSON (${(err as Error).message})`);
        continue;
      }
      const why = fleetSummaryProblem(parsed);
      if (why !== null) unreadable.push(`${file}: ${why}`);
      else shards.push({ file, summary: parsed as FleetSummary });
    }
    if (shards.length === 0) throw new CliError(`uvp-float fleet merge: no shard summary could be read:\n  ${unreadable.join("\n  ")}`, ExitCode.INPUT);
    const merged = mergeFleetShards(shards);
    const problems = [...unreadable, ...merged.problems];
    const exitCode = worstExitCode([merged.summary.fleet.exitCode, ...(problems.length > 0 ? [ExitCode.INPUT] : [])]);
    const document = { ...merged.summary, fleet: { ...merged.summary.fleet, exitCode }, mergeProblems: problems };
    await writeOutputAtomically(out, (temp) => writeFileSync(temp, JSON.stringify(document, null, 2) + "\n"));

    if (values.json) console.log(JSON.stringify({ ...document, outputs: { summary: out } }, null, 2));
    else {
      const report = readableFleetReport({ ...merged.summary, fleet: { ...merged.summary.fleet, exitCode } }, out).split("\n");
      report[0] = `fleet merge: ${shards.length} shard summar${shards.length === 1 ? "y" : "ies"} of a ${merged.summary.fleet.merged?.shards}-shard fleet, ${merged.summary.fleet.streams} of ${merged.summary.fleet.listed} listed streams`;
      console.log([...report, ...problems.map((p) => `  PROBLEM: ${p}`)].join("\n"));
    }
    return exitCode;
  },
};
