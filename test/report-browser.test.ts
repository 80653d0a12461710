// The report in a real browser: Debian's Chromium, headless, driven by playwright-core (never
// `playwright install`: no browser download). Both reports (real AUX profile; simulated replay) must load
// with no console error, no failed request and no request at all beyond the file itself, and every chart's
// SVG must be laid out with a non-zero size. Screenshots go to build/report/ for people to look at.
// Set UVP_NO_BROWSER=1 to skip on a machine without Chromium; anywhere else a Chromium that does not start
// fails the test (CI installs it: .ci/run).
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../host/paths.js";
import { CHARTS, makeDecodedReport, makeReplayReport } from "./support/reportFixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const NO_BROWSER = process.env.UVP_NO_BROWSER === "1";
const SHOTS = join(packageRoot(), "build", "report");
if (NO_BROWSER) console.warn("report-browser: skipped because UVP_NO_BROWSER=1 (the report is not rendered in Chromium)");

describe.skipIf(NO_BROWSER)("the report in headless Chromium", () => {
  let context: BrowserContext;
  let dir = "";
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "uvp-report-browser-"));
    for (const sub of ["decoded", "replay"]) mkdirSync(join(dir, sub));
    pages.decoded = makeDecodedReport(join(dir, "decoded")).html;
    pages.replay = makeReplayReport(join(dir, "replay")).html;
    try {
      context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "uvp-chromium-profile-")), {
        executablePath: CHROMIUM,
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        viewport: { width: 1280, height: 900 },
      });
    } catch (err) {
      throw new Error(`Chromium (${CHROMIUM}) could not start: ${(err as Error).message.split("\n")[0]}\nInstall Debian's chromium (apt-get install -y chromium), or set UVP_NO_BROWSER=1 to skip this test.`);
    }
  });

  afterAll(async () => {
    await context?.close();
  });

  for (const [name, shot, replayOnly] of [["decoded", "report.png", false], ["replay", "report-replay.png", true]] as const) {
    it(`draws every chart of the ${name} report, fetching nothing, with no console error`, async () => {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      const failed: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
      page.on("requestfailed", (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
      page.on("request", (r) => requests.push(r.url()));
      const url = pathToFileURL(pages[name]).href;
      await page.goto(url, { waitUntil: "load" });

      const expected = CHARTS.filter((c) => replayOnly || !c.replayOnly);
      for (const c of expected) {
        const svg = page.locator(`figure[data-chart="${c.id}"] > svg`);
        expect(await svg.count(), c.id).toBe(1);
        const box = await svg.boundingBox();
        expect(box?.width ?? 0, c.id).toBeGreaterThan(200);
        expect(box?.height ?? 0, c.id).toBeGreaterThan(150);
        // The marks themselves were laid out, not only the frame.
        expect(await page.locator(`figure[data-chart="${c.id}"] [role="graphics-symbol"] > title`).count(), c.id).toBeGreaterThan(0);
        expect(await page.locator(`figure[data-chart="${c.id}"] svg text`, { hasText: c.title }).count(), c.id).toBeGreaterThan(0);
      }
      expect(await page.locator("figure[data-chart]").count()).toBe(expected.length);

      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      expect(requests).toEqual([url]);
      await page.close();
    });
  }
});
