import {CATEGORY, CHARGE_TYPE} from "../codes.ts";
import {
  CONVERSATION,
  CONVERSATION_STRIDE,
  conversationOpen,
  PAIR,
  setConversationEnd,
} from "./billing-state.ts";
import type {BillingState} from "./billing-state.ts";
import {rateOf, openConversation} from "./charge.ts";
import {DAY_MS, FEP_OPEN, FEP_OPENED, freeEntryPoint} from "./free-entry-point.ts";
import {takeWabaAllowance} from "./monthly-allowance.ts";

/** CBP22-4: free conversations per WABA and month. */
export const CBP22_FREE_CONVERSATIONS = 1000;

/**
 * Bills a delivered business message under `cbp-2022-02` (user- and business-initiated
 * conversations, 2022-02-01 .. 2023-05-31).
 */
export function billCbp2022_02(state: BillingState): void {
  const conversations = state.conversationState;
  const row = state.pair * CONVERSATION_STRIDE;
  const tMs = state.tMs;
  // CBP22-5, I-3: only the first FEP with a (phone, user) is free; 24 h before 2023-03-01, then 72 h.
  const fep = freeEntryPoint(state, state.fepMs, true);
  if (fep === FEP_OPENED) {
    conversations[row + CONVERSATION.conv22End] = -Infinity; // I-3: opening an FEP closes the open conversation, no refund
    openConversation(
      state,
      CATEGORY.referral_conversion,
      CHARGE_TYPE.free_entry_point,
      0,
      tMs + state.fepMs,
    );
    return;
  }
  if (fep === FEP_OPEN) return; // CBP22-5: every message inside the FEP conversation is free
  if (conversationOpen(state, CONVERSATION.conv22End)) return; // CBP22-3: one open conversation absorbs everything
  // CBP22-2: user-initiated when the CSW is open at delivery, business-initiated otherwise.
  const category =
    tMs < state.pairState[state.pairBase + PAIR.cswEnd]!
      ? CATEGORY.user_initiated
      : CATEGORY.business_initiated;
  setConversationEnd(state, CONVERSATION.conv22End, tMs + DAY_MS);
  if (takeWabaAllowance(state, CBP22_FREE_CONVERSATIONS)) {
    openConversation(state, category, CHARGE_TYPE.free_tier, 0, tMs + DAY_MS); // CBP22-4
  } else {
    openConversation(state, category, CHARGE_TYPE.regular, rateOf(state, category), tMs + DAY_MS); // CBP22-6
  }
}
