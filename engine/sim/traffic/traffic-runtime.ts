import {
  DEVICE,
  DIRECTION,
  ENTRY_POINT,
  HOUR_MS,
  NO_CATEGORY,
  STATUS,
  TEMPLATE_CATEGORY,
} from "../../../models/codes.ts";
import {createNumberLeads, createNumberSequence} from "../../../models/traffic/number-sequence.ts";
import type {NumberingPlan} from "../../../models/traffic/numbering-plan.ts";
import type {LognormalDelay} from "../../../models/traffic/duration.ts";
import type {BusinessPlan} from "../../../models/traffic/traffic-plan.ts";
import {createCategorical, lognormal} from "../distributions.ts";
import type {RandomStream, RandomStreams} from "../random-streams.ts";
import {appendRow} from "../row-buffer.ts";
import type {RowBuffer} from "../row-buffer.ts";
import type {Simulation} from "../simulation.ts";
import {FlowTable} from "./flow-table.ts";

/** The customers a business has messaged with so far, in order of first appearance. */
export interface ContactTable {
  /** Number of contacts. */
  length: number;
  /** E.164 number of each contact; empty when the run does not keep numbers. */
  numbers: string[];
  /** Market-attribution country (models/markets `countryOf`) of each contact. */
  countries: number[];
}

/**
 * The state and helpers the traffic processes of one business share: the clock, the output
 * rows, per-user state in typed arrays (customer service window, frequency cap) and the
 * message-emitting helpers. The state machines receive it as their first argument.
 */
export interface TrafficRuntime {
  sim: Simulation;
  plan: BusinessPlan;
  endMs: number;
  streams: RandomStreams;
  /** Prefix of every stream key of this business (`<business id>/`). */
  keyPrefix: string;
  rows: RowBuffer;
  contacts: ContactTable;
  userTypes: Float64Array;
  replyTypes: Float64Array;
  /** The live sessions, orders, OTP flows and follow-ups, and their streams. */
  flows: FlowTable;
  /** The event kind that wakes a flow (slot = its row); set by the business simulation. */
  flowEvent: number;
  /** Population index of a business-local user. O(log populations). */
  populationOf(user: number): number;
  /** Writes an inbound message from `user` now and refreshes the user's window (C-3). */
  inbound(population: number, user: number, type: number, entryPoint: number, device: number): void;
  /**
   * Writes an outbound message to `user` now; draws its delivery status from `rnd` (failures,
   * per-user marketing limits, the US marketing block) and returns the STATUS code.
   */
  outbound(
    population: number,
    user: number,
    type: number,
    category: number,
    rnd: RandomStream,
  ): number;
  /** True while the user's customer service window is open (C-3, C-4 half-open). */
  cswOpen(user: number): boolean;
  /** True if the business's own frequency cap forbids another marketing template now. */
  capped(user: number): boolean;
  /** Records a marketing send for the frequency cap. */
  recordMarketing(user: number): void;
}

/**
 * A lognormal delay in whole ms (at least 1 ms, so a reply never precedes its cause).
 * @example delayMs(() => 0.5, {medianMs: 1000, sigma: 0, mu: Math.log(1000)}) // => 1000
 */
export function delayMs(rnd: RandomStream, delay: LognormalDelay): number {
  const x = delay.sigma === 0 ? delay.medianMs : lognormal(rnd, delay.mu, delay.sigma);
  return Math.max(1, Math.round(x));
}

/**
 * Builds the runtime of one business for `[sim.now, endMs)`.
 * Memory: 8 bytes per user for the window, 4 per user for the contact index, 8 x cap per user
 * when a frequency cap is set; contacts hold one string each.
 * @example createTrafficRuntime(sim, plan.businesses[0], {endMs, streams, rows, countryOf}).cswOpen(0) // => false
 */
export function createTrafficRuntime(
  sim: Simulation,
  plan: BusinessPlan,
  options: {
    endMs: number;
    streams: RandomStreams;
    rows: RowBuffer;
    countryOf: (e164: string) => number;
    /**
     * False: contacts get their country but no number string (billing keys users by id).
     * Default true.
     */
    numbers?: boolean;
    /**
     * The leading digits (after "+") that decide `countryOf` (the market table's longest
     * prefix): contacts of equal leading digits share one `countryOf` call, through `leads`.
     */
    countryDigits?: number;
    /** Country by lead per numbering plan, shared by the businesses of a run. */
    leads?: Map<NumberingPlan, Map<number, number>>;
  },
): TrafficRuntime {
  const {streams, rows, countryOf} = options;
  const keepNumbers = options.numbers ?? true;
  const countryDigits = keepNumbers ? undefined : options.countryDigits;
  const keyPrefix = `${plan.id}/`;
  const populations = plan.populations;
  const offsets = populations.map((p) => p.offset);
  const lastInbound = new Float64Array(plan.totalUsers).fill(-Infinity);
  const contactOf = new Int32Array(plan.totalUsers).fill(-1);
  const contacts: ContactTable = {length: 0, numbers: [], countries: []};
  const numberKeys = populations.map((p) => streams.seed32(`${keyPrefix}numbers/${p.market}`));
  const numberOf = populations.map((p, i) => createNumberSequence(p.numbering, numberKeys[i]!));
  // NOTE (perf): without numbers, a contact's country comes from the leading digits of its
  // number, computed without the string; one number per distinct lead is built to ask countryOf
  const leadOf =
    countryDigits === undefined
      ? undefined
      : populations.map((p, i) => createNumberLeads(p.numbering, numberKeys[i]!, countryDigits));
  const leads = options.leads ?? new Map<NumberingPlan, Map<number, number>>();
  const countryByLead = (leadOf === undefined ? [] : populations).map((p) => {
    let byLead = leads.get(p.numbering);
    if (byLead === undefined) leads.set(p.numbering, (byLead = new Map()));
    return byLead;
  });
  const cap = plan.frequencyCap;
  const capSlots = cap?.max ?? 0;
  const capTimes =
    cap === undefined
      ? new Float64Array(0)
      : new Float64Array(plan.totalUsers * capSlots).fill(-Infinity);
  const capHead = new Uint8Array(cap === undefined ? 0 : plan.totalUsers);
  const blockedShare = plan.marketingLimits.blockedShare;
  const usBlock = plan.marketingLimits.usBlock;
  const endMs = options.endMs;

  function populationOf(user: number): number {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (offsets[mid]! <= user) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function contactFor(population: number, user: number): number {
    let contact = contactOf[user]!;
    if (contact < 0) {
      const p = populations[population]!;
      const index = p.numberOffset + user - p.offset;
      contact = contacts.length++;
      if (keepNumbers) {
        const number = numberOf[population]!(index);
        contacts.numbers.push(number);
        contacts.countries.push(countryOf(number));
      } else contacts.countries.push(countryWithoutNumber(population, index));
      contactOf[user] = contact;
    }
    return contact;
  }

  function countryWithoutNumber(population: number, index: number): number {
    if (leadOf === undefined) return countryOf(numberOf[population]!(index));
    const lead = leadOf[population]!(index);
    const byLead = countryByLead[population]!;
    let country = byLead.get(lead);
    if (country === undefined) {
      country = countryOf(numberOf[population]!(index));
      byLead.set(lead, country);
    }
    return country;
  }

  function phoneOf(population: number, user: number): number {
    const p = populations[population]!;
    const phones = p.phones;
    // NOTE (perf): most WABAs have one phone; no integer division for them
    return phones.length === 1 ? phones[0]! : phones[(user - p.offset) % phones.length]!;
  }

  return {
    sim,
    plan,
    endMs,
    streams,
    keyPrefix,
    rows,
    contacts,
    userTypes: createCategorical(plan.shape.userTypes),
    replyTypes: createCategorical(plan.shape.replyTypes),
    flows: new FlowTable(),
    flowEvent: 0,
    populationOf,
    inbound(population, user, type, entryPoint, device) {
      const now = sim.now;
      lastInbound[user] = now;
      const contact = contactFor(population, user);
      appendRow(
        rows,
        now,
        phoneOf(population, user),
        contact,
        DIRECTION.inbound,
        type,
        NO_CATEGORY,
        entryPoint,
        device,
        STATUS.delivered,
      );
    },
    outbound(population, user, type, category, rnd) {
      const now = sim.now;
      const p = populations[population]!;
      let failed = rnd() < p.failureRate;
      if (category === TEMPLATE_CATEGORY.marketing) {
        // PMP25-8: per-user marketing limits (131049) and the US block are failed deliveries
        if (rnd() < blockedShare) failed = true;
        if (usBlock && now >= p.marketingBlockedFromMs) failed = true;
      }
      const status = failed ? STATUS.failed : STATUS.delivered;
      const contact = contactFor(population, user);
      appendRow(
        rows,
        now,
        phoneOf(population, user),
        contact,
        DIRECTION.outbound,
        type,
        category,
        ENTRY_POINT.organic,
        DEVICE.mobile,
        status,
      );
      return status;
    },
    cswOpen(user) {
      // C-3/C-4: the window of an inbound message at U covers [U, U + 24 h)
      return sim.now < lastInbound[user]! + 24 * HOUR_MS;
    },
    capped(user) {
      if (cap === undefined) return false;
      // the oldest of the last `max` sends sits at the ring's head
      return capTimes[user * capSlots + capHead[user]!]! > sim.now - cap.per;
    },
    recordMarketing(user) {
      if (cap === undefined) return;
      const head = capHead[user]!;
      capTimes[user * capSlots + head] = sim.now;
      capHead[user] = head + 1 === capSlots ? 0 : head + 1;
    },
  };
}
