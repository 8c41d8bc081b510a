// pricing models (one per file)
export {billCbp2022_02, CBP22_FREE_CONVERSATIONS} from "./cbp-2022-02.ts";
export {billCbp2023_06, CBP23_FREE_SERVICE_CONVERSATIONS} from "./cbp-2023-06.ts";
export {billCbp2024_11} from "./cbp-2024-11.ts";
export {billPmp2025_07} from "./pmp-2025-07.ts";
export {billPmp2026_10, DEFAULT_SERVICE_FREE_PER_PHONE} from "./pmp-2026-10.ts";
// model ids and periods
export {
  AUTO_PRICING,
  isConversationModel,
  maybePricingModel,
  MODEL_START_DAYS,
  modelInForceOnDay,
  PRICING_MODEL,
  PRICING_MODEL_IDS,
} from "./pricing-model.ts";
export type {PricingModelId} from "./pricing-model.ts";
// timeline (R-1, C-10, C-7)
export {createPricingTimeline, timelineMonthLabel} from "./pricing-timeline.ts";
export type {PricingOptions, PricingTimeline} from "./pricing-timeline.ts";
// state and records
export {
  CONVERSATION,
  CONVERSATION_STRIDE,
  createBillingState,
  ensureConversations,
  ensurePairs,
  ensurePhones,
  PAIR,
  PAIR_STRIDE,
  SLOT,
  SLOT_COUNT,
} from "./billing-state.ts";
export type {BillingContext, BillingState} from "./billing-state.ts";
export {createRows} from "./aligned-rows.ts";
export {createChargeColumns} from "./charge-columns.ts";
export type {ChargeColumns} from "./charge-columns.ts";
// shared rules
export {DAY_MS, FEP_72H_MS, receiveInbound} from "./free-entry-point.ts";
export {TIERS_STALE, TIERS_UNLISTED, TIERS_USABLE} from "./volume-tier.ts";
