import {lastAtOrBelow} from "../calendar/last-at-or-below.ts";
import type {MarketTable} from "./market-table.ts";

/**
 * The country of an E.164 number by the longest matching prefix (C-7); the unlisted country if
 * none matches. Countries keep their prefixes for ever, so this is fixed per number and computed
 * once per user, outside any hot loop.
 * @example countryOf(table, "+18095551234") // => index of Dominican Republic, not United States
 */
export function countryOf(table: MarketTable, e164: string): number {
  const digits = e164.startsWith("+") ? e164.slice(1) : e164;
  for (let length = Math.min(table.maxPrefixLength, digits.length); length > 0; length--) {
    const country = table.countryByPrefix.get(digits.slice(0, length));
    if (country !== undefined) return country;
  }
  return table.unlistedCountry;
}

/**
 * Era index of a local day: the number of regroupings that took effect on or before it.
 * O(log k) by bisection over the sorted era starts.
 */
export function marketEraOfDay(table: MarketTable, day: number): number {
  return lastAtOrBelow(table.eraStarts, day) + 1;
}

/** Market code of a country on a local day. */
export function marketOn(table: MarketTable, country: number, day: number): number {
  return table.marketByEra[marketEraOfDay(table, day) * table.countries.length + country]!;
}
