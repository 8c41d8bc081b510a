import {STATUS, TEMPLATE_CATEGORY, TEMPLATE_TYPE} from "../../../models/codes.ts";
import {forkStream} from "../random-streams.ts";
import type {RandomStream} from "../random-streams.ts";
import type {Process} from "../simulation.ts";
import {followUpFlow} from "./follow-up-flow.ts";
import {answerFlow} from "./answer-flow.ts";
import {delayMs} from "./traffic-runtime.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * An order's utility notifications (models/traffic/order-notifications.ts): each step after a
 * lognormal delay from the previous one, sent with its probability; a delivered notification
 * gets an answer with `replyRate`. After the last step, `orderComplete` follow-ups may fire.
 * @example rt.spawn(orderFlow(rt, 0, 42, rnd));
 */
export function* orderFlow(
  rt: TrafficRuntime,
  population: number,
  user: number,
  rnd: RandomStream,
): Process {
  const orders = rt.plan.orders;
  if (orders === undefined) return;
  for (const step of orders.notifications) {
    yield delayMs(rnd, step.after);
    if (rnd() >= step.probability) continue;
    const status = rt.outbound(population, user, TEMPLATE_TYPE, TEMPLATE_CATEGORY.utility, rnd);
    if (status === STATUS.delivered && rnd() < orders.replyRate) {
      rt.spawn(
        answerFlow(rt, population, user, delayMs(rnd, rt.plan.shape.thinkTime), forkStream(rnd)),
      );
    }
  }
  for (const followUp of rt.plan.followUps) {
    if (followUp.trigger !== "orderComplete") continue;
    if (rnd() < followUp.probability)
      rt.spawn(followUpFlow(rt, population, user, followUp, forkStream(rnd)));
  }
}
