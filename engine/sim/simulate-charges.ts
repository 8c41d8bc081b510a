import {countryOf} from "../../models/markets/index.ts";
import {createChargeColumns} from "../../models/pricing/index.ts";
import {BATCH_ROWS} from "../message-batch.ts";
import type {ChargeColumns} from "../../models/pricing/index.ts";
import type {TrafficPlan} from "../../models/traffic/traffic-plan.ts";
import type {BillingData} from "../billing-data.ts";
import {createBillingKernel} from "../billing-kernel.ts";
import type {BillingKernel, BillingOptions} from "../billing-kernel.ts";
import type {MessageBatch} from "../message-batch.ts";
import {simulate} from "./simulate.ts";
import type {SimulateOptions, SimulationStats} from "./simulate.ts";

/** Options of a simulate-and-bill run: the simulation's, the billing kernel's and the data. */
export interface SimulateChargesOptions extends Omit<SimulateOptions, "countryOf">, BillingOptions {
  /** Compiled markets and rate cards; the markets also attribute the simulated numbers. */
  data: BillingData;
  /** Receives the kernel once it exists, e.g. to read warnings at the end. */
  onKernel?: (kernel: BillingKernel) => void;
}

/**
 * Simulates the plan and streams every batch straight into the billing kernel: `sink` gets each
 * batch with its charge records (both reused afterwards). Nothing is materialised, so memory
 * stays proportional to the users, not to the messages. The charges equal those of billing the
 * message log that `walab simulate` writes for the same plan and seed; with the default
 * `order: "business"` (billing state is per business) record and message ids are numbered in
 * that order, and with `order: "time"` they are exactly the log's.
 * @throws InputError from the kernel (e.g. a market an edition lacks).
 * @example simulateCharges(plan, {seed: 42, data}, (batch, charges) => summary.add(charges)).messages // => 495867 (the shop of scenarios/loja-br-ecommerce.yaml)
 */
export function simulateCharges(
  plan: TrafficPlan,
  options: SimulateChargesOptions,
  sink: (batch: MessageBatch, charges: ChargeColumns) => void,
): SimulationStats {
  const {data} = options;
  const kernel = createBillingKernel(
    {accounts: plan.accounts, markets: data.markets, cards: data.cards},
    options,
  );
  let users = 0;
  for (const b of options.only ?? plan.businesses.keys()) users += plan.businesses[b]!.totalUsers;
  kernel.reserve(users);
  options.onKernel?.(kernel);
  let charges = createChargeColumns(options.batchRows ?? BATCH_ROWS);
  const countryOfNumber = (e164: string) => countryOf(data.markets, e164);
  const order = options.order ?? "business";
  // a country per lead of the market table's longest prefix, not per number (same countries)
  const countryDigits = options.countryDigits ?? data.markets.maxPrefixLength;
  const simulateOptions = {...options, order, countryOf: countryOfNumber, countryDigits};
  return simulate(plan, simulateOptions, (batch) => {
    if (charges.row.length < batch.length) charges = createChargeColumns(batch.tMs.length);
    kernel.bill(batch, charges);
    sink(batch, charges);
  });
}
