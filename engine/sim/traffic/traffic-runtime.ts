import {
  DEVICE,
  DIRECTION,
  ENTRY_POINT,
  HOUR_MS,
  NO_CATEGORY,
  STATUS,
  TEMPLATE_CATEGORY,
} from "../../../models/codes.ts";
import {FOLLOW_UP_TRIGGER} from "../../../models/traffic/follow-ups.ts";
import {createNumberLeads, createNumberSequence} from "../../../models/traffic/number-sequence.ts";
import type {NumberingPlan} from "../../../models/traffic/numbering-plan.ts";
import type {LognormalDelay} from "../../../models/traffic/duration.ts";
import type {BusinessPlan, PopulationPlan} from "../../../models/traffic/traffic-plan.ts";
import {createCategorical, standardNormalAt} from "../distributions.ts";
import {sfc32Next} from "../random-streams.ts";
import type {RandomStream, RandomStreams} from "../random-streams.ts";
import {pushRow} from "../row-buffer.ts";
import type {RowBuffer} from "../row-buffer.ts";
import {FlowTable} from "./flow-table.ts";
import type {TrafficClock} from "./traffic-clock.ts";

/** The customers a business has messaged with so far, in order of first appearance. */
export interface ContactTable {
  /** Number of contacts. */
  length: number;
  /** E.164 number of each contact; empty when the run does not keep numbers. */
  numbers: string[];
}

/**
 * The state and helpers the traffic processes of one business share: the clock, the output
 * rows, per-user state in typed arrays (customer service window, frequency cap) and the
 * message-emitting helpers. The state machines receive it as their first argument.
 */
export interface TrafficRuntime {
  /** The business's clock and event queue. */
  clock: TrafficClock;
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
  /**
   * The FOLLOW_UP_TRIGGER code of each of `plan.followUps`.
   * NOTE (perf): compared as integers at every session's and order's end; the trigger strings
   * come from the parsed file, not interned, and compared by their characters (~1.6 % of a loja
   * simulate+bill run in endSession, CPU profile)
   */
  followUpTriggers: Uint8Array;
  /** Writes an inbound message from `user` now and refreshes the user's window (C-3). */
  inbound(population: number, user: number, type: number, entryPoint: number, device: number): void;
  /**
   * Writes an outbound message to `user` now; draws its delivery status (failures, per-user
   * marketing limits, the US marketing block) from the sfc32 stream at `state[at..at + 3]`
   * (sfc32Next) and returns the STATUS code.
   */
  outbound(
    population: number,
    user: number,
    type: number,
    category: number,
    state: Int32Array,
    at: number,
  ): number;
  /** {@link outbound} drawing from the stream of the flow table's current row. */
  flowOutbound(population: number, user: number, type: number, category: number): number;
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
  if (delay.sigma === 0) return Math.max(1, Math.round(delay.medianMs));
  return delayMsAt(delay, rnd(), rnd());
}

/**
 * The delay {@link delayMs} makes of its two uniform draws `u1, u2` when `delay.sigma > 0`: the
 * lognormal `exp(mu + sigma * Z)` in whole ms, at least 1 ms.
 * @example delayMsAt({medianMs: 1000, sigma: 1, mu: Math.log(1000)}, 1 - Math.exp(-0.5), 0.25) // => 1000
 */
export function delayMsAt(delay: LognormalDelay, u1: number, u2: number): number {
  return Math.max(1, Math.round(Math.exp(delay.mu + delay.sigma * standardNormalAt(u1, u2))));
}

/**
 * Builds the runtime of one business for `[clock.now, endMs)`.
 * Memory: 8 bytes per user for the window, 8 per user for the contact index and country, 8 x cap
 * per user when a frequency cap is set; contacts hold one string each.
 * @example createTrafficRuntime(new TrafficClock(startMs), plan.businesses[0], {endMs, streams, rows, countryOf}).cswOpen(0) // => false
 */
export function createTrafficRuntime(
  clock: TrafficClock,
  plan: BusinessPlan,
  options: TrafficRuntimeOptions,
): TrafficRuntime {
  return new BusinessTraffic(clock, plan, options);
}

/** Options of {@link createTrafficRuntime}. */
export interface TrafficRuntimeOptions {
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
}

/**
 * The runtime behind {@link createTrafficRuntime}.
 * NOTE (perf): a class, not an object of closures: V8 inlines a method called from the flows'
 * code, where it cannot inline closures made once per business ("many closures"); `inbound` and
 * `outbound` run once per message.
 * NOTE (perf): the fields the constructor sets are `declare`d, as TrafficClock.now: a class field
 * is otherwise defined as `undefined` first, and V8 then holds it untyped, a number as a heap
 * number (loops that mix it with raw doubles box them) and an object checked at each use.
 */
class BusinessTraffic implements TrafficRuntime {
  declare readonly clock: TrafficClock;
  declare readonly plan: BusinessPlan;
  declare readonly endMs: number;
  declare readonly streams: RandomStreams;
  declare readonly keyPrefix: string;
  declare readonly rows: RowBuffer;
  readonly contacts: ContactTable = {length: 0, numbers: []};
  declare readonly userTypes: Float64Array;
  declare readonly replyTypes: Float64Array;
  readonly flows = new FlowTable();
  declare readonly followUpTriggers: Uint8Array;
  declare private readonly populations: PopulationPlan[];
  declare private readonly lastInbound: Float64Array;
  // NOTE (perf): per user its contact index (-1 before its first message) and its country side
  // by side, so that a message reads both from one cache line (users are drawn at random)
  declare private readonly contactOf: Int32Array;
  declare private readonly countryOf: (e164: string) => number;
  declare private readonly keepNumbers: boolean;
  declare private readonly numberOf: ((index: number) => string)[];
  declare private readonly leadOf: ((index: number) => number)[] | undefined;
  declare private readonly countryByLead: Map<number, number>[];
  declare private readonly capPer: number;
  declare private readonly capSlots: number;
  declare private readonly capTimes: Float64Array;
  declare private readonly capHead: Uint8Array;
  declare private readonly blockedShare: number;
  declare private readonly usBlock: boolean;

  constructor(clock: TrafficClock, plan: BusinessPlan, options: TrafficRuntimeOptions) {
    const {streams} = options;
    const keepNumbers = options.numbers ?? true;
    const countryDigits = options.countryDigits;
    const keyPrefix = `${plan.id}/`;
    const populations = plan.populations;
    this.clock = clock;
    this.plan = plan;
    this.endMs = options.endMs;
    this.streams = streams;
    this.keyPrefix = keyPrefix;
    this.rows = options.rows;
    this.userTypes = createCategorical(plan.shape.userTypes);
    this.replyTypes = createCategorical(plan.shape.replyTypes);
    this.followUpTriggers = Uint8Array.from(plan.followUps, (f) => FOLLOW_UP_TRIGGER[f.trigger]);
    this.populations = populations;
    this.lastInbound = new Float64Array(plan.totalUsers).fill(-Infinity);
    this.contactOf = new Int32Array(2 * plan.totalUsers).fill(-1);
    this.countryOf = options.countryOf;
    this.keepNumbers = keepNumbers;
    const numberKeys = populations.map((p) => streams.seed32(`${keyPrefix}numbers/${p.market}`));
    this.numberOf = populations.map((p, i) => createNumberSequence(p.numbering, numberKeys[i]!));
    // NOTE (perf): a contact's country comes from the leading digits of its number, computed
    // without the string; one number per distinct lead is built to ask countryOf
    this.leadOf =
      countryDigits === undefined
        ? undefined
        : populations.map((p, i) => createNumberLeads(p.numbering, numberKeys[i]!, countryDigits));
    const leads = options.leads ?? new Map<NumberingPlan, Map<number, number>>();
    this.countryByLead = (this.leadOf === undefined ? [] : populations).map((p) => {
      let byLead = leads.get(p.numbering);
      if (byLead === undefined) leads.set(p.numbering, (byLead = new Map()));
      return byLead;
    });
    const cap = plan.frequencyCap;
    // no cap: `capped` compares with -Infinity and is never true, `recordMarketing` does nothing
    this.capPer = cap === undefined ? 0 : cap.per;
    this.capSlots = cap?.max ?? 0;
    this.capTimes =
      cap === undefined
        ? new Float64Array(0)
        : new Float64Array(plan.totalUsers * this.capSlots).fill(-Infinity);
    this.capHead = new Uint8Array(cap === undefined ? 0 : plan.totalUsers);
    this.blockedShare = plan.marketingLimits.blockedShare;
    this.usBlock = plan.marketingLimits.usBlock;
  }

  private contactFor(population: number, user: number): number {
    let contact = this.contactOf[2 * user]!;
    if (contact < 0) contact = this.newContact(population, user);
    return contact;
  }

  private newContact(population: number, user: number): number {
    const p = this.populations[population]!;
    const index = p.numberOffset + user - p.offset;
    const contacts = this.contacts;
    const contact = contacts.length++;
    let country: number;
    if (this.keepNumbers) {
      const number = this.numberOf[population]!(index);
      contacts.numbers.push(number);
      country =
        this.leadOf === undefined
          ? this.countryOf(number)
          : this.countryWithoutNumber(population, index);
    } else country = this.countryWithoutNumber(population, index);
    this.contactOf[2 * user] = contact;
    this.contactOf[2 * user + 1] = country;
    return contact;
  }

  private countryWithoutNumber(population: number, index: number): number {
    if (this.leadOf === undefined) return this.countryOf(this.numberOf[population]!(index));
    const lead = this.leadOf[population]!(index);
    const byLead = this.countryByLead[population]!;
    let country = byLead.get(lead);
    if (country === undefined) {
      country = this.countryOf(this.numberOf[population]!(index));
      byLead.set(lead, country);
    }
    return country;
  }

  private phoneOf(population: number, user: number): number {
    const p = this.populations[population]!;
    const phones = p.phones;
    // NOTE (perf): most WABAs have one phone; no integer division for them
    return phones.length === 1 ? phones[0]! : phones[(user - p.offset) % phones.length]!;
  }

  inbound(population: number, user: number, type: number, entryPoint: number, device: number) {
    const now = this.clock.now;
    this.lastInbound[user] = now;
    const contact = this.contactFor(population, user);
    const rows = this.rows;
    const row = pushRow(
      rows,
      this.phoneOf(population, user),
      contact,
      this.contactOf[2 * user + 1]!,
      DIRECTION.inbound,
      type,
      NO_CATEGORY,
      entryPoint,
      device,
      STATUS.delivered,
    );
    rows.tMs[row] = now;
  }

  outbound(
    population: number,
    user: number,
    type: number,
    category: number,
    state: Int32Array,
    at: number,
  ) {
    const failed = sfc32Next(state, at) < this.populations[population]!.failureRate;
    // PMP25-8: per-user marketing limits (131049) are failed deliveries
    const limited =
      category === TEMPLATE_CATEGORY.marketing && sfc32Next(state, at) < this.blockedShare;
    return this.send(population, user, type, category, failed || limited);
  }

  flowOutbound(population: number, user: number, type: number, category: number) {
    // the current row's stream is its sfc32 state in the flow table (FlowTable.uniform)
    const flows = this.flows;
    return this.outbound(population, user, type, category, flows.state, flows.current << 2);
  }

  /** Writes an outbound message now, failed if `failed` or blocked in the US; its STATUS. */
  private send(population: number, user: number, type: number, category: number, failed: boolean) {
    const now = this.clock.now;
    const p = this.populations[population]!;
    // PMP25-8: the US marketing block fails deliveries
    const usBlocked =
      category === TEMPLATE_CATEGORY.marketing && this.usBlock && now >= p.marketingBlockedFromMs;
    const status = failed || usBlocked ? STATUS.failed : STATUS.delivered;
    const contact = this.contactFor(population, user);
    const rows = this.rows;
    const row = pushRow(
      rows,
      this.phoneOf(population, user),
      contact,
      this.contactOf[2 * user + 1]!,
      DIRECTION.outbound,
      type,
      category,
      ENTRY_POINT.organic,
      DEVICE.mobile,
      status,
    );
    rows.tMs[row] = now;
    return status;
  }

  cswOpen(user: number): boolean {
    // C-3/C-4: the window of an inbound message at U covers [U, U + 24 h)
    return this.clock.now < this.lastInbound[user]! + 24 * HOUR_MS;
  }

  capped(user: number): boolean {
    if (this.capSlots === 0) return false;
    // the oldest of the last `max` sends sits at the ring's head
    const slots = this.capSlots;
    return this.capTimes[user * slots + this.capHead[user]!]! > this.clock.now - this.capPer;
  }

  recordMarketing(user: number): void {
    const slots = this.capSlots;
    if (slots === 0) return;
    const head = this.capHead[user]!;
    this.capTimes[user * slots + head] = this.clock.now;
    this.capHead[user] = head + 1 === slots ? 0 : head + 1;
  }
}
