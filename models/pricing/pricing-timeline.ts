import {CATEGORY_COUNT} from "../codes.ts";
import {
  CALENDAR_FIRST_MONTH,
  CALENDAR_MONTHS,
  firstDayOfMonth,
  formatDayNumber,
  parseIsoDate,
} from "../calendar/index.ts";
import {InputError} from "../input-error.ts";
import {marketEraOfDay} from "../markets/index.ts";
import type {MarketTable} from "../markets/index.ts";
import type {RateCardSet} from "../rate-cards/index.ts";
import {AUTO_PRICING, maybePricingModel, modelInForceOnDay} from "./pricing-model.ts";
import {DAY_MS, FEP_72H_MS} from "./free-entry-point.ts";
import {TIERS_STALE, TIERS_UNLISTED, TIERS_USABLE} from "./volume-tier.ts";

/** CBP22-5: the FEP conversation lasts 72 h from this local date, 24 h before. */
const FEP_72H_FROM_DAY = parseIsoDate("2023-03-01")!;

/**
 * What applies in each local month of the engine's calendar: the pricing model (R-1, or the one
 * forced), the rates edition (C-10, or the one forced), the volume-tier edition, the market era
 * (C-7 regroupings) and the cbp-2022-02 FEP length. Every change in the data falls on a month
 * start (the loaders check it), so a month is the unit. Index: month index - CALENDAR_FIRST_MONTH.
 */
export interface PricingTimeline {
  /** Pricing-model code, -1 where none is in force (before 2022-02-01 under auto). */
  model: Int8Array;
  /** Rates edition index, -1 where none is in force. */
  ratesEdition: Int8Array;
  /** Volume-tier edition index, -1 where none is in force. */
  tierEdition: Int8Array;
  marketEra: Uint8Array;
  cbp22FepMs: Float64Array;
  /**
   * Whether tiers apply, by (rates edition, tier edition): `tiersUsable[r * tierEditions + t]
   * [market * CATEGORY_COUNT + category]` is TIERS_USABLE, TIERS_STALE or TIERS_UNLISTED.
   */
  tiersUsable: readonly Uint8Array[];
}

/** Options of a billing run (formats.md §4). */
export interface PricingOptions {
  /** `auto` or a model id. */
  pricing?: string;
  /** `auto` or the effective date of a rates edition. */
  rates?: string;
}

/**
 * Compiles the per-month timeline for the options.
 * @throws InputError for an unknown model id or an edition date that no edition has.
 */
export function createPricingTimeline(
  cards: RateCardSet,
  markets: MarketTable,
  options: PricingOptions,
): PricingTimeline {
  const fixedModel = maybePricingModel(options.pricing ?? "auto");
  const forcedRates =
    options.rates === undefined || options.rates === "auto"
      ? -1
      : cards.rates.findIndex((e) => e.effective === options.rates);
  if (options.rates !== undefined && options.rates !== "auto" && forcedRates < 0) {
    throw new InputError({
      path: "--rates",
      message: "no rates edition with that date",
      value: options.rates,
      expected: `auto or one of ${cards.rates.map((e) => e.effective).join(", ")}`,
    });
  }
  const months = CALENDAR_MONTHS;
  const timeline: PricingTimeline = {
    model: new Int8Array(months),
    ratesEdition: new Int8Array(months),
    tierEdition: new Int8Array(months),
    marketEra: new Uint8Array(months),
    cbp22FepMs: new Float64Array(months),
    tiersUsable: [],
  };
  const latestOnOrBefore = (editions: readonly {effectiveDay: number}[], day: number) => {
    let found = -1;
    editions.forEach((edition, k) => {
      if (edition.effectiveDay <= day) found = k;
    });
    return found;
  };
  // Tiers follow the rates edition's date when it is forced (a what-if "under card X").
  const forcedTierDay = forcedRates >= 0 ? cards.rates[forcedRates]!.effectiveDay : undefined;
  for (let k = 0; k < months; k++) {
    const day = firstDayOfMonth(CALENDAR_FIRST_MONTH + k);
    timeline.model[k] = fixedModel === AUTO_PRICING ? modelInForceOnDay(day) : fixedModel;
    timeline.ratesEdition[k] = forcedRates >= 0 ? forcedRates : latestOnOrBefore(cards.rates, day); // C-10
    timeline.tierEdition[k] = latestOnOrBefore(cards.tiers, forcedTierDay ?? day); // C-9
    timeline.marketEra[k] = marketEraOfDay(markets, day); // C-7
    timeline.cbp22FepMs[k] = day < FEP_72H_FROM_DAY ? DAY_MS : FEP_72H_MS; // CBP22-5
  }
  timeline.tiersUsable = cards.rates.flatMap((edition) =>
    cards.tiers.map((tiers) => {
      const usable = new Uint8Array(markets.markets.length * CATEGORY_COUNT);
      for (let key = 0; key < usable.length; key++) {
        const first = tiers.firstBand[key]!;
        if (first < 0) usable[key] = TIERS_UNLISTED;
        else
          usable[key] =
            tiers.bandRateMicros[first] === edition.ratesMicros[key] ? TIERS_USABLE : TIERS_STALE;
      }
      return usable;
    }),
  );
  return timeline;
}

/** The local date a timeline month starts on, for messages. */
export function timelineMonthLabel(k: number): string {
  return formatDayNumber(firstDayOfMonth(CALENDAR_FIRST_MONTH + k));
}
