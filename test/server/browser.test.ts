/**
 * The pages in a real browser: Debian's chromium driven by playwright-core. Opens the scenario
 * list, a scenario page (changes a lever and checks the plots were redrawn in place), the compare
 * view and the quick quote, and saves screenshots under test-output/server/. Skipped, saying so,
 * when /usr/bin/chromium is missing (CI installs it with apt-get install chromium).
 */
import {existsSync} from "node:fs";
import type {BrowserContext, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {CHROMIUM, OUT, startBrowserSession} from "./browser-session.ts";
import type {BrowserSession} from "./browser-session.ts";
import {createTestApp} from "./server-support.ts";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)("pages in chromium", () => {
  const {app, fake} = createTestApp();
  fake.options.delayMs = 150;
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

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(`${path}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${path}: ${message.text()}`);
    });
    page.on("request", (request) => {
      if (
        !request.url().startsWith(base) &&
        !request.url().startsWith("blob:") &&
        !request.url().startsWith("data:")
      )
        errors.push(`external request: ${request.url()}`);
    });
    await page.goto(base + path);
    return page;
  }

  const ready = (page: Page) => page.waitForSelector("body[data-status=ready]", {timeout: 20_000});

  it("the scenario list shows each question", async () => {
    const page = await open("/");
    const cards = await page.locator(".scenario-card").count();
    expect(cards).toBe(2);
    await page.screenshot({path: `${OUT}/list.png`, fullPage: true});
    await page.close();
  }, 60_000);

  it("the scenario page draws every chart, and a lever change re-runs and redraws them in place", async () => {
    const page = await open("/scenarios/shop-five-markets");
    await ready(page);
    const charts = await page
      .locator("section.chart")
      .evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.chart));
    expect(charts).toEqual([
      "delta",
      "daily-cost",
      "category-cost",
      "market-cost",
      "traffic",
      "replications",
      "sweep",
    ]);
    const svgOf = (id: string) =>
      page.locator(`section.chart[data-chart="${id}"] .plot`).innerHTML();
    const before = await svgOf("daily-cost");
    expect(before).toContain("<svg");
    const runsBefore = fake.calls.length;
    const marker = await page.evaluate(() => ((window as unknown as {marker: number}).marker = 42));
    // volume slider to x2 (log2 value 1), as a user releasing it would
    await page.locator('input[name="volumeScale"]').evaluate((input: HTMLInputElement) => {
      input.value = "1";
      input.dispatchEvent(new Event("input", {bubbles: true}));
      input.dispatchEvent(new Event("change", {bubbles: true}));
    });
    await page.waitForFunction(
      () => document.body.dataset.status === "running" || document.body.dataset.status === "ready",
    );
    await ready(page);
    await page.waitForFunction(
      () => new URL(location.href).searchParams.get("volumeScale") === "2",
    );
    expect(fake.calls.length).toBe(runsBefore + 1);
    expect(fake.calls.at(-1)!.overrides).toEqual({volumeScale: 2});
    const after = await svgOf("daily-cost");
    expect(after).toContain("<svg");
    expect(after).not.toBe(before);
    expect(await svgOf("category-cost")).not.toBe("");
    expect(await page.evaluate(() => (window as unknown as {marker?: number}).marker)).toBe(marker); // no reload
    expect(await page.locator("output[data-for=volumeScale]").textContent()).toBe("×2");
    // the sweep point redraws without a run
    const calls = fake.calls.length;
    await page.locator("#point").selectOption("2");
    await page.waitForFunction(() =>
      document
        .querySelector<HTMLAnchorElement>('section.chart[data-chart="daily-cost"] a.svg')!
        .href.endsWith("point=2"),
    );
    expect(fake.calls.length).toBe(calls);
    expect(await svgOf("daily-cost")).not.toBe(after);
    // downloads point at the API
    const svgHref = await page
      .locator('section.chart[data-chart="daily-cost"] a.svg')
      .getAttribute("href");
    const svg = await page.evaluate(async (href) => (await fetch(href!)).text(), svgHref);
    expect(svg.startsWith("<svg")).toBe(true);
    const csvHref = await page.locator('#tables a[href$="/by-category.csv"]').getAttribute("href");
    expect(await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref)).toMatch(
      /^strategy,adEntryShare,category,mean/,
    );
    await page.screenshot({path: `${OUT}/scenario.png`, fullPage: true});
    await page.close();
  }, 60_000);

  it("the compare view pairs two strategies and redraws when one changes", async () => {
    const page = await open("/scenarios/shop-five-markets/compare");
    await ready(page);
    const first = await page.locator("#delta-summary").textContent();
    expect(first).toContain("paired 95 % CI");
    await page.locator("#b").selectOption("pmp-2026-10 + utility in window");
    await page.waitForFunction(
      () => new URL(location.href).searchParams.get("b") === "pmp-2026-10 + utility in window",
    );
    await ready(page);
    expect(await page.locator("#delta-summary").textContent()).not.toBe(first);
    expect(await page.locator("section.chart").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("section.table").count()).toBe(3);
    await page.screenshot({path: `${OUT}/compare.png`, fullPage: true});
    await page.close();
  }, 60_000);

  it("the quick quote bills the form and re-bills when a volume changes", async () => {
    const page = await open("/quote");
    await ready(page);
    const before = await page.locator("#quote-summary").textContent();
    expect(before).toContain("Exact");
    const svgBefore = await page.locator("section.chart .plot").innerHTML();
    await page.locator("#v-marketing").fill("60000");
    await page.locator("#v-marketing").dispatchEvent("change");
    await page.waitForFunction(
      (text) => document.querySelector("#quote-summary")!.textContent !== text,
      before,
    );
    await ready(page);
    expect(await page.locator("section.chart .plot").innerHTML()).not.toBe(svgBefore);
    expect(await page.locator("section.table").count()).toBe(4);
    await page.screenshot({path: `${OUT}/quote.png`, fullPage: true});
    await page.close();
  }, 60_000);

  it("no page logged an error or asked anything of another host", () => {
    expect(errors).toEqual([]);
  });
});
