// table
export {loadMarketTable, OTHER_MARKET} from "./market-table.ts";
export type {Country, MarketTable} from "./market-table.ts";
// attribution
export {countryOf, marketEraOfDay, marketOn} from "./country-of.ts";
