import {CATEGORY_NAMES, CHARGE_TYPE_NAMES} from "../../models/codes.ts";
import {formatMicros} from "../../models/money/index.ts";
import {isConversationModel, PRICING_MODEL_IDS} from "../../models/pricing/index.ts";
import type {BillingContext, ChargeColumns} from "../../models/pricing/index.ts";
import type {MessageBatch} from "../message-batch.ts";
import {createJsonByteWriter, jsonPiece} from "../ndjson/json-byte-writer.ts";

const QUOTE = 0x22;
const PLUS = 0x2b;
const CLOSE = 0x7d;
const NEWLINE = 0x0a;
const MODELS = PRICING_MODEL_IDS.length;
const CATEGORIES = CATEGORY_NAMES.length;
const CHARGE_TYPES = CHARGE_TYPE_NAMES.length;

/**
 * Creates an encoder of the charge records of a billed batch as NDJSON bytes, each line
 * byte-identical to `JSON.stringify(chargeRecordAt(...))` (formats.md §3).
 * NOTE (perf): the JSON between the variable parts of a record is encoded once per phone, per
 * record class and per amount and WABA, and copied; ids are copied from the log's bytes; users,
 * times and numbers are written digit by digit. A record is about a dozen copies. The returned
 * view is valid until the `views`-th call after (its buffers take turns).
 * @example new TextDecoder().decode(createChargeEncoder(context)(batch, charges)) // => '{"unit":"message","id":"m1",...}\n'
 */
export function createChargeEncoder(
  context: BillingContext,
  views = 1,
): (
  batch: MessageBatch & {userDigits?: Float64Array | null},
  charges: ChargeColumns,
) => Uint8Array {
  const {accounts, markets, cards} = context;
  const q = (text: string) => JSON.stringify(text);
  const wabaCount = accounts.wabas.length;
  const conversationHead = jsonPiece(`{"unit":"conversation","id":"c`);
  const conversationMessageIdKey = jsonPiece(`","messageId":`);
  const messageHead = jsonPiece(`{"unit":"message","id":`);
  const messageIdKey = jsonPiece(`,"messageId":`);
  const expiresKey = jsonPiece(`","expiresAt":"`);
  // `,"market":..,"pricingModel":..,"rateCard":..,"category":..,"type":..,"billable":..,"time":"`
  const classJson = new Map<number, Uint8Array>();
  // `","amount":..,"currency":..` and `,"tier":` (PMP) or `}\n` (CBP), by amount, WABA and unit
  const tailJson = new Map<number, Uint8Array>();
  // the accounts may gain phones while a log is read: pieces are made when first needed
  /** `,"waba":..,"phone":..,"user":` by phone. */
  const phoneJson: Uint8Array[] = [];
  /** The same followed by `"+`, the start of a user written from its number. */
  const phoneUserJson: Uint8Array[] = [];
  /**
   * Each user's E.164 digits as a number, NaN where the text is not "+" and those digits.
   * NOTE (perf): digits written from a number beat copying 100,000s of scattered strings.
   */
  let userNumbers = new Float64Array(1024);
  let usersSeen = 0;
  const writer = createJsonByteWriter(1 << 20, views);
  const {ensure, put, putByte, putInteger, putRange, putString, putTime} = writer;

  function phonePieces(p: number): void {
    const phone = accounts.phones[p]!;
    const text =
      `,"waba":${q(accounts.wabas[phone.waba]!.id)}` +
      (phone.number === null ? "" : `,"phone":${q(phone.number)}`) +
      `,"user":`;
    phoneJson[p] = jsonPiece(text);
    phoneUserJson[p] = jsonPiece(text + `"+`);
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

  function tailPiece(micros: number, waba: number, conversation: boolean, key: number): Uint8Array {
    const piece = jsonPiece(
      `","amount":${q(formatMicros(micros))},"currency":${q(accounts.wabas[waba]!.currency)}` +
        (conversation ? "}\n" : `,"tier":`),
    );
    tailJson.set(key, piece);
    return piece;
  }

  /** Converts the users added to the shared dictionary since the last batch. */
  function learnUsers(users: readonly string[]): void {
    if (users.length > userNumbers.length) {
      const bigger = new Float64Array(Math.max(users.length, 2 * userNumbers.length));
      bigger.set(userNumbers.subarray(0, usersSeen));
      userNumbers = bigger;
    }
    for (let u = usersSeen; u < users.length; u++) userNumbers[u] = e164Value(users[u]!);
    usersSeen = users.length;
  }

  return function encodeCharges(batch, charges) {
    writer.reset();
    // a log reader's batch has each row's user digits: no lookup by user
    const rowDigits = batch.userDigits ?? null;
    if (rowDigits === null && batch.users.length > usersSeen) learnUsers(batch.users);
    const idBytes = batch.idBytes;
    const idEnds = batch.idEnds;
    /** The message id of a row as a JSON string (room reserved). */
    const putMessageId = (row: number) => {
      if (idBytes !== null && idEnds !== null) {
        putByte(QUOTE);
        putRange(idBytes, row === 0 ? 0 : idEnds[row - 1]!, idEnds[row]!);
        putByte(QUOTE);
      } else putString(batch.idPrefix + String(batch.idStart + row));
    };
    const idLength = (row: number) =>
      idEnds === null ? 0 : idEnds[row]! - (row === 0 ? 0 : idEnds[row - 1]!);
    // hot path: j < charges.length <= every charge column's length
    for (let j = 0; j < charges.length; j++) {
      const row = charges.row[j]!;
      const model = charges.model[j]!;
      const conversation = isConversationModel(model);
      const p = batch.phone[row]!;
      if (phoneJson[p] === undefined) phonePieces(p);
      const classKey =
        ((((charges.market[j]! * MODELS + model) * cards.rates.length + charges.rateCard[j]!) *
          CATEGORIES +
          charges.category[j]!) *
          CHARGE_TYPES +
          charges.type[j]!) *
          2 +
        charges.billable[j]!;
      const shared = classJson.get(classKey) ?? classPiece(charges, j, classKey);
      const micros = charges.amountMicros[j]!;
      const waba = batch.waba[row]!;
      const tailKey = (micros * wabaCount + waba) * 2 + (conversation ? 1 : 0);
      const tail = tailJson.get(tailKey) ?? tailPiece(micros, waba, conversation, tailKey);
      // every fixed piece, both ids and at most 5 numbers of 16 digits and 2 times of 24 bytes
      ensure(256 + 2 * idLength(row) + phoneUserJson[p]!.length + shared.length + tail.length);
      if (conversation) {
        put(conversationHead);
        putInteger(charges.conversation[j]!);
        put(conversationMessageIdKey);
      } else {
        put(messageHead);
        putMessageId(row);
        put(messageIdKey);
      }
      putMessageId(row);
      const user = batch.user[row]!;
      const userNumber = rowDigits !== null ? rowDigits[row]! : userNumbers[user]!;
      if (!Number.isNaN(userNumber)) {
        put(phoneUserJson[p]!);
        putInteger(userNumber);
        putByte(QUOTE);
      } else {
        put(phoneJson[p]!);
        putString(batch.users[user]!);
      }
      put(shared);
      putTime(charges.tMs[j]!);
      if (conversation) {
        put(expiresKey);
        putTime(charges.expiresMs[j]!);
        put(tail);
      } else {
        put(tail);
        putInteger(charges.tier[j]!);
        putByte(CLOSE);
        putByte(NEWLINE);
      }
    }
    return writer.view();
  };
}

/**
 * The number spelled by the digits of `"+" digits` (no leading zero, at most 15 digits), NaN for
 * any other text (then written as a string).
 */
function e164Value(text: string): number {
  const n = text.length;
  if (n < 2 || n > 16 || text.charCodeAt(0) !== PLUS || text.charCodeAt(1) === 0x30) return NaN;
  let value = 0;
  for (let k = 1; k < n; k++) {
    const d = text.charCodeAt(k) - 0x30;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}
