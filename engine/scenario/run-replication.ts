import {InputError} from "../../models/input-error.ts";
import {countryOf} from "../../models/markets/index.ts";
import {createChargeColumns} from "../../models/pricing/index.ts";
import {BATCH_ROWS} from "../message-batch.ts";
import type {BillingContext} from "../../models/pricing/index.ts";
import {addToAggregate, createChargeAggregate, createWabaMonths} from "../aggregate/index.ts";
import type {ChargeAggregate} from "../aggregate/index.ts";
import {createBillingKernel} from "../billing-kernel.ts";
import type {BillingKernel, BillingWarning} from "../billing-kernel.ts";
import {simulate} from "../sim/simulate.ts";
import {markupMicros} from "./markup-micros.ts";
import {figuresFromAggregate} from "./replication-figures.ts";
import type {ReplicationFigures} from "./replication-figures.ts";
import {replicationSeed} from "./replication-seed.ts";
import type {ScenarioPlan} from "./scenario-plan.ts";

/** The figures and billing warnings of every run of a traffic group in one replication. */
export interface GroupReplication {
  /** In the group's run order. */
  figures: ReplicationFigures[];
  warnings: BillingWarning[][];
  /** Messages simulated (once for the whole group). */
  messages: number;
}

/**
 * One unit of work: simulates a traffic group's plan once under replication `r`'s seed and
 * streams every batch into one billing kernel per run of the group (each with its pricing
 * model, rate-card edition, free-service allowance and changed cards), aggregating by day x
 * market x category. Nothing depends on which other units run in the same process, so units
 * may be spread over workers in any way. Memory: the simulation's per-user state plus one
 * aggregate per run.
 * @throws InputError from a kernel (e.g. a market an edition lacks).
 * @example runReplication(plan, 0, 0).figures[0].metaMicros // => 9555375000
 */
export function runReplication(plan: ScenarioPlan, group: number, r: number): GroupReplication {
  const {data, calendar} = plan;
  const {plan: traffic, runs, users} = plan.groups[group]!;
  const contexts: BillingContext[] = [];
  const kernels: BillingKernel[] = [];
  const aggregates: ChargeAggregate[] = [];
  for (const index of runs) {
    const {scenario, cards} = plan.runs[index]!;
    const context = {accounts: traffic.accounts, markets: data.markets, cards};
    contexts.push(context);
    kernels.push(
      createBillingKernel(context, {
        pricing: scenario.pricing,
        rates: scenario.rates,
        ...(scenario.serviceFreePerPhone === undefined
          ? {}
          : {serviceFreePerPhone: scenario.serviceFreePerPhone}),
      }),
    );
    aggregates.push(createChargeAggregate(calendar, data.markets.markets));
  }
  for (const kernel of kernels) kernel.reserve(users);
  let charges = createChargeColumns(BATCH_ROWS);
  const months = contexts.map((context) => createWabaMonths(context.accounts.wabas.length));
  const countryOfNumber = (e164: string) => countryOf(data.markets, e164);
  const seed = replicationSeed(plan.file.seed, r);
  let k = 0;
  let messages = 0;
  try {
    const stats = simulate(
      traffic,
      {
        seed,
        countryOf: countryOfNumber,
        order: "business",
        // the kernels and the aggregates key users by id: no number strings
        userNumbers: false,
        countryDigits: data.markets.maxPrefixLength,
      },
      (batch) => {
        if (charges.row.length < batch.length) charges = createChargeColumns(batch.tMs.length);
        for (k = 0; k < kernels.length; k++) {
          kernels[k]!.bill(batch, charges);
          addToAggregate(aggregates[k]!, contexts[k]!, batch, charges, months[k]!);
        }
      },
    );
    messages = stats.messages;
  } catch (error) {
    // name the strategy, sweep point and replication whose billing failed
    if (!(error instanceof InputError) || k >= runs.length) throw error;
    const run = plan.runs[runs[k]!]!;
    const point = Object.entries(run.sweep).map(([name, value]) => `${name}=${value}`);
    const what = [run.strategy, ...point, `replication ${r + 1}`].join(", ");
    const where = `${plan.file.file}#/strategies/${run.strategyIndex} (${what})`;
    throw new InputError(error.problems.map((p) => ({...p, path: `${where}: ${p.path}`})));
  }
  const figures = aggregates.map((aggregate, k) => {
    const result = figuresFromAggregate(aggregate, users);
    const delivered = result.delivered.reduce((a, b) => a + b, 0);
    result.markupMicros = markupMicros(
      plan.runs[runs[k]!]!.scenario.markup,
      result.metaMicros,
      delivered,
    );
    return result;
  });
  return {figures, warnings: kernels.map((kernel) => kernel.warnings()), messages};
}
