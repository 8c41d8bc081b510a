import {HOUR_MS} from "../../../models/codes.ts";
import {SOURCE_KIND} from "../../../models/traffic/traffic-plan.ts";
import type {ArrivalSource} from "../../../models/traffic/traffic-plan.ts";
import {arrivalPiecewiseIn} from "../distributions.ts";
import {sfc32Below, sfc32Next, sfc32Word} from "../random-streams.ts";
import {startOrder} from "./order-flow.ts";
import {startOtp} from "./otp-flow.ts";
import {startSession} from "./session-flow.ts";
import {TRAFFIC_EVENT} from "./traffic-clock.ts";
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
 * The business's TRAFFIC_EVENT.arrivals event (slot 0) calls {@link arrive}: its first event, due
 * at the start of the period, draws every source's first arrival; each later one starts the
 * flows due now and schedules the next arrival.
 * NOTE (perf): a class called from the business's event loop instead of a generator process or
 * a closure: a wake costs no generator resume and no closure call; the draws, the flows and the
 * events (their times and their order among ties) are those of the process it replaces, so the
 * messages are the same byte for byte.
 * NOTE (perf): the fields the constructor sets are `declare`d (see BusinessTraffic).
 * @example clock.schedule(startMs, TRAFFIC_EVENT.arrivals, 0); // then arrivals.arrive() at each
 */
export class ArrivalSources {
  declare private readonly rt: TrafficRuntime;
  declare private readonly sources: readonly ArrivalSource[];
  declare private readonly count: number;
  declare private readonly next: Float64Array;
  // NOTE (perf): the sources in a binary heap by (next arrival, index) instead of a scan of all
  // of them per arrival: the same source wins (ties to the first source)
  declare private readonly heap: Int32Array;
  // NOTE (perf): the sources' streams as sfc32 states (four words per source) drawn by
  // sfc32Next, which V8 inlines, instead of a closure per source
  declare private readonly state: Int32Array;
  // NOTE (perf): the arguments of arrivalPiecewiseIn, so that no double crosses that call
  declare private readonly args: Float64Array;
  private started = false;

  constructor(rt: TrafficRuntime, sources: readonly ArrivalSource[]) {
    this.rt = rt;
    this.sources = sources;
    this.count = sources.length;
    this.next = new Float64Array(sources.length);
    this.heap = new Int32Array(sources.length);
    this.state = new Int32Array(4 * sources.length);
    this.args = new Float64Array(5);
    this.args[1] = rt.endMs;
  }

  /**
   * Draws source `k`'s next arrival after `next[k]` (its last arrival, or the start) into
   * `next[k]`.
   * NOTE (perf): the times stay in `next`, not in arguments or a return value: a double that
   * crosses a call V8 does not inline is boxed, one heap number per arrival.
   */
  private draw(k: number): void {
    const {rates, perMs} = this.sources[k]!;
    const args = this.args;
    // fromMs, untilMs (set once: the period's end), baseMs, scale, u
    args[0] = this.next[k]!;
    args[2] = rates.baseMs;
    args[3] = perMs;
    args[4] = sfc32Next(this.state, 4 * k);
    arrivalPiecewiseIn(args, 0, HOUR_MS, rates.multipliers);
    const at = Math.round(args[0]!);
    this.next[k] = at < args[1]! ? at : Infinity;
  }

  private before(a: number, b: number): boolean {
    const next = this.next;
    const ta = next[a]!;
    const tb = next[b]!;
    return ta < tb || (ta === tb && a < b);
  }

  /** Moves the heap's root (whose next arrival has grown) down to its place. */
  private siftDown(): void {
    const heap = this.heap;
    const count = this.count;
    const k = heap[0]!;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= count) break;
      if (child + 1 < count && this.before(heap[child + 1]!, heap[child]!)) child++;
      if (!this.before(heap[child]!, k)) break;
      heap[pos] = heap[child]!;
      pos = child;
    }
    heap[pos] = k;
  }

  /** The first event: seeds the sources' streams and draws their first arrivals. */
  private start(): void {
    const rt = this.rt;
    const heap = this.heap;
    this.started = true;
    for (let k = 0; k < this.count; k++)
      rt.streams.seedState(`${rt.keyPrefix}${this.sources[k]!.key}`, this.state, 4 * k);
    for (let k = 0; k < this.count; k++) {
      this.next[k] = rt.clock.now;
      this.draw(k);
      let pos = k;
      while (pos > 0 && this.before(k, heap[(pos - 1) >> 1]!)) {
        heap[pos] = heap[(pos - 1) >> 1]!;
        pos = (pos - 1) >> 1;
      }
      heap[pos] = k;
    }
  }

  /** The arrival event: starts the flows due now and schedules the next arrival. */
  arrive(): void {
    if (!this.started) this.start();
    if (this.count === 0) return;
    const rt = this.rt;
    const clock = rt.clock;
    const heap = this.heap;
    for (;;) {
      const k = heap[0]!;
      const t = this.next[k]!;
      if (t === Infinity) return;
      if (t > clock.now) {
        // NOTE (perf): by its delay, a small integer: the time would be boxed into the call
        clock.scheduleAfter(t - clock.now, TRAFFIC_EVENT.arrivals, 0);
        return;
      }
      const source = this.sources[k]!;
      const state = this.state;
      const population = rt.plan.populations[source.population]!;
      // uniformInt(stream, users), then the flow's stream forked from the source's (two words)
      const user = population.offset + sfc32Below(state, 4 * k, population.users);
      const seedA = sfc32Word(state, 4 * k);
      const seedB = sfc32Word(state, 4 * k);
      if (source.kind === SOURCE_KIND.session)
        startSession(rt, source.population, user, source.entryPoint, seedA, seedB);
      else if (source.kind === SOURCE_KIND.order)
        startOrder(rt, source.population, user, seedA, seedB);
      else startOtp(rt, source.population, user, seedA, seedB);
      this.draw(k);
      this.siftDown();
    }
  }
}
