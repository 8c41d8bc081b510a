import {TEMPLATE_CATEGORY, TEMPLATE_TYPE} from "../../../models/codes.ts";
import type {FollowUpPlan} from "../../../models/traffic/traffic-plan.ts";
import type {RandomStream} from "../random-streams.ts";
import type {Process} from "../simulation.ts";
import {delayMs} from "./traffic-runtime.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * A follow-up template (models/traffic/follow-ups.ts) after its lognormal delay; a marketing
 * follow-up respects the business's frequency cap.
 * @example rt.spawn(followUpFlow(rt, 0, 42, plan.followUps[0], rnd));
 */
export function* followUpFlow(
  rt: TrafficRuntime,
  population: number,
  user: number,
  followUp: FollowUpPlan,
  rnd: RandomStream,
): Process {
  yield delayMs(rnd, followUp.after);
  if (followUp.category === TEMPLATE_CATEGORY.marketing) {
    if (rt.capped(user)) return;
    rt.recordMarketing(user);
  }
  rt.outbound(population, user, TEMPLATE_TYPE, followUp.category, rnd);
}
