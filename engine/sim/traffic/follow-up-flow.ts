import {TEMPLATE_CATEGORY, TEMPLATE_TYPE} from "../../../models/codes.ts";
import {FLOW} from "./flow-table.ts";
import {flowDelayMs} from "./flow-draws.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * Starts follow-up `followUp` of the plan (models/traffic/follow-ups.ts) now, its stream seeded
 * by two words of its parent (`seedA`, `seedB`: FlowTable.open), as forkStream does: a template
 * after its lognormal delay; a marketing follow-up respects the
 * business's frequency cap.
 * @example startFollowUp(rt, 0, 42, 0, flows.word(), flows.word());
 */
export function startFollowUp(
  rt: TrafficRuntime,
  population: number,
  user: number,
  followUp: number,
  seedA: number,
  seedB: number,
): void {
  const flows = rt.flows;
  const row = flows.open(FLOW.followUp, population, user, seedA, seedB);
  const saved = flows.current;
  flows.current = row;
  flows.a[row] = followUp;
  const wait = flowDelayMs(flows, rt.plan.followUps[followUp]!.after);
  flows.current = saved;
  rt.clock.wakeAfter(wait, row);
}

/** The follow-up is due (row `row`, whose stream is current). */
export function followUpStep(rt: TrafficRuntime, row: number): void {
  const flows = rt.flows;
  const followUp = rt.plan.followUps[flows.a[row]!]!;
  const user = flows.user[row]!;
  flows.close(row);
  if (followUp.category === TEMPLATE_CATEGORY.marketing) {
    if (rt.capped(user)) return;
    rt.recordMarketing(user);
  }
  // the closed row keeps its stream until a flow reuses it, which cannot happen before this send
  rt.flowOutbound(flows.population[row]!, user, TEMPLATE_TYPE, followUp.category);
}
