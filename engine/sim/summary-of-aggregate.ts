import {CATEGORY_COUNT, CATEGORY_NAMES} from "../../models/codes.ts";
import {formatMicros} from "../../models/money/index.ts";
import type {ChargeAggregate} from "../aggregate/index.ts";
import type {ChargeSummary, ChargeSummaryRow} from "../charges/charge-summary.ts";

/**
 * The `--summary` object (formats.md §4) of an aggregate: its days added up by market x
 * category, rows sorted by market name then category code, as `createChargeSummary` gives for
 * the same charges. O(days x markets x categories).
 * @example summaryOfAggregate(aggregate, "USD").amount // => "1234.5"
 */
export function summaryOfAggregate(aggregate: ChargeAggregate, currency: string): ChargeSummary {
  const {markets} = aggregate;
  const keys = markets.length * CATEGORY_COUNT;
  const records = new Float64Array(keys);
  const conversations = new Float64Array(keys);
  const billable = new Float64Array(keys);
  const amount = new Float64Array(keys);
  for (let cell = 0; cell < aggregate.records.length; cell++) {
    const key = cell % keys;
    records[key]! += aggregate.records[cell]!;
    conversations[key]! += aggregate.conversations[cell]!;
    billable[key]! += aggregate.billable[cell]!;
    amount[key]! += aggregate.amountMicros[cell]!;
  }
  const rows: ChargeSummaryRow[] = [];
  let total = 0n;
  for (let key = 0; key < keys; key++) {
    if (records[key] === 0) continue;
    total += BigInt(amount[key]!);
    rows.push({
      market: markets[Math.floor(key / CATEGORY_COUNT)]!,
      category: CATEGORY_NAMES[key % CATEGORY_COUNT]!,
      messages: records[key]! - conversations[key]!,
      conversations: conversations[key]!,
      billable: billable[key]!,
      amount: formatMicros(amount[key]!),
    });
  }
  // stable sort by market name; keys are already in category order within a market
  rows.sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
  return {currency, rows, amount: formatMicros(total)};
}
