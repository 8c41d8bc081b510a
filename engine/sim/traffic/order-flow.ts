import {STATUS, TEMPLATE_CATEGORY, TEMPLATE_TYPE} from "../../../models/codes.ts";
import {FOLLOW_UP_TRIGGER} from "../../../models/traffic/follow-ups.ts";
import {FLOW} from "./flow-table.ts";
import {startFollowUp} from "./follow-up-flow.ts";
import {startAnswer} from "./session-flow.ts";
import {flowDelayMs} from "./flow-draws.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * Starts an order's utility notifications now (models/traffic/order-notifications.ts), its
 * stream seeded by two words of its parent (`seedA`, `seedB`: FlowTable.open), as forkStream does:
 * each step after a lognormal delay from the previous one, sent
 * with its probability; a delivered notification gets an answer with `replyRate`. After the
 * last step, `orderComplete` follow-ups may fire.
 * @example startOrder(rt, 0, 42, seedWord(rnd()), seedWord(rnd()));
 */
export function startOrder(
  rt: TrafficRuntime,
  population: number,
  user: number,
  seedA: number,
  seedB: number,
): void {
  const flows = rt.flows;
  const row = flows.open(FLOW.order, population, user, seedA, seedB);
  if (rt.plan.orders === undefined) {
    flows.close(row);
    return;
  }
  flows.a[row] = 0;
  flows.runAs(row, nextStep, rt);
}

/** Waits for the order's next notification, or ends it with its follow-ups. */
function nextStep(rt: TrafficRuntime, row: number): void {
  const flows = rt.flows;
  const notifications = rt.plan.orders!.notifications;
  const step = flows.a[row]!;
  if (step < notifications.length) {
    rt.clock.wakeAfter(flowDelayMs(flows, notifications[step]!.after), row);
    return;
  }
  const followUps = rt.plan.followUps;
  for (let f = 0; f < followUps.length; f++) {
    if (rt.followUpTriggers[f] !== FOLLOW_UP_TRIGGER.orderComplete) continue;
    if (flows.uniform() < followUps[f]!.probability)
      startFollowUp(rt, flows.population[row]!, flows.user[row]!, f, flows.word(), flows.word());
  }
  flows.close(row);
}

/** An order's notification is due (row `row`, whose stream is current). */
export function orderStep(rt: TrafficRuntime, row: number): void {
  const flows = rt.flows;
  const orders = rt.plan.orders!;
  const step = flows.a[row]!;
  if (flows.uniform() < orders.notifications[step]!.probability) {
    const population = flows.population[row]!;
    const user = flows.user[row]!;
    const status = rt.flowOutbound(population, user, TEMPLATE_TYPE, TEMPLATE_CATEGORY.utility);
    if (status === STATUS.delivered && flows.uniform() < orders.replyRate)
      startAnswer(
        rt,
        population,
        user,
        flowDelayMs(flows, rt.plan.shape.thinkTime),
        flows.word(),
        flows.word(),
      );
  }
  flows.a[row] = step + 1;
  nextStep(rt, row);
}
