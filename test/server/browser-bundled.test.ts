/**
 * The scenario page as `npm start` serves it, in chromium: from the esbuild bundles, with the
 * cached result's charts drawn by the server at first paint, Plot loaded afterwards, and a lever
 * change that shows the run's preview (marked) before the whole run. Skipped, saying so, when
 * /usr/bin/chromium is missing.
 */
import {existsSync} from "node:fs";
import type {BrowserContext} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {createEsbuildBundle} from "../../server/node.ts";
import {CHROMIUM, OUT, startBrowserSession} from "./browser-session.ts";
import type {BrowserSession} from "./browser-session.ts";
import {createTestApp, postJson} from "./server-support.ts";

describe.skipIf(!existsSync(CHROMIUM))("the bundled scenario page in chromium", () => {
  const {app, fake} = createTestApp({bundle: createEsbuildBundle()});
  fake.options.delayMs = 1500;
  fake.options.previewMs = 100;
  let session: BrowserSession | undefined;
  let base = "";
  let context: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    session = await startBrowserSession(app.fetch);
    ({base, context} = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it("a cached page paints the server's charts, and a lever change shows the preview, then the whole run", async () => {
    await postJson(app, "/api/scenarios/shop-five-markets/runs", {overrides: {}});
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    // with its script taken out, the page as served shows the charts
    const url = `${base}/scenarios/shop-five-markets`;
    await page.route(url, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<script type="module">[^]*?<\/script>/, "");
      await route.fulfill({response, body});
    });
    await page.goto(url);
    expect(await page.locator("body[data-status=loading]").count()).toBe(1);
    expect(
      await page.locator('section.chart[data-chart="daily-cost"] svg').count(),
    ).toBeGreaterThan(0);
    await page.unroute(url);
    requests.length = 0;
    await page.reload();
    await page.waitForSelector("body[data-status=ready]", {timeout: 20_000});
    await page.waitForSelector("body[data-plot=ready]", {timeout: 20_000});
    // the page carries its stylesheet and first script; the charts' bundle comes after
    expect(requests).toContain("/bundles/scenario-view.js");
    expect(
      requests.some(
        (path) =>
          path.startsWith("/modules/") ||
          path.startsWith("/vendor/") ||
          path === "/bundles/scenario-client.js" ||
          path === "/assets/style.css",
      ),
    ).toBe(false);
    const svg = () => page.locator('section.chart[data-chart="daily-cost"] .plot').innerHTML();
    const served = await svg();

    await page.locator('input[name="volumeScale"]').evaluate((input: HTMLInputElement) => {
      input.value = "1";
      input.dispatchEvent(new Event("change", {bubbles: true}));
    });
    await page.waitForSelector("body[data-status=preview]", {timeout: 20_000});
    expect(await page.locator("#charts.preview").count()).toBe(1);
    expect(await page.locator("#status").textContent()).toMatch(
      /^Preview: the exact result of the first 2 replications/,
    );
    const preview = await svg();
    expect(preview).not.toBe(served);
    await page.waitForSelector("body[data-status=ready]", {timeout: 20_000});
    expect(await page.locator("#charts.preview").count()).toBe(0);
    expect(await svg()).not.toBe(preview);
    expect(fake.calls.at(-1)!.overrides).toEqual({volumeScale: 2});
    await page.screenshot({path: `${OUT}/scenario-bundled.png`, fullPage: true});
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);
});
