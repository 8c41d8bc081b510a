import {
  compileBillingData,
  createBillingKernel,
  createMessageBatch,
  formatIsoInstant,
} from "../../engine/index.ts";
import type {BillingWarning, RateCardTexts} from "../../engine/index.ts";
import {createRandomStreams} from "../../engine/sim/index.ts";
import {compileAccounts, parseAccounts} from "../../models/accounts/index.ts";
import {dayNumber, startOfLocalDay} from "../../models/calendar/index.ts";
import {
  CATEGORY_NAMES,
  CHARGE_TYPE_NAMES,
  TEMPLATE_CATEGORY_NAMES,
  TEMPLATE_TYPE,
} from "../../models/codes.ts";
import {countryOf, marketOn} from "../../models/markets/index.ts";
import {formatMicros} from "../../models/money/index.ts";
import {createChargeColumns, PRICING_MODEL_IDS} from "../../models/pricing/index.ts";
import type {BillingContext} from "../../models/pricing/index.ts";
import {createNumberSequence, loadNumberingPlans} from "../../models/traffic/index.ts";
import type {NumberingPlans} from "../../models/traffic/index.ts";
import {ValidationError} from "../api/http-error.ts";
import {QUOTE_CATEGORIES} from "../api/schemas.ts";
import type {QuoteRequest} from "../api/schemas.ts";
import {separateContactsTraffic, timeAwareTraffic} from "./quote-traffic.ts";
import type {QuoteMonth, QuoteTraffic} from "./quote-traffic.ts";

/** One line of a bill: charge records of one category, type and volume tier. */
export interface QuoteLine {
  category: string;
  type: string;
  /** Volume tier (0 = list rate). */
  tier: number;
  pricingModel: string;
  records: number;
  billable: number;
  /** Exact amount, e.g. "12.3456". */
  amount: string;
  /** The rate of these records (amount / billable), e.g. "0.0625"; "0" when none is billable. */
  rate: string;
}

/** The bill of one synthetic month, summed per charge category. */
export interface QuoteCategoryTotal {
  category: string;
  /** Charge records (messages under per-message pricing, conversations under CBP). */
  records: number;
  billable: number;
  /** Records that cost nothing (free tier, free entry point, customer service window). */
  free: number;
  amount: string;
  /** The list rate: the highest rate charged in the category ("0" when nothing was charged). */
  listRate: string;
  /** What a calculator that multiplies records by the list rate would say. */
  naiveAmount: string;
}

/** A month of messages billed by the engine. */
export interface QuoteBill {
  /** Messages the business sent, and user messages. */
  businessMessages: number;
  userMessages: number;
  contacts: number;
  total: string;
  naiveTotal: string;
  byCategory: QuoteCategoryTotal[];
  lines: QuoteLine[];
  warnings: BillingWarning[];
}

/** The answer of `POST /api/quote`. */
export interface QuoteResult {
  request: QuoteRequest;
  currency: string;
  /** The market the country's numbers are priced in that month. */
  market: string;
  timezone: string;
  /** Each message to a fresh contact: list prices, free allowances and volume tiers only. */
  exact: QuoteBill;
  /** The same volumes spread over customers and days as a real business sends them. */
  simulated: QuoteBill;
}

/** What the quoter needs: the rate cards and the numbering plans (texts, read by the adapter). */
export interface QuoterData {
  rateCards: RateCardTexts;
  numberingPlansCsv: string;
}

/** Bills a month of message volumes exactly, as a calculator should. */
export interface Quoter {
  quote(request: QuoteRequest): QuoteResult;
  /**
   * A quote's synthetic month as `walab bill` reads it: the accounts file (JSON) and the message
   * log (NDJSON), for the separate-contacts (`exact`) or the time-aware month.
   */
  messageLog(
    request: QuoteRequest,
    kind: "exact" | "time-aware",
  ): {accounts: string; messages: string};
}

/**
 * Creates the quick-quote calculator. A quote builds two synthetic message logs for the month
 * (in the country's main timezone, one business with one WABA and one phone there) and bills both
 * with the billing kernel: the separate-contacts log gives what the volumes cost at list prices
 * with the month's free allowances and volume tiers (nothing approximated), the time-aware log
 * how overlapping windows and conversations change that. O(messages log messages).
 * @throws ValidationError (422) for a country without a numbering plan or a month outside the calendar.
 * @throws InputError (422 at the server) when no model or rate card prices the month or market.
 * @example createQuoter(data).quote({country: "BR", month: "2026-11", pricing: "auto", rates: "auto", volumes: {marketing: 1000, utility: 0, authentication: 0, service: 0}, seed: 1}).exact.total // => "62.5"
 */
export function createQuoter(data: QuoterData): Quoter {
  let plans: NumberingPlans | undefined;

  function prepare(request: QuoteRequest) {
    const {markets, cards} = compileBillingData(data.rateCards);
    plans ??= loadNumberingPlans(data.numberingPlansCsv, "models/traffic/numbering-plans.csv");
    const plan = plans.get(request.country);
    if (plan === undefined) {
      throw new ValidationError([
        {
          path: "country",
          message: `no numbering plan for ${request.country} (expected one of: ${[...plans.keys()].sort().join(", ")})`,
        },
      ]);
    }
    const month = quoteMonth(request.month, plan.timeZone);
    const userNumber = createNumberSequence(plan, 0x5eed);
    const businessPhone = createNumberSequence(plan, 0xb0b)(0);
    const accountsText = JSON.stringify({
      businesses: [
        {
          id: "quote",
          country: plan.iso2,
          wabas: [{id: "quote", timezone: plan.timeZone, currency: "USD", phones: [businessPhone]}],
        },
      ],
    });
    const messages = QUOTE_CATEGORIES.reduce((sum, c) => sum + request.volumes[c], 0);
    const contacts = request.contacts ?? Math.max(100, Math.ceil(messages / 4));
    const traffic = (kind: "exact" | "time-aware") =>
      kind === "exact"
        ? separateContactsTraffic(request.volumes, month)
        : timeAwareTraffic(request.volumes, month, {
            contacts,
            random: createRandomStreams(request.seed).stream(
              `quote/${request.country}/${request.month}`,
            ),
          });
    return {markets, cards, plan, month, userNumber, accountsText, traffic};
  }

  return {
    quote(request) {
      const {markets, cards, plan, month, userNumber, accountsText, traffic} = prepare(request);
      const context: BillingContext = {
        accounts: compileAccounts(parseAccounts(accountsText, "quote accounts")),
        markets,
        cards,
      };
      const numbers: string[] = [];
      const countries: number[] = [];
      const bill = (log: QuoteTraffic) => {
        for (let u = numbers.length; u < log.users; u++) {
          numbers.push(userNumber(u));
          countries.push(countryOf(markets, numbers[u]!));
        }
        return billTraffic(context, log, numbers, countries, request);
      };
      const exact = bill(traffic("exact"));
      const simulated = bill(traffic("time-aware"));
      return {
        request,
        currency: cards.currency,
        market:
          exact.market ??
          markets.markets[marketOn(markets, countryOf(markets, userNumber(0)), month.firstDay)] ??
          "",
        timezone: plan.timeZone,
        exact: exact.bill,
        simulated: simulated.bill,
      };
    },
    messageLog(request, kind) {
      const {userNumber, accountsText, traffic} = prepare(request);
      const log = traffic(kind);
      const lines: string[] = [];
      for (let k = 0; k < log.length; k++) {
        const template = log.type[k] === 0;
        lines.push(
          JSON.stringify({
            id: `q${k}`,
            time: formatIsoInstant(log.tMs[k]!),
            user: userNumber(log.user[k]!),
            direction: log.direction[k] === 1 ? "outbound" : "inbound",
            type: template ? "template" : "text",
            ...(template ? {category: TEMPLATE_CATEGORY_NAMES[log.category[k]!]} : {}),
          }),
        );
      }
      return {accounts: accountsText, messages: lines.join("\n") + (lines.length > 0 ? "\n" : "")};
    },
  };
}

/** The local month `YYYY-MM` in a timezone. */
function quoteMonth(text: string, timeZone: string): QuoteMonth & {firstDay: number} {
  const [year, monthNumber] = text.split("-").map(Number) as [number, number];
  const first = dayNumber(year, monthNumber, 1);
  const next = monthNumber === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, monthNumber + 1, 1);
  if (!(year >= 2020 && year < 2040))
    throw new ValidationError([
      {path: "month", message: `outside the calendar: ${text} (expected 2020-01 to 2039-12)`},
    ]);
  const dayStartsMs = new Float64Array(next - first);
  for (let d = first; d < next; d++) dayStartsMs[d - first] = startOfLocalDay(timeZone, d);
  return {
    startMs: dayStartsMs[0]!,
    endMs: startOfLocalDay(timeZone, next),
    dayStartsMs,
    firstDay: first,
  };
}

const BATCH_ROWS = 65_536;

/** Bills a synthetic month in batches and sums its charges by (category, type, tier, model). */
function billTraffic(
  context: BillingContext,
  traffic: QuoteTraffic,
  numbers: string[],
  countries: number[],
  request: QuoteRequest,
): {bill: QuoteBill; market: string | undefined} {
  const kernel = createBillingKernel(context, {pricing: request.pricing, rates: request.rates});
  const batch = createMessageBatch(BATCH_ROWS, numbers, ["template", "text"]);
  batch.idPrefix = "q";
  const charges = createChargeColumns(BATCH_ROWS);
  const lines = new Map<string, {line: QuoteLine; micros: number}>();
  let market: string | undefined;
  let businessMessages = 0;
  for (let start = 0; start < traffic.length; start += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, traffic.length - start);
    batch.length = n;
    batch.idStart = start;
    for (let i = 0; i < n; i++) {
      const k = start + i;
      const user = traffic.user[k]!;
      batch.tMs[i] = traffic.tMs[k]!;
      batch.user[i] = user;
      batch.pair[i] = user; // one business phone: the pair is the user
      batch.country[i] = countries[user]!;
      batch.direction[i] = traffic.direction[k]!;
      batch.type[i] = traffic.type[k]! === 0 ? TEMPLATE_TYPE : 1;
      batch.category[i] = traffic.category[k]!;
      businessMessages += traffic.direction[k]!;
    }
    kernel.bill(batch, charges);
    for (let j = 0; j < charges.length; j++) {
      const category = CATEGORY_NAMES[charges.category[j]!]!;
      const type = CHARGE_TYPE_NAMES[charges.type[j]!]!;
      const tier = charges.tier[j]!;
      const pricingModel = PRICING_MODEL_IDS[charges.model[j]!] ?? "";
      market ??= context.markets.markets[charges.market[j]!];
      const key = `${category}|${type}|${tier}|${pricingModel}`;
      let entry = lines.get(key);
      if (entry === undefined) {
        entry = {
          line: {
            category,
            type,
            tier,
            pricingModel,
            records: 0,
            billable: 0,
            amount: "0",
            rate: "0",
          },
          micros: 0,
        };
        lines.set(key, entry);
      }
      entry.line.records++;
      entry.line.billable += charges.billable[j]!;
      entry.micros += charges.amountMicros[j]!;
    }
  }
  const ordered = [...lines.values()].sort(
    (a, b) =>
      CATEGORY_NAMES.indexOf(a.line.category as never) -
        CATEGORY_NAMES.indexOf(b.line.category as never) ||
      a.line.type.localeCompare(b.line.type) ||
      a.line.tier - b.line.tier,
  );
  const byCategory = new Map<
    string,
    {total: QuoteCategoryTotal; micros: number; rateMicros: number}
  >();
  let totalMicros = 0;
  for (const {line, micros} of ordered) {
    line.amount = formatMicros(micros);
    const rateMicros = line.billable > 0 ? Math.round(micros / line.billable) : 0;
    line.rate = formatMicros(rateMicros);
    totalMicros += micros;
    let entry = byCategory.get(line.category);
    if (entry === undefined) {
      entry = {
        total: {
          category: line.category,
          records: 0,
          billable: 0,
          free: 0,
          amount: "0",
          listRate: "0",
          naiveAmount: "0",
        },
        micros: 0,
        rateMicros: 0,
      };
      byCategory.set(line.category, entry);
    }
    entry.total.records += line.records;
    entry.total.billable += line.billable;
    entry.total.free += line.records - line.billable;
    entry.micros += micros;
    entry.rateMicros = Math.max(entry.rateMicros, rateMicros);
  }
  let naiveMicros = 0;
  for (const entry of byCategory.values()) {
    entry.total.amount = formatMicros(entry.micros);
    entry.total.listRate = formatMicros(entry.rateMicros);
    const naive = entry.total.records * entry.rateMicros;
    entry.total.naiveAmount = formatMicros(naive);
    naiveMicros += naive;
  }
  return {
    market,
    bill: {
      businessMessages,
      userMessages: traffic.length - businessMessages,
      contacts: traffic.users,
      total: formatMicros(totalMicros),
      naiveTotal: formatMicros(naiveMicros),
      byCategory: [...byCategory.values()].map((e) => e.total),
      lines: ordered.map((e) => e.line),
      warnings: kernel.warnings(),
    },
  };
}
