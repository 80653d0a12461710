// uvp-float model: inspect uvpec models, and convert XGBoost models into them (with a TAXO_CONF line).
import { describeModel, formatModelDescription, parseModel, serializeModel } from "../classify/model.js";
import { taxoConfLine } from "../classify/taxoConfLine.js";
import { importXgboostDump } from "../classify/xgboostDump.js";
import { importXgboostJson } from "../classify/xgboostJson.js";
import type { ImportResult } from "../classify/xgboostTrees.js";
import { Firmware, Status, describeStatus } from "../firmware/index.js";
import { CliError, ExitCode } from "./cliError.js";
import { INPUT_LIMIT_BYTES, readInputFile } from "./inputFiles.js";
import { checkOutputs, writeOutput } from "./outputFiles.js";
import { intOption, parseVerbArgs, type Verb } from "./verb.js";

const help = `Usage: uvp-float model inspect <model.bin> [--json]
       uvp-float model convert <xgboost.json|dump.txt> --out <model.bin> [options]

inspect  checks a uvpec binary model as the host reference and the firmware both do, and prints its
         classes, trees, nodes, depth, bytes and the features it uses, and which builds it fits: the full
         build's model area (224 KiB unless --model-area says what a custom build reserves), never the
         lpm build, which has no classifier (--json: as JSON).
convert  turns an XGBoost multi:softprob model, saved as JSON (save_model('m.json')) or as a text dump
         (dump_model('dump.txt')), into uvpec's binary format: trees class-major, yes/no children
         adjacent, a dummy node 0 per tree, any depth within 255 nodes per tree. base_score has no place
         in the format (warned); the camera sends a NaN feature to "yes", and splits whose missing-value
         direction is "no" are warned about. Prints the TAXO_CONF line for the model.

Options:
  --out <file>           convert: the uvpec model to write                           [required]
  --classes <2-40>       number of classes (required for a text dump, which does not say it)
  --taxo-name <name>     TAXO_CONF configuration name (default TAXO_UVPF)
  --model-ref <name>     TAXO_CONF model reference (default: the output file name)
  --max-size <px>        TAXO_CONF Max_size_for_classification (default 65535)
  --taxo-ids <list>      comma-separated EcoTaxa ids, one per class (default 0s)
  --model-area <bytes>   inspect: the model area of a full build made with UVP_MODEL_AREA_BYTES (fit check)
  --force                overwrite --out
  --json                 inspect: the description as JSON; convert: {out, bytes, classes, treesPerClass,
                         taxoConf, warnings}
  -h, --help             this help

Example:
  uvp-float model convert m.json --out m.bin --taxo-ids 93382,56693,85123 && uvp-float model inspect m.bin

Exit codes: 0 ok, 1 the model is valid but does not fit the --model-area given, 64 usage (an output that is an input included), 65 the model is unreadable or malformed (every problem is listed), 73 output
exists (give --force) or cannot be written.`;

/** The model verb (inspect, convert). */
export const modelVerb: Verb = {
  name: "model",
  summary: "inspect a uvpec model, or convert an XGBoost model into one (+ TAXO_CONF line)",
  help,
  run(argv) {
    const { values, positionals } = parseVerbArgs("model", argv, {
      out: { type: "string" }, classes: { type: "string" }, "taxo-name": { type: "string" }, "model-ref": { type: "string" },
      "max-size": { type: "string" }, "taxo-ids": { type: "string" }, force: { type: "boolean" }, json: { type: "boolean" },
      "model-area": { type: "string" },
    });
    const [action, file] = positionals;
    if ((action !== "inspect" && action !== "convert") || !file || positionals.length !== 2) {
      throw new CliError("uvp-float model: give 'inspect <model.bin>' or 'convert <xgboost model> --out <model.bin>'\nRun 'uvp-float model --help' for usage.", ExitCode.USAGE);
    }
    const bytes = readInputFile(file, { what: action === "inspect" ? "uvpec model" : "XGBoost model (JSON or text dump)", maxBytes: INPUT_LIMIT_BYTES.document });
    const modelArea = intOption("model", "model-area", values["model-area"] as string | undefined, 16, 0x7fffffff);
    return action === "inspect" ? inspect(file, bytes, Boolean(values.json), modelArea) : convert(file, bytes, values as Record<string, string | boolean | undefined>);
  },
};

function inspect(file: string, bytes: Uint8Array, json: boolean, modelAreaBytes: number | undefined): number {
  const parsed = parseModel(bytes);
  const fw = Firmware.create("auto");
  const firmwareStatus = fw.loadModel(bytes);
  if (!parsed.model) {
    throw new CliError(`${file}: not a valid uvpec model (firmware: ${describeStatus(firmwareStatus)}):\n  ${parsed.errors.join("\n  ")}`, ExitCode.INPUT);
  }
  const d = describeModel(parsed.model);
  const builds = buildFit(bytes.length, parsed.model.classCount * parsed.model.treesPerClass, fw, modelAreaBytes);
  if (json) console.log(JSON.stringify({ file, ...d, firmware: Status[firmwareStatus], builds }, null, 1));
  else {
    const full = builds.full;
    const fits = `full build (model area ${full.modelAreaBytes} B${modelAreaBytes === undefined ? "" : ", --model-area"}): ${full.fits ? `fits, ${full.usedPercent}% of the area` : full.why}`;
    console.log(`${file}\n${formatModelDescription(d)}\nfirmware: ${firmwareStatus === Status.OK ? "accepts it" : describeStatus(firmwareStatus)}\n${fits}\nlpm build: ${builds.lpm.why}`);
  }
  if (firmwareStatus !== Status.OK) return ExitCode.INPUT;
  return builds.full.fits ? ExitCode.OK : ExitCode.TRUTH_MISMATCH;
}

/** Which builds can hold a model of `bytes` bytes and `trees` trees: the full build's area (or `areaBytes`), never lpm. */
function buildFit(bytes: number, trees: number, fw: Firmware, areaBytes: number | undefined) {
  const area = areaBytes ?? fw.raw.modelCapacityBytes();
  const maxTrees = fw.raw.modelMaxTrees();
  const why = bytes > area ? `too large: ${bytes} B, the area holds ${area} B` : trees > maxTrees ? `too many trees: ${trees}, the index holds ${maxTrees}` : null;
  return {
    full: { modelAreaBytes: area, fits: why === null, usedPercent: Math.round((1000 * bytes) / area) / 10, why: why ?? "fits" },
    lpm: { modelAreaBytes: 0, fits: false, why: "no classifier in this build (LPM and BLACK only)" },
  };
}

function convert(file: string, bytes: Uint8Array, v: Record<string, string | boolean | undefined>): number {
  const out = v.out as string | undefined;
  if (!out) throw new CliError("uvp-float model convert: --out <model.bin> is required", ExitCode.USAGE);
  checkOutputs("model", { files: [out] }, { inputs: [file], force: Boolean(v.force) });
  const text = new TextDecoder().decode(bytes);
  let result: ImportResult;
  if (text.trimStart().startsWith("{")) {
    result = importXgboostJson(text);
  } else {
    const classes = intOption("model", "classes", v.classes as string | undefined, 2, 40);
    if (classes === undefined) throw new CliError("uvp-float model convert: a text dump does not say its class count: give --classes", ExitCode.USAGE);
    result = importXgboostDump(text, classes);
  }
  for (const w of result.warnings) console.error(`warning: ${w}`); // stderr in both modes: --json keeps them in its document too
  if (!result.model) throw new CliError(`${file}: cannot convert:\n  ${result.errors.join("\n  ")}`, ExitCode.INPUT);
  // Every option is checked, and the TAXO_CONF line built, before anything is written.
  const ids = (v["taxo-ids"] as string | undefined)?.split(",").map(Number) ?? new Array(result.model.classCount).fill(0);
  if (ids.length !== result.model.classCount || ids.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new CliError(`uvp-float model convert: --taxo-ids needs ${result.model.classCount} non-negative integers`, ExitCode.USAGE);
  }
  const maxSize = intOption("model", "max-size", v["max-size"] as string | undefined, 0, 65535) ?? 65535;
  const ref = (v["model-ref"] as string | undefined) ?? out.replace(/^.*\//, "").replace(/\.bin$/, "");
  let line: string;
  try {
    line = taxoConfLine((v["taxo-name"] as string | undefined) ?? "TAXO_UVPF", ref, maxSize, ids);
  } catch (err) {
    throw new CliError(`uvp-float model convert: ${(err as Error).message} (check --taxo-name, --model-ref or --out)`, ExitCode.USAGE);
  }
  const model = serializeModel(result.model);
  writeOutput(out, model);
  if (v.json) {
    console.log(JSON.stringify({ out, bytes: model.length, classes: result.model.classCount, treesPerClass: result.model.treesPerClass, taxoConf: line, warnings: result.warnings }, null, 1));
    return ExitCode.OK;
  }
  console.log(`wrote ${out}: ${model.length} bytes, ${result.model.classCount} classes x ${result.model.treesPerClass} trees`);
  console.log(line);
  return ExitCode.OK;
}
