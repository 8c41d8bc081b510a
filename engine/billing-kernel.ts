import {
  CATEGORY_COUNT,
  CATEGORY_NAMES,
  DEVICE,
  DIRECTION,
  ENTRY_POINT,
  NO_CATEGORY,
  STATUS,
  TEMPLATE_TYPE,
} from "../models/codes.ts";
import {
  CALENDAR_FIRST_MONTH,
  CALENDAR_LAST_MONTH,
  CALENDAR_MONTHS,
  formatMonthIndex,
  localMonthOf,
  localMonthStart,
} from "../models/calendar/index.ts";
import {InputError} from "../models/input-error.ts";
import {
  billCbp2022_02,
  billCbp2023_06,
  billCbp2024_11,
  billPmp2025_07,
  billPmp2026_10,
  CONVERSATION_STRIDE,
  createBillingState,
  createPricingTimeline,
  DEFAULT_SERVICE_FREE_PER_PHONE,
  ensureConversations,
  ensurePairs,
  ensurePhones,
  isConversationModel,
  PAIR,
  PAIR_STRIDE,
  PRICING_MODEL,
  PRICING_MODEL_IDS,
  receiveInbound,
} from "../models/pricing/index.ts";
import type {
  BillingContext,
  BillingState,
  ChargeColumns,
  PricingModelId,
  PricingOptions,
} from "../models/pricing/index.ts";
import type {MessageBatch} from "./message-batch.ts";
import {rowPath} from "./message-batch.ts";

/** Options of a billing run (formats.md §4). */
export interface BillingOptions extends PricingOptions {
  /** PMP26-4: free service messages per business phone and month; 0 turns it off. */
  serviceFreePerPhone?: number;
}

/** A soft problem, counted: the same kind is reported once with how often it happened. */
export interface BillingWarning {
  code: string;
  message: string;
  count: number;
}

/** Streams time-ordered message batches into charge records, keeping state between batches. */
export interface BillingKernel {
  readonly state: BillingState;
  /**
   * Bills one batch into `out` (reset first; needs room for `batch.length` records). Batches must
   * come in time order within each business.
   * @throws InputError for a message no model or edition prices, or a market an edition lacks.
   */
  bill(batch: MessageBatch, out: ChargeColumns): void;
  /**
   * Makes room for pair ids below `pairs` at once (e.g. a simulation's users, each one pair),
   * so that the state does not grow by doubling as pairs appear.
   * NOTE (perf): each doubling made and filled fresh rows, and fresh memory costs a page fault
   * per 4 KiB (~2.7 ms a MiB on this machine): a BSP shard of 200k users made 14 MB of rows,
   * now 6.5.
   */
  reserve(pairs: number): void;
  /** The deduplicated warnings so far. */
  warnings(): BillingWarning[];
}

/**
 * Creates a billing kernel: compiles the pricing timeline and per-WABA month boundaries once, then
 * bills batches with a lean loop over typed arrays (no per-message objects, strings or Dates).
 * @example
 * const kernel = createBillingKernel(context, {pricing: "auto"});
 * kernel.bill(batch, out); // out.length records, out.amountMicros[0] => 35000
 */
export function createBillingKernel(
  context: BillingContext,
  options: BillingOptions = {},
): BillingKernel {
  const {accounts, markets, cards} = context;
  // C-13: billing is in the WABA's currency from that currency's cards; only their currency is shipped.
  const otherCurrency = accounts.wabas.filter((w) => w.currency !== cards.currency);
  if (otherCurrency.length > 0) {
    throw new InputError(
      otherCurrency.map((w) => ({
        path: `accounts#/wabas/${w.id}/currency`,
        message: "no rate cards in this currency",
        value: w.currency,
        expected: `${cards.currency} (C-13: cards are per currency, never converted)`,
      })),
    );
  }
  const timeline = createPricingTimeline(cards, markets, options);
  const state = createBillingState(
    context,
    options.serviceFreePerPhone ?? DEFAULT_SERVICE_FREE_PER_PHONE,
  );
  const countryCount = markets.countries.length;
  const tierEditionCount = cards.tiers.length;
  const wabaCount = accounts.wabas.length;
  const wabaBusiness = Int32Array.from(accounts.wabas, (w) => w.business);
  // Each WABA's current local month [start, end) and its timeline index.
  const monthStartMs = new Float64Array(wabaCount).fill(Infinity);
  const monthEndMs = new Float64Array(wabaCount).fill(-Infinity);
  const monthOf = new Int32Array(wabaCount);
  const editionUnitMismatch = new Float64Array(cards.rates.length);

  /** Cold path: finds the local month of `tMs` for a WABA (C-2). */
  function moveToMonth(waba: number, tMs: number, batch: MessageBatch, row: number): void {
    const timeZone = accounts.wabas[waba]!.timezone;
    const k = localMonthOf(timeZone, tMs);
    if (k < 0 || k >= CALENDAR_MONTHS) {
      throw new InputError({
        path: `${rowPath(batch, row)}#time`,
        message: "time outside the engine's calendar",
        value: new Date(tMs).toISOString(),
        expected: `${formatMonthIndex(CALENDAR_FIRST_MONTH)} .. ${formatMonthIndex(CALENDAR_LAST_MONTH)}`,
      });
    }
    monthOf[waba] = k;
    monthStartMs[waba] = localMonthStart(timeZone, k);
    monthEndMs[waba] = localMonthStart(timeZone, k + 1);
  }

  function unpriced(batch: MessageBatch, row: number, what: string, k: number): InputError {
    return new InputError({
      path: `${rowPath(batch, row)}#time`,
      message: `no ${what} in force`,
      value: formatMonthIndex(CALENDAR_FIRST_MONTH + k),
      expected: "a date from 2022-02-01 on (R-1, C-10)",
    });
  }

  /** C-7: the market of each country in the current month's era. */
  let marketOfCountry: Uint16Array = new Uint16Array(0);

  /** Whether the current month's model is conversation-based (CBP reads the conversation rows). */
  let conversationMonth = false;

  /** Whether the edition's unit differs from the model's in the current month (a stand-in card). */
  let monthUnitMismatch = false;

  /** the pricing model in force in the current month, billing the message `state` holds. */
  let monthBiller: (state: BillingState) => void = billPmp2026_10;

  /** Cold path: sets what the pricing of a local month needs (R-1, C-10, C-9, CBP22-5). */
  function enterMonth(batch: MessageBatch, row: number, k: number): void {
    const model = timeline.model[k]!;
    const edition = timeline.ratesEdition[k]!;
    if (model < 0) throw unpriced(batch, row, "pricing model", k);
    if (edition < 0) throw unpriced(batch, row, "rate-card edition", k);
    const rates = cards.rates[edition]!;
    const tierEdition = timeline.tierEdition[k]!;
    state.monthKey = k;
    state.model = model;
    state.ratesEdition = edition;
    state.rates = rates.ratesMicros;
    state.ratesHasMarket = rates.hasMarket;
    state.tierEdition = tierEdition;
    state.tiersUsable =
      tierEdition < 0 ? EMPTY : timeline.tiersUsable[edition * tierEditionCount + tierEdition]!;
    state.fepMs = timeline.cbp22FepMs[k]!;
    const era = timeline.marketEra[k]!;
    marketOfCountry = markets.marketByEra.subarray(era * countryCount, (era + 1) * countryCount);
    monthBiller = BILLER_OF_MODEL[model]!;
    conversationMonth = isConversationModel(model);
    monthUnitMismatch = (rates.unit === "conversation") !== conversationMonth;
    if (conversationMonth) ensureConversations(state);
  }

  function bill(batch: MessageBatch, out: ChargeColumns): void {
    const n = batch.length;
    if (out.row.length < n)
      throw new RangeError(
        `charge columns hold ${out.row.length} records, the batch has ${n} messages`,
      );
    out.length = 0;
    state.out = out;
    let maxPair = -1;
    for (let i = 0; i < n; i++) if (batch.pair[i]! > maxPair) maxPair = batch.pair[i]!;
    ensurePairs(state, maxPair + 1);
    ensurePhones(state);
    const {tMs, waba, phone, pair, country, direction, type, category, entryPoint, device, status} =
      batch;
    const pairRows = state.pairState;
    // NOTE (perf): the loop reads the state, the kernel's arrays, the month's settings and the
    // constants from locals, not from the closure or the module: each such read was a context
    // load, a check that the binding is initialized and (for an object's field) a map check, at
    // every message; a local is a register or a stack slot. The month's settings are read again
    // after `enterMonth`. With the month's biller called directly instead of a switch over the
    // model codes, the loop's own instructions fell by 18 % (callgrind, 2 M messages of 200 k
    // users).
    const wabaMonthStart = monthStartMs;
    const wabaMonthEnd = monthEndMs;
    const wabaMonth = monthOf;
    const businessOfWaba = wabaBusiness;
    let marketOf = marketOfCountry;
    let conversations = conversationMonth;
    let unitMismatch = monthUnitMismatch;
    let billMessage = monthBiller;
    /** The state (whose per-message fields are the message being billed). */
    const current = state;
    const group = PREFETCH_GROUP;
    const pairStride = PAIR_STRIDE;
    const conversationStride = CONVERSATION_STRIDE;
    const cswEnd = PAIR.cswEnd;
    const inbound = DIRECTION.inbound;
    const organic = ENTRY_POINT.organic;
    const mobile = DEVICE.mobile;
    const failed = STATUS.failed;
    const templateType = TEMPLATE_TYPE;
    const noCategory = NO_CATEGORY;
    let touched = 0;
    let i = 0;
    try {
      // hot path: i < n <= every column's length (checked by the producer's batch capacity)
      for (; i < n; i++) {
        if ((i & (group - 1)) === 0 && i + 2 * group <= n) {
          touched += touchRows(pairRows, pairStride, pair, i + group);
          if (conversations)
            touched += touchRows(current.conversationState, conversationStride, pair, i + group);
        }
        const t = tMs[i]!;
        const w = waba[i]!;
        if (t < wabaMonthStart[w]! || t >= wabaMonthEnd[w]!) moveToMonth(w, t, batch, i);
        const p = pair[i]!;
        if (direction[i] === inbound) {
          // C-3, C-5: inbound messages are never charged; they open windows.
          const ep = entryPoint[i]!;
          receiveInbound(current, p, t, ep !== organic && device[i] === mobile);
          continue;
        }
        if (status[i] === failed) continue; // C-1, R-8, R-17: failed messages touch nothing
        const k = wabaMonth[w]!;
        // NOTE (perf): what depends on the local month alone is set only when the month index
        // changes; the index is shared by every WABA, so within a month this is skipped.
        if (k !== current.monthKey) {
          enterMonth(batch, i, k);
          marketOf = marketOfCountry;
          conversations = conversationMonth;
          unitMismatch = monthUnitMismatch;
          billMessage = monthBiller;
        }
        current.row = i;
        current.tMs = t;
        current.pair = p;
        current.pairBase = p * pairStride;
        current.waba = w;
        current.business = businessOfWaba[w]!;
        current.phone = phone[i]!;
        current.country = country[i]!;
        current.market = marketOf[country[i]!]!;
        current.templateCategory = type[i] === templateType ? category[i]! : noCategory;
        // I-1: a non-template outside the CSW is billed as the model says, and counted for a warning.
        if (
          current.templateCategory === noCategory &&
          t >= current.pairState[current.pairBase + cswEnd]!
        ) {
          current.nonTemplateOutsideCsw++;
        }
        if (unitMismatch) editionUnitMismatch[current.ratesEdition]! += 1;
        billMessage(current);
      }
      current.prefetchSink = touched;
    } catch (error) {
      // A rate error names the edition; add the message that needed it (formats.md §4).
      if (error instanceof InputError && error.problems[0]?.path.startsWith("rate card")) {
        // NOTE (perf): `i` is read here, outside the arrow function: a closure over `i` would
        // keep it in a context slot, loaded and stored through memory at every step of the loop
        const row = rowPath(batch, i);
        throw new InputError(error.problems.map((p) => ({...p, path: `${row} (${p.path})`})));
      }
      throw error;
    }
  }

  function warnings(): BillingWarning[] {
    const list: BillingWarning[] = [];
    if (state.nonTemplateOutsideCsw > 0) {
      list.push({
        code: "non-template-outside-csw",
        count: state.nonTemplateOutsideCsw,
        message:
          "non-template messages delivered outside the customer service window were billed by the model's rules (I-1)",
      });
    }
    editionUnitMismatch.forEach((count, r) => {
      if (count === 0) return;
      const edition = cards.rates[r]!;
      const priced = edition.unit === "conversation" ? "messages" : "conversations";
      list.push({
        code: `edition-unit:${edition.effective}`,
        count,
        message: `rate card ${edition.effective} is per ${edition.unit} but priced ${priced} (a stand-in for a missing edition, rate-cards README)`,
      });
    });
    const keysPerEdition = markets.markets.length * CATEGORY_COUNT;
    state.staleTierHits.forEach((count, key) => {
      if (count === 0) return;
      const edition = cards.rates[Math.floor(key / keysPerEdition)]!;
      const market = markets.markets[Math.floor((key % keysPerEdition) / CATEGORY_COUNT)]!;
      const category = CATEGORY_NAMES[key % CATEGORY_COUNT]!;
      list.push({
        code: `stale-tiers:${edition.effective}:${market}:${category}`,
        count,
        message: `volume tiers for ${market} ${category} do not match rate card ${edition.effective}; charged the list rate (rate-cards README 4)`,
      });
    });
    return list;
  }

  return {state, bill, reserve: (pairs) => ensurePairs(state, pairs), warnings};
}

const EMPTY = new Uint8Array(0);

/** Each pricing model's biller, by id: the type requires one for every model. */
const BILLER: Record<PricingModelId, (state: BillingState) => void> = {
  "cbp-2022-02": billCbp2022_02,
  "cbp-2023-06": billCbp2023_06,
  "cbp-2024-11": billCbp2024_11,
  "pmp-2025-07": billPmp2025_07,
  "pmp-2026-10": billPmp2026_10,
};
/** The same by `PRICING_MODEL` code. */
const BILLER_OF_MODEL: ((state: BillingState) => void)[] = [];
for (const id of PRICING_MODEL_IDS) BILLER_OF_MODEL[PRICING_MODEL[id]] = BILLER[id];

const PREFETCH_GROUP = 16;

/**
 * Reads the rows (of `stride` cells) of the pairs of messages `from .. from + 15` so that their
 * cache misses overlap.
 * NOTE (perf): a message's pricing is long enough that the CPU waits for one pair row at a time;
 * touching the rows of the next 16 messages together lets their misses run in parallel (1.4x with
 * 8 on a 1 M-user trace, 1.15x more with 16; a loop instead of the unrolled sum lost that again).
 * It gives up nothing but these loads; the sum only keeps them alive.
 */
function touchRows(rows: Float64Array, stride: number, pair: Uint32Array, from: number): number {
  // hot path: from + 15 < n <= pair.length, checked by the caller
  return (
    rows[pair[from]! * stride]! +
    rows[pair[from + 1]! * stride]! +
    rows[pair[from + 2]! * stride]! +
    rows[pair[from + 3]! * stride]! +
    rows[pair[from + 4]! * stride]! +
    rows[pair[from + 5]! * stride]! +
    rows[pair[from + 6]! * stride]! +
    rows[pair[from + 7]! * stride]! +
    rows[pair[from + 8]! * stride]! +
    rows[pair[from + 9]! * stride]! +
    rows[pair[from + 10]! * stride]! +
    rows[pair[from + 11]! * stride]! +
    rows[pair[from + 12]! * stride]! +
    rows[pair[from + 13]! * stride]! +
    rows[pair[from + 14]! * stride]! +
    rows[pair[from + 15]! * stride]!
  );
}
