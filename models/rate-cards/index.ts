// rate cards and volume tiers (C-9, C-10)
export {loadRateCards, RATE_COLUMNS} from "./rate-card-set.ts";
export type {EditionInfo, RateCardSet, RateEdition, TierEdition} from "./rate-card-set.ts";
