import {CATEGORY, CATEGORY_COUNT} from "../codes.ts";
import type {BillingState} from "./billing-state.ts";

/**
 * C-8, R-15, CBP23-5: the category of an authentication template (CBP: of the conversation it
 * opens): `authentication_international` when (a) the edition in force has that rate for the
 * recipient's market, (b) the business is based in another country (no country counts as
 * elsewhere, I-2), and (c) its start time for the recipient's country has passed.
 */
export function authenticationCategory(state: BillingState): number {
  if (state.rates[state.market * CATEGORY_COUNT + CATEGORY.authentication_international]! < 0)
    return CATEGORY.authentication; // (a)
  if (state.country === state.businessHomeCountry[state.business]) return CATEGORY.authentication; // (b)
  const base = state.authStartBase[state.business]!;
  if (base < 0) return CATEGORY.authentication;
  return state.authStartMs[base + state.country]! <= state.tMs // (c)
    ? CATEGORY.authentication_international
    : CATEGORY.authentication;
}
