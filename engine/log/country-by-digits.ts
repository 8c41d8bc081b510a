import {countryOf} from "../../models/markets/index.ts";
import type {MarketTable} from "../../models/markets/index.ts";
import {createNumberIndex} from "./number-index.ts";

/** 10^k for k in [0, 16]: every power is exact in a double. */
const POW10 = Array.from({length: 17}, (_, k) => 10 ** k);

/** How many digits a whole number below 10^16 has (at least 1). @example digitCountOf(5511987654321) // => 13 */
export function digitCountOf(value: number): number {
  let count = 1;
  while (count < 16 && value >= POW10[count]!) count++;
  return count;
}

/**
 * Creates the market-attribution country of an E.164 number given as the value of its digits,
 * the same as `countryOf(markets, "+" + digits)` (longest listed prefix wins), without a string.
 * NOTE (perf): the reader calls it once per new user; prefixes are numbers in a hash table
 * (`value * 32 + length`), so no slice or Map lookup by string per candidate prefix.
 * @example countryByDigits(5511987654321, 13) // => the country of prefix "55"
 */
export function createCountryByDigits(
  markets: MarketTable,
): (value: number, digitCount: number) => number {
  // keys stay exact below 2^53 for prefixes of up to 12 digits (listed ones have at most 4)
  if (markets.maxPrefixLength > 12)
    return (value, digitCount) => countryOf(markets, "+" + String(value).padStart(digitCount, "0"));
  const byPrefix = createNumberIndex(markets.countryByPrefix.size);
  for (const [prefix, country] of markets.countryByPrefix) {
    // a number's digits start with 1-9: a prefix with a leading 0 or a non-digit never matches
    if (/^[1-9]\d*$/.test(prefix)) byPrefix.set(Number(prefix) * 32 + prefix.length, country);
  }
  const maxLength = markets.maxPrefixLength;
  return function countryByDigits(value, digitCount) {
    for (let length = Math.min(maxLength, digitCount); length > 0; length--) {
      // exact: the quotient of two integers below 2^53 never rounds up to the next integer
      const prefix = Math.floor(value / POW10[digitCount - length]!);
      const country = byPrefix.get(prefix * 32 + length);
      if (country >= 0) return country;
    }
    return markets.unlistedCountry;
  };
}
