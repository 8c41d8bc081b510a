import {CATEGORY_COUNT, CATEGORY_NAMES, CHARGE_TYPE} from "../codes.ts";
import {InputError} from "../input-error.ts";
import type {BillingState} from "./billing-state.ts";

/**
 * C-10, R-13: the micro-unit rate of a category for the message's market in the edition in force.
 * @throws InputError naming market, category and edition if the cell is empty: never a silent zero.
 */
export function rateOf(state: BillingState, category: number): number {
  const rate = state.rates[state.market * CATEGORY_COUNT + category]!;
  if (rate < 0) throw missingRate(state, category);
  return rate;
}

function missingRate(state: BillingState, category: number): InputError {
  const {cards, markets} = state.context;
  const edition = cards.rates[state.ratesEdition]!;
  const market = markets.markets[state.market]!;
  if (state.ratesHasMarket[state.market] !== 1) {
    return new InputError({
      path: `rate card ${edition.effective}`,
      message: `market ${market} is missing from the edition (needed for ${CATEGORY_NAMES[category]})`,
      value: market,
      expected: "a market the edition prices (C-10)",
    });
  }
  return new InputError({
    path: `rate card ${edition.effective}`,
    message: `no ${CATEGORY_NAMES[category]} rate for ${market}`,
    value: `${market}/${CATEGORY_NAMES[category]}`,
    expected: "a rate in the edition in force (C-10)",
  });
}

/** Appends a charge record for the message being billed; `expiresMs` is NaN for messages. */
function push(
  state: BillingState,
  category: number,
  type: number,
  amountMicros: number,
  tier: number,
  expiresMs: number,
  conversation: number,
): void {
  if (state.ratesHasMarket[state.market] !== 1) throw missingRate(state, category);
  const out = state.out;
  const j = out.length++;
  out.row[j] = state.row;
  out.tMs[j] = state.tMs;
  out.expiresMs[j] = expiresMs;
  out.conversation[j] = conversation;
  out.model[j] = state.model;
  out.rateCard[j] = state.ratesEdition;
  out.market[j] = state.market;
  out.category[j] = category;
  out.type[j] = type;
  out.billable[j] = type === CHARGE_TYPE.regular ? 1 : 0;
  out.amountMicros[j] = amountMicros;
  out.tier[j] = tier;
}

/** Records a conversation opened by the message being billed (CBP), lasting until `expiresMs`. */
export function openConversation(
  state: BillingState,
  category: number,
  type: number,
  amountMicros: number,
  expiresMs: number,
): void {
  push(state, category, type, amountMicros, 0, expiresMs, ++state.conversationCount);
}

/** Records the message being billed (PMP). */
export function chargeMessage(
  state: BillingState,
  category: number,
  type: number,
  amountMicros: number,
  tier: number,
): void {
  push(state, category, type, amountMicros, tier, NaN, 0);
}
