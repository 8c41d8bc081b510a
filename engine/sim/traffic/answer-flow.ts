import {ENTRY_POINT} from "../../../models/codes.ts";
import type {RandomStream} from "../random-streams.ts";
import type {Process} from "../simulation.ts";
import {sessionFlow} from "./session-flow.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * A user's answer to a business message (a campaign, a notification): after `waitMs` the user
 * writes, which opens a customer service window, and an organic session follows.
 * @example rt.spawn(answerFlow(rt, 0, 42, 60_000, rnd));
 */
export function* answerFlow(
  rt: TrafficRuntime,
  population: number,
  user: number,
  waitMs: number,
  rnd: RandomStream,
): Process {
  yield waitMs;
  yield* sessionFlow(rt, population, user, ENTRY_POINT.organic, rnd);
}
