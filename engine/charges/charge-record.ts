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
 * of formats.md §3. Used by tests, the server and notebooks; the CLI writes `createChargeEncoder`.
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
