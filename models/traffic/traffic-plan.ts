import type {CompiledAccounts} from "../accounts/compiled-accounts.ts";
import type {HourlyRates} from "./hourly-rates.ts";
import type {LocalClock} from "./local-clock.ts";
import type {LognormalDelay} from "./duration.ts";
import type {NumberingPlan} from "./numbering-plan.ts";
import type {TrafficBlock} from "./traffic-block.ts";
import type {FollowUpTrigger} from "./follow-ups.ts";

/** A population resolved to indices and precomputed clocks. */
export interface PopulationPlan {
  id: string;
  /** ISO alpha-2 market of the numbers. */
  market: string;
  /** First business-local user index; users are `offset .. offset + users - 1`. */
  offset: number;
  users: number;
  /** Compiled WABA and the phones its users are spread over (user k writes to phones[k % n]). */
  waba: number;
  phones: readonly number[];
  timeZone: string;
  /** The users' local clock and the WABA's clock (agents' working hours). */
  clock: LocalClock;
  wabaClock: LocalClock;
  webShare: number;
  numbering: NumberingPlan;
  /** Index of this population's first user in the business's number sequence of its market. */
  numberOffset: number;
  failureRate: number;
  /**
   * PMP25-8: from this instant (2025-04-01 00:00 in the WABA's timezone) marketing templates to
   * the population are not delivered: United States numbers; Infinity for every other market.
   */
  marketingBlockedFromMs: number;
}

/** Codes of the arrival sources. */
export const SOURCE_KIND = {session: 0, order: 1, authentication: 2} as const;

/** A non-homogeneous Poisson source of flows over one population. */
export interface ArrivalSource {
  /** Stable stream key, e.g. `sessions/ctwa_ad/br`. */
  key: string;
  kind: (typeof SOURCE_KIND)[keyof typeof SOURCE_KIND];
  /** ENTRY_POINT code of the sessions it starts (organic for other kinds). */
  entryPoint: number;
  population: number;
  /** Mean arrivals per ms when the hourly multiplier is 1. */
  perMs: number;
  rates: HourlyRates;
}

export interface CampaignPlan {
  /** Stable stream key, `campaigns/<name>`. */
  key: string;
  name: string;
  /** TEMPLATE_CATEGORY code. */
  category: number;
  /** Occurrence start times inside the period. */
  occurrences: number[];
  populations: number[];
  share: number;
  sendIntervalMs: number;
  responseRate: number;
  responseDelay: LognormalDelay;
}

export interface FollowUpPlan {
  key: string;
  trigger: FollowUpTrigger;
  probability: number;
  after: LognormalDelay;
  /** TEMPLATE_CATEGORY code. */
  category: number;
}

/** Everything one business's simulation needs, as numbers and indices. */
export interface BusinessPlan {
  /** Business index in the compiled accounts. */
  business: number;
  id: string;
  populations: PopulationPlan[];
  totalUsers: number;
  sources: ArrivalSource[];
  shape: TrafficBlock["sessions"];
  replies: TrafficBlock["replies"];
  orders: TrafficBlock["orders"];
  campaigns: CampaignPlan[];
  frequencyCap: TrafficBlock["frequencyCap"];
  marketingLimits: TrafficBlock["marketingLimits"];
  authentication: TrafficBlock["authentication"];
  followUps: FollowUpPlan[];
}

/** A whole simulation, compiled: the period, the accounts and one plan per simulated business. */
export interface TrafficPlan {
  name: string | undefined;
  startMs: number;
  endMs: number;
  accounts: CompiledAccounts;
  /** In business-index order. */
  businesses: BusinessPlan[];
}
