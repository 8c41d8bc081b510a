import {
  DEVICE,
  ENTRY_POINT,
  NO_CATEGORY,
  TEMPLATE_CATEGORY,
  TEMPLATE_TYPE,
} from "../../../models/codes.ts";
import {nextWorkingMs} from "../../../models/traffic/working-hours.ts";
import {categorical, poisson} from "../distributions.ts";
import {forkStream} from "../random-streams.ts";
import type {RandomStream} from "../random-streams.ts";
import type {Process} from "../simulation.ts";
import {followUpFlow} from "./follow-up-flow.ts";
import {orderFlow} from "./order-flow.ts";
import {delayMs} from "./traffic-runtime.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * The business's reply delay to a user turn starting now, in ms, or -1 for no reply: a bot
 * share answers within seconds, the rest wait for the agents' working hours (in the WABA's
 * timezone) and then a lognormal handling time (models/traffic/reply-latency.ts). Always the
 * same number of draws (two, plus the handling time's), whatever the outcome.
 * @example replyDelayMs(rt, 0, rnd) // => 2870 (e.g., a bot answer after 2.87 s)
 */
export function replyDelayMs(rt: TrafficRuntime, population: number, rnd: RandomStream): number {
  const replies = rt.plan.replies;
  const noReply = rnd() < replies.noReply;
  const byBot = rnd() < replies.botShare;
  const handling = delayMs(rnd, byBot ? replies.bot : replies.agents);
  if (noReply) return -1;
  if (byBot || replies.workingHours === "always") return handling;
  const now = rt.sim.now;
  const opens = nextWorkingMs(
    rt.plan.populations[population]!.wabaClock,
    replies.workingHours,
    now,
  );
  return Math.round(opens - now) + handling;
}

/**
 * A user-initiated session (models/traffic/session-shape.ts): turns of user messages, each
 * answered by the business after its reply delay. The first message carries the session's entry
 * point; the device is drawn once per session (web with the population's `webShare`). A reply
 * that comes when the customer service window has closed must be a template: the business
 * sends one utility template and the session ends. At the end, the session may turn into an
 * order and trigger follow-ups. Every draw comes from the session's own stream `rnd`.
 * @example rt.spawn(sessionFlow(rt, 0, 42, ENTRY_POINT.ctwa_ad, rnd));
 */
export function* sessionFlow(
  rt: TrafficRuntime,
  population: number,
  user: number,
  entryPoint: number,
  rnd: RandomStream,
): Process {
  const shape = rt.plan.shape;
  const device = rnd() < rt.plan.populations[population]!.webShare ? DEVICE.web : DEVICE.mobile;
  const turns = 1 + poisson(rnd, shape.turns - 1);
  let answered = true;
  for (let turn = 0; turn < turns && answered; turn++) {
    if (turn > 0) yield delayMs(rnd, shape.thinkTime);
    rt.inbound(
      population,
      user,
      categorical(rnd, rt.userTypes),
      turn === 0 ? entryPoint : ENTRY_POINT.organic,
      device,
    );
    const wait = replyDelayMs(rt, population, rnd);
    if (wait < 0) break;
    yield wait;
    const replies = 1 + poisson(rnd, shape.repliesPerTurn - 1);
    for (let r = 0; r < replies; r++) {
      if (r > 0) yield delayMs(rnd, shape.replyGap);
      if (!rt.cswOpen(user)) {
        // C-3: outside the window only templates may be sent
        rt.outbound(population, user, TEMPLATE_TYPE, TEMPLATE_CATEGORY.utility, rnd);
        answered = false;
        break;
      }
      rt.outbound(population, user, categorical(rnd, rt.replyTypes), NO_CATEGORY, rnd);
    }
  }
  const orders = rt.plan.orders;
  const ordered = orders !== undefined && rnd() < orders.conversion;
  if (ordered) rt.spawn(orderFlow(rt, population, user, forkStream(rnd)));
  for (const followUp of rt.plan.followUps) {
    if (
      followUp.trigger === "orderComplete" ||
      (followUp.trigger === "sessionWithoutOrder" && ordered)
    )
      continue;
    if (rnd() < followUp.probability)
      rt.spawn(followUpFlow(rt, population, user, followUp, forkStream(rnd)));
  }
}
