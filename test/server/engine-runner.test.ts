import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {loadScenarioPlan, runScenario} from "../../engine/scenario/index.ts";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {readShippedData} from "../../io/index.ts";
import {createNodeApp} from "../../server/node.ts";
import {NUMBERING_PLANS, postJson} from "./server-support.ts";

const RUNS = "/api/scenarios/ecommerce-br-pricing-models/runs";
const FILE = "scenarios/ecommerce-br-pricing-models.yaml";

describe("the engine behind the API (worker threads)", () => {
  it("POST runs with levers runs the shipped scenario on the engine, and the levers change what is billed", async () => {
    const app = await createNodeApp({threads: 1});
    const base = await postJson(app, RUNS, {overrides: {replications: 1}});
    expect(base.status).toBe(200);
    const a = (await base.json()).result as ScenarioResult;
    expect(a.scenario).toBe("ecommerce-br-pricing-models");
    expect(a.replications).toBe(1);
    expect(a.runs.map((r) => r.strategy)).toEqual([
      "cbp-2023-06",
      "pmp-2025-07",
      "pmp-2026-10",
      "pmp-2025-07 + notifications in window",
    ]);
    expect(a.question).toMatch(/Brazilian online shop/);

    const samePricing = (
      await (
        await postJson(app, RUNS, {overrides: {replications: 1, pricing: "pmp-2026-10"}})
      ).json()
    ).result as ScenarioResult;
    const totals = samePricing.runs.map((r) => r.replicationTotals[0]);
    expect(totals[0]).toBe(totals[1]); // the same traffic under one model: the same exact total
    expect(totals[1]).toBe(totals[2]);
    expect(totals[2]).toBe(a.runs[2]!.replicationTotals[0]);

    const half = (
      await (await postJson(app, RUNS, {overrides: {replications: 1, volumeScale: 0.5}})).json()
    ).result as ScenarioResult;
    expect(half.users).toBeLessThan(a.users * 0.6);
    expect(half.runs[0]!.total.mean).toBeLessThan(a.runs[0]!.total.mean * 0.75);
  }, 120_000);

  it("POST runs with a lever the scenario cannot take answers the engine's 422 from the worker thread", async () => {
    const app = await createNodeApp({threads: 1});
    // cbp-2022-02 bills business_initiated conversations, which the 2026-10-01 card in force has no rate for
    const response = await postJson(app, RUNS, {
      overrides: {replications: 1, pricing: "cbp-2022-02"},
    });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error).toMatch(/^no business_initiated rate for Brazil/);
    expect(body.problems[0].path).toMatch(/rate card 2026-10-01/);
    // the failure dropped the run's other units before a thread took one
    expect(app.pool.stats()).toMatchObject({busy: 0, queued: 0});
    // the same file and levers fail the same way: answered again without a run
    const completed = app.pool.stats().completed;
    const again = await postJson(app, RUNS, {
      overrides: {replications: 1, pricing: "cbp-2022-02"},
    });
    expect(again.status).toBe(422);
    expect((await again.json()).error).toBe(body.error);
    expect(app.pool.stats().completed).toBe(completed);
  }, 120_000);
});

describe("runs on the thread pool, unit by unit", () => {
  it("POST runs gives the same bytes as runScenario in one thread, and reuses the units it has", async () => {
    const app = await createNodeApp({threads: 2});
    try {
      const text = readFileSync(new URL(`../../${FILE}`, import.meta.url), "utf8");
      const plan = loadScenarioPlan({
        text,
        file: FILE,
        accounts: {},
        rateCards: readShippedData(),
        numberingPlans: NUMBERING_PLANS,
        overrides: {replications: 3},
      });
      const alone = runScenario(plan);
      const pooled = await postJson(app, RUNS, {overrides: {replications: 3}});
      expect(JSON.stringify((await pooled.json()).result)).toBe(JSON.stringify(alone));
      // fewer replications: the first two units of each group again, summarised alone
      const completed = app.pool.stats().completed;
      const two = (await (await postJson(app, RUNS, {overrides: {replications: 2}})).json())
        .result as ScenarioResult;
      expect(app.pool.stats().completed).toBe(completed);
      expect(two.replications).toBe(2);
      expect(two.runs[0]!.replicationTotals).toEqual(alone.runs[0]!.replicationTotals.slice(0, 2));
    } finally {
      await app.pool.close();
    }
  }, 120_000);

  it("POST runs with preview answers the exact 2-replication run first, then the whole run", async () => {
    const app = await createNodeApp({threads: 2});
    try {
      const overrides = {replications: 4, volumeScale: 0.5};
      const first = await (await postJson(app, RUNS, {overrides, preview: true})).json();
      expect(first.preview).toBe(true);
      expect(first.overrides).toEqual({...overrides, replications: 2});
      expect(first.result.replications).toBe(2);
      const whole = await (await postJson(app, RUNS, {overrides})).json();
      expect(whole.preview).toBe(false);
      expect(whole.result.replications).toBe(4);
      const two = await (
        await postJson(app, RUNS, {overrides: {...overrides, replications: 2}})
      ).json();
      expect(two.cached).toBe(true); // the preview is that run, cached under its key
      expect(two.key).toBe(first.key);
      expect(whole.result.runs[1].replicationTotals.slice(0, 2)).toEqual(
        first.result.runs[1].replicationTotals,
      );
      // cached: a preview request gets the whole run at once
      const again = await (await postJson(app, RUNS, {overrides, preview: true})).json();
      expect(again).toMatchObject({cached: true, preview: false, key: whole.key});
    } finally {
      await app.pool.close();
    }
  }, 120_000);

  it("POST /api/quote bills on a pool thread and answers its 422s with the field path", async () => {
    const app = await createNodeApp({threads: 1});
    try {
      const ok = await postJson(app, "/api/quote", {
        country: "BR",
        month: "2026-11",
        volumes: {marketing: 1000},
      });
      expect(ok.status).toBe(200);
      expect((await ok.json()).exact.total).toMatch(/^\d+(\.\d+)?$/);
      const bad = await postJson(app, "/api/quote", {
        country: "ZZ",
        month: "2026-11",
        volumes: {marketing: 1},
      });
      expect(bad.status).toBe(422);
      expect((await bad.json()).problems[0].path).toBe("country");
      expect(app.pool.stats().restarts).toBe(0);
    } finally {
      await app.pool.close();
    }
  }, 120_000);
});

describe("the scenario page's bundles (esbuild)", () => {
  it("GET /bundles/{name} serves the page script and the charts with Plot in them, revalidated by ETag", async () => {
    const app = await createNodeApp({threads: 1});
    try {
      const page = await (await app.request("/scenarios/ecommerce-br-pricing-models")).text();
      // the page carries its stylesheet and its script's bundle
      expect(page).toMatch(/<style>[^<]*--ink/);
      expect(page).toContain('<script type="module">');
      expect(page).toContain("/bundles/scenario-view.js");
      expect(page).not.toContain('href="/assets/style.css"');
      expect(page).not.toContain("modulepreload");
      const client = await app.request("/bundles/scenario-client.js");
      expect(client.status).toBe(200);
      const etag = client.headers.get("etag")!;
      expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
      const js = await client.text();
      expect(js).toContain("/bundles/scenario-view.js");
      expect(js).not.toMatch(/from\s*"\.\//); // its static imports are inside
      const again = await app.request("/bundles/scenario-client.js", {
        headers: {"if-none-match": etag},
      });
      expect(again.status).toBe(304);
      const view = await (await app.request("/bundles/scenario-view.js")).text();
      expect(view).not.toContain("@observablehq/plot"); // Plot is bundled, not imported
      expect(view.length).toBeLessThan(400_000);
      expect((await app.request("/bundles/../node.ts")).status).toBe(404);
      expect((await app.request("/bundles/secret.js")).status).toBe(404);
    } finally {
      await app.pool.close();
    }
  }, 120_000);
});

describe("timeouts on the thread pool", () => {
  it("a quote past its time limit answers 504, its thread is replaced, and the next quote is billed", async () => {
    const app = await createNodeApp({threads: 1, quoteTimeoutMs: 200});
    try {
      const big = await postJson(app, "/api/quote", {
        country: "BR",
        month: "2026-11",
        volumes: {marketing: 1_000_000, utility: 900_000},
      });
      expect(big.status).toBe(504);
      expect(app.pool.stats().restarts).toBe(1);
      while (app.pool.stats().starting > 0) await new Promise((r) => setTimeout(r, 50));
      const small = await postJson(app, "/api/quote", {
        country: "BR",
        month: "2026-11",
        volumes: {marketing: 10},
      });
      expect(small.status).toBe(200);
    } finally {
      await app.pool.close();
    }
  }, 120_000);
});
