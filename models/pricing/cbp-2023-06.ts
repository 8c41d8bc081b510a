import {CATEGORY, CHARGE_TYPE, NO_CATEGORY, TEMPLATE_CATEGORY} from "../codes.ts";
import {
  CONVERSATION,
  CONVERSATION_STRIDE,
  conversationOpen,
  setConversationEnd,
  SLOT,
  SLOT_COUNT,
} from "./billing-state.ts";
import type {BillingState} from "./billing-state.ts";
import {authenticationCategory} from "./authentication-international.ts";
import {openConversation, rateOf} from "./charge.ts";
import {DAY_MS, FEP_72H_MS, FEP_OPEN, FEP_OPENED, freeEntryPoint} from "./free-entry-point.ts";
import {takeWabaAllowance} from "./monthly-allowance.ts";

/** CBP23-9: free service conversations per WABA and month. */
export const CBP23_FREE_SERVICE_CONVERSATIONS = 1000;

/**
 * Bills a delivered business message under `cbp-2023-06` (four categories, 2023-06-01 ..
 * 2024-10-31); with `serviceFree` under the rules of `cbp-2024-11` (CBP24-1, CBP24-2).
 */
export function billCbp2023_06(state: BillingState, serviceFree = false): void {
  const conversations = state.conversationState;
  const tMs = state.tMs;
  const row = state.pair * CONVERSATION_STRIDE;
  const base = row + CONVERSATION.slotEnd;
  const fep = freeEntryPoint(state, FEP_72H_MS, false);
  if (fep === FEP_OPENED) {
    // CBP23-8: the FEP closes every open conversation (no refunds) and lasts 72 h.
    for (let k = 0; k < SLOT_COUNT; k++) conversations[base + k] = -Infinity;
    conversations[row + CONVERSATION.conv22End] = -Infinity;
    openConversation(
      state,
      CATEGORY.referral_conversion,
      CHARGE_TYPE.free_entry_point,
      0,
      tMs + FEP_72H_MS,
    );
    return;
  }
  if (fep === FEP_OPEN) return; // CBP23-8: every message inside is free, no new conversation
  if (conversationOpen(state, CONVERSATION.conv22End)) return; // a cbp-2022-02 conversation keeps absorbing
  const template = state.templateCategory;
  if (template !== NO_CATEGORY) {
    // CBP23-3, CBP23-4, I-4: a template opens its category's conversation unless one is open.
    const slot = template === TEMPLATE_CATEGORY.authentication ? SLOT.authentication : template;
    if (conversationOpen(state, CONVERSATION.slotEnd + slot)) return;
    setConversationEnd(state, CONVERSATION.slotEnd + slot, tMs + DAY_MS); // CBP23-7
    const category =
      template === TEMPLATE_CATEGORY.authentication ? authenticationCategory(state) : template; // CBP23-5
    openConversation(state, category, CHARGE_TYPE.regular, rateOf(state, category), tMs + DAY_MS); // CBP23-10
    return;
  }
  // CBP23-6: a non-template opens service only when no conversation of any category is open.
  if (
    tMs < conversations[base]! ||
    tMs < conversations[base + 1]! ||
    tMs < conversations[base + 2]! ||
    tMs < conversations[base + 3]!
  )
    return;
  setConversationEnd(state, CONVERSATION.slotEnd + SLOT.service, tMs + DAY_MS);
  if (serviceFree) {
    openConversation(state, CATEGORY.service, CHARGE_TYPE.free_customer_service, 0, tMs + DAY_MS); // CBP24-1
  } else if (takeWabaAllowance(state, CBP23_FREE_SERVICE_CONVERSATIONS)) {
    openConversation(state, CATEGORY.service, CHARGE_TYPE.free_tier, 0, tMs + DAY_MS); // CBP23-9
  } else {
    openConversation(
      state,
      CATEGORY.service,
      CHARGE_TYPE.regular,
      rateOf(state, CATEGORY.service),
      tMs + DAY_MS,
    );
  }
}
