import {describe, expect, it} from "vitest";
import type {ScenarioResult} from "../../engine/scenario/scenario-result.ts";
import {createNodeApp} from "../../server/node.ts";
import {postJson} from "./server-support.ts";

const RUNS = "/api/scenarios/ecommerce-br-pricing-models/runs";

describe("the engine behind the API (worker threads)", () => {
  it("POST runs with levers runs the shipped scenario on the engine, and the levers change what is billed", async () => {
    const app = await createNodeApp({threadsPerRun: 1});
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
    const app = await createNodeApp({threadsPerRun: 1});
    // cbp-2022-02 bills business_initiated conversations, which the 2026-10-01 card in force has no rate for
    const response = await postJson(app, RUNS, {
      overrides: {replications: 1, pricing: "cbp-2022-02"},
    });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error).toMatch(/^no business_initiated rate for Brazil/);
    expect(body.problems[0].path).toMatch(/rate card 2026-10-01/);
  }, 120_000);
});
