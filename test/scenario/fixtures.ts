import {readFileSync} from "node:fs";
import {compileBillingData} from "../../engine/index.ts";
import {planScenario} from "../../engine/scenario/index.ts";
import type {ScenarioPlan, ScenarioSource} from "../../engine/scenario/index.ts";
import {readShippedData} from "../../io/index.ts";
import {InputError} from "../../models/input-error.ts";
import {parseScenarioFile} from "../../models/scenario/index.ts";
import type {ScenarioFile} from "../../models/scenario/index.ts";
import {loadNumberingPlans} from "../../models/traffic/index.ts";

/** Shipped data, loaded once per test file. */
export const rateCards = readShippedData();
export const data = compileBillingData(rateCards);
export const numberingText = readFileSync(
  new URL("../../models/traffic/numbering-plans.csv", import.meta.url),
  "utf8",
);
export const numbering = loadNumberingPlans(numberingText);

/**
 * A small scenario in Mumbai: one business, two WABAs, 1,500 users over a week of May 2026,
 * sessions, orders, a campaign, logins and a follow-up; `extra` is appended at the top level
 * (strategies, sweeps, ...).
 */
export function tinyScenario(extra = "", users = 1500): string {
  return `# What does a week of a small Indian shop cost?
name: tiny
seed: 42
replications: 3
period: {start: 2026-05-04, end: 2026-05-11, timezone: Asia/Kolkata}
accounts:
  businesses:
    - id: dukaan
      country: IN
      authInternational: {ID: 2024-06-01T00:00:00Z}
      wabas:
        - {id: dukaan-in, timezone: Asia/Kolkata, phones: ["+912240001000"]}
        - {id: dukaan-id, timezone: Asia/Jakarta, phones: ["+622150001000"]}
traffic:
  users: ${users}
  populations:
    - {id: in, market: IN, share: 0.8, waba: dukaan-in}
    - {id: id, market: ID, share: 0.2, waba: dukaan-id}
  sessions:
    organic: {perUserPerMonth: 2}
    pageCta: {visitsPerDay: 200}
  replies: {botShare: 0.5}
  orders: {conversion: 0.3, perUserPerMonth: 0.5}
  authentication: {perUserPerMonth: 4}
  campaigns:
    - {name: promo, at: "2026-05-06T10:00:00+05:30", segment: {share: 0.5}}
  frequencyCap: {max: 3, per: 7d}
  followUps:
    - {name: review, trigger: orderComplete, probability: 0.5, after: {median: 2d, sigma: 0.3}, category: utility}
    - {name: cart, trigger: sessionWithoutOrder, probability: 0.3}
${extra}`;
}

/** Parses a scenario text against the shipped data. */
export function scenarioOf(text: string, file = "scenarios/tiny.yaml"): ScenarioFile {
  return parseScenarioFile(text, file, data);
}

/** Parses and plans a scenario text. */
export function planOf(text: string, file = "scenarios/tiny.yaml"): ScenarioPlan {
  return planScenario(scenarioOf(text, file), data, numbering);
}

/** The texts a worker needs for a scenario text. */
export function sourceOf(text: string, file = "scenarios/tiny.yaml"): ScenarioSource {
  return {text, file, accounts: {}, rateCards, numberingPlans: numberingText, overrides: {}};
}

/** The problems (as `path: message` lines) a scenario text is rejected with. */
export function problemsOf(text: string, file = "scenarios/x.yaml"): string[] {
  try {
    scenarioOf(text, file);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error("the scenario was accepted");
}
