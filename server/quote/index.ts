// quick quote: a month of volumes billed exactly, and as a time-aware month
export {createQuoter} from "./quote.ts";
export type {
  QuoteBill,
  QuoteCategoryTotal,
  QuoteLine,
  Quoter,
  QuoterData,
  QuoteResult,
} from "./quote.ts";
export {separateContactsTraffic, timeAwareTraffic} from "./quote-traffic.ts";
export type {QuoteMonth, QuoteTraffic, QuoteVolumes, TimeAwareOptions} from "./quote-traffic.ts";
