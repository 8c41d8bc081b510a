import {HOUR_MS} from "../../../models/codes.ts";
import {SOURCE_KIND} from "../../../models/traffic/traffic-plan.ts";
import type {ArrivalSource} from "../../../models/traffic/traffic-plan.ts";
import {nextArrivalPiecewise, uniformInt} from "../distributions.ts";
import type {RandomStream} from "../random-streams.ts";
import {startOrder} from "./order-flow.ts";
import {startOtp} from "./otp-flow.ts";
import {startSession} from "./session-flow.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * The non-homogeneous Poisson sources of one business (sessions by entry point, orders placed
 * elsewhere, logins) as one state machine: each source draws its arrivals from its own stream
 * (`<business>/<source key>`) by exact inversion of its piecewise-constant hourly intensity
 * (`nextArrivalByThinning` gives the same law at ~3x the draws); the machine wakes at the
 * earliest pending arrival (ties to the first source; the sources sit in a heap by their next
 * arrival), picks a user of the source's population
 * uniformly and starts the flow with a stream forked from the source's. Arrival times are rounded
 * to whole ms.
 *
 * Returns the handler of the business's arrival event (`kind`, slot 0): its first event, due at
 * the start of the period, draws every source's first arrival; each later one starts the flows
 * due now and schedules the next arrival.
 * NOTE (perf): one event kind instead of a generator process: a wake costs no generator resume
 * and no iterator result; the draws, the flows and the events (their times and their order
 * among ties) are those of the process it replaces, so the messages are the same byte for byte.
 * @example sim.schedule(startMs, kind, 0) with kind = sim.defineKind(arrivalSources(rt, sources, () => kind));
 */
export function arrivalSources(
  rt: TrafficRuntime,
  sources: readonly ArrivalSource[],
  kindOf: () => number,
): () => void {
  const sim = rt.sim;
  const count = sources.length;
  const next = new Float64Array(count);
  // NOTE (perf): the sources in a binary heap by (next arrival, index) instead of a scan of all
  // of them per arrival: the same source wins (ties to the first source)
  const heap = new Int32Array(count);
  let streams: RandomStream[] | undefined;

  function draw(k: number, fromMs: number): void {
    const {rates, perMs} = sources[k]!;
    const t = nextArrivalPiecewise(
      streams![k]!,
      fromMs,
      rt.endMs,
      rates.baseMs,
      HOUR_MS,
      rates.multipliers,
      perMs,
    );
    const at = Math.round(t);
    next[k] = at < rt.endMs ? at : Infinity;
  }

  function before(a: number, b: number): boolean {
    const ta = next[a]!;
    const tb = next[b]!;
    return ta < tb || (ta === tb && a < b);
  }

  /** Moves the heap's root (whose next arrival has grown) down to its place. */
  function siftDown(): void {
    const k = heap[0]!;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= count) break;
      if (child + 1 < count && before(heap[child + 1]!, heap[child]!)) child++;
      if (!before(heap[child]!, k)) break;
      heap[pos] = heap[child]!;
      pos = child;
    }
    heap[pos] = k;
  }

  return function arrive(): void {
    if (streams === undefined) {
      streams = sources.map((source) => rt.streams.stream(`${rt.keyPrefix}${source.key}`));
      for (let k = 0; k < count; k++) {
        draw(k, sim.now);
        let pos = k;
        while (pos > 0 && before(k, heap[(pos - 1) >> 1]!)) {
          heap[pos] = heap[(pos - 1) >> 1]!;
          pos = (pos - 1) >> 1;
        }
        heap[pos] = k;
      }
    }
    if (count === 0) return;
    for (;;) {
      const k = heap[0]!;
      const t = next[k]!;
      if (t === Infinity) return;
      if (t > sim.now) {
        sim.schedule(t, kindOf(), 0);
        return;
      }
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
      siftDown();
    }
  };
}
