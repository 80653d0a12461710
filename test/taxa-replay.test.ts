// End to end: a simulated profile replayed with the demonstration model gives TAXO_DATA lines before
// each LPM_DATA line, identical on both builds, whose counts per class match the truth through the
// model's held-out confusion matrix; and the float's TAXOv2 slices (CTS5 and compact SBD) that carry them.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../host/config/profile.js";
import { packageRoot } from "../host/paths.js";
import { replayFile, type ReplayOutput } from "../host/replay/replayFile.js";
import { decodeCts5File } from "../host/telemetry/cts5/index.js";
import { decodeSbdMessages } from "../host/telemetry/sbd/index.js";
import type { TaxoSlice } from "../host/telemetry/types.js";
import { writeMissionStream } from "../simulator/writeMission.js";

const modelDir = join(packageRoot(), "profiles", "models");
const meta = JSON.parse(readFileSync(join(modelDir, "demo-taxa.json"), "utf8")) as { taxoConf: string; accuracy: { confusion: number[][] } };
const model = { bytes: readFileSync(join(modelDir, "demo-taxa.bin")), taxoConf: meta.taxoConf };
/** The simulator's shape behind each of the model's classes (aggregate, copepod, fibre, dark sphere). */
const SHAPE_OF_CLASS = ["particle", "copepod", "fibre", "dark-sphere"];

const out: Record<string, ReplayOutput> = {};
beforeAll(() => {
  const stream = join(mkdtempSync(join(tmpdir(), "uvp-taxa-")), "taxa.uvps");
  // Half-size frames near the surface, objects never touching: every classifiable object is one object.
  writeMissionStream(loadProfile("000118LP"), { seed: 6, profileDepthDbar: 120, parkDepthDbar: 120, parkDurationS: 0, phases: ["ascent"], frameScale: 0.5, avoidTouching: true }, stream, false);
  const profile = loadProfile("000118LP");
  // Every zone averaged (the real first zone is decimated, which drops blocs and their objects on purpose).
  const zones = { ...profile.zones, processing: profile.zones.processing.map(() => "mean" as const) };
  const telemetry = { floatId: 4903634, cycle: 12, zones };
  out.simd = replayFile(stream, { build: "simd", model, telemetry });
  out.scalar = replayFile(stream, { build: "scalar", model, telemetry });
});

describe("classification in a replayed profile", () => {
  it("writes the model's TAXO_CONF and a TAXO_DATA line before every LPM_DATA line, identical on both builds", () => {
    const lines = out.simd.logLines;
    expect(out.scalar.logLines).toEqual(lines);
    expect(lines[2]).toBe(meta.taxoConf);
    const lpm = lines.flatMap((l, i) => (l.startsWith("LPM_DATA") ? [i] : []));
    expect(lpm.length).toBeGreaterThan(500);
    for (const i of lpm) expect(lines[i - 1], `line ${i}`).toMatch(/^TAXO_DATA,\d+(,\d+,\d+,\d+)*;$/);
    const triplets = lines.filter((l) => l.startsWith("TAXO_DATA")).reduce((n, l) => n + (l.split(",").length - 2) / 3, 0);
    expect(triplets).toBe(out.simd.summary.frames.classifiedObjects);
    expect(out.simd.summary.frames.unclassifiedObjects).toBe(0);
  });

  it("counts per class what the truth predicts through the model's confusion", () => {
    const taxo = out.simd.summary.taxo!;
    const truth = SHAPE_OF_CLASS.map((s) => taxo.truthByShape[s] ?? 0);
    expect(truth.reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
    // Expected count of class k: sum over true taxa s of truth_s x P(k | s), P from the held-out confusion;
    // tolerance: 3 binomial standard deviations of that sum, plus 1.
    const confusion = meta.accuracy.confusion.map((row) => row.map((n) => n / row.reduce((a, b) => a + b, 0)));
    taxo.classCounts.forEach((got, k) => {
      const expected = truth.reduce((sum, n, s) => sum + n * confusion[s][k], 0);
      const sd = Math.sqrt(truth.reduce((v, n, s) => v + n * confusion[s][k] * (1 - confusion[s][k]), 0));
      expect(Math.abs(got - expected), `class ${k}: ${got} classified, ${expected.toFixed(1)} expected`).toBeLessThanOrEqual(3 * sd + 1);
    });
  });

  it("sends per slice TAXOv2 records whose objects per class add up to the TAXO_DATA lines, in both formats and builds", () => {
    const parts = out.simd.telemetryParts;
    expect(out.scalar.telemetryParts.map((p) => Array.from(p.bytes))).toEqual(parts.map((p) => Array.from(p.bytes)));
    const sbd = decodeSbdMessages(parts.filter((p) => p.format === "sbd").map((p, i) => ({ source: `m${i}`, bytes: p.bytes })));
    expect(sbd.problems).toEqual([]);
    const cts5 = parts.filter((p) => p.format === "cts5").map((p) => decodeCts5File(p.bytes, "f"));
    expect(cts5.flatMap((c) => c.problems)).toEqual([]);
    const perClass = (slices: TaxoSlice[]): number[] => {
      const n: number[] = [];
      for (const s of slices) for (const c of s.categories) n[c.index] = (n[c.index] ?? 0) + c.objects;
      return Array.from({ length: out.simd.summary.taxo!.classCounts.length }, (_, k) => n[k] ?? 0);
    };
    const sbdTaxo = sbd.records.filter((r): r is TaxoSlice => r.kind === "taxo");
    const cts5Taxo = cts5.flatMap((c) => c.records).filter((r): r is TaxoSlice => r.kind === "taxo");
    expect(sbdTaxo.length).toBeGreaterThan(20);
    expect(perClass(sbdTaxo)).toEqual(out.simd.summary.taxo!.classCounts.map((n) => n ?? 0));
    expect(cts5Taxo).toEqual(sbdTaxo);
    // Every TAXO slice goes with an LPM slice of the same time and pressure.
    const lpm = new Set(sbd.records.filter((r) => r.kind === "lpm").map((r) => `${r.timeS}/${r.pressureDbar}`));
    for (const t of sbdTaxo) expect(lpm.has(`${t.timeS}/${t.pressureDbar}`)).toBe(true);
  });
});
