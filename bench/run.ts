// npm run bench: labelling speed per build against the floor, the TS reference and OpenCV.js, and the
// firmware's memory. Writes bench/out/bench.json and prints a table. Figures are medians and ratios.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUILDS, Firmware } from "../host/firmware/index.js";
import { packageRoot } from "../host/paths.js";
import { benchLabelling } from "./labellingBench.js";
import { benchReplay } from "./replayBench.js";
import { benchClassify } from "./classifyBench.js";
import { benchTelemetryBytes } from "./telemetryBytes.js";
import { benchDecodeOutputs } from "./decodeOutputsBench.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const log = (s: string) => process.stderr.write(s + "\n");

const memory = BUILDS.map((build) => {
  const fw = Firmware.create(build);
  return { build, pages: fw.memoryBytes / 65536, staticBytes: fw.staticBytes, modelStateBytes: fw.raw.modelStateBytes(), floatStateBytes: fw.raw.floatStateBytes(), objectSlots: fw.raw.objectSlots() };
});

log(`labelling, ${ROUNDS} rounds per contender and frame (interleaved; medians):`);
const { results, opencv } = await benchLabelling(ROUNDS, log);

log(`replay throughput, ${Math.max(3, ROUNDS >> 2)} rounds per build:`);
const replay = benchReplay(Math.max(3, ROUNDS >> 2), log);

log("classification, per object and model load ...");
const classify = benchClassify(ROUNDS);

log("telemetry bytes per real profile ...");
const telemetry = await benchTelemetryBytes();

log("decode outputs (NetCDF-4 through h5wasm) per real profile ...");
const decodeOutputs = await benchDecodeOutputs(Math.max(5, ROUNDS >> 1));

const out = join(packageRoot(), "bench", "out");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "bench.json"), JSON.stringify({ node: process.version, rounds: ROUNDS, memory, opencv, labelling: results, replay, classify, telemetry, decodeOutputs }, null, 2));

console.log(`\n## Memory (fixed; initial = maximum)\n`);
console.log(`| build | pages | camera working state (budget 256 KiB) | float side (slicing, encoders) | model state | object slots |\n|---|---|---|---|---|---|`);
for (const m of memory) {
  const working = m.staticBytes - m.modelStateBytes - m.floatStateBytes;
  console.log(`| ${m.build} | ${m.pages} (${m.pages * 64} KiB) | ${working} B (${(working / 1024).toFixed(1)} KiB) | ${m.floatStateBytes} B | ${m.modelStateBytes} B | ${m.objectSlots} |`);
}
console.log(`\n## Labelling, ms per 2464 x 2056 frame (median of ${ROUNDS}); ratio to the floor; ${opencv}\n`);
for (const r of results) {
  const floor = r.medianMs["floor (row feed + SIMD count)"];
  console.log(`### ${r.frame}\n\n| contender | ms | x floor | objects |\n|---|---|---|---|`);
  for (const [name, ms] of Object.entries(r.medianMs)) {
    console.log(`| ${name} | ${ms.toFixed(2)} | ${(ms / floor).toFixed(2)} | ${r.objects[name] ?? ""} |`);
  }
  console.log("");
}
console.log(`## Replay throughput (recorded stream from disk -> firmware -> RS232 log + truth comparison), frames/s (median)\n`);
console.log(`| stream | frames | stream MB | simulate frames/s | ${BUILDS.join(" | ")} |\n|---|---|---|---|${BUILDS.map(() => "---").join("|")}|`);
for (const r of replay) {
  console.log(`| ${r.stream} | ${r.frames} | ${(r.streamBytes / 1e6).toFixed(1)} | ${r.simulateFramesPerS.toFixed(0)} | ${BUILDS.map((b) => r.framesPerS[b].toFixed(0)).join(" | ")} |`);
}
console.log(`\n## Classification (${classify.objects} candidate vignettes of 120-2,000 px; model ${classify.model.classes} classes x ${classify.model.treesPerClass} trees, ${classify.model.bytes} B)\n`);
console.log(`| contender | us per object (features + inference) |\n|---|---|`);
for (const [name, us] of Object.entries(classify.usPerObject)) console.log(`| ${name} | ${us.toFixed(1)} |`);
console.log(`\nModel load (validate + swap), ms: ${Object.entries(classify.modelLoadMs).map(([b, ms]) => `${b} ${ms.toFixed(2)}`).join(", ")}`);
console.log(`\n## Telemetry bytes per real profile (float 4903634, AUX levels through the firmware's encoders)\n`);
console.log(`| profile | records | CTS5 B (files) | SBD 340 B (msgs) | SBD 270 (msgs) | SBD 100 (msgs) | gzip -9 | brotli 11 | xz -9e | CTS5 / SBD 340 | best compressor / SBD 340 |\n|---|---|---|---|---|---|---|---|---|---|---|`);
const sum = (f: (t: (typeof telemetry)[number]) => number) => telemetry.reduce((a, t) => a + f(t), 0);
for (const t of [...telemetry, { file: "all six", records: sum((t) => t.records), cts5Bytes: sum((t) => t.cts5Bytes), cts5Files: sum((t) => t.cts5Files), sbd: Object.fromEntries([340, 270, 100].map((l) => [l, { bytes: sum((t) => t.sbd[l].bytes), messages: sum((t) => t.sbd[l].messages) }])), gzip: sum((t) => t.gzip), brotli: sum((t) => t.brotli), xz: sum((t) => t.xz) }]) {
  const s340 = t.sbd[340].bytes;
  console.log(`| ${t.file} | ${t.records} | ${t.cts5Bytes} (${t.cts5Files}) | ${s340} (${t.sbd[340].messages}) | ${t.sbd[270].bytes} (${t.sbd[270].messages}) | ${t.sbd[100].bytes} (${t.sbd[100].messages}) | ${t.gzip} | ${t.brotli} | ${t.xz} | ${(t.cts5Bytes / s340).toFixed(2)} | ${(Math.min(t.gzip, t.brotli, t.xz) / s340).toFixed(2)} |`);
}
console.log(`\n## Decode outputs per real profile: NetCDF-4 (h5wasm) against JSON and the NetCDF-3 AUX file (medians; h5wasm loads once in ${decodeOutputs.h5wasmLoadMs.toFixed(0)} ms)\n`);
console.log(`| profile | records | AUX NetCDF-3 B | JSON B | NetCDF-4 B | JSON ms | NetCDF-4 write ms (x JSON) | NetCDF-3 read ms | NetCDF-4 read ms (x NetCDF-3) |\n|---|---|---|---|---|---|---|---|---|`);
for (const p of decodeOutputs.profiles) {
  const m = p.medianMs;
  console.log(`| ${p.file} | ${p.records} | ${p.bytes.auxNetcdf3} | ${p.bytes.json} | ${p.bytes.netcdf4} | ${m.json.toFixed(1)} | ${m.netcdf4Write.toFixed(1)} (${(m.netcdf4Write / m.json).toFixed(1)}) | ${m.netcdf3Read.toFixed(1)} | ${m.netcdf4Read.toFixed(1)} (${(m.netcdf4Read / m.netcdf3Read).toFixed(1)}) |`);
}
log(`written ${join(out, "bench.json")}`);
