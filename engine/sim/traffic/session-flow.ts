import {
  DEVICE,
  ENTRY_POINT,
  NO_CATEGORY,
  TEMPLATE_CATEGORY,
  TEMPLATE_TYPE,
} from "../../../models/codes.ts";
import {FOLLOW_UP_TRIGGER} from "../../../models/traffic/follow-ups.ts";
import {nextWorkingMs} from "../../../models/traffic/working-hours.ts";
import {flowCategorical, flowDelayMs, flowPoisson} from "./flow-draws.ts";
import {FLOW} from "./flow-table.ts";
import {startFollowUp} from "./follow-up-flow.ts";
import {startOrder} from "./order-flow.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

// where a session resumes
const OPEN = 0; // an answer's wait is over: draw the device and the turns, then write
const WRITE = 1; // the user writes a turn's message
const REPLIES = 2; // the business's reply delay is over
const REPLY = 3; // the business sends one reply

/**
 * The business's reply delay to a user turn starting now, in ms, or -1 for no reply: a bot
 * share answers within seconds, the rest wait for the agents' working hours (in the WABA's
 * timezone) and then a lognormal handling time (models/traffic/reply-latency.ts). Always the
 * same number of draws (two, plus the handling time's), whatever the outcome, all from the stream
 * of the flow table's current row.
 * @example replyDelayMs(rt, 0) // => 2870 (e.g., a bot answer after 2.87 s)
 */
export function replyDelayMs(rt: TrafficRuntime, population: number): number {
  const replies = rt.plan.replies;
  const flows = rt.flows;
  const noReply = flows.uniform() < replies.noReply;
  const byBot = flows.uniform() < replies.botShare;
  const handling = flowDelayMs(flows, byBot ? replies.bot : replies.agents);
  if (noReply) return -1;
  if (byBot || replies.workingHours === "always") return handling;
  const now = rt.clock.now;
  const opens = nextWorkingMs(
    rt.plan.populations[population]!.wabaClock,
    replies.workingHours,
    now,
  );
  return Math.round(opens - now) + handling;
}

/**
 * Starts a user-initiated session now (models/traffic/session-shape.ts), its stream seeded by
 * two words of its parent (`seedA`, `seedB`: FlowTable.open), as forkStream does: turns of user
 * messages, each answered by the business after its reply delay. The
 * first message carries the session's entry point; the device is drawn once per session (web
 * with the population's `webShare`). A reply that comes when the customer service window has
 * closed must be a template: the business sends one utility template and the session ends. At
 * the end, the session may turn into an order and trigger follow-ups. Every draw comes from the
 * session's own stream.
 * @example startSession(rt, 0, 42, ENTRY_POINT.ctwa_ad, seedWord(rnd()), seedWord(rnd()));
 */
export function startSession(
  rt: TrafficRuntime,
  population: number,
  user: number,
  entryPoint: number,
  seedA: number,
  seedB: number,
): void {
  const flows = rt.flows;
  const row = flows.open(FLOW.session, population, user, seedA, seedB);
  flows.e[row] = entryPoint << 8;
  flows.runAs(row, openSession, rt);
}

/**
 * A user's answer to a business message (a campaign, a notification), its stream seeded by two
 * words of its parent (`seedA`, `seedB`: FlowTable.open): after `waitMs` the user writes, which
 * opens a customer service window, and an organic
 * session follows.
 * @example startAnswer(rt, 0, 42, 60_000, seedWord(rnd()), seedWord(rnd()));
 */
export function startAnswer(
  rt: TrafficRuntime,
  population: number,
  user: number,
  waitMs: number,
  seedA: number,
  seedB: number,
): void {
  const flows = rt.flows;
  const row = flows.open(FLOW.session, population, user, seedA, seedB);
  flows.e[row] = ENTRY_POINT.organic << 8;
  flows.stage[row] = OPEN;
  rt.clock.wakeAfter(waitMs, row);
}

function openSession(rt: TrafficRuntime, row: number): void {
  const flows = rt.flows;
  const web = flows.uniform() < rt.plan.populations[flows.population[row]!]!.webShare;
  flows.e[row] = (flows.e[row]! & 0xff00) | (web ? DEVICE.web : DEVICE.mobile);
  flows.b[row] = 1 + flowPoisson(flows, rt.plan.shape.turns - 1);
  flows.a[row] = 0;
  sessionStep(rt, row, WRITE);
}

/**
 * Runs a session (row `row`, whose stream is current) from `stage` until it waits or ends.
 * NOTE (perf): the draws and the events are those of the generator this replaces, in the same
 * order, so the messages are the same byte for byte.
 */
export function sessionStep(rt: TrafficRuntime, row: number, stage: number): void {
  const flows = rt.flows;
  const clock = rt.clock;
  const population = flows.population[row]!;
  const user = flows.user[row]!;
  // hot path: one turn, one reply or the end per pass
  for (;;) {
    if (stage === OPEN) {
      openSession(rt, row);
      return;
    }
    if (stage === WRITE) {
      const turn = flows.a[row]!;
      const e = flows.e[row]!;
      rt.inbound(
        population,
        user,
        flowCategorical(flows, rt.userTypes),
        turn === 0 ? e >>> 8 : ENTRY_POINT.organic,
        e & 0xff,
      );
      const wait = replyDelayMs(rt, population);
      if (wait < 0) break;
      flows.stage[row] = REPLIES;
      clock.wakeAfter(wait, row);
      return;
    }
    if (stage === REPLIES) {
      flows.d[row] = 1 + flowPoisson(flows, rt.plan.shape.repliesPerTurn - 1);
      flows.c[row] = 0;
      stage = REPLY;
      continue;
    }
    // REPLY
    if (!rt.cswOpen(user)) {
      // C-3: outside the window only templates may be sent
      rt.flowOutbound(population, user, TEMPLATE_TYPE, TEMPLATE_CATEGORY.utility);
      break;
    }
    rt.flowOutbound(population, user, flowCategorical(flows, rt.replyTypes), NO_CATEGORY);
    const r = flows.c[row]! + 1;
    flows.c[row] = r;
    if (r < flows.d[row]!) {
      flows.stage[row] = REPLY;
      clock.wakeAfter(flowDelayMs(flows, rt.plan.shape.replyGap), row);
      return;
    }
    const turn = flows.a[row]! + 1;
    flows.a[row] = turn;
    if (turn >= flows.b[row]!) break;
    flows.stage[row] = WRITE;
    clock.wakeAfter(flowDelayMs(flows, rt.plan.shape.thinkTime), row);
    return;
  }
  endSession(rt, row, population, user);
}

function endSession(rt: TrafficRuntime, row: number, population: number, user: number): void {
  const flows = rt.flows;
  const orders = rt.plan.orders;
  const ordered = orders !== undefined && flows.uniform() < orders.conversion;
  if (ordered) startOrder(rt, population, user, flows.word(), flows.word());
  const followUps = rt.plan.followUps;
  const triggers = rt.followUpTriggers;
  for (let f = 0; f < followUps.length; f++) {
    const trigger = triggers[f]!;
    if (
      trigger === FOLLOW_UP_TRIGGER.orderComplete ||
      (trigger === FOLLOW_UP_TRIGGER.sessionWithoutOrder && ordered)
    )
      continue;
    if (flows.uniform() < followUps[f]!.probability)
      startFollowUp(rt, population, user, f, flows.word(), flows.word());
  }
  flows.close(row);
}
