import {CATEGORY_NAMES, CHARGE_TYPE_NAMES} from "../../models/codes.ts";
import {formatMicros} from "../../models/money/index.ts";
import {isConversationModel, PRICING_MODEL_IDS} from "../../models/pricing/index.ts";
import type {BillingContext, ChargeColumns} from "../../models/pricing/index.ts";
import {formatIsoInstant} from "../log/iso-instant.ts";
import type {MessageBatch} from "../message-batch.ts";
import {messageIdAt} from "../message-batch.ts";

/** A charge record as formats.md §3 writes it. */
export interface ChargeRecord {
  unit: "conversation" | "message";
  id: string;
  messageId: string;
  waba: string;
  phone?: string;
  user: string;
  market: string;
  pricingModel: string;
  rateCard: string;
  category: string;
  type: string;
  billable: boolean;
  time: string;
  expiresAt?: string;
  amount: string;
  currency: string;
  tier?: number;
}

/**
 * The charge record `j` of `charges` (billed from `batch`) as a plain object, fields in the order
 * of formats.md §3. Used by tests, the server and notebooks; the CLI writes `createChargeLineWriter`.
 */
export function chargeRecordAt(
  context: BillingContext,
  batch: MessageBatch,
  charges: ChargeColumns,
  j: number,
): ChargeRecord {
  const {accounts, markets, cards} = context;
  const row = charges.row[j]!;
  const phone = accounts.phones[batch.phone[row]!]!;
  const waba = accounts.wabas[batch.waba[row]!]!;
  const model = charges.model[j]!;
  const conversation = isConversationModel(model);
  const messageId = messageIdAt(batch, row);
  const record: ChargeRecord = {
    unit: conversation ? "conversation" : "message",
    id: conversation ? `c${charges.conversation[j]}` : messageId,
    messageId,
    waba: waba.id,
    ...(phone.number === null ? {} : {phone: phone.number}),
    user: batch.users[batch.user[row]!]!,
    market: markets.markets[charges.market[j]!]!,
    pricingModel: PRICING_MODEL_IDS[model]!,
    rateCard: cards.rates[charges.rateCard[j]!]!.effective,
    category: CATEGORY_NAMES[charges.category[j]!]!,
    type: CHARGE_TYPE_NAMES[charges.type[j]!]!,
    billable: charges.billable[j] === 1,
    time: formatIsoInstant(charges.tMs[j]!),
    ...(conversation ? {expiresAt: formatIsoInstant(charges.expiresMs[j]!)} : {}),
    amount: formatMicros(charges.amountMicros[j]!),
    currency: waba.currency,
    ...(conversation ? {} : {tier: charges.tier[j]!}),
  };
  return record;
}

/**
 * Creates a formatter of charge records as NDJSON lines, byte-identical to
 * `JSON.stringify(chargeRecordAt(...))`.
 * NOTE (perf): JSON fragments of WABAs, phones, markets, categories and amounts are built once and
 * concatenated, instead of one object and one JSON.stringify per record.
 */
export function createChargeLineWriter(
  context: BillingContext,
): (batch: MessageBatch, charges: ChargeColumns, j: number) => string {
  const {accounts, markets, cards} = context;
  const q = (text: string) => JSON.stringify(text);
  const marketJson = markets.markets.map(q);
  const modelJson = PRICING_MODEL_IDS.map((id) => `,"pricingModel":${q(id)}`);
  const rateCardJson = cards.rates.map((e) => `,"rateCard":${q(e.effective)}`);
  const categoryJson = CATEGORY_NAMES.map((c) => `,"category":${q(c)}`);
  const typeJson = CHARGE_TYPE_NAMES.map((t) => `,"type":${q(t)}`);
  const amountJson = new Map<number, string>();
  const phoneJson: string[] = [];
  const currencyJson = accounts.wabas.map((w) => `,"currency":${q(w.currency)}`);
  let userJson: string[] = [];
  let usersSeen: string[] | null = null;

  return function chargeLine(batch, charges, j) {
    const row = charges.row[j]!;
    const p = batch.phone[row]!;
    let wabaPhone = phoneJson[p];
    if (wabaPhone === undefined) {
      const phone = accounts.phones[p]!;
      wabaPhone =
        `,"waba":${q(accounts.wabas[phone.waba]!.id)}` +
        (phone.number === null ? "" : `,"phone":${q(phone.number)}`);
      phoneJson[p] = wabaPhone;
    }
    if (usersSeen !== batch.users) {
      usersSeen = batch.users;
      userJson = [];
    }
    const u = batch.user[row]!;
    let user = userJson[u];
    if (user === undefined) {
      user = q(batch.users[u]!);
      userJson[u] = user;
    }
    const micros = charges.amountMicros[j]!;
    let amount = amountJson.get(micros);
    if (amount === undefined) {
      amount = `,"amount":${q(formatMicros(micros))}`;
      amountJson.set(micros, amount);
    }
    const model = charges.model[j]!;
    const messageId = q(messageIdAt(batch, row));
    const conversation = isConversationModel(model);
    const head = conversation
      ? `{"unit":"conversation","id":"c${charges.conversation[j]}","messageId":${messageId}`
      : `{"unit":"message","id":${messageId},"messageId":${messageId}`;
    const tail = conversation
      ? `,"expiresAt":"${formatIsoInstant(charges.expiresMs[j]!)}"${amount}${currencyJson[batch.waba[row]!]}}`
      : `${amount}${currencyJson[batch.waba[row]!]},"tier":${charges.tier[j]}}`;
    return (
      head +
      wabaPhone +
      `,"user":` +
      user +
      `,"market":` +
      marketJson[charges.market[j]!] +
      modelJson[model] +
      rateCardJson[charges.rateCard[j]!] +
      categoryJson[charges.category[j]!] +
      typeJson[charges.type[j]!] +
      (charges.billable[j] === 1 ? `,"billable":true` : `,"billable":false`) +
      `,"time":"${formatIsoInstant(charges.tMs[j]!)}"` +
      tail
    );
  };
}
