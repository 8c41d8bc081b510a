import {STATUS, TEMPLATE_CATEGORY, TEMPLATE_TYPE} from "../../../models/codes.ts";
import {FLOW} from "./flow-table.ts";
import {flowDelayMs} from "./flow-draws.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * Starts a login's one-time-password flow now (models/traffic/authentication-flows.ts), its
 * stream seeded by two words of its parent (`seedA`, `seedB`: FlowTable.open), as forkStream does:
 * an authentication template, resent after `retry.after` when it
 * failed or the user asks again, up to `retry.maxAttempts` codes.
 * @example startOtp(rt, 0, 42, seedWord(rnd()), seedWord(rnd()));
 */
export function startOtp(
  rt: TrafficRuntime,
  population: number,
  user: number,
  seedA: number,
  seedB: number,
): void {
  const flows = rt.flows;
  const row = flows.open(FLOW.otp, population, user, seedA, seedB);
  if (rt.plan.authentication === undefined) {
    flows.close(row);
    return;
  }
  flows.a[row] = 1;
  flows.runAs(row, otpStep, rt);
}

/** Sends the flow's next code (row `row`, whose stream is current) and waits or ends. */
export function otpStep(rt: TrafficRuntime, row: number): void {
  const flows = rt.flows;
  const {probability, after, maxAttempts} = rt.plan.authentication!.retry;
  const attempt = flows.a[row]!;
  const status = rt.flowOutbound(
    flows.population[row]!,
    flows.user[row]!,
    TEMPLATE_TYPE,
    TEMPLATE_CATEGORY.authentication,
  );
  const again = status === STATUS.failed || flows.uniform() < probability;
  if (!again || attempt >= maxAttempts) {
    flows.close(row);
    return;
  }
  flows.a[row] = attempt + 1;
  rt.clock.wakeAfter(flowDelayMs(flows, after), row);
}
