import {CATEGORY_COUNT, CATEGORY_NAMES} from "../../models/codes.ts";
import {formatMicros} from "../../models/money/index.ts";
import type {BillingContext, ChargeColumns} from "../../models/pricing/index.ts";

/** One row of the `--summary` output: totals of one market and category. */
export interface ChargeSummaryRow {
  market: string;
  category: string;
  /** Message records (PMP). */
  messages: number;
  /** Conversation records (CBP). */
  conversations: number;
  billable: number;
  amount: string;
}

/** The `--summary` object (formats.md §4, suggested layout). */
export interface ChargeSummary {
  currency: string;
  rows: ChargeSummaryRow[];
  amount: string;
}

/** Adds charge columns up by market x category; amounts in bigint micro-units (C-11). */
export interface ChargeSummaryBuilder {
  add(charges: ChargeColumns): void;
  result(): ChargeSummary;
}

/**
 * Creates a summary accumulator. Rows come sorted by market name, then category code.
 * @example const s = createChargeSummary(context); s.add(charges); s.result().amount // => "0.035"
 */
export function createChargeSummary(context: BillingContext): ChargeSummaryBuilder {
  const keys = context.markets.markets.length * CATEGORY_COUNT;
  const messages = new Float64Array(keys);
  const conversations = new Float64Array(keys);
  const billable = new Float64Array(keys);
  // NOTE (perf): per-key sums stay exact in float64 up to 2^53 micro-units (9 billion USD).
  const amount = new Float64Array(keys);
  return {
    add(charges) {
      for (let j = 0; j < charges.length; j++) {
        const key = charges.market[j]! * CATEGORY_COUNT + charges.category[j]!;
        if (Number.isNaN(charges.expiresMs[j]!)) messages[key]! += 1;
        else conversations[key]! += 1;
        billable[key]! += charges.billable[j]!;
        amount[key]! += charges.amountMicros[j]!;
      }
    },
    result() {
      const rows: ChargeSummaryRow[] = [];
      let total = 0n;
      for (let key = 0; key < keys; key++) {
        if (messages[key] === 0 && conversations[key] === 0) continue;
        total += BigInt(amount[key]!);
        rows.push({
          market: context.markets.markets[Math.floor(key / CATEGORY_COUNT)]!,
          category: CATEGORY_NAMES[key % CATEGORY_COUNT]!,
          messages: messages[key]!,
          conversations: conversations[key]!,
          billable: billable[key]!,
          amount: formatMicros(amount[key]!),
        });
      }
      rows.sort((a, b) =>
        a.market < b.market
          ? -1
          : a.market > b.market
            ? 1
            : CATEGORY_NAMES.indexOf(a.category as never) -
              CATEGORY_NAMES.indexOf(b.category as never),
      );
      return {currency: context.cards.currency, rows, amount: formatMicros(total)};
    },
  };
}
