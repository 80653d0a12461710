import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProfile, profilesDir } from "../host/config/profile.js";
import { parseTaxoConf } from "../host/config/taxoConf.js";
import { describeModel, parseModel } from "../host/classify/model.js";
import { TAXA_CLASS_COUNT, TAXA_ECOTAXA_IDS, TAXA_NAMES, taxaDataset } from "../simulator/taxa/taxaDataset.js";
import { evaluateTaxaModel, featuresOf, trainDemoModel } from "../simulator/taxa/trainDemoModel.js";

const profile = loadProfile("000118LP");

describe("trainDemoModel on a small set", () => {
  // Measured (held-out 200 per class): 40 per class, seed 3 -> overall 0.9875, per class
  // 0.995 / 0.955 / 1 / 1 (some copepods taken for fibres); 10 per class gives 0.94-0.99.
  it("reaches the held-out accuracy floor, and is deterministic", async () => {
    const a = await trainDemoModel(3, 40, { heldOutPerClass: 200 });
    expect(a.accuracy.overall).toBeGreaterThanOrEqual(0.9);
    for (const p of a.accuracy.perClass) expect(p).toBeGreaterThanOrEqual(0.8);
    expect(a.accuracy.confusion.flat().reduce((x, y) => x + y, 0)).toBe(800);
    expect(a.training.adjustedValues).toBe(0);
    expect(a.training.maxDepth).toBeLessThanOrEqual(7);
    const parsed = parseModel(a.model);
    expect(parsed.errors).toEqual([]);
    expect(parsed.model!.classCount).toBe(TAXA_CLASS_COUNT);
    const b = await trainDemoModel(3, 40, { heldOutPerClass: 200 });
    expect(b.model).toEqual(a.model);
    expect(b.accuracy).toEqual(a.accuracy);
  });

  it("refuses a held-out seed equal to the training seed and depths beyond the demo's 1..7", async () => {
    await expect(trainDemoModel(5, 2, { heldOutSeed: 5 })).rejects.toThrow(/held-out seed/);
    await expect(trainDemoModel(5, 2, { maxDepth: 8 })).rejects.toThrow(/maxDepth/); // the demo keeps to 1..7
  });
});

describe("the shipped demo model (profiles/models/demo-taxa.bin)", () => {
  const dir = join(profilesDir(), "models");
  const bytes = new Uint8Array(readFileSync(join(dir, "demo-taxa.bin")));
  const meta = JSON.parse(readFileSync(join(dir, "demo-taxa.json"), "utf8")) as {
    provenance: string;
    taxoConf: string;
    classes: Array<{ index: number; name: string; ecotaxaId: number }>;
    seed: number;
    perClass: number;
    heldOutSeed: number;
    accuracy: { perClass: number[]; overall: number; confusion: number[][] };
    model: { bytes: number; sha256: string; treesPerClass: number };
  };

  it("parses with parseModel and matches its sidecar", () => {
    const parsed = parseModel(bytes);
    expect(parsed.errors).toEqual([]);
    const d = describeModel(parsed.model!);
    expect(d.classCount).toBe(4);
    expect(d.maxDepth).toBeLessThanOrEqual(7);
    expect(d.treesPerClass).toBe(meta.model.treesPerClass);
    expect(bytes.length).toBe(meta.model.bytes);
    expect(bytes.length).toBeLessThan(40_000);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(meta.model.sha256);
    expect(meta.provenance).toBe("trained by uvp-float's simulator, illustrative only");
    expect(meta.classes.map((c) => c.name)).toEqual([...TAXA_NAMES]);
    const taxo = parseTaxoConf(meta.taxoConf);
    expect(taxo.modelClassCount).toBe(4);
    expect(taxo.taxoIds.slice(0, 4)).toEqual([...TAXA_ECOTAXA_IDS]);
    expect(taxo.taxoIds.slice(4).every((id) => id === 0)).toBe(true);
  });

  it("reproduces its stored held-out accuracy on a fresh held-out set", () => {
    const model = parseModel(bytes).model!;
    const freshSeed = 987654;
    expect(freshSeed).not.toBe(meta.seed);
    expect(freshSeed).not.toBe(meta.heldOutSeed);
    const fresh = evaluateTaxaModel(model, featuresOf(taxaDataset(freshSeed, 250, profile)));
    expect(Math.abs(fresh.overall - meta.accuracy.overall)).toBeLessThanOrEqual(0.02);
    fresh.perClass.forEach((p, c) => expect(Math.abs(p - meta.accuracy.perClass[c])).toBeLessThanOrEqual(0.05));
  });

  it("is what trainDemoModel gives for its stored seed, byte for byte", async () => {
    const again = await trainDemoModel(meta.seed, meta.perClass, { heldOutSeed: meta.heldOutSeed, heldOutPerClass: 20 });
    expect(createHash("sha256").update(again.model).digest("hex")).toBe(meta.model.sha256);
    expect(again.taxoConfLine).toBe(meta.taxoConf);
  });
});
