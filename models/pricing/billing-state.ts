import {CATEGORY_COUNT} from "../codes.ts";
import type {CompiledAccounts} from "../accounts/index.ts";
import type {MarketTable} from "../markets/index.ts";
import type {RateCardSet} from "../rate-cards/index.ts";
import type {ChargeColumns} from "./charge-columns.ts";
import {createRows} from "./aligned-rows.ts";

/** Conversation slots per (phone, user) under cbp-2023-06 and later (CBP23-2). */
export const SLOT = {marketing: 0, utility: 1, authentication: 2, service: 3} as const;
export const SLOT_COUNT = 4;

/**
 * The row of one (business phone, user) pair in `pairState`: the window ends every model reads, in
 * ms.
 * NOTE (perf): one 32-byte row per pair (half a cache line) instead of one array per field: billing
 * touches a random pair per message, so this costs one cache miss instead of four, and a million
 * pairs' rows (32 MiB) mostly stay in the last-level cache. What only conversation-based pricing
 * needs lives in the separate `conversationState` rows.
 */
export const PAIR = {
  /** C-3: end of the customer service window. */
  cswEnd: 0,
  /** C-5: end of free-entry-point eligibility opened by an ad or page-button message. */
  fepEligibleEnd: 1,
  /** C-5: end of the open FEP conversation or window. */
  fepEnd: 2,
  /**
   * The latest end ever written to the pair's conversation row: from then on no conversation of
   * the pair is open, so later messages need not read that row.
   */
  conversationsEnd: 3,
} as const;
export const PAIR_STRIDE = 4;

/** The row of one pair in `conversationState`: conversation ends in ms (CBP, and I-5 after it). */
export const CONVERSATION = {
  /** CBP22-3: end of the one cbp-2022-02 conversation (R-19 keeps it across the switch). */
  conv22End: 0,
  /** CBP23-2: end of each category's conversation, `slotEnd + SLOT`. */
  slotEnd: 1,
} as const;
export const CONVERSATION_STRIDE = 8;

/** What billing needs besides the messages: accounts, markets and rate cards, all compiled. */
export interface BillingContext {
  accounts: CompiledAccounts;
  markets: MarketTable;
  cards: RateCardSet;
}

/**
 * Everything billing remembers, in typed arrays indexed by integer codes, plus the fields of the
 * message being billed (set by the kernel before it calls a pricing model). Pricing models read
 * and write it; nothing in it is a per-message object.
 */
export interface BillingState {
  context: BillingContext;
  // per (business phone, user) pair
  pairCapacity: number;
  /** Window ends per pair, `pair * PAIR_STRIDE + PAIR.x`, in ms. */
  pairState: Float64Array;
  /**
   * Conversation ends per pair, `pair * CONVERSATION_STRIDE + CONVERSATION.x`, in ms; empty until
   * a conversation-based month is billed (`ensureConversations`).
   */
  conversationState: Float64Array;
  /** CBP22-5: 1 once an FEP has opened for the pair. */
  fepEver: Uint8Array;
  // C-6 monthly allowances
  wabaAllowanceMonth: Int32Array;
  wabaAllowanceCount: Int32Array;
  phoneAllowanceMonth: Int32Array;
  phoneAllowanceCount: Int32Array;
  serviceFreePerPhone: number;
  // C-9 volume-tier counters: two month slots per (business, market, tier category)
  marketCount: number;
  tierSlotOf: Int32Array;
  tierSlotCount: number;
  tierMonth: Int32Array;
  tierCount: Float64Array;
  // C-8 per business
  businessHomeCountry: Int32Array;
  /** Offset of the business's row in `authStartMs` (one cell per country), -1 if none. */
  authStartBase: Int32Array;
  authStartMs: Float64Array;
  conversationCount: number;
  // the message being billed
  row: number;
  tMs: number;
  pair: number;
  /** `pair * PAIR_STRIDE`: the message's row in `pairState`. */
  pairBase: number;
  waba: number;
  business: number;
  phone: number;
  country: number;
  market: number;
  templateCategory: number;
  monthKey: number;
  model: number;
  ratesEdition: number;
  /** The rates edition's micro-unit rates, `market * CATEGORY_COUNT + category`, -1 = empty. */
  rates: Int32Array;
  ratesHasMarket: Uint8Array;
  /** 1 where the tier edition's bands apply to (market, category) under this rates edition. */
  tiersUsable: Uint8Array;
  tierEdition: number;
  fepMs: number;
  /** Set by `tieredAmount`: the tier index of the last tiered charge. */
  tier: number;
  // soft problems, counted in the hot loop and worded at the end
  nonTemplateOutsideCsw: number;
  /** The kernel's prefetch loads end here so that they are not optimized away; meaningless. */
  prefetchSink: number;
  staleTierHits: Float64Array;
  out: ChargeColumns;
}

const NO_TIERS = new Uint8Array(0);

/** Allocates billing state for the context; pair arrays grow with `ensurePairs`. */
export function createBillingState(
  context: BillingContext,
  serviceFreePerPhone: number,
): BillingState {
  const {accounts, markets, cards} = context;
  const businessHomeCountry = new Int32Array(accounts.businesses.length).fill(-1);
  const authStartBase = new Int32Array(accounts.businesses.length).fill(-1);
  const countryOfIso2 = new Map<string, number>();
  markets.countries.forEach((country, c) => {
    for (const iso2 of country.iso2s) countryOfIso2.set(iso2, c);
  });
  const countryCount = markets.countries.length;
  const withAuthStarts = accounts.businesses.filter((b) => b.authInternational.size > 0).length;
  // C-8 (c): per business with start times, each country's earliest start over its ISO codes
  const authStartMs = new Float64Array(withAuthStarts * countryCount).fill(Infinity);
  let authRows = 0;
  accounts.businesses.forEach((business, b) => {
    if (business.country !== undefined)
      businessHomeCountry[b] = countryOfIso2.get(business.country) ?? -1;
    if (business.authInternational.size === 0) return;
    const base = authRows++ * countryCount;
    authStartBase[b] = base;
    for (const [iso2, startMs] of business.authInternational) {
      const c = countryOfIso2.get(iso2);
      if (c !== undefined) authStartMs[base + c] = Math.min(authStartMs[base + c]!, startMs);
    }
  });
  const marketCount = markets.markets.length;
  const state: BillingState = {
    context,
    pairCapacity: 0,
    pairState: new Float64Array(0),
    conversationState: new Float64Array(0),
    fepEver: new Uint8Array(0),
    wabaAllowanceMonth: new Int32Array(accounts.wabas.length).fill(-1),
    wabaAllowanceCount: new Int32Array(accounts.wabas.length),
    phoneAllowanceMonth: new Int32Array(0),
    phoneAllowanceCount: new Int32Array(0),
    serviceFreePerPhone,
    marketCount,
    tierSlotOf: new Int32Array(accounts.businesses.length * marketCount).fill(-1),
    tierSlotCount: 0,
    tierMonth: new Int32Array(0),
    tierCount: new Float64Array(0),
    businessHomeCountry,
    authStartBase,
    authStartMs,
    conversationCount: 0,
    row: 0,
    tMs: 0,
    pair: 0,
    pairBase: 0,
    waba: 0,
    business: 0,
    phone: 0,
    country: 0,
    market: 0,
    templateCategory: 0,
    monthKey: -1,
    model: 0,
    ratesEdition: 0,
    rates: new Int32Array(0),
    ratesHasMarket: new Uint8Array(0),
    tiersUsable: NO_TIERS,
    tierEdition: -1,
    fepMs: 0,
    tier: 0,
    nonTemplateOutsideCsw: 0,
    // NOTE (perf): a double from the start, as the sums stored here are: a field that starts as a
    // small integer changes the object's shape when a double is stored, and every optimized pricing
    // function, which checks that shape, was thrown away after the first batch and compiled again
    prefetchSink: NaN,
    staleTierHits: new Float64Array(cards.rates.length * marketCount * CATEGORY_COUNT),
    out: undefined as unknown as ChargeColumns,
  };
  return state;
}

function grow<T extends Float64Array | Uint8Array | Int32Array>(
  old: T,
  size: number,
  fill: number,
): T {
  const next = new (old.constructor as new (n: number) => T)(size);
  next.fill(fill);
  next.set(old);
  return next;
}

/** `old`'s cells at the start of new cache-line-aligned rows of `length` cells, the rest `fill`. */
function growRows(old: Float64Array, length: number, fill: number): Float64Array {
  const next = createRows(length, fill);
  next.set(old);
  return next;
}

/** Makes room for pair indices below `count` (doubling), windows closed. */
export function ensurePairs(state: BillingState, count: number): void {
  if (count <= state.pairCapacity) return;
  const size = Math.max(count, state.pairCapacity * 2, 1024);
  state.pairState = growRows(state.pairState, size * PAIR_STRIDE, -Infinity);
  state.fepEver = grow(state.fepEver, size, 0);
  if (state.conversationState.length > 0)
    state.conversationState = growRows(
      state.conversationState,
      size * CONVERSATION_STRIDE,
      -Infinity,
    );
  state.pairCapacity = size;
}

/** Allocates the conversation rows of every pair (conversations closed), once a CBP month is billed. */
export function ensureConversations(state: BillingState): void {
  if (state.conversationState.length > 0) return;
  const pairs = Math.max(state.pairCapacity, 1);
  state.conversationState = createRows(pairs * CONVERSATION_STRIDE, -Infinity);
}

/** Whether one of the message's pair's conversations (a `CONVERSATION` field, plus a slot) is open. */
export function conversationOpen(state: BillingState, field: number): boolean {
  return (
    state.tMs < state.pairState[state.pairBase + PAIR.conversationsEnd]! &&
    state.tMs < state.conversationState[state.pair * CONVERSATION_STRIDE + field]!
  );
}

/**
 * Sets the end of one of the message's pair's conversations (a `CONVERSATION` field, plus a slot)
 * and raises the pair's `conversationsEnd` to it.
 */
export function setConversationEnd(state: BillingState, field: number, endMs: number): void {
  state.conversationState[state.pair * CONVERSATION_STRIDE + field] = endMs;
  const latest = state.pairBase + PAIR.conversationsEnd;
  if (endMs > state.pairState[latest]!) state.pairState[latest] = endMs;
}

/** Makes room for the phones the accounts have now (the log may add some). */
export function ensurePhones(state: BillingState): void {
  const count = state.context.accounts.phones.length;
  if (count <= state.phoneAllowanceMonth.length) return;
  state.phoneAllowanceMonth = grow(state.phoneAllowanceMonth, count, -1);
  state.phoneAllowanceCount = grow(state.phoneAllowanceCount, count, 0);
}
