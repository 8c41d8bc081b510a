import type {BusinessPlan} from "../../models/traffic/traffic-plan.ts";
import {createRowBuffer} from "./row-buffer.ts";
import type {RowBuffer} from "./row-buffer.ts";
import {MAX_SLOT, SimulationError} from "./simulation.ts";
import {ArrivalSources} from "./traffic/arrival-source.ts";
import {CampaignOccurrences} from "./traffic/campaign-flow.ts";
import {stepFlow} from "./traffic/step-flow.ts";
import {TRAFFIC_EVENT, TrafficClock} from "./traffic/traffic-clock.ts";
import {createTrafficRuntime} from "./traffic/traffic-runtime.ts";
import type {
  ContactTable,
  TrafficRuntime,
  TrafficRuntimeOptions,
} from "./traffic/traffic-runtime.ts";

/** The simulation of one business: its own clock, event queue, streams and output rows. */
export interface BusinessSimulation {
  /** Business index in the compiled accounts. */
  business: number;
  /** Rows produced since the last `rows.length = 0`, in time order. */
  rows: RowBuffer;
  /** The business's contacts; `rows.contact` indexes them. */
  contacts: ContactTable;
  /** Runs every event before `untilMs`, appending the messages to `rows`. */
  advance(untilMs: number): void;
  /** Events processed so far. */
  readonly events: number;
}

/**
 * Options of {@link createBusinessSimulation}: the traffic runtime's (`createTrafficRuntime`), the
 * period's start, and an output buffer of its own unless one is given.
 */
export interface BusinessSimulationOptions extends Omit<TrafficRuntimeOptions, "rows"> {
  startMs: number;
  /** An output buffer shared with other businesses that advance one after another. */
  rows?: RowBuffer;
}

/**
 * Sets up one business's traffic (models/traffic) on a fresh clock over `[startMs, endMs)`: one
 * state machine for the arrival sources, one per campaign occurrence and one per live flow, each
 * woken by events of its kind. Everything random comes from `streams` under keys prefixed with
 * the business id, so a business simulates identically alone or among others, on any worker.
 * @example
 * const b = createBusinessSimulation(plan.businesses[0], {startMs, endMs, streams, countryOf});
 * b.advance(endMs);
 * b.rows.length; // => messages of the whole period
 */
export function createBusinessSimulation(
  plan: BusinessPlan,
  options: BusinessSimulationOptions,
): BusinessSimulation {
  return new TrafficSimulation(plan, options);
}

/**
 * The simulation behind {@link createBusinessSimulation}: the business's event loop.
 * NOTE (perf): one loop that switches on the event kind and calls methods of one class per
 * kind, which V8 inlines, instead of a Simulation calling a closure per business and kind.
 * NOTE (perf): the fields the constructor sets are `declare`d (see BusinessTraffic).
 */
class TrafficSimulation implements BusinessSimulation {
  declare readonly business: number;
  declare readonly rows: RowBuffer;
  declare readonly contacts: ContactTable;
  declare private readonly endMs: number;
  declare private readonly clock: TrafficClock;
  declare private readonly rt: TrafficRuntime;
  declare private readonly arrivals: ArrivalSources | undefined;
  declare private readonly campaigns: CampaignOccurrences | undefined;

  constructor(plan: BusinessPlan, options: BusinessSimulationOptions) {
    const clock = new TrafficClock(options.startMs);
    const rows = options.rows ?? createRowBuffer(64);
    const rt = createTrafficRuntime(clock, plan, {...options, rows});
    this.business = plan.business;
    this.rows = rows;
    this.contacts = rt.contacts;
    this.endMs = options.endMs;
    this.clock = clock;
    this.rt = rt;
    // queued, not started: nothing runs (or writes to a shared buffer) before the first advance;
    // the arrivals first, then the occurrences in order (their order among events at equal times)
    // (both fields always set, so that every business's object has one shape)
    this.arrivals = plan.sources.length > 0 ? new ArrivalSources(rt, plan.sources) : undefined;
    if (this.arrivals !== undefined) clock.schedule(options.startMs, TRAFFIC_EVENT.arrivals, 0);
    this.campaigns =
      plan.campaigns.length > 0 ? new CampaignOccurrences(rt, plan.campaigns) : undefined;
    let slot = 0;
    for (const campaign of plan.campaigns) {
      for (const at of campaign.occurrences) clock.schedule(at, TRAFFIC_EVENT.campaign, slot++);
    }
  }

  get events(): number {
    return this.clock.events;
  }

  advance(untilMs: number): void {
    const until = Math.min(untilMs, this.endMs);
    this.runEvents(until);
    if (until > this.clock.now) this.clock.now = until;
  }

  /**
   * Runs every event before `until`.
   * NOTE (perf): the loop alone, left only by `return` or a throw. V8 compiles a long loop on
   * stack (OSR) before the code after it ever ran; code there without type feedback (as the
   * clock update that `advance` makes) deoptimized that cached loop at every exit, and the next
   * business entered it again from the interpreter: one deoptimization per business.
   */
  private runEvents(until: number): void {
    const clock = this.clock;
    const queue = clock.queue;
    const rt = this.rt;
    let ref = 0;
    try {
      // hot path: one heap removal and one state machine step per event
      // NOTE (perf): the event is taken lazily, as Simulation.run does: the step's first
      // schedule fills its place in the heap instead of a pop and a push
      while (queue.length > 0) {
        const t = queue.peekTime();
        if (t >= until) return;
        clock.now = t;
        ref = queue.take();
        clock.events++;
        const kind = ref >>> 24;
        if (kind === TRAFFIC_EVENT.flow) stepFlow(rt, ref & MAX_SLOT);
        else if (kind === TRAFFIC_EVENT.arrivals) this.arrivals!.arrive();
        else this.campaigns!.step(ref & MAX_SLOT);
        queue.settle();
      }
    } catch (error) {
      if (error instanceof SimulationError) throw error;
      throw new SimulationError(`event kind ${ref >>> 24} failed at t=${clock.now}`, clock.now, {
        cause: error,
      });
    }
  }
}
