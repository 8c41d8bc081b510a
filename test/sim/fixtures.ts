import {readFileSync} from "node:fs";
import {compileBillingData} from "../../engine/index.ts";
import {createMessageLogEncoder, simulate} from "../../engine/sim/index.ts";
import {readShippedData} from "../../io/index.ts";
import {countryOf} from "../../models/markets/index.ts";
import {
  compileTrafficPlan,
  loadNumberingPlans,
  parseSimulationConfig,
} from "../../models/traffic/index.ts";
import type {NumberingPlans, TrafficPlan} from "../../models/traffic/index.ts";
import {
  DIRECTION_NAMES,
  DEVICE_NAMES,
  ENTRY_POINT_NAMES,
  STATUS_NAMES,
  TEMPLATE_CATEGORY_NAMES,
} from "../../models/codes.ts";

/** Shipped data, loaded once per test file. */
export const data = compileBillingData(readShippedData());
export const numbering: NumberingPlans = loadNumberingPlans(
  readFileSync(new URL("../../models/traffic/numbering-plans.csv", import.meta.url), "utf8"),
);
export const countryOfNumber = (e164: string) => countryOf(data.markets, e164);

/** Parses and compiles a simulation file given as YAML text. */
export function planOf(yaml: string, file = "test.yaml"): TrafficPlan {
  const config = parseSimulationConfig(yaml, file);
  return compileTrafficPlan(config, config.accounts!, numbering);
}

/** A message as a plain object, for assertions (small runs only). */
export interface Row {
  id: string;
  tMs: number;
  waba: number;
  phone: number;
  user: string;
  pair: number;
  direction: string;
  type: string;
  category: string | null;
  entryPoint: string;
  device: string;
  status: string;
}

/** Simulates a plan and returns every message as a plain object. */
export function rowsOf(
  plan: TrafficPlan,
  seed: string | number,
  options: {windowMs?: number; batchRows?: number} = {},
): Row[] {
  const rows: Row[] = [];
  simulate(plan, {seed, countryOf: countryOfNumber, ...options}, (b) => {
    for (let i = 0; i < b.length; i++) {
      rows.push({
        id: b.idPrefix + String(b.idStart + i),
        tMs: b.tMs[i]!,
        waba: b.waba[i]!,
        phone: b.phone[i]!,
        user: b.users[b.user[i]!]!,
        pair: b.pair[i]!,
        direction: DIRECTION_NAMES[b.direction[i]!]!,
        type: b.types[b.type[i]!]!,
        category: b.category[i]! === 255 ? null : TEMPLATE_CATEGORY_NAMES[b.category[i]!]!,
        entryPoint: ENTRY_POINT_NAMES[b.entryPoint[i]!]!,
        device: DEVICE_NAMES[b.device[i]!]!,
        status: STATUS_NAMES[b.status[i]!]!,
      });
    }
  });
  return rows;
}

/** The message log (NDJSON) of a plan and seed. */
export function ndjsonOf(
  plan: TrafficPlan,
  seed: string | number,
  options: {windowMs?: number; batchRows?: number} = {},
): string {
  const encode = createMessageLogEncoder(plan.accounts);
  const decoder = new TextDecoder();
  let text = "";
  simulate(plan, {seed, countryOf: countryOfNumber, ...options}, (b) => {
    text += decoder.decode(encode(b));
  });
  return text;
}

/** A one-business simulation file with the given traffic block (YAML, indented by 2). */
export function yamlOf(
  traffic: string,
  options: {start?: string; end?: string; accounts?: string} = {},
): string {
  return `name: test
period:
  start: ${options.start ?? "2025-11-03"}
  end: ${options.end ?? "2025-11-10"}
accounts:
${
  options.accounts ??
  `  businesses:
    - id: shop
      country: BR
      wabas:
        - id: shop-br
          timezone: America/Sao_Paulo
          phones: ["+551130004000"]`
}
traffic:
${traffic}
`;
}
