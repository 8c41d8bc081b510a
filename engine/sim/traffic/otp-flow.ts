import {TEMPLATE_CATEGORY, TEMPLATE_TYPE, STATUS} from "../../../models/codes.ts";
import type {RandomStream} from "../random-streams.ts";
import type {Process} from "../simulation.ts";
import {delayMs} from "./traffic-runtime.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * A login's one-time-password flow (models/traffic/authentication-flows.ts): an authentication
 * template, resent after `retry.after` when it failed or the user asks again, up to
 * `retry.maxAttempts` codes.
 * @example rt.spawn(otpFlow(rt, 0, 42, rnd));
 */
export function* otpFlow(
  rt: TrafficRuntime,
  population: number,
  user: number,
  rnd: RandomStream,
): Process {
  const auth = rt.plan.authentication;
  if (auth === undefined) return;
  const {probability, after, maxAttempts} = auth.retry;
  for (let attempt = 1; ; attempt++) {
    const status = rt.outbound(
      population,
      user,
      TEMPLATE_TYPE,
      TEMPLATE_CATEGORY.authentication,
      rnd,
    );
    const again = status === STATUS.failed || rnd() < probability;
    if (!again || attempt >= maxAttempts) return;
    yield delayMs(rnd, after);
  }
}
