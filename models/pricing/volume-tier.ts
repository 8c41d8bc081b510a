import {CATEGORY, CATEGORY_COUNT} from "../codes.ts";
import type {BillingState} from "./billing-state.ts";

const FIRST_TIER_CATEGORY = CATEGORY.utility;
const TIER_CATEGORIES = 3; // utility, authentication, authentication_international
const MONTH_SLOTS = 2;
/** `tiersUsable` values: the tier edition does not list (market, category), lists it, or is stale. */
export const TIERS_UNLISTED = 0;
export const TIERS_USABLE = 1;
export const TIERS_STALE = 2;

/**
 * C-9, PMP25-5, R-14: the amount of a charged tiered message and its tier, counted per (business,
 * market, category, the WABA's local month). With n messages already counted, the message is
 * priced at the band with from <= n < to: the list rate in band 0, the published tier rate above.
 * Sets `state.tier`. O(bands).
 *
 * NOTE (perf): each (business, market, category) keeps two month slots instead of a map keyed by
 * month: WABAs of one business are at most 26 h apart, so at most two local months are live at once.
 */
export function tieredAmount(
  state: BillingState,
  category: number,
  listRateMicros: number,
): number {
  const key = state.business * state.marketCount + state.market;
  let slot = state.tierSlotOf[key]!;
  if (slot < 0) slot = allocateTierSlot(state, key);
  const base = (slot * TIER_CATEGORIES + (category - FIRST_TIER_CATEGORY)) * MONTH_SLOTS;
  const months = state.tierMonth;
  let k = base;
  if (months[base] !== state.monthKey) {
    if (months[base + 1] === state.monthKey) k = base + 1;
    else {
      k = months[base]! <= months[base + 1]! ? base : base + 1; // the older month is over
      months[k] = state.monthKey;
      state.tierCount[k] = 0;
    }
  }
  const n = state.tierCount[k]!;
  state.tierCount[k] = n + 1;
  state.tier = 0;
  const tierKey = state.market * CATEGORY_COUNT + category;
  const usable = state.tiersUsable[tierKey];
  if (usable !== TIERS_USABLE) {
    // rate-cards README 4: stale tiers (tier 0 differs from the list rate) give way to the list rate.
    if (usable === TIERS_STALE)
      state.staleTierHits[state.ratesEdition * state.marketCount * CATEGORY_COUNT + tierKey]! += 1;
    return listRateMicros;
  }
  const tiers = state.context.cards.tiers[state.tierEdition]!;
  const first = tiers.firstBand[tierKey]!;
  const bands = tiers.bandCount[tierKey]!;
  let band = 0;
  while (band + 1 < bands && tiers.bandFrom[first + band + 1]! <= n) band++;
  state.tier = band;
  return band === 0 ? listRateMicros : tiers.bandRateMicros[first + band]!;
}

function allocateTierSlot(state: BillingState, key: number): number {
  const slot = state.tierSlotCount++;
  const needed = (slot + 1) * TIER_CATEGORIES * MONTH_SLOTS;
  if (needed > state.tierMonth.length) {
    const size = Math.max(needed, state.tierMonth.length * 2, 64 * TIER_CATEGORIES * MONTH_SLOTS);
    const months = new Int32Array(size).fill(-1);
    months.set(state.tierMonth);
    const counts = new Float64Array(size);
    counts.set(state.tierCount);
    state.tierMonth = months;
    state.tierCount = counts;
  }
  state.tierSlotOf[key] = slot;
  return slot;
}
