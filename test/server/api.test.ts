import {describe, expect, it} from "vitest";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {createTestApp, postJson} from "./server-support.ts";

describe("JSON API", () => {
  it("GET /api/scenarios lists each scenario with its question, and the headline once its default run is cached", async () => {
    const {app} = createTestApp();
    const before = await (await app.request("/api/scenarios")).json();
    expect(before.scenarios.map((s: {name: string}) => s.name)).toEqual([
      "flat-no-sweep",
      "shop-five-markets",
    ]);
    expect(before.scenarios[1].question).toBe(
      "Which pricing edition costs a shop selling in five markets less?",
    );
    expect(before.scenarios[0].question).toBe("What does the flat shop pay without sweeps?");
    expect(before.scenarios[1].headline).toBeNull();
    await postJson(app, "/api/scenarios/shop-five-markets/runs", {});
    const after = await (await app.request("/api/scenarios")).json();
    const {result} = await (
      await postJson(app, "/api/scenarios/shop-five-markets/runs", {})
    ).json();
    const atFirstPoint = (result as ScenarioResult).runs.filter(
      (r) => r.sweep.adEntryShare === 0.1,
    );
    const cheapest = [...atFirstPoint].sort((a, b) => a.total.mean - b.total.mean)[0]!;
    expect(after.scenarios[1].headline.cheapest).toBe(cheapest.strategy);
    expect(after.scenarios[1].headline.text).toMatch(/is the cheapest|lowest mean cost/);
  });

  it("POST /api/scenarios/{name}/runs runs once, then answers from the cache by the same key", async () => {
    const {app, fake} = createTestApp();
    const first = await postJson(app, "/api/scenarios/shop-five-markets/runs", {
      overrides: {volumeScale: 2, pricing: "cbp-2023-06"},
    });
    expect(first.status).toBe(200);
    const a = await first.json();
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(a.cached).toBe(false);
    expect(a.overrides).toEqual({volumeScale: 2, pricing: "cbp-2023-06"});
    expect(fake.calls).toEqual([
      {
        file: "scenarios/shop-five-markets.yaml",
        overrides: {pricing: "cbp-2023-06", volumeScale: 2},
      },
    ]);
    // same overrides in another key order: same key, no second run
    const b = await (
      await postJson(app, "/api/scenarios/shop-five-markets/runs", {
        overrides: {pricing: "cbp-2023-06", volumeScale: 2},
      })
    ).json();
    expect(b.key).toBe(a.key);
    expect(b.cached).toBe(true);
    expect(fake.calls).toHaveLength(1);
    const c = await (
      await postJson(app, "/api/scenarios/shop-five-markets/runs", {overrides: {volumeScale: 3}})
    ).json();
    expect(c.key).not.toBe(a.key);
    expect(c.result.runs[0].total.mean).not.toBe(a.result.runs[0].total.mean);
  });

  it("POST /api/scenarios/{name}/runs shares one run between concurrent requests for the same key", async () => {
    const {app, fake} = createTestApp();
    fake.options.delayMs = 50;
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        postJson(app, "/api/scenarios/flat-no-sweep/runs", {overrides: {replications: 4}}),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(fake.calls).toHaveLength(1);
  });

  it("the cache key changes with the scenario file's text", async () => {
    const texts = {x: "name: x\n"};
    const {app} = createTestApp({scenarios: texts});
    const a = await (await postJson(app, "/api/scenarios/x/runs", {})).json();
    texts.x = "name: x\n# edited\n";
    const b = await (await postJson(app, "/api/scenarios/x/runs", {})).json();
    expect(b.key).not.toBe(a.key);
    expect(b.cached).toBe(false);
  });

  it("GET /api/results/{key} returns the cached result as JSON with an ETag, and 304 for it", async () => {
    const {app} = createTestApp();
    const {key} = await (await postJson(app, "/api/scenarios/shop-five-markets/runs", {})).json();
    const response = await app.request(`/api/results/${key}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe(`"${key}"`);
    const result = (await response.json()) as ScenarioResult;
    expect(result.runs).toHaveLength(9);
    expect(result.sweepParameters).toEqual(["adEntryShare"]);
    const again = await app.request(`/api/results/${key}`, {
      headers: {"if-none-match": `"${key}"`},
    });
    expect(again.status).toBe(304);
    expect((await app.request(`/api/results/${"0".repeat(64)}`)).status).toBe(404);
  });

  it("GET /api/results/{key}/tables/{id}.csv and .json download every table", async () => {
    const {app} = createTestApp();
    const {key} = await (await postJson(app, "/api/scenarios/shop-five-markets/runs", {})).json();
    const list = await (await app.request(`/api/results/${key}/tables`)).json();
    expect(list.tables.map((t: {id: string}) => t.id)).toEqual([
      "totals",
      "by-category",
      "by-market",
      "daily",
      "daily-by-category",
      "traffic",
      "replications",
    ]);
    for (const {id, csv, json} of list.tables as {id: string; csv: string; json: string}[]) {
      const csvAnswer = await app.request(csv);
      expect(csvAnswer.status, id).toBe(200);
      expect(csvAnswer.headers.get("content-type")).toMatch(/^text\/csv/);
      const text = await csvAnswer.text();
      const lines = text.trimEnd().split("\r\n");
      expect(lines[0]!.startsWith("strategy,adEntryShare,"), id).toBe(true);
      const records = (await (await app.request(json)).json()) as Record<string, unknown>[];
      expect(records.length, id).toBe(lines.length - 1);
    }
    const replications = await (
      await app.request(`/api/results/${key}/tables/replications.json`)
    ).json();
    expect(replications[0]).toEqual({
      strategy: "cbp-2023-06",
      adEntryShare: 0.1,
      replication: 1,
      total: expect.stringMatching(/^\d+(\.\d+)?$/),
    });
    expect((await app.request(`/api/results/${key}/tables/secrets.csv`)).status).toBe(404);
  });

  it("GET /api/results/{key}/charts/{id}.svg renders every chart of the result server-side", async () => {
    const {app} = createTestApp();
    const {key} = await (await postJson(app, "/api/scenarios/shop-five-markets/runs", {})).json();
    const {charts} = await (await app.request(`/api/results/${key}/charts`)).json();
    expect(charts.map((c: {id: string}) => c.id)).toEqual([
      "delta",
      "daily-cost",
      "category-cost",
      "market-cost",
      "traffic",
      "replications",
      "sweep",
    ]);
    for (const chart of charts as {id: string; svg: string}[]) {
      const response = await app.request(`${chart.svg}?point=2`);
      expect(response.status, chart.id).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
      expect((await response.text()).startsWith("<svg")).toBe(true);
    }
    const bad = await app.request(`/api/results/${key}/charts/daily-cost.svg?point=9`);
    expect(bad.status).toBe(422);
    expect((await bad.json()).problems[0].path).toBe("point");
  });

  it("GET /api/results/{key}/compare pairs two strategies over the replications", async () => {
    const {app} = createTestApp();
    const {key, result} = await (
      await postJson(app, "/api/scenarios/shop-five-markets/runs", {})
    ).json();
    const answer = await (
      await app.request(`/api/results/${key}/compare?a=cbp-2023-06&b=pmp-2025-07&point=1`)
    ).json();
    const runs = (result as ScenarioResult).runs.filter((r) => r.sweep.adEntryShare === 0.3);
    const diffs = runs[1]!.replicationTotals.map(
      (t, k) => Number(t) - Number(runs[0]!.replicationTotals[k]),
    );
    expect(answer.totalDelta.mean).toBeCloseTo(diffs.reduce((s, d) => s + d, 0) / diffs.length, 6);
    expect(answer.totalDelta.low).toBeLessThan(answer.totalDelta.mean);
    expect(answer.result.runs.map((r: {strategy: string}) => r.strategy)).toEqual([
      "cbp-2023-06",
      "pmp-2025-07",
    ]);
    expect(answer.result.runs[1].deltaVsFirst.mean).toBe(answer.totalDelta.mean);
    expect(answer.tables.map((t: {id: string}) => t.id)).toEqual([
      "compare-by-category",
      "compare-by-market",
      "compare-traffic",
    ]);
    expect((await app.request(`/api/results/${key}/compare?a=cbp-2023-06&b=nope`)).status).toBe(
      404,
    );
    expect((await app.request(`/api/results/${key}/compare?a=cbp-2023-06`)).status).toBe(422);
  });

  it("POST /api/quote bills the volumes and answers the exact and the time-aware month", async () => {
    const {app} = createTestApp();
    const response = await postJson(app, "/api/quote", {
      country: "BR",
      month: "2026-11",
      pricing: "pmp-2025-07",
      volumes: {marketing: 1000, utility: 2000, service: 500},
    });
    expect(response.status).toBe(200);
    const quote = await response.json();
    expect(quote.market).toBe("Brazil");
    expect(quote.timezone).toBe("America/Sao_Paulo");
    expect(quote.exact.businessMessages).toBe(3500);
    expect(quote.simulated.businessMessages).toBe(3500);
    const marketing = quote.exact.byCategory.find(
      (c: {category: string}) => c.category === "marketing",
    );
    expect(marketing).toMatchObject({
      records: 1000,
      billable: 1000,
      amount: "62.5",
      listRate: "0.0625",
    });
  });

  it("GET /openapi.json is valid JSON with every API path and the request schemas", async () => {
    const {app} = createTestApp();
    const response = await app.request("/openapi.json");
    expect(response.status).toBe(200);
    const doc = JSON.parse(await response.text());
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/scenarios",
        "/api/scenarios/{name}/runs",
        "/api/results/{key}",
        "/api/results/{key}/tables/{file}",
        "/api/results/{key}/charts/{file}",
        "/api/results/{key}/compare",
        "/api/quote",
      ]),
    );
    expect(doc.components.schemas.RunOverrides.properties.volumeScale).toMatchObject({
      type: "number",
      maximum: 10,
    });
    expect(doc.components.schemas.QuoteRequest.required).toEqual(
      expect.arrayContaining(["country", "month", "volumes"]),
    );
    for (const item of Object.values(doc.paths) as Record<string, {responses: object}>[]) {
      for (const operation of Object.values(item))
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    }
  });

  it("GET /api/health reports the queues", async () => {
    const {app} = createTestApp();
    const health = await (await app.request("/api/health")).json();
    expect(health).toMatchObject({ok: true, runs: {running: 0, queued: 0}, quotes: {running: 0}});
  });
});

describe("pages", () => {
  it("GET / lists the scenarios as HTML with their questions", async () => {
    const {app} = createTestApp();
    const response = await app.request("/");
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('href="/scenarios/shop-five-markets"');
    expect(html).toContain("Which pricing edition costs a shop selling in five markets less?");
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
  });

  it("GET /scenarios/{name} sets the levers from the query and loads Plot locally", async () => {
    const {app} = createTestApp();
    const html = await (
      await app.request(
        "/scenarios/shop-five-markets?volumeScale=2&pricing=pmp-2025-07&marketingCapPerWeek=none",
      )
    ).text();
    expect(html).toContain('<option value="pmp-2025-07" selected>');
    expect(html).toContain(
      'name="volumeScale" data-kind="log2" data-omit="0" min="-2" max="2" step="0.25" value="1"',
    );
    expect(html).toContain('<option value="none" selected>');
    // the scenario page's script loads Plot on demand (loadPlot), from /vendor
    expect(html).not.toContain('<script defer src="/vendor/plot.umd.min.js"></script>');
    expect(html).toContain('"@observablehq/plot":"/vendor/plot.js"');
    expect(html).toContain(
      '"overrides":{"pricing":"pmp-2025-07","volumeScale":2,"marketingCapPerWeek":null}',
    );
  });

  it("GET /scenarios/{name} of a cached result arrives with its charts drawn by the server", async () => {
    const {app} = createTestApp();
    const before = await (await app.request("/scenarios/shop-five-markets")).text();
    expect(before).not.toContain('data-chart="daily-cost"');
    expect(before).toContain('"drawn":null');
    const {key} = await (
      await postJson(app, "/api/scenarios/shop-five-markets/runs", {overrides: {}})
    ).json();
    const html = await (await app.request("/scenarios/shop-five-markets")).text();
    expect(html).toMatch(
      /<section class="chart" data-chart="daily-cost"><div class="plot"><figure[^>]*>.*?<svg/s,
    );
    expect(html).toContain(`href="/api/results/${key}/charts/daily-cost.svg?point=0"`);
    expect(html).toContain(`"drawn":{"key":"${key}","point":0}`);
  });

  it("GET /scenarios/{name}/compare and /quote render their forms", async () => {
    const {app} = createTestApp();
    expect(
      await (await app.request("/scenarios/shop-five-markets/compare?a=x&b=y")).text(),
    ).toContain("compare-client.ts");
    const quote = await (await app.request("/quote")).text();
    expect(quote).toContain('<option value="BR" selected>Brazil (BR)</option>');
    expect(quote).toContain('<option value="2026-10-01">');
  });

  it("the browser modules, Plot and d3 are served from the project, transpiled and with the Plot shim", async () => {
    const {app} = createTestApp();
    const entry = await app.request("/modules/server/pages/client/scenario-client.ts");
    expect(entry.status).toBe(200);
    expect(entry.headers.get("content-type")).toMatch(/^text\/javascript/);
    const js = await entry.text();
    expect(js).toContain('import("./scenario-view.ts")'); // the charts, with Plot, on demand
    expect(js).not.toContain("observablehq");
    const view = await (await app.request("/modules/server/pages/client/scenario-view.ts")).text();
    expect(view).toContain('from "../../charts/scenario-charts.ts"');
    expect(js).not.toMatch(/\binterface\b|import type/);
    const chart = await (await app.request("/modules/server/charts/daily-cost-chart.ts")).text();
    expect(chart).toContain('import * as Plot from "@observablehq/plot"');
    const shim = await (await app.request("/vendor/plot.js")).text();
    expect(shim).toMatch(/export const \{[^}]*\bplot\b/);
    expect(shim).toMatch(/export const \{[^}]*\blineY\b/);
    for (const vendor of [
      "/vendor/plot.umd.min.js",
      "/vendor/d3.min.js",
      "/assets/style.css",
      "/assets/favicon.svg",
    ]) {
      expect((await app.request(vendor)).status, vendor).toBe(200);
    }
  });
});
