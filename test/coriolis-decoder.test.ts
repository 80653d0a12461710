// The CTS5 files the firmware writes, read by a reader no one here wrote: the Coriolis Argo decoder's own MATLAB
// functions (test/fixtures/decargo, CC0) run in GNU Octave. On a real AUX profile's levels, the files whole and
// split into #01, #02, ... parts (joined by the decoder's manage_split_files / concat_files) must decode there
// to exactly what our decoder gives. Needs `octave` (Debian package; .ci/run installs it); UVP_NO_OCTAVE=1 skips.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeTelemetryFiles, readTelemetryFiles } from "../host/cli/telemetryInputs.js";
import { buildFloatConfigBlob } from "../host/config/floatConfigBlob.js";
import { loadProfile } from "../host/config/profile.js";
import { Firmware, Status } from "../host/firmware/index.js";
import { FloatTelemetry } from "../host/firmware/floatTelemetry.js";
import { readAuxProfile } from "../host/formats/argo/index.js";
import { sliceRecordsFromAux } from "../host/telemetry/fromAux.js";
import { telemetryFiles, type CycleIds } from "../host/telemetry/partFiles.js";
import type { SliceRecord } from "../host/telemetry/types.js";
import { withFillCategories } from "./support/fillCategories.js";

const HERE = import.meta.dirname;
const SKIP = process.env.UVP_NO_OCTAVE === "1";
const profile = loadProfile("000118LP");
const dir = mkdtempSync(join(tmpdir(), "uvp-coriolis-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = (string | number)[];
const KIND_OF = { LPM: "lpm", BLK: "black", TXO: "taxo" } as const;

/** Runs the Coriolis functions on `d`: the files it found (with the parts it joined) and its records as rows. */
function coriolis(d: string): { files: [string, number][]; rows: Row[] } {
  const script = `addpath('${join(HERE, "fixtures", "decargo")}'); addpath('${join(HERE, "support", "octave")}'); coriolis_decode_dir('${d}');`;
  const r = spawnSync("octave", ["--no-gui", "--quiet", "--no-window-system", "--norc", "--eval", script], { encoding: "utf8", timeout: 180_000 });
  if (r.error) throw new Error(`octave did not run (${r.error.message}): install it (apt-get install octave; .ci/run does) or set UVP_NO_OCTAVE=1`);
  expect(r.stdout).not.toMatch(/ERROR/);
  const lines = r.stdout.split("\n");
  const jan1970 = Number(lines.find((l) => l.startsWith("JAN1970,"))!.split(",")[1]);
  const files = lines.filter((l) => l.startsWith("FILE,")).map((l): [string, number] => [l.split(",")[1], Number(l.split(",")[2])]);
  const rows = lines.filter((l) => l.startsWith("REC,")).map((l) => {
    const [, kind, phase, treat, ...v] = l.split(",");
    const x = v.map(Number);
    // The decoder's row: Argo julian day, P = code/10 - 100, images, then T = code/1000 - 5 (LPM, BLACK) or N (TAXO).
    const head = [KIND_OF[kind as keyof typeof KIND_OF], phase.slice(1, -1), treat.slice(1, -1), Math.round((x[0] - jan1970) * 86400), Math.round((x[1] + 100) * 10), x[2]];
    return kind === "TXO" ? [...head, ...x.slice(3)] : [...head, Math.round((x[3] + 5) * 1000), ...x.slice(4)];
  });
  return { files, rows };
}

/** Our decoded record as the same row (codes instead of decoded pressure and temperature). */
function ours(r: SliceRecord): Row {
  const head = [r.kind, r.phase, r.processing, r.timeS, Math.round((r.pressureDbar + 100) * 10), r.images];
  if (r.kind === "taxo") return [...head, r.categories.length, ...r.categories.flatMap((c) => [c.index, c.objects, c.meanSize, c.meanGrey])];
  return [...head, Math.round((r.temperatureC + 5) * 1000), ...r.counts, ...(r.kind === "lpm" ? r.grey : [])];
}

describe.skipIf(SKIP)("the Coriolis decoder (decArgo functions in Octave) reads our CTS5 files", () => {
  const CASES = [
    { cycle: "046", label: "", fillLevels: [] as number[] },
    { cycle: "020", label: "", fillLevels: [] as number[] },
    // TAXO categories of 0 objects sent with a NaN mean size (AUX: fill 99999, grey 255), written into cycle 046.
    { cycle: "046", label: " with fill categories", fillLevels: [3, 10, 40] },
  ];
  for (const { cycle, label, fillLevels } of CASES) {
    it(`cycle ${cycle} of float 4903634${label}: whole files and #01.. parts decode there exactly as in our decoder`, () => {
      const real = readFileSync(join(HERE, "fixtures", "argo-4903634", `R4903634_${cycle}_aux.nc`));
      const aux = readAuxProfile(fillLevels.length > 0 ? withFillCategories(real, fillLevels, 39) : real);
      expect(aux.problems).toEqual([]);
      const records = sliceRecordsFromAux(aux, profile.zones);
      const ft = new FloatTelemetry(Firmware.create("simd"));
      expect(ft.configure(buildFloatConfigBlob(profile.zones, profile.float, { cycle: aux.cycle, formats: { cts5: true, sbd: false } }))).toBe(Status.OK);
      for (const r of records) expect(ft.pushSlice(r)).toBe(Status.OK);
      expect(ft.finish()).toBe(Status.OK);
      const parts = ft.takeParts();
      const ids: CycleIds = { floatId: 4903634, serialHex: "3aa8", cycle: aux.cycle, pattern: 1 };
      const sets = { whole: telemetryFiles(parts, ids), split: telemetryFiles(parts, ids, { cts5PartBytes: 1000 }) };
      expect(sets.whole.map((f) => f.name).sort()).toEqual([`3aa8_${cycle}_01_uvp6_blk.hex`, `3aa8_${cycle}_01_uvp6_lpm.hex`, `3aa8_${cycle}_01_uvp6_txo.hex`]);
      let expected: Row[] | null = null;
      for (const [name, files] of Object.entries(sets)) {
        const d = join(dir, `${cycle}${fillLevels.length > 0 ? "-fill" : ""}-${name}`);
        mkdirSync(d);
        for (const f of files) writeFileSync(join(d, f.name), f.bytes);
        const mine = decodeTelemetryFiles(readTelemetryFiles([d]).files);
        expect(mine.problems).toEqual([]);
        const theirs = coriolis(d);
        // The decoder found one file per sensor id, and for the split set joined every part of it.
        const partsPerFile = Object.fromEntries(theirs.files);
        for (const kind of ["lpm", "txo", "blk"]) {
          const n = readdirSync(d).filter((f) => f.includes(`_uvp6_${kind}`)).length;
          if (name === "split") expect(n).toBeGreaterThan(1);
          expect(partsPerFile[`3aa8_${cycle}_01_uvp6_${kind}.hex`]).toBe(n);
        }
        const kinds = ["lpm", "taxo", "black"];
        const sorted = (rows: Row[]) => kinds.flatMap((k) => rows.filter((r) => r[0] === k));
        const mineRows = sorted(mine.records.map(ours));
        expect(theirs.rows.length).toBe(records.length);
        // The fill categories reach the Coriolis decoder as the float would send them: 0 objects, NaN size, grey 255.
        const nanSizes = theirs.rows.filter((r) => r[0] === "taxo" && r.some((x) => Number.isNaN(x))).length;
        expect(nanSizes).toBe(fillLevels.length);
        expect(sorted(theirs.rows)).toEqual(mineRows);
        // ...and both are the AUX file's levels that went in.
        expect(mineRows).toEqual(sorted([...records].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind)).map(ours)));
        if (expected === null) expected = mineRows;
        else expect(mineRows).toEqual(expected);
      }
    }, 240_000);
  }
});
