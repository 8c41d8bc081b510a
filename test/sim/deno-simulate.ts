// Prints the SHA-256 of a small simulation's message log; run by deno.test.ts under Deno to
// check that Deno writes the same bytes as Node (no tsx, no Node-only APIs in engine/ and models/).
import {createHash} from "node:crypto";
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

/** SHA-256 of the log of the first `days` days of a shipped scenario. */
export function scenarioLogHash(name: string, seed: number, days: number): string {
  const root = new URL("../../", import.meta.url);
  const config = parseSimulationConfig(
    readFileSync(new URL(`scenarios/${name}`, root), "utf8"),
    name,
  );
  config.endMs = config.startMs + days * 86_400_000;
  const numbering = loadNumberingPlans(
    readFileSync(new URL("models/traffic/numbering-plans.csv", root), "utf8"),
  );
  const plan = compileTrafficPlan(config, config.accounts!, numbering);
  const {markets} = compileBillingData(readShippedData());
  const encode = createMessageLogEncoder(plan.accounts);
  const hash = createHash("sha256");
  simulate(plan, {seed, countryOf: (e164) => countryOf(markets, e164)}, (batch) =>
    hash.update(encode(batch)),
  );
  return hash.digest("hex");
}

if ((import.meta as {main?: boolean}).main === true) {
  const [name = "otp-fintech-in-id.yaml", seed = "7", days = "2"] =
    (globalThis as {Deno?: {args: string[]}}).Deno?.args ?? [];
  console.log(scenarioLogHash(name, Number(seed), Number(days)));
}
