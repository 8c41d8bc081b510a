import {firstDayOfMonth, formatDayNumber, localDayOf, monthIndexOfDay} from "../calendar/index.ts";
import type {MarketTable} from "../markets/index.ts";
import {marketEraOfDay} from "../markets/index.ts";
import {modelInForceOnDay, PRICING_MODEL} from "../pricing/pricing-model.ts";
import type {RateCardSet} from "../rate-cards/index.ts";
import type {Scenario} from "./scenario.ts";

/** A market the scenario's users are in that the edition in force does not price. */
export interface CoverageGap {
  /** Market name, population id and its ISO country. */
  market: string;
  population: string;
  iso2: string;
  /** The edition's effective date, and the first month (YYYY-MM-01) it is missing in. */
  edition: string;
  fromMonth: string;
}

/**
 * Checks, before anything runs, that every market the scenario's populations are in is priced
 * by the rates edition in force in every month the period touches (rate-cards README, "How the
 * engine picks an edition" 2: a missing market is an error, never a silent zero), and that a
 * pricing model is in force. The months are the local months of the period in every WABA's
 * timezone (billing months are WABA-local, C-2). O(months x populations).
 * @example marketCoverageGaps(scenario, markets, cards) // => [{market: "Hong Kong", population: "hk", iso2: "HK", edition: "2026-04-01", fromMonth: "2026-07-01"}]
 */
export function marketCoverageGaps(
  scenario: Scenario,
  markets: MarketTable,
  cards: RateCardSet,
): CoverageGap[] {
  const {startMs, endMs} = scenario.simulation;
  const zones = new Set(
    scenario.accounts.businesses.flatMap((b) => b.wabas.map((w) => w.timezone)),
  );
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (const zone of zones) {
    firstMonth = Math.min(firstMonth, monthIndexOfDay(localDayOf(zone, startMs)));
    lastMonth = Math.max(lastMonth, monthIndexOfDay(localDayOf(zone, endMs - 1)));
  }
  const forced =
    scenario.rates === "auto" ? -1 : cards.rates.findIndex((e) => e.effective === scenario.rates);
  const fixedModel =
    scenario.pricing === "auto"
      ? -1
      : ((PRICING_MODEL as Record<string, number>)[scenario.pricing] ?? -1);
  const populations = scenario.simulation.traffic.flatMap((block) =>
    block.populations.map((p) => ({id: p.id ?? p.market.toLowerCase(), iso2: p.market})),
  );
  const gaps: CoverageGap[] = [];
  const seen = new Set<string>();
  for (let month = firstMonth; month <= lastMonth; month++) {
    const day = firstDayOfMonth(month);
    // the edition in force (C-10) unless one is forced; none before the first edition
    let edition = forced;
    if (edition < 0)
      cards.rates.forEach((e, k) => (e.effectiveDay <= day ? (edition = k) : undefined));
    const model = fixedModel >= 0 ? fixedModel : modelInForceOnDay(day);
    if (edition < 0 || model < 0) continue; // before 2022-02-01: the kernel names the message
    const rates = cards.rates[edition]!;
    const era = marketEraOfDay(markets, day);
    for (const {id, iso2} of populations) {
      let country = markets.countries.findIndex((c) => c.iso2s.includes(iso2));
      if (country < 0) country = markets.unlistedCountry;
      const market = markets.marketByEra[era * markets.countries.length + country]!;
      if (rates.hasMarket[market] === 1) continue;
      const key = `${market}/${edition}`;
      if (seen.has(key)) continue;
      seen.add(key);
      gaps.push({
        market: markets.markets[market]!,
        population: id,
        iso2,
        edition: rates.effective,
        fromMonth: formatDayNumber(day),
      });
    }
  }
  return gaps;
}
