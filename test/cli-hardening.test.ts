// Each command of issue 12, as it was reproduced, now ends at once with the documented exit code, loses no input
// and leaves no half-written file; and the same cause gives the same exit code on every verb (README table).
import { spawn } from "node:child_process";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_BIN, makeCliFixtures, runCli, type CliFixtures } from "./support/cliFixtures.js";

let root = "";
let f: CliFixtures;
let n = 0;
const scratch = () => {
  const d = join(root, `t${n++}`);
  mkdirSync(d);
  return d;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "uvp-hardening-"));
  mkdirSync(join(root, "fx"));
  f = makeCliFixtures(join(root, "fx"));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the CLI and sends `signal` once its stderr shows `when`; resolves with the exit status or signal. */
function interrupt(args: string[], when: RegExp, signal: NodeJS.Signals, cwd: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd });
    let stderr = "";
    let sent = false;
    child.stderr.on("data", (d) => {
      stderr += String(d);
      if (!sent && when.test(stderr)) {
        sent = true;
        setTimeout(() => child.kill(signal), 300);
      }
    });
    child.on("exit", (code, sig) => resolve({ code, signal: sig, stderr }));
  });
}

describe("1. hangs", () => {
  it("an output under /proc ends at once with 73 naming it, on every verb that writes a directory", () => {
    const d = scratch();
    for (const args of [
      ["encode", f.aux, "--format", "sbd", "--out", "/proc/x"],
      ["replay", f.stream, "--telemetry", "/proc/x", "--out", join(d, "r")],
      ["replay", f.stream, f.dataTxt, "--out", "/proc/x"],
      ["check", "--update", "--expect", "/proc/x", f.stream],
    ]) {
      const r = runCli(args, 15_000);
      expect(r.error, args.join(" ")).toBeUndefined();
      expect(r.status, args.join(" ")).toBe(73);
      expect(r.stderr).toMatch(/\/proc\/x/);
    }
    expect(existsSync(join(d, "r.rs232.log"))).toBe(false); // checked before the replay, not after writing the log
  });

  it("simulate refuses missions it cannot end, naming the option as typed with its range", () => {
    for (const [opt, value, range] of [["--profile-depth", "1e9", /1-6450 dbar/], ["--frame-interval", "0.000001", /0\.769-3600 s/], ["--park-hours", "1e6", /0-720 h/], ["--park-hours=-1", "", /0-720 h/]] as const) {
      const r = runCli(["simulate", "--profile", "000118LP", "--seed", "1", "--out", join(root, "never.uvps"), value ? opt : opt, ...(value ? [value] : [])]);
      expect(r.status).toBe(64);
      expect(r.stderr).toMatch(new RegExp(`${opt.replace(/=.*/, "")} out of range`));
      expect(r.stderr).toMatch(range);
    }
    expect(existsSync(join(root, "never.uvps"))).toBe(false);
  });

  it("simulate says the frames and bytes it will write before it starts, then the time left", async () => {
    const d = scratch();
    const r = runCli(["simulate", "--profile", "000118LP", "--seed", "2", "--profile-depth", "3", "--park-hours", "0", "--frame-scale", "0.02", "--out", join(d, "s.uvps")]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^simulate: (\d+) frames of 49 x 41 px planned \(.*\), about [\d.]+ kB in /);
  });
});

describe("2. lost input", () => {
  it("an output that is an input (itself, a hard link, a symbolic link) is refused with 64, --force or not", () => {
    const d = scratch();
    const sbd = join(d, "x.sbd");
    writeFileSync(sbd, readFileSync(f.sbd));
    linkSync(sbd, join(d, "hard.sbd"));
    symlinkSync(sbd, join(d, "soft.sbd"));
    writeFileSync(join(d, "model.bin"), readFileSync(f.model));
    for (const args of [
      ["decode", sbd, "--out", sbd, "--force"],
      ["decode", sbd, "--out", join(d, "hard.sbd"), "--force"],
      ["decode", sbd, "--out", join(d, "soft.sbd")],
      ["report", sbd, "--out", sbd, "--force"],
      ["model", "convert", join(d, "model.bin"), "--classes", "3", "--out", join(d, "model.bin"), "--force"],
      ["import", f.pngDir, "--pressures", f.csv, "--profile", "000118LP", "--out", f.csv, "--force"],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(64);
      expect(r.stderr, args.join(" ")).toMatch(/is an input of this run/);
    }
    expect(readFileSync(sbd)).toEqual(readFileSync(f.sbd));
    expect(readFileSync(f.csv, "utf8")).toMatch(/^time,pressure_dbar/);
  });
});

describe("3. half-written outputs", () => {
  it("simulate --out <existing dir> --force fails before any work and leaves nothing", () => {
    const d = scratch();
    mkdirSync(join(d, "taken"));
    const r = runCli(["simulate", "--profile", "000118LP", "--seed", "1", "--out", join(d, "taken"), "--force"]);
    expect(r.status).toBe(73);
    expect(r.stderr).toMatch(/taken is a directory/);
    expect(r.stderr).not.toMatch(/planned/);
    expect(readdirSync(d)).toEqual(["taken"]);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("%s during simulate removes the temporary stream", async (signal) => {
    const d = scratch();
    const r = await interrupt(["simulate", "--profile", "000118LP", "--seed", "1", "--profile-depth", "60", "--frame-scale", "0.2", "--out", "m.uvps"], /planned/, signal, d);
    expect(r.signal ?? r.code).toBe(signal);
    expect(readdirSync(d)).toEqual([]);
  }, 30_000);

  it("single-stream replay --telemetry into a directory holding the cycle's files: 73 before writing the log", () => {
    const d = scratch();
    expect(runCli(["replay", f.stream, "--out", join(d, "a"), "--telemetry", join(d, "tm")]).status).toBe(0);
    const r = runCli(["replay", f.stream, "--out", join(d, "b"), "--telemetry", join(d, "tm")]);
    expect(r.status).toBe(73);
    expect(r.stderr).toMatch(/tm\/.* exists.*give --force/);
    expect(existsSync(join(d, "b.rs232.log")) || existsSync(join(d, "b.summary.json"))).toBe(false);
  });
});

describe("4. silent nonsense", () => {
  it("compare against an AUX file cut in half lists what was not compared and exits 65", () => {
    const d = scratch();
    const aux = readFileSync(f.aux);
    writeFileSync(join(d, "half.nc"), aux.subarray(0, aux.length >> 1));
    const r = runCli(["compare", f.doc, join(d, "half.nc")]);
    expect(r.status).toBe(65);
    expect(r.stdout).toMatch(/not compared: problems reading the AUX file/);
    expect(r.stdout).toMatch(/INCOMPLETE/);
    expect(r.stdout).not.toMatch(/^ {2}identical/m);
  });

  it("a decoding problem inside compare exits 65, as its help says", () => {
    const d = scratch();
    const hex = readFileSync(f.hex);
    writeFileSync(join(d, "4a7e_010_01_uvp6_lpm.hex"), hex.subarray(0, hex.length >> 1)); // cut inside a record, not in the padding
    expect(runCli(["compare", join(d, "4a7e_010_01_uvp6_lpm.hex"), f.aux]).status).toBe(65);
  });

  it("import: a pressure of 1e9 dbar is out of range, with the range", () => {
    const d = scratch();
    writeFileSync(join(d, "p.csv"), "time,pressure_dbar\n20220518-214011-120,1e9\n20220518-214012-900,700.1\n");
    const r = runCli(["import", f.pngDir, "--pressures", join(d, "p.csv"), "--profile", "000118LP", "--out", join(d, "i.uvps")]);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/pressure_dbar 1e9 out of range: -100 to 6453.5 dbar/);
  });
});

describe("5. wrong diagnoses and crashes", () => {
  it("empty files are called empty; devices are refused; a truncated PNG is said in our words with pngjs's detail", () => {
    const d = scratch();
    writeFileSync(join(d, "x_data.txt"), "");
    writeFileSync(join(d, "e.nc"), "");
    const png = readFileSync(f.png);
    writeFileSync(join(d, "cut.png"), png.subarray(0, png.length - 20));
    const cases: Array<[string[], RegExp]> = [
      [["replay", join(d, "x_data.txt")], /empty file/],
      [["encode", join(d, "e.nc"), "--format", "sbd", "--out", join(d, "m")], /empty file/],
      [["objects", "/dev/zero", "--profile", "000118LP"], /not a regular file/],
      [["encode", "/dev/zero", "--format", "sbd", "--out", join(d, "m")], /not a regular file/],
      [["objects", join(d, "cut.png"), "--profile", "000118LP"], /damaged PNG: .*\(pngjs: /],
    ];
    for (const [args, why] of cases) {
      const r = runCli(args, 15_000);
      expect(r.status, args.join(" ")).toBe(65);
      expect(r.stderr, args.join(" ")).toMatch(why);
      expect(r.stderr).not.toMatch(/bad_alloc/);
      expect(r.stderr).not.toMatch(/^[^(]*waitng/m); // pngjs's words only inside "(pngjs: ...)"
    }
  });
});

describe("6. the same exit code for the same cause on every verb", () => {
  // The README's table, cause by cause: each verb that can meet the cause is run with it.
  const verbsReading = (input: string, d: string): string[][] => [
    ["objects", input, "--profile", "000118LP"], ["spectrum", input, "--profile", "000118LP"], ["replay", input, "--out", join(d, "r")],
    ["model", "inspect", input], ["encode", input, "--format", "sbd", "--out", join(d, "m")], ["decode", input],
    ["compare", input, f.aux], ["report", input, "--out", join(d, "r.html")], ["check", input, "--expect", f.golden],
    ["import", f.pngDir, "--pressures", input, "--profile", "000118LP", "--out", join(d, "i.uvps")],
  ];
  it.each([
    ["a missing input", 65, (d: string) => join(d, "missing")],
    ["an empty input", 65, (d: string) => (writeFileSync(join(d, "empty"), ""), join(d, "empty"))],
    ["a device as input", 65, () => "/dev/zero"],
  ] as const)("%s: %i on every verb", (_, code, make) => {
    const d = scratch();
    const input = make(d);
    for (const args of verbsReading(input, d)) expect(runCli(args, 15_000).status, args.join(" ")).toBe(code);
  }, 120_000);

  it("an existing output without --force: 73; an unknown option: 64; on every verb that writes", () => {
    const d = scratch();
    writeFileSync(join(d, "taken"), "x");
    const writers = [
      ["simulate", "--profile", "000118LP", "--seed", "1", "--out", join(d, "taken")],
      ["replay", f.stream, "--out", join(d, "t"), "--summary-x"],
      ["import", f.pngDir, "--pressures", f.csv, "--profile", "000118LP", "--out", join(d, "taken")],
      ["model", "convert", f.model, "--classes", "3", "--out", join(d, "taken")],
      ["decode", f.hex, "--out", join(d, "taken")],
      ["report", f.doc, "--out", join(d, "taken")],
    ];
    for (const args of writers) {
      const unknown = args.includes("--summary-x");
      expect(runCli(args).status, args.join(" ")).toBe(unknown ? 64 : 73);
      if (!unknown) expect(runCli([...args, "--bogus"]).status, `${args.join(" ")} --bogus`).toBe(64);
    }
  }, 120_000);
});
