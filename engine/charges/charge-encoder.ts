import {CATEGORY_NAMES, CHARGE_TYPE_NAMES} from "../../models/codes.ts";
import {formatMicros} from "../../models/money/index.ts";
import {isConversationModel, PRICING_MODEL_IDS} from "../../models/pricing/index.ts";
import type {BillingContext, ChargeColumns} from "../../models/pricing/index.ts";
import type {MessageBatch} from "../message-batch.ts";
import {createJsonByteWriter, jsonPiece} from "../ndjson/json-byte-writer.ts";

const QUOTE = 0x22;
const PLUS = 0x2b;
const CLOSE_LINE = jsonPiece("}\n");
const MODELS = PRICING_MODEL_IDS.length;
const CATEGORIES = CATEGORY_NAMES.length;
const CHARGE_TYPES = CHARGE_TYPE_NAMES.length;

/**
 * Creates an encoder of the charge records of a billed batch as NDJSON bytes, each line
 * byte-identical to `JSON.stringify(chargeRecordAt(...))` (formats.md §3).
 * NOTE (perf): JSON pieces of WABAs, phones, markets, categories and amounts are encoded once and
 * copied; ids are copied from the log's bytes; times and numbers are written digit by digit. The
 * returned view is valid until the next call.
 * @example new TextDecoder().decode(createChargeEncoder(context)(batch, charges)) // => '{"unit":"message","id":"m1",...}\n'
 */
export function createChargeEncoder(
  context: BillingContext,
): (batch: MessageBatch, charges: ChargeColumns) => Uint8Array {
  const {accounts, markets, cards} = context;
  const q = (text: string) => JSON.stringify(text);
  // `,"market":..,"pricingModel":..,"rateCard":..,"category":..,"type":..,"billable":..,"time":"`
  const classJson = new Map<number, Uint8Array>();
  const currencyJson = accounts.wabas.map((w) => jsonPiece(`,"currency":${q(w.currency)}`));
  const conversationHead = jsonPiece(`{"unit":"conversation","id":"c`);
  const messageHead = jsonPiece(`{"unit":"message","id":`);
  const messageIdKey = jsonPiece(`,"messageId":`);
  const userKey = jsonPiece(`,"user":`);
  const expiresKey = jsonPiece(`","expiresAt":"`);
  const tierKey = jsonPiece(`,"tier":`);
  const amountJson = new Map<number, Uint8Array>();
  // the accounts may gain phones while a log is read: pieces are made when first needed
  const phoneJson: Uint8Array[] = [];
  /**
   * Each user's E.164 digits as a number, NaN where the text is not "+" and those digits.
   * NOTE (perf): digits written from a number beat copying 100,000s of scattered strings.
   */
  let userNumbers = new Float64Array(1024);
  let usersSeen = 0;
  const writer = createJsonByteWriter();
  const {ensure, put, putByte, putInteger, putRange, putString, putTime} = writer;

  function wabaPhonePiece(p: number): Uint8Array {
    const phone = accounts.phones[p]!;
    const piece = jsonPiece(
      `,"waba":${q(accounts.wabas[phone.waba]!.id)}` +
        (phone.number === null ? "" : `,"phone":${q(phone.number)}`),
    );
    phoneJson[p] = piece;
    return piece;
  }

  /** The JSON of the fields a record shares with every record of its class, made once. */
  function classPiece(charges: ChargeColumns, j: number, key: number): Uint8Array {
    const piece = jsonPiece(
      `,"market":${q(markets.markets[charges.market[j]!]!)}` +
        `,"pricingModel":${q(PRICING_MODEL_IDS[charges.model[j]!]!)}` +
        `,"rateCard":${q(cards.rates[charges.rateCard[j]!]!.effective)}` +
        `,"category":${q(CATEGORY_NAMES[charges.category[j]!]!)}` +
        `,"type":${q(CHARGE_TYPE_NAMES[charges.type[j]!]!)}` +
        `,"billable":${charges.billable[j] === 1},"time":"`,
    );
    classJson.set(key, piece);
    return piece;
  }

  function amountPiece(micros: number): Uint8Array {
    const piece = jsonPiece(`,"amount":${q(formatMicros(micros))}`);
    amountJson.set(micros, piece);
    return piece;
  }

  /** Converts the users added to the shared dictionary since the last batch. */
  function learnUsers(users: readonly string[]): void {
    if (users.length > userNumbers.length) {
      const bigger = new Float64Array(Math.max(users.length, 2 * userNumbers.length));
      bigger.set(userNumbers.subarray(0, usersSeen));
      userNumbers = bigger;
    }
    for (let u = usersSeen; u < users.length; u++) {
      const text = users[u]!;
      const value = Number(text.slice(1));
      const canonical = Number.isSafeInteger(value) && value >= 0 && text === "+" + String(value);
      userNumbers[u] = canonical ? value : NaN;
    }
    usersSeen = users.length;
  }

  return function encodeCharges(batch, charges) {
    writer.reset();
    if (batch.users.length > usersSeen) learnUsers(batch.users);
    const idBytes = batch.idBytes;
    const idEnds = batch.idEnds;
    /** The message id of a row as a JSON string. */
    const putMessageId = (row: number) => {
      if (idBytes !== null && idEnds !== null) {
        const start = row === 0 ? 0 : idEnds[row - 1]!;
        ensure(idEnds[row]! - start + 2);
        putByte(QUOTE);
        putRange(idBytes, start, idEnds[row]!);
        putByte(QUOTE);
      } else putString(batch.idPrefix + String(batch.idStart + row));
    };
    // hot path: j < charges.length <= every charge column's length
    for (let j = 0; j < charges.length; j++) {
      const row = charges.row[j]!;
      const model = charges.model[j]!;
      const conversation = isConversationModel(model);
      ensure(64);
      if (conversation) {
        put(conversationHead);
        putInteger(charges.conversation[j]!);
        putByte(QUOTE);
      } else {
        put(messageHead);
        putMessageId(row);
      }
      ensure(16);
      put(messageIdKey);
      putMessageId(row);
      const p = batch.phone[row]!;
      const wabaPhone = phoneJson[p] ?? wabaPhonePiece(p);
      ensure(wabaPhone.length + 16);
      put(wabaPhone);
      put(userKey);
      const user = batch.user[row]!;
      const userNumber = userNumbers[user]!;
      if (userNumber === userNumber) {
        putByte(QUOTE);
        putByte(PLUS);
        putInteger(userNumber);
        putByte(QUOTE);
      } else putString(batch.users[user]!);
      const micros = charges.amountMicros[j]!;
      const amount = amountJson.get(micros) ?? amountPiece(micros);
      const key =
        ((((charges.market[j]! * MODELS + model) * cards.rates.length + charges.rateCard[j]!) *
          CATEGORIES +
          charges.category[j]!) *
          CHARGE_TYPES +
          charges.type[j]!) *
          2 +
        charges.billable[j]!;
      const shared = classJson.get(key) ?? classPiece(charges, j, key);
      ensure(shared.length + amount.length + 128);
      put(shared);
      putTime(charges.tMs[j]!);
      if (conversation) {
        put(expiresKey);
        putTime(charges.expiresMs[j]!);
        putByte(QUOTE);
        put(amount);
        put(currencyJson[batch.waba[row]!]!);
      } else {
        putByte(QUOTE);
        put(amount);
        put(currencyJson[batch.waba[row]!]!);
        put(tierKey);
        putInteger(charges.tier[j]!);
      }
      put(CLOSE_LINE);
    }
    return writer.view();
  };
}
