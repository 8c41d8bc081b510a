import {loadMarketTable} from "../models/markets/index.ts";
import type {MarketTable} from "../models/markets/index.ts";
import {loadRateCards} from "../models/rate-cards/index.ts";
import type {RateCardSet} from "../models/rate-cards/index.ts";

/** The texts of the rate-card folder: editions.json, markets.csv and the files editions.json lists. */
export interface RateCardTexts {
  editionsJson: string;
  files: ReadonlyMap<string, string>;
}

/** Markets and rate cards, validated and compiled. */
export interface BillingData {
  markets: MarketTable;
  cards: RateCardSet;
}

const compiled = new WeakMap<RateCardTexts, BillingData>();

/**
 * Compiles the rate-card texts once (memoized per texts object).
 * @throws InputError listing every problem in the data.
 */
export function compileBillingData(texts: RateCardTexts): BillingData {
  let data = compiled.get(texts);
  if (data === undefined) {
    const marketsText = texts.files.get("markets.csv");
    const markets = loadMarketTable(marketsText ?? "", "markets.csv");
    data = {markets, cards: loadRateCards(texts.editionsJson, texts.files, markets)};
    compiled.set(texts, data);
  }
  return data;
}
