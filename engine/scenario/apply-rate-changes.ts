import {CATEGORY, CATEGORY_COUNT} from "../../models/codes.ts";
import {InputError} from "../../models/input-error.ts";
import type {MarketTable} from "../../models/markets/index.ts";
import type {RateCardSet} from "../../models/rate-cards/index.ts";
import type {RateChange, RateChangeAmount} from "../../models/scenario/index.ts";

/** The largest rate a changed cell may hold (the kernel's Int32Array of micro-units). */
const MAX_RATE_MICROS = 2 ** 31 - 1;

/**
 * Rate cards with the changes applied, as copies: every rates edition that prices the market
 * gets its cell changed (an empty cell stays empty under a percentage and is filled by an
 * absolute rate), and every volume-tier edition's bands for that market and category change
 * alike, so tier 0 keeps equalling the list rate (rate-cards README 4). A percentage rounds each
 * rate half up to whole micro-units: `round(micros x (1e6 + ppm) / 1e6)`, in exact integers.
 * Editions without changes are shared, not copied; the shipped data is never modified.
 * O(changes x editions + bands).
 * @throws InputError for a market the table does not know or a rate beyond the kernel's range.
 * @example applyRateChanges(cards, markets, [{market: "India", category: "marketing", change: {kind: "percent", ppm: 150000}, label: "IN marketing +15%"}]).rates[4].ratesMicros // India marketing x 1.15
 */
export function applyRateChanges(
  cards: RateCardSet,
  markets: MarketTable,
  changes: readonly RateChange[],
): RateCardSet {
  if (changes.length === 0) return cards;
  const rates = cards.rates.map((edition) => ({
    ...edition,
    ratesMicros: edition.ratesMicros.slice(),
  }));
  const tiers = cards.tiers.map((edition) => ({
    ...edition,
    bandRateMicros: edition.bandRateMicros.slice(),
  }));
  for (const change of changes) {
    const market = markets.markets.indexOf(change.market);
    if (market < 0) {
      throw new InputError({
        path: `rates/${change.market}`,
        message: "unknown market",
        value: change.market,
      });
    }
    const key = market * CATEGORY_COUNT + CATEGORY[change.category];
    for (const edition of rates) {
      if (edition.hasMarket[market] !== 1) continue;
      const old = edition.ratesMicros[key]!;
      if (old < 0 && change.change.kind === "percent") continue;
      edition.ratesMicros[key] = changedRate(old, change.change, change.label);
    }
    for (const edition of tiers) {
      const first = edition.firstBand[key]!;
      if (first < 0) continue;
      const count = edition.bandCount[key]!;
      const tier0 = edition.bandRateMicros[first]!;
      const target = changedRate(tier0, change.change, change.label);
      for (let band = 0; band < count; band++) {
        const old = edition.bandRateMicros[first + band]!;
        edition.bandRateMicros[first + band] =
          change.change.kind === "percent"
            ? changedRate(old, change.change, change.label)
            : tier0 === 0
              ? target
              : Math.round((old * target) / tier0);
      }
    }
  }
  return {...cards, rates, tiers};
}

/** One changed rate in micro-units. */
function changedRate(oldMicros: number, change: RateChangeAmount, label: string): number {
  const micros =
    change.kind === "set"
      ? change.micros
      : Number(
          (BigInt(Math.max(0, oldMicros)) * BigInt(1_000_000 + change.ppm) + 500_000n) / 1_000_000n,
        );
  if (micros > MAX_RATE_MICROS) {
    throw new InputError({
      path: `rates (${label})`,
      message: "changed rate out of range",
      value: micros / 1e6,
    });
  }
  return micros;
}
