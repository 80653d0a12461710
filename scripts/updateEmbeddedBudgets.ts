// Re-records the Cortex-M instruction-count budgets (test/golden/embedded-budgets.json) from a QEMU run:
// npm run build && make -C targets/c && node dist/scripts/updateEmbeddedBudgets.js. Review the diff and say why
// in the commit: the embedded test fails when a count exceeds its budget by more than the margin.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { budgetTable, instructionCounts, runCortexScenarios, writeBudgets, BUDGETS_PATH } from "../bench/embeddedBudgets.js";
import { buildTargets } from "../host/embedded/targets.js";

const work = mkdtempSync(join(tmpdir(), "uvp-embedded-budgets-"));
try {
  buildTargets();
  const { fullFrames, golden } = await runCortexScenarios(work);
  const counts = instructionCounts(fullFrames.run, golden.run);
  writeBudgets(counts);
  console.log(`${BUDGETS_PATH}:\n${budgetTable(counts, counts)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
