import type {NumberingPlan} from "../../models/traffic/numbering-plan.ts";
import type {BusinessPlan} from "../../models/traffic/traffic-plan.ts";
import type {RandomStreams} from "./random-streams.ts";
import {createRowBuffer} from "./row-buffer.ts";
import type {RowBuffer} from "./row-buffer.ts";
import {createSimulation} from "./simulation.ts";
import {arrivalSources} from "./traffic/arrival-source.ts";
import {campaignOccurrences} from "./traffic/campaign-flow.ts";
import {stepFlow} from "./traffic/step-flow.ts";
import {createTrafficRuntime} from "./traffic/traffic-runtime.ts";
import type {ContactTable} from "./traffic/traffic-runtime.ts";

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
 * Sets up one business's traffic (models/traffic) on a fresh simulation over
 * `[startMs, endMs)`: one state machine for the arrival sources, one per campaign occurrence
 * and one per live flow, each woken by events of its kind. Everything random comes from `streams` under keys prefixed with the business id,
 * so a business simulates identically alone or among others, on any worker.
 * @example
 * const b = createBusinessSimulation(plan.businesses[0], {startMs, endMs, streams, countryOf});
 * b.advance(endMs);
 * b.rows.length; // => messages of the whole period
 */
export function createBusinessSimulation(
  plan: BusinessPlan,
  options: {
    startMs: number;
    endMs: number;
    streams: RandomStreams;
    countryOf: (e164: string) => number;
    /** An output buffer shared with other businesses that advance one after another. */
    rows?: RowBuffer;
    /** False: contacts get no number string (see `createTrafficRuntime`). Default true. */
    numbers?: boolean;
    /** Leading digits that decide `countryOf`: one call per distinct lead, not per contact. */
    countryDigits?: number;
    /** Country by lead per numbering plan, shared by the businesses of a run. */
    leads?: Map<NumberingPlan, Map<number, number>>;
  },
): BusinessSimulation {
  const sim = createSimulation({startMs: options.startMs, capacity: 64});
  const rows = options.rows ?? createRowBuffer(64);
  const rt = createTrafficRuntime(sim, plan, {
    endMs: options.endMs,
    streams: options.streams,
    rows,
    countryOf: options.countryOf,
    ...(options.numbers === undefined ? {} : {numbers: options.numbers}),
    ...(options.countryDigits === undefined ? {} : {countryDigits: options.countryDigits}),
    ...(options.leads === undefined ? {} : {leads: options.leads}),
  });
  // NOTE (perf): one handler per business wakes its flows; flows are rows, not processes
  rt.flowEvent = sim.defineKind((row) => stepFlow(rt, row));
  // queued, not started: nothing runs (or writes to a shared buffer) before the first advance;
  // the arrivals first, then the occurrences in order (their order among events at equal times)
  if (plan.sources.length > 0) {
    const arrivals: number = sim.defineKind(arrivalSources(rt, plan.sources, () => arrivals));
    sim.schedule(options.startMs, arrivals, 0);
  }
  if (plan.campaigns.length > 0) {
    const sends: number = sim.defineKind(campaignOccurrences(rt, plan.campaigns, () => sends));
    let slot = 0;
    for (const campaign of plan.campaigns) {
      for (const at of campaign.occurrences) sim.schedule(at, sends, slot++);
    }
  }
  return {
    business: plan.business,
    rows,
    contacts: rt.contacts,
    advance(untilMs) {
      sim.run({until: Math.min(untilMs, options.endMs)});
    },
    get events() {
      return sim.processed;
    },
  };
}
