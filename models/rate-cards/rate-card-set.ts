import {CATEGORY, CATEGORY_COUNT} from "../codes.ts";
import type {Category} from "../codes.ts";
import {parseCsv} from "../csv.ts";
import {isFirstOfMonth, parseIsoDate} from "../calendar/civil-date.ts";
import {createProblemList, InputError} from "../input-error.ts";
import {MoneyError, parseMicros} from "../money/index.ts";
import type {MarketTable} from "../markets/index.ts";

/** Rate-card columns, in CATEGORY codes (referral_conversion has no rate). */
export const RATE_COLUMNS = [
  "marketing",
  "utility",
  "authentication",
  "authentication_international",
  "service",
  "user_initiated",
  "business_initiated",
] as const satisfies readonly Category[];
const RATES_HEADER = ["market", ...RATE_COLUMNS] as const;
const TIERS_HEADER = ["market", "category", "tier", "from", "to", "rate"] as const;
const TIER_CATEGORIES: readonly Category[] = [
  "utility",
  "authentication",
  "authentication_international",
];

/** Provenance of one data file, as in editions.json. */
export interface EditionInfo {
  effective: string;
  file: string;
  unit: "conversation" | "message";
  currency: string;
  trust: string;
  source: string;
  notes: string;
}

/** One rates edition: micro-unit rates by market and category, -1 where the cell is empty. */
export interface RateEdition extends EditionInfo {
  effectiveDay: number;
  /** `ratesMicros[market * CATEGORY_COUNT + category]`; -1 = empty cell. */
  ratesMicros: Int32Array;
  /** 1 where the edition has a row for the market. */
  hasMarket: Uint8Array;
}

/**
 * One volume-tier edition (C-9): for each (market, category) the bands `[from, to)` over the count
 * of messages already charged this month, flattened into parallel arrays.
 */
export interface TierEdition extends EditionInfo {
  effectiveDay: number;
  /** First band of `market * CATEGORY_COUNT + category` in the flat arrays; -1 = not listed. */
  firstBand: Int32Array;
  bandCount: Uint8Array;
  bandFrom: Float64Array;
  bandRateMicros: Int32Array;
}

/** Every shipped edition, sorted by effective date. */
export interface RateCardSet {
  rates: readonly RateEdition[];
  tiers: readonly TierEdition[];
  currency: string;
}

/**
 * Loads editions.json and the files it lists, validating every value (rate-cards README
 * "How the engine picks an edition" 5): unlisted or missing files, duplicate markets or tier keys,
 * unknown markets, non-decimal or too-fine rates, non-contiguous tiers, and effective dates off a
 * month start (the engine's calendar is monthly).
 * @throws InputError listing every problem with `file:line#field`.
 */
export function loadRateCards(
  editionsJson: string,
  files: ReadonlyMap<string, string>,
  markets: MarketTable,
): RateCardSet {
  const problems = createProblemList();
  let list: unknown;
  try {
    list = JSON.parse(editionsJson);
  } catch (error) {
    throw new InputError({path: "editions.json", message: "invalid JSON", value: String(error)});
  }
  if (!Array.isArray(list))
    throw new InputError({path: "editions.json", message: "not a list of editions"});
  const marketCode = new Map(markets.markets.map((name, i) => [name, i] as const));
  const rates: RateEdition[] = [];
  const tiers: TierEdition[] = [];
  const currencies = new Set<string>();

  list.forEach((entry: Partial<EditionInfo>, k) => {
    const at = `editions.json#/${k}`;
    const effectiveDay = parseIsoDate(String(entry.effective));
    if (effectiveDay === undefined || !isFirstOfMonth(effectiveDay)) {
      problems.add({
        path: `${at}/effective`,
        message: "invalid effective date",
        value: entry.effective,
        expected: "YYYY-MM-01",
      });
      return;
    }
    if (entry.unit !== "conversation" && entry.unit !== "message") {
      problems.add({
        path: `${at}/unit`,
        message: "invalid unit",
        value: entry.unit,
        expected: "conversation or message",
      });
      return;
    }
    const file = String(entry.file);
    const text = files.get(file);
    if (text === undefined) {
      problems.add({path: `${at}/file`, message: "file not found", value: file});
      return;
    }
    const info = {...(entry as EditionInfo), file};
    currencies.add(info.currency);
    try {
      if (file.startsWith("rates-"))
        rates.push(parseRates(info, effectiveDay, text, marketCode, problems.add));
      else if (file.startsWith("volume-tiers-"))
        tiers.push(parseTiers(info, effectiveDay, text, marketCode, problems.add));
      else
        problems.add({
          path: `${at}/file`,
          message: "unknown kind of file",
          value: file,
          expected: "rates-*.csv or volume-tiers-*.csv",
        });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      error.problems.forEach(problems.add);
    }
  });
  for (const name of files.keys()) {
    if (
      /^(rates|volume-tiers)-/.test(name) &&
      !list.some((e: Partial<EditionInfo>) => e.file === name)
    ) {
      problems.add({path: name, message: "file not listed in editions.json"});
    }
  }
  if (currencies.size > 1)
    problems.add({
      path: "editions.json",
      message: "mixed currencies",
      value: [...currencies].join(", "),
      expected: "one currency (C-13)",
    });
  problems.throwIfAny();
  rates.sort((a, b) => a.effectiveDay - b.effectiveDay);
  tiers.sort((a, b) => a.effectiveDay - b.effectiveDay);
  return {rates, tiers, currency: [...currencies][0] ?? "USD"};
}

type AddProblem = (problem: {
  path: string;
  message: string;
  value?: unknown;
  expected?: string;
}) => void;

function parseRateCell(text: string, path: string, add: AddProblem): number {
  try {
    return parseMicros(text);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    add({path, message: error.message, value: text, expected: "a decimal with at most 6 places"});
    return -1;
  }
}

function parseRates(
  info: EditionInfo,
  effectiveDay: number,
  text: string,
  marketCode: ReadonlyMap<string, number>,
  add: AddProblem,
): RateEdition {
  const marketCount = marketCode.size;
  const ratesMicros = new Int32Array(marketCount * CATEGORY_COUNT).fill(-1);
  const hasMarket = new Uint8Array(marketCount);
  for (const {line, cells} of parseCsv(text, info.file, RATES_HEADER)) {
    const market = marketCode.get(cells.market!);
    if (market === undefined) {
      add({
        path: `${info.file}:${line}#market`,
        message: "unknown market",
        value: cells.market,
        expected: "a market of markets.csv",
      });
      continue;
    }
    if (hasMarket[market] === 1)
      add({path: `${info.file}:${line}#market`, message: "duplicate market", value: cells.market});
    hasMarket[market] = 1;
    for (const column of RATE_COLUMNS) {
      const cell = cells[column]!;
      if (cell !== "")
        ratesMicros[market * CATEGORY_COUNT + CATEGORY[column]] = parseRateCell(
          cell,
          `${info.file}:${line}#${column}`,
          add,
        );
    }
  }
  return {...info, effectiveDay, ratesMicros, hasMarket};
}

function parseTiers(
  info: EditionInfo,
  effectiveDay: number,
  text: string,
  marketCode: ReadonlyMap<string, number>,
  add: AddProblem,
): TierEdition {
  const keyCount = marketCode.size * CATEGORY_COUNT;
  const bands = new Map<
    number,
    {tier: number; from: number; to: number; rate: number; line: number}[]
  >();
  for (const {line, cells} of parseCsv(text, info.file, TIERS_HEADER)) {
    const at = (field: string) => `${info.file}:${line}#${field}`;
    const market = marketCode.get(cells.market!);
    const category = cells.category as Category;
    if (market === undefined)
      add({path: at("market"), message: "unknown market", value: cells.market});
    if (!TIER_CATEGORIES.includes(category))
      add({
        path: at("category"),
        message: "invalid tier category",
        value: cells.category,
        expected: TIER_CATEGORIES.join(", "),
      });
    const tier = Number(cells.tier);
    const from = Number(cells.from);
    const to = cells.to === "" ? Infinity : Number(cells.to);
    if (!/^\d+$/.test(cells.tier!))
      add({path: at("tier"), message: "invalid tier", value: cells.tier, expected: "0, 1, 2, ..."});
    if (!/^\d+$/.test(cells.from!))
      add({
        path: at("from"),
        message: "invalid tier bound",
        value: cells.from,
        expected: "a whole number",
      });
    if (cells.to !== "" && !/^\d+$/.test(cells.to!))
      add({
        path: at("to"),
        message: "invalid tier bound",
        value: cells.to,
        expected: "a whole number or empty",
      });
    const rate = parseRateCell(cells.rate!, at("rate"), add);
    if (market === undefined || !TIER_CATEGORIES.includes(category)) continue;
    const key = market * CATEGORY_COUNT + CATEGORY[category];
    const list = bands.get(key) ?? [];
    list.push({tier, from, to, rate, line});
    bands.set(key, list);
  }
  const firstBand = new Int32Array(keyCount).fill(-1);
  const bandCount = new Uint8Array(keyCount);
  const from: number[] = [];
  const rates: number[] = [];
  for (const [key, list] of [...bands].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.tier - b.tier);
    list.forEach((band, k) => {
      const at = (field: string) => `${info.file}:${band.line}#${field}`;
      if (band.tier !== k)
        add({
          path: at("tier"),
          message: "duplicate or missing tier",
          value: band.tier,
          expected: String(k),
        });
      const previous = list[k - 1];
      if (previous === undefined && band.from !== 0)
        add({path: at("from"), message: "invalid tier bound", value: band.from, expected: "0"});
      if (previous !== undefined && band.from !== previous.to)
        add({
          path: at("from"),
          message: "invalid tier bound",
          value: band.from,
          expected: `= previous to (${previous.to})`,
        });
      if (band.to <= band.from)
        add({
          path: at("to"),
          message: "invalid tier bound",
          value: band.to,
          expected: `> from (${band.from})`,
        });
      if (k === list.length - 1 && band.to !== Infinity)
        add({path: at("to"), message: "last tier must be open-ended", value: band.to});
    });
    firstBand[key] = from.length;
    bandCount[key] = list.length;
    for (const band of list) {
      from.push(band.from);
      rates.push(band.rate);
    }
  }
  return {
    ...info,
    effectiveDay,
    firstBand,
    bandCount,
    bandFrom: Float64Array.from(from),
    bandRateMicros: Int32Array.from(rates),
  };
}
