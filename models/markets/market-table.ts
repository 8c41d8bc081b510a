import {parseCsv} from "../csv.ts";
import {isFirstOfMonth, parseIsoDate, formatDayNumber} from "../calendar/civil-date.ts";
import {createProblemList, InputError} from "../input-error.ts";

/** The market a number maps to when no row matches (C-7: "If a country is not listed ..."). */
export const OTHER_MARKET = "Other";

/** A country of markets.csv: its prefixes never change, only the market it belongs to. */
export interface Country {
  /** Country name; countries that share every prefix (US and Canada on `1`) are one entry. */
  name: string;
  /** ISO 3166-1 alpha-2 codes of the country (two for `United States / Canada`). */
  iso2s: readonly string[];
  prefixes: readonly string[];
  /** Market index from `fromDay` (inclusive local date) on, sorted by `fromDay`. */
  segments: readonly {fromDay: number; market: number}[];
}

/**
 * Market attribution data (C-7), compiled from markets.csv: countries with their prefixes and
 * dated markets, the market dictionary, and the eras between regroupings.
 */
export interface MarketTable {
  /** Market names; index = market code. Includes `Other`. */
  markets: readonly string[];
  /** Countries; the last one is the synthetic unlisted country (no prefix, always Other). */
  countries: readonly Country[];
  /** Index of the synthetic unlisted country. */
  unlistedCountry: number;
  /** Longest prefix length in the table. */
  maxPrefixLength: number;
  /** Prefix digits → country index. */
  countryByPrefix: ReadonlyMap<string, number>;
  /** Day numbers where some country changes market (sorted); era k starts at eraStarts[k-1]. */
  eraStarts: readonly number[];
  /** Market code by era and country: `marketByEra[era * countries.length + country]`. */
  marketByEra: Uint16Array;
}

const HEADER = ["country", "iso2", "prefixes", "market", "valid_from", "valid_to"] as const;
const EARLIEST_DAY = -Infinity;

/**
 * Loads and validates markets.csv: every country keeps one prefix set, its rows cover time
 * without gaps or overlaps, regroupings start a month (the engine's calendar is monthly), and no
 * prefix belongs to two countries.
 * @throws InputError listing every problem with `file:line#field`.
 */
export function loadMarketTable(text: string, file = "markets.csv"): MarketTable {
  const rows = parseCsv(text, file, HEADER);
  const problems = createProblemList();
  const markets: string[] = [OTHER_MARKET];
  const marketCode = new Map<string, number>([[OTHER_MARKET, 0]]);
  const byCountry = new Map<
    string,
    {
      name: string;
      iso2s: string[];
      prefixes: string[];
      spans: {from: number; to: number; market: number; line: number}[];
    }
  >();

  for (const {line, cells} of rows) {
    const at = (field: string) => `${file}:${line}#${field}`;
    const prefixes = cells.prefixes!.split(/\s+/).filter((p) => p !== "");
    if (prefixes.length === 0 || prefixes.some((p) => !/^\d{1,6}$/.test(p))) {
      problems.add({
        path: at("prefixes"),
        message: "invalid prefixes",
        value: cells.prefixes,
        expected: "space-separated digit strings",
      });
      continue;
    }
    const from = cells.valid_from === "" ? EARLIEST_DAY : parseIsoDate(cells.valid_from!);
    const toDay = cells.valid_to === "" ? Infinity : parseIsoDate(cells.valid_to!);
    if (from === undefined)
      problems.add({
        path: at("valid_from"),
        message: "invalid date",
        value: cells.valid_from,
        expected: "YYYY-MM-DD",
      });
    if (toDay === undefined)
      problems.add({
        path: at("valid_to"),
        message: "invalid date",
        value: cells.valid_to,
        expected: "YYYY-MM-DD",
      });
    if (from === undefined || toDay === undefined) continue;
    const to = toDay + 1; // half-open
    if (Number.isFinite(from) && !isFirstOfMonth(from)) {
      problems.add({
        path: at("valid_from"),
        message: "regrouping not on a month start",
        value: cells.valid_from,
        expected: "the first day of a month",
      });
    }
    if (Number.isFinite(to) && !isFirstOfMonth(to)) {
      problems.add({
        path: at("valid_to"),
        message: "regrouping not on a month end",
        value: cells.valid_to,
        expected: "the last day of a month",
      });
    }
    const marketName = cells.market!;
    if (!marketCode.has(marketName)) {
      marketCode.set(marketName, markets.length);
      markets.push(marketName);
    }
    const key = cells.iso2!;
    let country = byCountry.get(key);
    if (country === undefined) {
      country = {name: cells.country!, iso2s: [key], prefixes, spans: []};
      byCountry.set(key, country);
    } else if (country.prefixes.join(" ") !== prefixes.join(" ")) {
      problems.add({
        path: at("prefixes"),
        message: "prefixes differ between rows of one country",
        value: cells.prefixes,
        expected: country.prefixes.join(" "),
      });
    }
    country.spans.push({from, to, market: marketCode.get(marketName)!, line});
  }

  const countries: Country[] = [];
  const countryByPrefix = new Map<string, number>();
  const eraStartSet = new Set<number>();
  for (const country of mergeSharedPrefixes([...byCountry.values()])) {
    const spans = [...country.spans].sort((a, b) => a.from - b.from);
    let expectedFrom = EARLIEST_DAY;
    for (const span of spans) {
      if (span.from !== expectedFrom) {
        const expected = Number.isFinite(expectedFrom)
          ? formatDayNumber(expectedFrom)
          : "an open start";
        problems.add({
          path: `${file}:${span.line}#valid_from`,
          message: "rows of a country leave a gap or overlap",
          value: span.from === EARLIEST_DAY ? "" : formatDayNumber(span.from),
          expected,
        });
      }
      expectedFrom = span.to;
      if (Number.isFinite(span.from)) eraStartSet.add(span.from);
    }
    if (expectedFrom !== Infinity) {
      problems.add({
        path: `${file}:${spans.at(-1)!.line}#valid_to`,
        message: "the last row of a country must be open-ended",
        value: formatDayNumber(expectedFrom - 1),
      });
    }
    const index = countries.length;
    for (const prefix of country.prefixes) {
      const other = countryByPrefix.get(prefix);
      if (other !== undefined) {
        problems.add({
          path: `${file}:${spans[0]!.line}#prefixes`,
          message: "prefix belongs to two countries",
          value: prefix,
          expected: `not also ${countries[other]!.name}`,
        });
      }
      countryByPrefix.set(prefix, index);
    }
    countries.push({
      name: country.name,
      iso2s: country.iso2s,
      prefixes: country.prefixes,
      segments: spans.map((s) => ({fromDay: s.from, market: s.market})),
    });
  }
  problems.throwIfAny();
  if (countries.length >= 0xffff)
    throw new InputError({path: file, message: "too many countries", value: countries.length});

  const unlistedCountry = countries.length;
  countries.push({
    name: "unlisted",
    iso2s: [],
    prefixes: [],
    segments: [{fromDay: EARLIEST_DAY, market: 0}],
  });
  const eraStarts = [...eraStartSet].sort((a, b) => a - b);
  const marketByEra = new Uint16Array((eraStarts.length + 1) * countries.length);
  for (let era = 0; era <= eraStarts.length; era++) {
    const day = era === 0 ? EARLIEST_DAY : eraStarts[era - 1]!;
    countries.forEach((country, c) => {
      let market = country.segments[0]!.market;
      for (const segment of country.segments) if (segment.fromDay <= day) market = segment.market;
      marketByEra[era * countries.length + c] = market;
    });
  }
  const maxPrefixLength = Math.max(...[...countryByPrefix.keys()].map((p) => p.length));
  return {
    markets,
    countries,
    unlistedCountry,
    maxPrefixLength,
    countryByPrefix,
    eraStarts,
    marketByEra,
  };
}

type CountryRows = {
  name: string;
  iso2s: string[];
  prefixes: string[];
  spans: {from: number; to: number; market: number; line: number}[];
};

/**
 * Merges countries that share the same prefixes and the same dated markets (United States and
 * Canada on `1`): a number cannot tell them apart, and both bill alike. Countries that share a
 * prefix but differ in market stay apart, and the duplicate-prefix check reports them.
 */
function mergeSharedPrefixes(countries: CountryRows[]): CountryRows[] {
  const merged = new Map<string, CountryRows>();
  const out: CountryRows[] = [];
  for (const country of countries) {
    const history = country.spans
      .map((s) => `${s.from}:${s.to}:${s.market}`)
      .sort()
      .join(",");
    const key = `${country.prefixes.join(" ")}|${history}`;
    const twin = merged.get(key);
    if (twin === undefined) {
      const copy = {...country, iso2s: [...country.iso2s]};
      merged.set(key, copy);
      out.push(copy);
    } else {
      twin.name = `${twin.name} / ${country.name}`;
      twin.iso2s.push(...country.iso2s);
    }
  }
  return out;
}
