import {CATEGORY, CHARGE_TYPE, NO_CATEGORY, TEMPLATE_CATEGORY} from "../codes.ts";
import {CONVERSATION, conversationOpen, PAIR, SLOT} from "./billing-state.ts";
import type {BillingState} from "./billing-state.ts";
import {authenticationCategory} from "./authentication-international.ts";
import {chargeMessage, rateOf} from "./charge.ts";
import {FEP_72H_MS, FEP_NONE, freeEntryPoint} from "./free-entry-point.ts";
import {takePhoneAllowance} from "./monthly-allowance.ts";
import {tieredAmount} from "./volume-tier.ts";

/**
 * Bills a delivered business message under per-message pricing: `pmp-2025-07` (2025-07-01 ..
 * 2026-09-30), or with `serviceCharged` the rules of `pmp-2026-10` (PMP26-1 .. PMP26-6).
 */
export function billPmp2025_07(state: BillingState, serviceCharged = false): void {
  const template = state.templateCategory;
  // PMP25-1, PMP26-3: inside an FEP window, or opening one, every message is free in its own category.
  if (freeEntryPoint(state, FEP_72H_MS, false) !== FEP_NONE) {
    const category =
      template === NO_CATEGORY
        ? CATEGORY.service
        : template === TEMPLATE_CATEGORY.authentication
          ? authenticationCategory(state)
          : template;
    chargeMessage(state, category, CHARGE_TYPE.free_entry_point, 0, 0);
    return;
  }
  if (template !== NO_CATEGORY) {
    // PMP25-7, I-5: a CBP conversation open at the switch absorbs same-category templates, no record.
    const slot = template === TEMPLATE_CATEGORY.authentication ? SLOT.authentication : template;
    if (conversationOpen(state, CONVERSATION.slotEnd + slot)) return;
  }
  if (template === NO_CATEGORY) {
    if (!serviceCharged) {
      chargeMessage(state, CATEGORY.service, CHARGE_TYPE.free_customer_service, 0, 0); // PMP25-2
    } else if (takePhoneAllowance(state)) {
      chargeMessage(state, CATEGORY.service, CHARGE_TYPE.free_tier, 0, 0); // PMP26-4
    } else {
      // PMP26-1, PMP26-5: service at the market's utility rate, no volume tiers.
      chargeMessage(
        state,
        CATEGORY.service,
        CHARGE_TYPE.regular,
        rateOf(state, CATEGORY.utility),
        0,
      );
    }
    return;
  }
  if (template === TEMPLATE_CATEGORY.marketing) {
    chargeMessage(
      state,
      CATEGORY.marketing,
      CHARGE_TYPE.regular,
      rateOf(state, CATEGORY.marketing),
      0,
    ); // PMP25-3, PMP25-5
    return;
  }
  if (template === TEMPLATE_CATEGORY.utility) {
    if (!serviceCharged && state.tMs < state.pairState[state.pairBase + PAIR.cswEnd]!) {
      chargeMessage(state, CATEGORY.utility, CHARGE_TYPE.free_customer_service, 0, 0); // PMP25-4
      return;
    }
    const amount = tieredAmount(state, CATEGORY.utility, rateOf(state, CATEGORY.utility)); // PMP25-5, PMP26-2
    chargeMessage(state, CATEGORY.utility, CHARGE_TYPE.regular, amount, state.tier);
    return;
  }
  const category = authenticationCategory(state); // PMP25-3, C-8
  const amount = tieredAmount(state, category, rateOf(state, category)); // PMP25-5
  chargeMessage(state, category, CHARGE_TYPE.regular, amount, state.tier);
}
