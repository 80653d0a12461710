// The firmware on embedded targets: the MVP builds translated by wasm2c into C with our own C host (targets/c),
// run natively (gcc -O2) and on a Cortex-M4F under QEMU (mps2-an386, semihosting). Each replay must write the
// RS232 log and telemetry files `uvp-float replay` writes, byte for byte; the Cortex-M instruction counts must
// stay within their budgets (test/golden/embedded-budgets.json) plus the margin. UVP_NO_EMBEDDED=1 skips this
// file (as UVP_NO_BROWSER=1 skips the browser test); .ci/run installs the Debian packages it needs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  budgetTable, instructionCounts, MARGIN_PERCENT, readBudgets, runCortexScenarios, type CortexRun,
} from "../bench/embeddedBudgets.js";
import { demoModel, DEMO_MISSION, EMBEDDED_PROFILE, FULL_FRAME_NAMES } from "../bench/embeddedScenario.js";
import { loadProfile } from "../host/config/profile.js";
import { buildTargets, EMBEDDED_SKIPPED, linkMap, runTarget, type TargetKind } from "../host/embedded/targets.js";
import type { Capability } from "../host/firmware/index.js";
import { formatDataTxt, type DataTxtImage } from "../host/formats/dataTxt.js";
import { cameraDateTime } from "../host/formats/rs232Lines.js";
import { GOLDEN_CYCLE, prepareRun } from "../host/check/prepareRun.js";
import { modelForRun } from "../host/check/modelFile.js";
import { readGoldenManifest } from "../host/check/goldenManifest.js";
import { packageRoot } from "../host/paths.js";
import { replayFile, type ReplayFileOptions } from "../host/replay/replayFile.js";
import { writeRowsFile } from "../host/replay/rowsFile.js";
import { buildOutputs } from "../host/check/outputSet.js";
import { DEFAULT_FLOAT_SERIAL } from "../host/config/profile.js";
import { telemetryFiles } from "../host/telemetry/partFiles.js";
import { regenerateGoldenStream } from "../simulator/goldenStream.js";
import { Rng } from "../simulator/random.js";
import { writeMissionStream } from "../simulator/writeMission.js";
import { REAL_ACQ_CONF, REAL_HW_CONF } from "./support/config.js";

const GOLDEN = ["000118LP", "000175LP", "legacy-40um"];
/** Demo-mission frames replayed natively and on the Cortex-M (the first ones: the mission has 2,620). */
const DEMO_FRAMES_NATIVE = 200;
const DEMO_FRAMES_QEMU = 40;
const telemetry = { floatId: 4903634, cycle: GOLDEN_CYCLE, sbdMaxBytes: 340 };
let work = "";

/** The files `uvp-float replay --out --telemetry` writes (rs232.log, telemetry/<CTS5 files, SBD messages>). */
function nodeFiles(input: string, options: Omit<ReplayFileOptions, "build">, serialHex = DEFAULT_FLOAT_SERIAL): Map<string, string> {
  const out = replayFile(input, { ...options, build: "scalar" });
  const files = new Map<string, string>([["rs232.log", out.logLines.join("\n") + "\n"]]);
  const t = options.telemetry ?? { floatId: 0, cycle: 1 };
  const ids = { floatId: t.floatId ?? 0, serialHex, cycle: t.cycle ?? 1, pattern: 1 };
  for (const f of telemetryFiles(out.telemetryParts, ids)) files.set(`telemetry/${f.name}`, Buffer.from(f.bytes).toString("hex"));
  return files;
}

/** What a C run wrote, keyed like nodeFiles. */
function targetFiles(outDir: string): Map<string, string> {
  const files = new Map<string, string>([["rs232.log", readFileSync(join(outDir, "rs232.log"), "latin1")]]);
  for (const f of readdirSync(join(outDir, "telemetry")).sort()) files.set(`telemetry/${f}`, readFileSync(join(outDir, "telemetry", f)).toString("hex"));
  return files;
}

/** Sorted entries, so a difference names the file. */
const sorted = (m: Map<string, string>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

/** Replays `input` in C on `target` and expects Node's files exactly. */
function expectIdentical(target: TargetKind, capability: Capability, input: string, name: string, options: Omit<ReplayFileOptions, "build">, serialHex?: string) {
  const rows = join(work, `${name}.rows`);
  writeRowsFile(input, rows, { ...options, serialHex });
  const outDir = join(work, `${target}-${capability}-${name}`);
  const run = runTarget(target, capability, rows, outDir);
  expect(sorted(targetFiles(outDir))).toEqual(sorted(nodeFiles(input, options, serialHex)));
  return run;
}

/** A *_data.txt of 64 images: lit and black, over-exposed and empty ones, depths whose bloc means fall on .xx5 ties. */
function writeDataTxt(path: string): void {
  const rng = new Rng(10);
  const images: DataTxtImage[] = Array.from({ length: 64 }, (_, i) => {
    const kind = i % 9 === 8 ? "black" : "lit";
    const base = { timeS: 1_652_900_000 + i * 0.5, depthDbar: 100 - 0.25 * i + (i % 4 === 1 ? 0.1 : 0), temperatureC: 12.125 + (i % 8) * 0.25, kind, empty: false } as const;
    if (i % 17 === 5) return { ...base, overexposedPercent: 31.5, entries: [] };
    if (i % 13 === 7) return { ...base, overexposedPercent: null, empty: true, entries: [] };
    const entries = Array.from({ length: 1 + rng.int(0, 30) }, (_, k) => ({ areaPx: 1 + k * 3 + rng.int(0, 2), count: 1 + rng.int(0, 400), meanGrey: 20 + rng.int(0, 2000) / 10, sdGrey: 0 }));
    return { ...base, overexposedPercent: null, entries };
  });
  writeFileSync(path, formatDataTxt({ hwConf: REAL_HW_CONF, acqConf: REAL_ACQ_CONF, taxoConf: null, images }));
}

/**
 * A golden set's stream regenerated and written as a rows file, and the files the golden check makes of it
 * (host/check/outputSet.ts, fresh from Node: test/check.test.ts holds those to the committed golden files),
 * keyed like targetFiles.
 */
async function goldenRows(profile: string) {
  const dir = join(packageRoot(), "test", "golden", profile);
  const manifest = readGoldenManifest(dir);
  const stream = (await regenerateGoldenStream(dir, work)).path;
  const prepared = prepareRun(stream, modelForRun(undefined, manifest.model, dir), false);
  const rows = join(work, `${profile}.rows`);
  writeRowsFile(stream, rows, { model: prepared.setup.model, telemetry: prepared.setup.telemetry, serialHex: prepared.setup.telemetry.serialHex });
  const golden = new Map([...buildOutputs(stream, "scalar", prepared.setup).files].filter(([path]) => path !== "budgets.json").map(([path, bytes]) => {
    return [path, path === "rs232.log" ? Buffer.from(bytes).toString("latin1") : Buffer.from(bytes).toString("hex")] as [string, string];
  }));
  return { rows, golden, prepared, stream };
}

describe.skipIf(EMBEDDED_SKIPPED)("embedded targets (UVP_NO_EMBEDDED=1 skips)", () => {
  let dataTxt = "";
  let demoStream = "";
  const zones = loadProfile(EMBEDDED_PROFILE).zones;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "uvp-embedded-"));
    buildTargets();
    dataTxt = join(work, "20220518_data.txt");
    writeDataTxt(dataTxt);
    demoStream = join(work, "demo.uvps");
    writeMissionStream(loadProfile(EMBEDDED_PROFILE), DEMO_MISSION, demoStream, true);
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("format RS232 numbers as JavaScript does: toFixed(2) ties round up, -0 has no sign; camera dates in UTC", () => {
    const rng = new Rng(4);
    const values = [0.125, 0.375, 0.625, 0.875, -0.125, -0.875, 2.375, 1.005, 1.015, -0, 0, -0.001, 0.004999, 12.345, 99999.995, -99999.125, 1e5, 1_652_832_000.5, 1e11, 59.999, 86399.995];
    for (let i = 0; i < 2000; i++) values.push(rng.int(-100000, 100000) / 8, (rng.int(0, 1e9) / 1000) * (rng.int(0, 1) ? 1 : -1), rng.int(0, 1e11) + rng.int(0, 999) / 1000);
    const input = values.map((v) => { const b = Buffer.alloc(8); b.writeDoubleLE(v); return b.readBigUInt64LE().toString(16).padStart(16, "0"); }).join("\n");
    const got = execFileSync(join(packageRoot(), "build", "c", "format-check"), { input, encoding: "utf8" }).trim().split("\n");
    const want = values.map((v) => `${v.toFixed(2)} ${v >= 0 && v <= 1e11 ? cameraDateTime(v).join(",") : "-"}`);
    expect(got).toEqual(want);
  });

  describe("natively (wasm2c + gcc -O2)", () => {
    it.each(GOLDEN)("replays golden set %s (all 820 frames) byte-identically to Node's golden-check files, full and lpm builds", async (profile) => {
      const { rows, golden, prepared } = await goldenRows(profile);
      for (const capability of ["full", "lpm"] as const) {
        const outDir = join(work, `native-${capability}-${profile}`);
        if (capability === "lpm" && prepared.setup.model) {
          expect(() => runTarget("native", "lpm", rows, outDir)).toThrow(/exited 70: .*no classifier/);
          continue;
        }
        const run = runTarget("native", capability, rows, outDir);
        expect(run.total.frames).toBe(820);
        expect(sorted(targetFiles(outDir))).toEqual(sorted(golden));
      }
    }, 120_000);

    it("replays a *_data.txt byte-identically, full and lpm builds, and with the phase given (replay --phase)", () => {
      for (const capability of ["full", "lpm"] as const) {
        const run = expectIdentical("native", capability, dataTxt, "data-txt", { telemetry: { ...telemetry, zones } });
        expect(run.total.frames).toBeGreaterThan(50);
      }
      expectIdentical("native", "lpm", dataTxt, "data-txt-park", { telemetry: { ...telemetry, zones, phase: "PARK" } });
      // The phase reaches the float side: its files differ from the default ASCENT run's.
      expect(readFileSync(join(work, "native-lpm-data-txt-park", "rs232.log"))).toEqual(readFileSync(join(work, "native-lpm-data-txt", "rs232.log")));
      const sbd = (dir: string) => readdirSync(join(work, dir, "telemetry")).filter((f) => f.endsWith(".sbd")).map((f) => readFileSync(join(work, dir, "telemetry", f)).toString("hex")).join();
      expect(sbd("native-lpm-data-txt-park")).not.toEqual(sbd("native-lpm-data-txt"));
    });

    it(`replays the demo mission's first ${DEMO_FRAMES_NATIVE} frames byte-identically (model, telemetry and the profile's SBD prior table on)`, () => {
      const profile = loadProfile(EMBEDDED_PROFILE);
      expect(profile.sbdPriorTable).toBeDefined();
      const withPriors = { ...telemetry, priorTable: profile.sbdPriorTable };
      const run = expectIdentical("native", "full", demoStream, "demo", { model: demoModel(), telemetry: withPriors, maxFrames: DEMO_FRAMES_NATIVE }, profile.float.serialHex);
      expect(run.frames.length).toBe(DEMO_FRAMES_NATIVE);
      expect(readFileSync(join(work, "native-full-demo", "rs232.log"), "latin1")).toMatch(/TAXO_DATA,\d+,\d/);
      // The table is in force: the SBD messages are not those of a float without it.
      const sbdOf = (files: Map<string, string>) => [...files].filter(([name]) => name.endsWith(".sbd")).map(([, hex]) => hex).join();
      const without = nodeFiles(demoStream, { model: demoModel(), telemetry, maxFrames: DEMO_FRAMES_NATIVE }, profile.float.serialHex);
      expect(sbdOf(targetFiles(join(work, "native-full-demo")))).not.toEqual(sbdOf(without));
    }, 120_000);
  });

  describe("on a Cortex-M4F under QEMU (mps2-an386)", () => {
    let scenarios: { fullFrames: CortexRun; golden: CortexRun };
    beforeAll(async () => {
      scenarios = await runCortexScenarios(work);
    }, 600_000);

    it("replays golden set 000118LP and full 2464 x 2056 frames (realistic and worst) byte-identically", () => {
      const { fullFrames, golden } = scenarios;
      const dir = join(packageRoot(), "test", "golden", EMBEDDED_PROFILE);
      const prepared = prepareRun(golden.stream, modelForRun(undefined, readGoldenManifest(dir).model, dir), false);
      const node = [...buildOutputs(golden.stream, "scalar", prepared.setup).files].filter(([path]) => path !== "budgets.json");
      expect(sorted(targetFiles(golden.outDir))).toEqual(sorted(new Map(node.map(([path, b]) => [path, path === "rs232.log" ? Buffer.from(b).toString("latin1") : Buffer.from(b).toString("hex")]))));
      expect(fullFrames.run.frames.map((f) => `${f.widthPx}x${f.heightPx}`)).toEqual(FULL_FRAME_NAMES.map(() => "2464x2056"));
      expect(sorted(targetFiles(fullFrames.outDir))).toEqual(sorted(nodeFiles(fullFrames.stream, { model: demoModel(), telemetry })));
    });

    it(`counts instructions within ${MARGIN_PERCENT} % of the recorded budgets (machine-independent: QEMU -icount)`, () => {
      const counts = instructionCounts(scenarios.fullFrames.run, scenarios.golden.run);
      const budgets = readBudgets().instructions;
      console.log(`Cortex-M4F instruction counts against test/golden/embedded-budgets.json:\n${budgetTable(counts, budgets)}`);
      expect(Object.keys(counts).sort()).toEqual(Object.keys(budgets).sort());
      const over = Object.entries(counts).filter(([name, n]) => n > budgets[name] * (1 + MARGIN_PERCENT / 100));
      expect(over, "over budget: re-record with node dist/scripts/updateEmbeddedBudgets.js only if the cost is intended").toEqual([]);
    });

    it.each(["000175LP", "legacy-40um"])("replays golden set %s (all 820 frames, lpm build: no model) byte-identically to Node's golden-check files", async (profile) => {
      const { rows, golden } = await goldenRows(profile);
      const outDir = join(work, `qemu-lpm-${profile}`);
      expect(runTarget("qemu", "lpm", rows, outDir).total.frames).toBe(820);
      expect(sorted(targetFiles(outDir))).toEqual(sorted(golden));
    }, 120_000);

    it(`replays the *_data.txt and the demo mission's first ${DEMO_FRAMES_QEMU} frames (SBD prior table on) byte-identically`, () => {
      expectIdentical("qemu", "lpm", dataTxt, "data-txt-qemu", { telemetry: { ...telemetry, zones } });
      const profile = loadProfile(EMBEDDED_PROFILE);
      const withPriors = { ...telemetry, priorTable: profile.sbdPriorTable };
      const run = expectIdentical("qemu", "full", demoStream, "demo-qemu", { model: demoModel(), telemetry: withPriors, maxFrames: DEMO_FRAMES_QEMU }, profile.float.serialHex);
      expect(run.unit).toBe("insn");
      expect(run.memory!.stackBytes).toBeLessThan(8192);
      expect(run.memory!.heapBytes).toBeLessThan(8192);
    }, 300_000);

    it("links lpm into at most 256 KiB of RAM (linear memory, data, bss, heap, stack) and says what full takes", () => {
      const lpm = linkMap("lpm");
      const full = linkMap("full");
      console.log(`Cortex-M4F link maps: lpm flash ${lpm.flashBytes} B, RAM ${lpm.ramBytes} B; full flash ${full.flashBytes} B, RAM ${full.ramBytes} B`);
      expect(lpm.ramBytes).toBeLessThanOrEqual(256 * 1024);
      expect(lpm.sections[".bss"]).toBeGreaterThanOrEqual(3 * 65536);
      expect(full.sections[".bss"]).toBeGreaterThanOrEqual(12 * 65536);
      expect(lpm.flashBytes).toBeLessThan(full.flashBytes);
    });
  });
});
