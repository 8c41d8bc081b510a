import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {compileBillingData} from "../../../engine/index.ts";
import {createCountryByDigits} from "../../../engine/log/country-by-digits.ts";
import {readShippedData} from "../../../io/index.ts";
import {countryOf} from "../../../models/markets/index.ts";

const {markets} = compileBillingData(readShippedData());

describe("createCountryByDigits", () => {
  const countryByDigits = createCountryByDigits(markets);
  const check = (digits: string): void =>
    expect(countryByDigits(Number(digits), digits.length)).toBe(countryOf(markets, "+" + digits));

  it("countryByDigits(value, count) is countryOf('+' + digits) for every listed prefix, padded", () => {
    for (const prefix of markets.countryByPrefix.keys()) {
      if (!/^[1-9]/.test(prefix)) continue;
      for (const tail of ["", "0", "9", "0000", "12345", "99999999", "00000000000"])
        if (prefix.length + tail.length <= 15) check(prefix + tail);
    }
  });

  it("countryByDigits(value, count) is countryOf('+' + digits) for E.164 numbers", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{4,14}$/), (digits) => {
        check(digits);
      }),
      {numRuns: 2000},
    );
  });
});
