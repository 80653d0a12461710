// The CLI fuzz matrix: every verb with every input kind it reads, each input damaged every way, and every
// output made impossible. A case copies what it needs into its own directory, damages one file there and
// gives the command; the runner (test/cli-fuzz.test.ts) checks what every run must do whatever the input.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { Rng } from "../../simulator/random.js";
import type { CliFixtures } from "./cliFixtures.js";

/** How an input is spoiled. */
export type Damage = "empty" | "random" | "truncated" | "bitflips" | "huge" | "directory" | "device" | "fifo";
/** How an output is spoiled. */
export type OutputDamage = "proc" | "under-a-file" | "is-input" | "is-directory" | "device";

/** One run: a name, how to set it up in its directory, and what it must exit with when that is known. */
export interface FuzzCase {
  name: string;
  /** Sets up the case in `dir` and returns the command's arguments and the inputs it must not modify. */
  setup(dir: string): { args: string[]; inputs: string[] };
  /** Exit codes allowed beyond "a documented one". */
  expect: number[];
}

/** One use of an input kind by a verb: the fixture to copy, and the command given its copy and a scratch directory. */
interface Use {
  kind: string;
  fixture: keyof CliFixtures;
  /** Whether the input is a directory (the PNG directory, the SBD directory, the golden set). */
  isDir?: boolean;
  /** The damaged file inside a directory input. */
  inner?: string;
  command(input: string, dir: string): string[];
}

const P = ["--profile", "000118LP"];

/** Every verb with every kind of input it takes. */
export function uses(f: CliFixtures): Use[] {
  return [
    { kind: "PNG", fixture: "png", command: (i) => ["objects", i, ...P] },
    { kind: "PGM", fixture: "pgm", command: (i) => ["objects", i, ...P, "--json"] },
    { kind: "PNG", fixture: "png", command: (i) => ["spectrum", i, ...P] },
    { kind: "PGM", fixture: "pgm", command: (i) => ["spectrum", i, ...P, "--black"] },
    { kind: "uvps", fixture: "stream", command: (i, d) => ["replay", i, "--out", join(d, "out")] },
    { kind: "uvps", fixture: "stream", command: (i, d) => ["replay", i, "--out", join(d, "out"), "--telemetry", join(d, "tm")] },
    { kind: "data.txt", fixture: "dataTxt", command: (i, d) => ["replay", i, "--out", join(d, "out")] },
    { kind: "uvps", fixture: "stream", command: (i, d) => ["replay", i, join(d, "cam_data.txt"), "--out", join(d, "fleet"), "--jobs", "1"] },
    { kind: "CSV", fixture: "csv", command: (i, d) => ["import", join(d, "pngs"), "--pressures", i, ...P, "--out", join(d, "i.uvps")] },
    { kind: "PNG dir", fixture: "pngDir", isDir: true, inner: "20220518-214011-120.png", command: (i, d) => ["import", i, "--pressures", join(i, "pressures.csv"), ...P, "--out", join(d, "i.uvps")] },
    { kind: "model", fixture: "model", command: (i) => ["model", "inspect", i] },
    { kind: "model", fixture: "model", command: (i, d) => ["model", "convert", i, "--classes", "3", "--out", join(d, "m.bin")] },
    { kind: "model", fixture: "model", command: (i, d) => ["replay", join(d, "tiny.uvps"), "--model", i, "--out", join(d, "out")] },
    { kind: "AUX nc", fixture: "aux", command: (i, d) => ["encode", i, "--format", "sbd", "--out", join(d, "msgs")] },
    { kind: "RS232 log", fixture: "log", command: (i, d) => ["encode", i, "--format", "cts5", "--out", join(d, "files")] },
    { kind: "CTS5 hex", fixture: "hex", command: (i, d) => ["decode", i, "--out", join(d, "d.json")] },
    { kind: "SBD", fixture: "sbd", command: (i, d) => ["decode", i, "--format", "csv", "--out", join(d, "d.csv")] },
    { kind: "SBD dir", fixture: "sbdDir", isDir: true, inner: "4903634_010_003.sbd", command: (i, d) => ["decode", i, "--format", "cbor", "--out", join(d, "d.cbor")] },
    { kind: "SBD", fixture: "sbd", command: (i, d) => ["decode", i, "--format", "netcdf", "--out", join(d, "d.nc")] },
    { kind: "CTS5 hex", fixture: "hex", command: (i, d) => ["decode", i, ...P, "--format", "ecopart", "--out", join(d, "eco")] },
    { kind: "AUX nc", fixture: "aux", command: (i, d) => ["sbd-priors", i, "--id", "7", "--out", join(d, "t.json")] },
    { kind: "AUX nc", fixture: "aux", command: (i, d) => ["compare", join(d, "decoded.json"), i] },
    { kind: "decoded nc", fixture: "nc", command: (i, d) => ["compare", i, join(d, "R4903634_010_aux.nc")] },
    { kind: "shard summary", fixture: "shard", command: (i, d) => ["fleet", "merge", i, "--out", join(d, "merged.json")] },
    { kind: "decode JSON", fixture: "doc", command: (i, d) => ["compare", i, join(d, "R4903634_010_aux.nc")] },
    { kind: "CTS5 hex", fixture: "hex", command: (i, d) => ["compare", i, join(d, "R4903634_010_aux.nc"), "--json"] },
    { kind: "decode JSON", fixture: "doc", command: (i, d) => ["report", i, "--out", join(d, "r.html")] },
    { kind: "RS232 log", fixture: "log", command: (i, d) => ["report", i, "--out", join(d, "r.html")] },
    { kind: "SBD", fixture: "sbd", command: (i, d) => ["report", i, "--out", join(d, "r.html")] },
    { kind: "uvps", fixture: "stream", command: (i, d) => ["check", i, "--expect", join(d, "golden")] },
    { kind: "golden set", fixture: "golden", isDir: true, inner: "golden.json", command: (i, d) => ["check", join(d, "tiny.uvps"), "--expect", i] },
    { kind: "golden set", fixture: "golden", isDir: true, inner: "rs232.log", command: (i, d) => ["check", join(d, "tiny.uvps"), "--expect", i] },
  ];
}

/** Files every case directory gets (the other arguments of the commands), copied from the fixtures. */
const COMPANIONS: Array<keyof CliFixtures> = ["stream", "dataTxt", "aux", "doc", "pngDir", "golden"];

function spoil(path: string, damage: Damage, seed: number, kind: string): void {
  const rng = new Rng(seed);
  const bytes = readFileSync(path);
  if (damage === "empty") writeFileSync(path, new Uint8Array(0));
  else if (damage === "random") writeFileSync(path, Uint8Array.from({ length: rng.int(1, 4096) }, () => rng.int(0, 255)));
  else if (damage === "truncated") writeFileSync(path, bytes.subarray(0, rng.int(1, Math.max(1, bytes.length - 1))));
  else if (damage === "bitflips") {
    const out = Uint8Array.from(bytes);
    for (let i = 0; i < 3; i++) out[rng.int(0, out.length - 1)] ^= 1 << rng.int(0, 7);
    writeFileSync(path, out);
  } else if (damage === "huge") writeFileSync(path, hugeVersion(bytes, kind));
}

/** The same kind of file declaring enormous dimensions or counts. */
function hugeVersion(bytes: Uint8Array, kind: string): Uint8Array {
  if (kind === "PNG" || kind === "PNG dir") {
    const out = Uint8Array.from(bytes);
    new DataView(out.buffer).setUint32(16, 60000);
    new DataView(out.buffer).setUint32(20, 60000);
    return out;
  }
  if (kind === "PGM") return new TextEncoder().encode("P5\n100000 100000\n255\n\0\0\0");
  if (kind === "CSV") return new TextEncoder().encode("time,pressure_dbar\n20220518-214011-120,1e9\n20220518-214012-900,-1e300\n");
  if (kind === "model") return Uint8Array.from([40, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff]);
  if (kind === "data.txt") return new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/700\.3,/, "1e308,"));
  // Telemetry and documents: a huge count in the first record position.
  const out = Uint8Array.from(bytes);
  for (let i = Math.min(20, out.length - 1); i < Math.min(60, out.length); i++) out[i] = 0x7f;
  return out;
}

/** Every case of the matrix, in a fixed order. */
export function allCases(f: CliFixtures, deviceAvailable: boolean): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const damages: Damage[] = ["empty", "random", "truncated", "bitflips", "huge", "directory", ...(deviceAvailable ? (["device", "fifo"] as Damage[]) : [])];
  uses(f).forEach((u, ui) => {
    for (const damage of damages) {
      cases.push({
        name: `${u.command("IN", "D").slice(0, 2).join(" ")} | ${u.kind} ${damage}${u.inner ? ` (${u.inner})` : ""}`,
        // A file that is not one (0 bytes, a directory, a device) is bad input; else anything documented.
        expect: damage === "directory" || damage === "device" || damage === "fifo" ? [65, 1] : [0, 1, 65, 70],
        setup(dir) {
          for (const c of COMPANIONS) cpSync(f[c] as string, join(dir, basename(f[c] as string)), { recursive: true });
          const input = join(dir, u.isDir ? basename(f[u.fixture] as string) : `in-${basename(f[u.fixture] as string)}`);
          if (u.isDir) cpSync(f[u.fixture] as string, input, { recursive: true });
          else copyFileSync(f[u.fixture] as string, input);
          const target = u.inner ? join(input, u.inner) : input;
          if (damage === "directory" || damage === "device" || damage === "fifo") replaceWith(target, damage);
          else spoil(target, damage, ui * 100 + damages.indexOf(damage), u.kind);
          return { args: u.command(input, dir), inputs: [input] };
        },
      });
    }
  });
  for (const c of outputCases(f)) cases.push(c);
  return cases;
}

function replaceWith(path: string, what: "directory" | "device" | "fifo"): void {
  rmSync(path, { recursive: true, force: true });
  if (what === "directory") mkdirSync(path);
  // A symbolic link to /dev/zero: a device read without end, the case that aborted with std::bad_alloc.
  else if (what === "device") symlinkSync("/dev/zero", path);
  else execFileSync("mkfifo", [path]); // a FIFO blocks whoever opens it for reading
}


/** Every writing verb with each impossible output. */
function outputCases(f: CliFixtures): FuzzCase[] {
  const writers: Array<{ name: string; command(out: string, d: string): string[]; input(d: string): string; dirOut?: boolean }> = [
    { name: "simulate", command: (o) => ["simulate", ...P, "--seed", "1", "--profile-depth", "3", "--park-hours", "0", "--frame-scale", "0.02", "--out", o], input: (d) => join(d, "tiny.uvps") },
    { name: "replay --telemetry", command: (o, d) => ["replay", join(d, "tiny.uvps"), "--out", join(d, "r"), "--telemetry", o], input: (d) => join(d, "tiny.uvps"), dirOut: true },
    { name: "import", command: (o, d) => ["import", join(d, "pngs"), "--pressures", join(d, "pngs", "pressures.csv"), ...P, "--out", o], input: (d) => join(d, "pngs", "pressures.csv") },
    { name: "model convert", command: (o, d) => ["model", "convert", join(d, "model.bin"), "--classes", "3", "--out", o], input: (d) => join(d, "model.bin") },
    { name: "encode", command: (o, d) => ["encode", join(d, "R4903634_010_aux.nc"), "--format", "cts5", "--out", o], input: (d) => join(d, "R4903634_010_aux.nc"), dirOut: true },
    { name: "decode", command: (o, d) => ["decode", join(d, "sbd"), "--out", o], input: (d) => join(d, "sbd", basename(f.sbd)) },
    { name: "report", command: (o, d) => ["report", join(d, "decoded.json"), "--out", o], input: (d) => join(d, "decoded.json") },
    { name: "decode --format netcdf", command: (o, d) => ["decode", join(d, "sbd"), "--format", "netcdf", "--out", o], input: (d) => join(d, "sbd", basename(f.sbd)) },
    { name: "sbd-priors", command: (o, d) => ["sbd-priors", join(d, "R4903634_010_aux.nc"), "--id", "7", "--out", o], input: (d) => join(d, "R4903634_010_aux.nc") },
    { name: "fleet merge", command: (o, d) => ["fleet", "merge", join(d, "fleet.shard-0-of-1.summary.json"), "--out", o], input: (d) => join(d, "fleet.shard-0-of-1.summary.json") },
    { name: "check --update", command: (o, d) => ["check", join(d, "tiny.uvps"), "--expect", o, "--update"], input: (d) => join(d, "tiny.uvps"), dirOut: true },
  ];
  const damages: OutputDamage[] = ["proc", "under-a-file", "is-input", "is-directory", "device"];
  const cases: FuzzCase[] = [];
  for (const damage of damages) cases.push(replayPrefixCase(damage));
  for (const w of writers) {
    for (const damage of damages) {
      if (w.dirOut && damage === "is-directory") continue; // a directory is what these want
      if (w.name === "simulate" && damage === "is-input") continue; // simulate reads no file
      cases.push({
        name: `${w.name} | output ${damage}`,
        expect: damage === "is-input" ? [64] : [73],
        setup(dir) {
          for (const c of [...COMPANIONS, "model", "sbdDir", "shard"] as Array<keyof CliFixtures>) cpSync(f[c] as string, join(dir, basename(f[c] as string)), { recursive: true });
          writeFileSync(join(dir, "plain"), "a file\n");
          mkdirSync(join(dir, "adir"));
          const out = damage === "proc" ? "/proc/uvp-float-fuzz/x" : damage === "under-a-file" ? join(dir, "plain", "x")
            : damage === "is-input" ? w.input(dir) : damage === "is-directory" ? join(dir, "adir") : "/dev/null";
          return { args: [...w.command(out, dir), "--force"], inputs: [w.input(dir), join(dir, "tiny.uvps")] };
        },
      });
    }
  }
  return cases;
}

/** replay --out takes a prefix: the impossible output is <prefix>.rs232.log itself (the input, a directory, a device). */
function replayPrefixCase(damage: OutputDamage): FuzzCase {
  return {
    name: `replay | output ${damage}`,
    expect: damage === "is-input" ? [64] : [73],
    setup(dir) {
      writeFileSync(join(dir, "plain"), "a file\n");
      const prefix = damage === "proc" ? "/proc/uvp-float-fuzz/x" : damage === "under-a-file" ? join(dir, "plain", "x") : join(dir, "p");
      const log = `${prefix}.rs232.log`;
      let input = join(dir, "tiny.uvps");
      copyFileSync(join(dir, "..", "fixtures", "tiny.uvps"), input);
      if (damage === "is-input") {
        input = log; // a stream named like the log it would write
        copyFileSync(join(dir, "tiny.uvps"), input);
      } else if (damage === "is-directory") mkdirSync(log);
      else if (damage === "device") symlinkSync("/dev/null", log);
      return { args: ["replay", input, "--out", prefix, "--force"], inputs: [input] };
    },
  };
}
