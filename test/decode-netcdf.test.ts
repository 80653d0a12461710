// decode --format netcdf on a real profile: float 4903634's cycle-30 AUX file pushed through the firmware's SBD
// encoder, decoded into an Argo AUX-like NetCDF-4 file, then read back three ways: by 'uvp-float compare'
// against the source AUX file, by ncdump -h (Debian netcdf-bin), and by Python's netCDF4 (python3-netcdf4),
// which also reads the source NetCDF-3 file itself, so the values are checked by a reader that is not ours.
// .ci/run installs both tools; UVP_NO_NETCDF_TOOLS=1 skips the two external-reader tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../host/paths.js";

const bin = join(packageRoot(), "dist", "simulator", "cli", "main.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
const AUX = join(import.meta.dirname, "fixtures", "argo-4903634", "R4903634_030_aux.nc");
const NO_TOOLS = process.env.UVP_NO_NETCDF_TOOLS === "1";
const PYTHON = "/usr/bin/python3";
if (NO_TOOLS) console.warn("decode-netcdf: ncdump and Python netCDF4 checks skipped because UVP_NO_NETCDF_TOOLS=1");

let dir = "";
let sbd = "";
let nc = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "uvp-decode-nc-"));
  sbd = join(dir, "sbd");
  const enc = cli("encode", AUX, "--format", "sbd", "--out", sbd, "--sbd-bytes", "270");
  expect(enc.status, enc.stderr).toBe(0);
  nc = join(dir, "R4903634_030_uvp.nc");
  const dec = cli("decode", sbd, "--profile", "000118LP", "--format", "netcdf", "--out", nc, "--json");
  expect(dec.status, dec.stderr).toBe(0);
}, 60_000);

/** Runs a Python script with the given arguments and parses what it prints as JSON. */
function python(script: string, ...args: string[]): Record<string, unknown> {
  const r = spawnSync(PYTHON, ["-c", script, ...args], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    throw new Error(`${PYTHON} with netCDF4 failed (${r.error?.message ?? r.stderr}). Install Debian's python3-netcdf4, or set UVP_NO_NETCDF_TOOLS=1 to skip.`);
  }
  return JSON.parse(r.stdout);
}

describe("decode --format netcdf", () => {
  it("round-trips through compare: the decoded NetCDF-4 file is identical to the source AUX file", () => {
    const cmp = cli("compare", nc, AUX, "--json");
    expect(cmp.status, cmp.stdout + cmp.stderr).toBe(0);
    const c = JSON.parse(cmp.stdout);
    expect(c.perKind.lpm).toMatchObject({ decoded: 109, aux: 109, matched: 109, different: 0 });
    expect(c.perKind.black).toMatchObject({ decoded: 162, matched: 162, different: 0 });
    expect(c.perKind.taxo).toMatchObject({ decoded: 109, matched: 109, different: 0 });
    // The phase travels in UVP_PHASE: asking for another phase leaves every decoded record out.
    const park = cli("compare", nc, AUX, "--phase", "PARK", "--json");
    expect(JSON.parse(park.stdout).skipped).toBe(380);
  });

  it("follows the house rules: --out required, no overwrite without --force, nothing half-written", () => {
    expect(cli("decode", sbd, "--format", "netcdf").status).toBe(64);
    const again = cli("decode", sbd, "--format", "netcdf", "--out", nc);
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/exists; give --force/);
    expect(cli("decode", sbd, "--profile", "000118LP", "--format", "netcdf", "--out", nc, "--force").status).toBe(0);
    // A directory that does not exist: exit 73, and no temporary file anywhere near.
    const bad = join(dir, "no-such-dir", "x.nc");
    const r = cli("decode", sbd, "--format", "netcdf", "--out", bad);
    expect(r.status).toBe(73);
    expect(r.stderr).toMatch(/x\.nc: its directory .*no-such-dir does not exist/);
    expect(readdirSync(dir).filter((f) => f.endsWith(".partial") || f.endsWith(".tmp"))).toEqual([]);
    // A damaged decoded file: one line naming it, exit 65, and none of the HDF5 library's error stack.
    const cut = join(dir, "cut.nc");
    writeFileSync(cut, readFileSync(nc).subarray(0, 100_000));
    const bad2 = spawnSync(process.execPath, [bin, "compare", cut, AUX], { encoding: "utf8", timeout: 60_000 });
    expect(bad2.status).toBe(65);
    expect(bad2.stderr).toMatch(/cut\.nc: not a readable NetCDF-4 file \(100000 bytes\)/);
    expect(bad2.stderr).not.toMatch(/HDF5-DIAG/);
  });

  it("writes a lost SBD message's records as fill, never zeros, and names the loss in the file", () => {
    const lossy = join(dir, "lossy");
    const copy = cli("encode", AUX, "--format", "sbd", "--out", lossy, "--sbd-bytes", "270");
    expect(copy.status).toBe(0);
    const names = readdirSync(lossy).sort();
    rmSync(join(lossy, names[3]));
    const out = join(dir, "lossy.nc");
    const dec = cli("decode", lossy, "--format", "netcdf", "--out", out);
    expect(dec.status).toBe(65); // a message missing: exit 65, the file still written with every record received
    expect(existsSync(out)).toBe(true);
    const cmp = cli("compare", out, AUX, "--json");
    const c = JSON.parse(cmp.stdout);
    expect(cmp.status).toBe(1);
    expect(c.different).toBe(0); // what came is exact; what did not is only missing
    expect(c.onlyInAux).toBeGreaterThan(0);
    if (NO_TOOLS) return;
    const got = python(`
import json, sys, netCDF4, numpy
d = netCDF4.Dataset(sys.argv[1])
counts = d["NB_SIZE_SPECTRA_PARTICLES"][:]
images = d["NB_IMAGE_PARTICLES"][:]
print(json.dumps({"zeros_where_masked": int(numpy.sum(images.data[0][images.mask[0]] == 0)),
  "lpm_levels": int(numpy.sum(~numpy.ma.getmaskarray(images[0]))), "n_levels": len(d.dimensions["N_LEVELS"]),
  "fill_rows_all_masked": bool(numpy.ma.getmaskarray(counts[0, int(numpy.sum(~numpy.ma.getmaskarray(images[0]))):, :]).all()),
  "problems": d.getncattr("problems"), "sbd": d.getncattr("sbd_messages")}))`, out);
    expect(got.zeros_where_masked).toBe(0);
    expect(got.lpm_levels).toBe(c.perKind.lpm.decoded);
    expect(got.fill_rows_all_masked).toBe(true);
    expect(got.sbd).toMatch(/message 3 of 21 not received|not received/);
  });
});

describe.skipIf(NO_TOOLS)("the decoded NetCDF-4 file in independent readers", () => {
  it("ncdump -h lists the Argo dimensions and variables with their fill values, no phony dimension", () => {
    const r = spawnSync("ncdump", ["-h", nc], { encoding: "utf8" });
    if (r.error) throw new Error(`ncdump could not run (${r.error.message}): install Debian's netcdf-bin, or set UVP_NO_NETCDF_TOOLS=1 to skip`);
    expect(r.status, r.stderr).toBe(0);
    const h = r.stdout;
    expect(spawnSync("ncdump", ["-k", nc], { encoding: "utf8" }).stdout.trim()).toBe("netCDF-4");
    for (const d of ["N_PROF = 3", "N_LEVELS = 162", "N_VALUES18 = 18", "N_VALUES5 = 5", "N_VALUES40 = 40"]) expect(h).toContain(`\t${d} ;`);
    expect(h).not.toMatch(/phony_dim/);
    for (const v of [
      "float PRES(N_PROF, N_LEVELS)", "double MTIME(N_PROF, N_LEVELS)", "float NB_IMAGE_PARTICLES(N_PROF, N_LEVELS)", "float TEMP_PARTICLES(N_PROF, N_LEVELS)",
      "float NB_SIZE_SPECTRA_PARTICLES(N_PROF, N_LEVELS, N_VALUES18)", "float GREY_SIZE_SPECTRA_PARTICLES(N_PROF, N_LEVELS, N_VALUES18)",
      "float BLACK_NB_SIZE_SPECTRA_PARTICLES(N_PROF, N_LEVELS, N_VALUES5)", "float NB_OBJECT_CATEGORY(N_PROF, N_LEVELS, N_VALUES40)",
      "float OBJECT_MEAN_VOLUME_CATEGORY(N_PROF, N_LEVELS, N_VALUES40)", "float CONCENTRATION_LPM(N_PROF, N_LEVELS, N_VALUES18)",
      "float CONCENTRATION_CATEGORY(N_PROF, N_LEVELS, N_VALUES40)", "char PLATFORM_NUMBER(N_PROF, STRING8)", "int CYCLE_NUMBER(N_PROF)",
    ]) expect(h).toContain(`\t${v} ;`);
    expect(h).toContain("NB_SIZE_SPECTRA_PARTICLES:_FillValue = 99999.f ;");
    expect(h).toContain('PRES:units = "decibar" ;');
    expect(h).toContain(':platform_number = "4903634" ;');
    expect(h).toMatch(/:uvp_float_version = "\d+\.\d+\.\d+" ;/);
    expect(h).toMatch(/:source_files = "4903634_030_000\.sbd\\n/);
  });

  it("Python's netCDF4 reads the same values as it reads from the source AUX file (NetCDF-3), masked by _FillValue", () => {
    const got = python(`
import json, sys, netCDF4, numpy
dec = netCDF4.Dataset(sys.argv[1]); aux = netCDF4.Dataset(sys.argv[2])
def rows(ds, p, names):
    # the levels of profile p where the first variable is set, each as a tuple of every value, sorted
    first = numpy.ma.getmaskarray(ds[names[0]][p])
    out = []
    for l in numpy.nonzero(~first)[0]:
        row = []
        for n in names:
            v = numpy.ma.filled(ds[n][p, l], -1e30)  # a sentinel: NaN never equals itself in a list comparison
            row += [float(x) for x in numpy.atleast_1d(v)]
        out.append(row)
    return sorted(out)
lpm = rows(dec, 0, ["NB_IMAGE_PARTICLES", "PRES", "TEMP_PARTICLES", "NB_SIZE_SPECTRA_PARTICLES", "GREY_SIZE_SPECTRA_PARTICLES"]) == rows(aux, 0, ["IMAGE_NUMBER_PARTICLES_LPM", "PRES", "TEMP_PARTICLES", "NB_SIZE_SPECTRA_PARTICLES", "GREY_SIZE_SPECTRA_PARTICLES"])
black = rows(dec, 1, ["BLACK_NB_IMAGE_PARTICLES", "PRES", "BLACK_TEMP_PARTICLES", "BLACK_NB_SIZE_SPECTRA_PARTICLES"]) == rows(aux, 1, ["BLACK_NUMBER_IMAGES_PARTICLES", "PRES", "BLACK_TEMP_PARTICLES", "BLACK_NB_SIZE_SPECTRA_PARTICLES"])
taxo_dec = rows(dec, 2, ["NB_IMAGE_CATEGORY", "PRES", "NB_CATEGORY", "INDEX_CATEGORY", "NB_OBJECT_CATEGORY", "OBJECT_MEAN_VOLUME_CATEGORY", "OBJECT_MEAN_GREY_LEVEL_CATEGORY"])
taxo_aux = rows(aux, 2, ["NUMBER_IMAGES_PARTICLES_TAXO", "PRES", "NUMBER_CATEGORIES_TAXO", "INDEX_CATEGORY", "NUMBER_OBJECTS_CATEGORY", "OBJECT_MEAN_SIZE_CATEGORY", "OBJECT_MEAN_GREY_LEVEL_CATEGORY"])
conc = dec["CONCENTRATION_LPM"][0]; nb = dec["NB_SIZE_SPECTRA_PARTICLES"][0]; im = dec["NB_IMAGE_PARTICLES"][0]
expected = nb / (0.72 * im[:, None])
times_dec = sorted(numpy.ma.compressed(dec["JULD"][0] + dec["MTIME"][0]).round(6).tolist())
times_aux = sorted(numpy.ma.compressed(aux["JULD"][0] + aux["MTIME"][0]).round(6).tolist())
print(json.dumps({"lpm": lpm, "black": black, "taxo": [taxo_dec == taxo_aux, len(taxo_dec)],
  "conc_max_rel_err": float(numpy.ma.max(abs(conc - expected) / numpy.ma.maximum(expected, 1e-30))),
  "conc_masked_like_counts": bool((numpy.ma.getmaskarray(conc) == numpy.ma.getmaskarray(nb)).all()),
  "black_counts_in_lpm_profile": int(numpy.sum(~numpy.ma.getmaskarray(dec["BLACK_NB_SIZE_SPECTRA_PARTICLES"][0]))),
  "times": times_dec == times_aux, "dims": {k: len(v) for k, v in dec.dimensions.items()},
  "pres_dims": list(dec["NB_SIZE_SPECTRA_PARTICLES"].dimensions), "cycle": dec["CYCLE_NUMBER"][:].tolist(),
  "platform": netCDF4.chartostring(dec["PLATFORM_NUMBER"][:]).tolist(), "phase": dec["UVP_PHASE"].flag_meanings}))`, nc, AUX);
    expect(got.lpm).toBe(true);
    expect(got.black).toBe(true);
    expect(got.taxo).toEqual([true, 109]);
    expect(got.conc_max_rel_err).toBeLessThan(1e-6); // float32 storage of a double quotient
    expect(got.conc_masked_like_counts).toBe(true);
    expect(got.black_counts_in_lpm_profile).toBe(0);
    expect(got.times).toBe(true);
    expect(got.pres_dims).toEqual(["N_PROF", "N_LEVELS", "N_VALUES18"]);
    expect(got.dims).toMatchObject({ N_PROF: 3, N_LEVELS: 162, N_VALUES18: 18, N_VALUES5: 5, N_VALUES40: 40 });
    expect(got.cycle).toEqual([30, 30, 30]);
    expect(got.platform).toEqual(["4903634 ", "4903634 ", "4903634 "]);
    expect(got.phase).toBe("DESCENT PARK DEEP_PROFILE SHORT_PARK ASCENT SURFACE");
  });

  it("leaves the concentrations out without an image volume", () => {
    const out = join(dir, "no-volume.nc");
    expect(cli("decode", sbd, "--format", "netcdf", "--out", out).status).toBe(0);
    const h = spawnSync("ncdump", ["-h", out], { encoding: "utf8" }).stdout;
    expect(h).not.toContain("CONCENTRATION");
    expect(h).toContain("float NB_SIZE_SPECTRA_PARTICLES(N_PROF, N_LEVELS, N_VALUES18)");
  });
});
