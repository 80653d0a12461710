// Writes the demo classifier shipped in profiles/models/: demo-taxa.bin (the uvpec model file) and
// demo-taxa.json (its TAXO_CONF line, classes, seeds, held-out accuracy, how it was trained, provenance).
//
// Run from a build: `npm run build:host && node dist/simulator/taxa/writeDemoModel.js [outDir]`
// (ml-xgboost, a devDependency, must be installed). The result is deterministic: the same seeds give the
// same bytes (test/taxa-model.test.ts retrains and compares).

import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { FEATURE_NAMES } from "../../host/classify/features.js";
import { describeModel, parseModel } from "../../host/classify/model.js";
import { profilesDir } from "../../host/config/profile.js";
import {
  INTRUDER_SHARE,
  TAXA_CLASS_COUNT,
  TAXA_ECOTAXA_IDS,
  TAXA_MAX_ESD_UM,
  TAXA_NAMES,
  VIGNETTE_MARGIN_PX,
} from "./taxaDataset.js";
import { DEMO_PROFILE_NAME, trainDemoModel, type DemoModel } from "./trainDemoModel.js";

/** Seed and size of the shipped demo model's training set, and of its held-out set. */
export const DEMO_SEED = 20240601;
export const DEMO_PER_CLASS = 300;
export const DEMO_HELD_OUT_PER_CLASS = 500;

/** Base name of the shipped files (profiles/models/demo-taxa.bin and .json). */
export const DEMO_MODEL_NAME = "demo-taxa";

/** The folder the demo model is shipped in. */
export function demoModelDir(): string {
  return join(profilesDir(), "models");
}

/** The JSON sidecar describing a trained demo model. */
export function demoModelSidecar(demo: DemoModel): Record<string, unknown> {
  const parsed = parseModel(demo.model);
  if (parsed.model === undefined) throw new Error(`demo model does not parse: ${parsed.errors.join("; ")}`);
  const d = describeModel(parsed.model);
  const t = demo.training;
  return {
    name: DEMO_MODEL_NAME,
    provenance: "trained by uvp-float's simulator, illustrative only",
    description:
      "ILLUSTRATIVE uvpec classifier of four simulated taxa (aggregate, copepod, fibre, dark sphere), trained on " +
      "vignettes drawn by uvp-float's mission simulator shape code. For exercising the firmware's classifier, the " +
      "TAXO_CONF plumbing and the tools; it says nothing about real UVP6 images.",
    file: `${DEMO_MODEL_NAME}.bin`,
    taxoConf: demo.taxoConfLine,
    classes: TAXA_NAMES.map((name, index) => ({ index, name, ecotaxaId: TAXA_ECOTAXA_IDS[index] })),
    ecotaxaIdsNote: "The EcoTaxa ids are illustrative placeholders picked for this demo, not checked against EcoTaxa's taxonomy.",
    profile: DEMO_PROFILE_NAME,
    seed: t.seed,
    perClass: t.perClass,
    heldOutSeed: t.heldOutSeed,
    heldOutPerClass: t.heldOutPerClass,
    accuracy: demo.accuracy,
    trainingAccuracy: t.trainingAccuracy,
    howTrained: {
      dataset:
        `simulator/taxa/taxaDataset.ts: taxaDataset(seed, perClass, profile ${DEMO_PROFILE_NAME}); each object drawn alone ` +
        `by simulator/mission/missionShapes.ts in its bounding box plus a ${VIGNETTE_MARGIN_PX}-px dark margin; ESD log-uniform ` +
        `from the ACQ_CONF vignetting limit to ${TAXA_MAX_ESD_UM.join(" / ")} um per class (fibres <= 400 px); ` +
        `${INTRUDER_SHARE * 100} % of vignettes with a piece of a neighbouring object in the box`,
      features: "host/classify/features.ts computeFeatures (55 features of the largest 8-connected region, float32)",
      trainer: "ml-xgboost 1.1.2 (WebAssembly build of XGBoost), exact greedy, no subsampling",
      xgboost: t.xgboost,
      conversion: "XGBoost legacy binary -> host/classify/xgboostLegacyBinary.ts importXgboostLegacyBinary -> serializeModel",
      evaluation: "host/classify/inference.ts predict on the held-out set (seed heldOutSeed), per-class recall and confusion [true][predicted]",
      adjustedFeatureValues: t.adjustedValues,
      importWarnings: t.importWarnings,
      regenerate: "npm run build:host && node dist/simulator/taxa/writeDemoModel.js",
    },
    model: {
      bytes: demo.model.length,
      sha256: createHash("sha256").update(demo.model).digest("hex"),
      classes: d.classCount,
      treesPerClass: d.treesPerClass,
      nodes: d.nodeCount,
      maxDepth: d.maxDepth,
      featuresUsed: d.featuresUsed.map((f) => FEATURE_NAMES[f]),
    },
    classCount: TAXA_CLASS_COUNT,
  };
}

/** Trains the demo model and writes <outDir>/demo-taxa.bin and .json; returns the model and the paths. */
export async function writeDemoModel(outDir = demoModelDir()): Promise<{ demo: DemoModel; binPath: string; jsonPath: string }> {
  const demo = await trainDemoModel(DEMO_SEED, DEMO_PER_CLASS, { heldOutPerClass: DEMO_HELD_OUT_PER_CLASS });
  mkdirSync(outDir, { recursive: true });
  const binPath = join(outDir, `${DEMO_MODEL_NAME}.bin`);
  const jsonPath = join(outDir, `${DEMO_MODEL_NAME}.json`);
  writeFileSync(binPath, demo.model);
  writeFileSync(jsonPath, `${JSON.stringify(demoModelSidecar(demo), null, 2)}\n`);
  return { demo, binPath, jsonPath };
}

// Run as a script: node dist/simulator/taxa/writeDemoModel.js [outDir]
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeDemoModel(process.argv[2] === undefined ? undefined : resolve(process.argv[2])).then(
    ({ demo, binPath, jsonPath }) => {
      const a = demo.accuracy;
      console.log(`wrote ${binPath} (${demo.model.length} bytes) and ${jsonPath}`);
      console.log(`held-out accuracy ${a.overall.toFixed(4)}; per class ${a.perClass.map((p, c) => `${TAXA_NAMES[c]} ${p.toFixed(4)}`).join(", ")}`);
    },
    (e: unknown) => {
      console.error(`writeDemoModel: ${(e as Error).message}`);
      process.exitCode = 1;
    },
  );
}
