import {HOUR_MS} from "../../../models/codes.ts";
import {SOURCE_KIND} from "../../../models/traffic/traffic-plan.ts";
import type {ArrivalSource} from "../../../models/traffic/traffic-plan.ts";
import {nextArrivalPiecewise, uniformInt} from "../distributions.ts";
import type {RandomStream} from "../random-streams.ts";
import type {Process} from "../simulation.ts";
import {startOrder} from "./order-flow.ts";
import {startOtp} from "./otp-flow.ts";
import {startSession} from "./session-flow.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * The non-homogeneous Poisson sources of one business (sessions by entry point, orders placed
 * elsewhere, logins), played by one process: each source draws its arrivals from its own stream
 * (`<business>/<source key>`) by exact inversion of its piecewise-constant hourly intensity
 * (`nextArrivalByThinning` gives the same law at ~3x the draws); the process wakes at the
 * earliest pending arrival (ties to the first source), picks a user of the source's population
 * uniformly and starts the flow with a stream forked from the source's. Arrival times are rounded
 * to whole ms.
 * NOTE (perf): one process for all sources instead of one each: a business costs one suspended
 * generator, and a linear scan over its few sources replaces heap traffic.
 * @example rt.spawn(arrivalSources(rt, plan.sources));
 */
export function* arrivalSources(rt: TrafficRuntime, sources: readonly ArrivalSource[]): Process {
  const sim = rt.sim;
  const streams: RandomStream[] = sources.map((source) =>
    rt.streams.stream(`${rt.keyPrefix}${source.key}`),
  );
  const next = new Float64Array(sources.length);
  const draw = (k: number, fromMs: number) => {
    const {rates, perMs} = sources[k]!;
    const t = nextArrivalPiecewise(
      streams[k]!,
      fromMs,
      rt.endMs,
      rates.baseMs,
      HOUR_MS,
      rates.multipliers,
      perMs,
    );
    const at = Math.round(t);
    next[k] = at < rt.endMs ? at : Infinity;
  };
  for (let k = 0; k < sources.length; k++) draw(k, sim.now);
  for (;;) {
    let k = -1;
    let t = Infinity;
    for (let i = 0; i < next.length; i++) {
      if (next[i]! < t) {
        t = next[i]!;
        k = i;
      }
    }
    if (k < 0) return;
    if (t > sim.now) yield t - sim.now;
    const source = sources[k]!;
    const rnd = streams[k]!;
    const population = rt.plan.populations[source.population]!;
    const user = population.offset + uniformInt(rnd, population.users);
    // each flow's stream is forked from the source's (two draws), as forkStream does
    if (source.kind === SOURCE_KIND.session)
      startSession(rt, source.population, user, source.entryPoint, rnd);
    else if (source.kind === SOURCE_KIND.order) startOrder(rt, source.population, user, rnd);
    else startOtp(rt, source.population, user, rnd);
    draw(k, t);
  }
}
