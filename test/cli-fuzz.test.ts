// The CLI fuzz suite: every verb, every input kind (PNG, PGM, .uvps, *_data.txt, CTS5 .hex, .sbd, AUX .nc,
// model .bin, decode document, RS232 log, profile, golden set, pressure CSV), each damaged every way (0 bytes,
// random bytes, truncated, bit flips, huge dimensions or counts, a directory, a device, a FIFO) and every
// output made impossible (/proc, under a file, an input, a directory, a device). Whatever the input, a run
// ends within its time limit, prints no stack trace, exits with a documented code (the one the cause gives
// where it is known), modifies no input and leaves no temporary file.
//
// Spawning Node costs 150-300 ms a run, so CI runs a seeded sample of the input cases (UVP_FUZZ_SEED, default
// 12; UVP_FUZZ_CASES, default 90) plus every output case; UVP_FUZZ_ALL=1 runs the whole matrix.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../simulator/random.js";
import { makeCliFixtures, runCli, type CliFixtures } from "./support/cliFixtures.js";
import { allCases, type FuzzCase } from "./support/cliFuzzCases.js";

/** The exit codes the README documents. */
const DOCUMENTED = [0, 1, 2, 64, 65, 70, 73];
const TIME_LIMIT_MS = 20_000;
const deviceAvailable = existsSync("/dev/zero") && process.platform === "linux";

let root = "";
let fixtures: CliFixtures;
const started = Date.now();

/** Each regular file under `path` (itself if a file) with its sha256; devices, FIFOs and links are not read. */
function snapshot(path: string, out = new Map<string, string>()): Map<string, string> {
  if (!existsSync(path)) return out;
  const s = lstatSync(path);
  if (s.isDirectory()) for (const n of readdirSync(path)) snapshot(join(path, n), out);
  else if (s.isFile()) out.set(path, createHash("sha256").update(readFileSync(path)).digest("hex"));
  return out;
}

/** Temporary or probe files left anywhere under `dir`. */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    for (const n of readdirSync(p)) {
      const q = join(p, n);
      if (/\.partial$|\.uvp-float-probe/.test(n)) found.push(q);
      if (lstatSync(q).isDirectory()) walk(q);
    }
  };
  walk(dir);
  return found;
}

function sample(cases: FuzzCase[]): FuzzCase[] {
  if (process.env.UVP_FUZZ_ALL) return cases;
  const outputs = cases.filter((c) => c.name.includes("| output "));
  const inputs = cases.filter((c) => !c.name.includes("| output "));
  const rng = new Rng(Number(process.env.UVP_FUZZ_SEED ?? 12));
  for (let i = inputs.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [inputs[i], inputs[j]] = [inputs[j], inputs[i]];
  }
  return [...inputs.slice(0, Number(process.env.UVP_FUZZ_CASES ?? 90)), ...outputs];
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "uvp-fuzz-"));
  mkdirSync(join(root, "fixtures"));
  fixtures = makeCliFixtures(join(root, "fixtures"));
}, 120_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

// The matrix needs the fixtures' paths only to name files; a placeholder set builds it before they exist.
const placeholder = new Proxy({}, { get: (_, k) => (k === "sbd" ? "fixtures/sbd/4903634_010_000.sbd" : `fixtures/${String(k)}`) }) as CliFixtures;
const names = sample(allCases(placeholder, deviceAvailable)).map((c) => c.name);

describe(`uvp-float under damaged input (${names.length} cases)`, () => {
  let n = 0;
  it.each(names)("%s", (name) => {
    const c = allCases(fixtures, deviceAvailable).find((x) => x.name === name)!;
    const dir = join(root, `case-${n++}`);
    mkdirSync(dir);
    const { args, inputs } = c.setup(dir);
    const before = new Map(inputs.flatMap((i) => [...snapshot(i)]));
    const r = runCli(args, TIME_LIMIT_MS, dir);
    const said = `${args.join(" ")}\nexit ${r.status} ${r.signal ?? ""}\n${r.stderr.slice(0, 600)}`;
    expect(r.error, `timed out or failed to start: ${said}`).toBeUndefined();
    expect(r.signal, said).toBeNull();
    expect(DOCUMENTED, said).toContain(r.status);
    expect(c.expect, said).toContain(r.status);
    expect(`${r.stdout}\n${r.stderr}`, said).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|node:internal|internal error|std::bad_alloc/);
    const after = new Map(inputs.flatMap((i) => [...snapshot(i)]));
    expect([...after], `an input was modified: ${said}`).toEqual([...before]);
    expect(leftovers(dir), said).toEqual([]);
    expect(leftovers(join(root, "fixtures")), said).toEqual([]);
  }, TIME_LIMIT_MS + 10_000);

  it("ran within its time budget", () => {
    const seconds = (Date.now() - started) / 1000;
    console.log(`CLI fuzz: ${names.length} cases in ${seconds.toFixed(0)} s`);
    expect(names.length).toBeGreaterThan(100);
  });
});
