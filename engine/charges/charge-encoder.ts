import {CATEGORY_NAMES, CHARGE_TYPE_NAMES} from "../../models/codes.ts";
import {formatMicros} from "../../models/money/index.ts";
import {isConversationModel, PRICING_MODEL_IDS} from "../../models/pricing/index.ts";
import type {BillingContext, ChargeColumns} from "../../models/pricing/index.ts";
import type {MessageBatch} from "../message-batch.ts";
import {createNumberIndex} from "../log/number-index.ts";
import {
  dayOf,
  dayPrefixText,
  grown,
  jsonPiece,
  writeInteger,
  writeRange,
  writePiece,
  writeString,
  writeTimeOfDay,
} from "../ndjson/json-byte-writer.ts";

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
 * record class (with the day of its time) and per amount and WABA, and copied; ids are copied
 * from the log's bytes; users, times and numbers are written digit by digit. A message record is
 * five piece copies and the digits between them. The returned view is valid until the `views`-th
 * call after (its buffers take turns).
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
  // NOTE (perf): a tail depends on its WABA only through the currency: keyed by currency, the
  // tails and their memo stay a few hundred (by WABA, 10^4 to 10^6: each memo read missed)
  const currencies = [...new Set(accounts.wabas.map((waba) => waba.currency))];
  const currencyCount = currencies.length;
  const currencyOfWaba = Int32Array.from(accounts.wabas, (waba) =>
    currencies.indexOf(waba.currency),
  );
  const rateCount = cards.rates.length;
  // a piece after a string value starts with its closing quote
  const conversationHead = jsonPiece(`{"unit":"conversation","id":"c`);
  const messageHead = jsonPiece(`{"unit":"message","id":"`);
  const messageIdKey = jsonPiece(`","messageId":"`);
  const expiresKey = jsonPiece(`","expiresAt":"`);
  /**
   * Record classes (market, model, rate card, category, type, billable) by their dense key: the
   * class's number plus one, 0 until first met.
   * NOTE (perf): an array index, not a Map lookup per record (the key space is ~10^5).
   */
  const classOfKey = new Int32Array(
    markets.markets.length * MODELS * rateCount * CATEGORIES * CHARGE_TYPES * 2,
  );
  /** `","market":..,"pricingModel":..,"rateCard":..,"category":..,"type":..,"billable":..,"time":"` by class. */
  const classJson: Uint8Array[] = [];
  /**
   * By class: that JSON followed by the `YYYY-MM-DDT` of `classDay`, the day of the class's
   * last record (records come in time order, so it rarely changes).
   */
  const classDayJson: Uint8Array[] = [];
  let classDay = new Float64Array(64);
  /** `YYYY-MM-DDT` by day (since the epoch), made once. */
  const dayJson = new Map<number, Uint8Array>();
  /**
   * By class and currency (`class * currencyCount + currency`): the amount of its last record
   * plus one (0: none yet) and that record's tail number.
   * NOTE (perf): a class's records in one currency mostly repeat the last amount; a hash lookup
   * per record cost ~10% of the encoding.
   */
  let tailMemoAmount = new Float64Array(64);
  let tailMemo = new Int32Array(64);
  // `","amount":..,"currency":..` and `,"tier":` (PMP) or `}\n` (CBP), by amount, currency and unit
  const tailOfKey = createNumberIndex(64);
  const tailJson: Uint8Array[] = [];
  // the accounts may gain phones while a log is read: pieces are made when first needed
  /** `","waba":..,"phone":..,"user":` by phone. */
  const phoneJson: Uint8Array[] = [];
  /** The same followed by `"+`, the start of a user written from its number. */
  const phoneUserJson: Uint8Array[] = [];
  /**
   * Each user's E.164 digits as a number, NaN where the text is not "+" and those digits.
   * NOTE (perf): digits written from a number beat copying 100,000s of scattered strings.
   */
  let userNumbers = new Float64Array(1024);
  let usersSeen = 0;
  /**
   * The output buffers, taking turns; each grows as needed (empty until first used).
   * NOTE (perf): filled from the start, so the array's elements kind never changes: as `[]` its
   * first stores changed it and the optimized encoder was thrown away for good ("wrong map"),
   * leaving each batch to the loop's on-stack code, which deoptimized at every batch's end.
   */
  const outs: Uint8Array<ArrayBuffer>[] = Array.from({length: views}, () => new Uint8Array(0));
  let turn = 0;
  /** The longest phone, class-and-day and tail pieces together: a record's room needs no lookup. */
  let piecesRoom = 0;
  let longestPhone = 0;
  let longestClass = 0;
  let longestTail = 0;
  const roomFor = (phone: number, shared: number, tail: number) => {
    longestPhone = Math.max(longestPhone, phone);
    longestClass = Math.max(longestClass, shared);
    longestTail = Math.max(longestTail, tail);
    piecesRoom = longestPhone + longestClass + longestTail;
  };
  /** The mean size of the last batch's records (at first a guess: most are 300 to 350 bytes). */
  let bytesPerRecord = 384;
  /** The `idPrefix` of generated ids seen last and its JSON string contents. */
  let idPrefixSeen: string | undefined;
  let idPrefixJson: Uint8Array = new Uint8Array(0);

  function phonePieces(p: number): void {
    const phone = accounts.phones[p]!;
    const text =
      `","waba":${q(accounts.wabas[phone.waba]!.id)}` +
      (phone.number === null ? "" : `,"phone":${q(phone.number)}`) +
      `,"user":`;
    phoneJson[p] = jsonPiece(text);
    phoneUserJson[p] = jsonPiece(text + `"+`);
    roomFor(phoneUserJson[p]!.length, 0, 0);
  }

  /** Numbers the class of record j (key `key`) and makes its JSON. */
  function newClass(charges: ChargeColumns, j: number, key: number): number {
    const c = classJson.length;
    classJson.push(
      jsonPiece(
        `","market":${q(markets.markets[charges.market[j]!]!)}` +
          `,"pricingModel":${q(PRICING_MODEL_IDS[charges.model[j]!]!)}` +
          `,"rateCard":${q(cards.rates[charges.rateCard[j]!]!.effective)}` +
          `,"category":${q(CATEGORY_NAMES[charges.category[j]!]!)}` +
          `,"type":${q(CHARGE_TYPE_NAMES[charges.type[j]!]!)}` +
          `,"billable":${charges.billable[j] === 1},"time":"`,
      ),
    );
    if (c >= classDay.length) {
      classDay = grownFloats(classDay, c + 1);
    }
    classDay[c] = NaN;
    classOfKey[key] = c + 1;
    return c;
  }

  /** The class's JSON up to its time's day, made again when the day is not the last one's. */
  function classDayPiece(c: number, day: number): Uint8Array {
    if (classDay[c] !== day) {
      classDay[c] = day;
      const head = classJson[c]!;
      const prefix = dayPiece(day);
      const piece = new Uint8Array(head.length + prefix.length);
      piece.set(head);
      piece.set(prefix, head.length);
      classDayJson[c] = piece;
      roomFor(0, piece.length, 0);
    }
    return classDayJson[c]!;
  }

  /** `YYYY-MM-DDT` of a day. */
  function dayPiece(day: number): Uint8Array {
    let piece = dayJson.get(day);
    if (piece === undefined) dayJson.set(day, (piece = jsonPiece(dayPrefixText(day))));
    return piece;
  }

  /**
   * The number of the tail of amount `micros` in currency `currency`, of record class `c`,
   * remembered as the class and currency's last (the encoding loop looks there first).
   */
  function tailOf(c: number, micros: number, currency: number, conversation: boolean): number {
    const memo = c * currencyCount + currency;
    if (memo >= tailMemoAmount.length) {
      tailMemoAmount = grownFloats(tailMemoAmount, memo + 1);
      const bigger = new Int32Array(tailMemoAmount.length);
      bigger.set(tailMemo);
      tailMemo = bigger;
    }
    const tailKey = (micros * currencyCount + currency) * 2 + (conversation ? 1 : 0);
    let t = tailOfKey.get(tailKey);
    if (t < 0) {
      t = tailJson.length;
      tailJson.push(
        jsonPiece(
          `","amount":${q(formatMicros(micros))},"currency":${q(currencies[currency]!)}` +
            (conversation ? "}\n" : `,"tier":`),
        ),
      );
      tailOfKey.set(tailKey, t);
      roomFor(0, 0, tailJson[t]!.length);
    }
    tailMemoAmount[memo] = micros + 1;
    tailMemo[memo] = t;
    return t;
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
    turn = (turn + 1) % views;
    // NOTE (perf): a buffer of the expected size from the start, not grown by doubling: each
    // doubling copied the batch so far into fresh memory (~10 % of the first batches' encoding).
    // A new one has a quarter more, so that later batches rarely need another: 1 M lines made 8
    // buffers of ~1.8 MB, now 2, and `walab bill` took ~5 % less (14 alternating runs)
    const expected = Math.ceil(1.125 * charges.length * bytesPerRecord) + 4096;
    const kept = outs[turn]!;
    let out = kept.length >= expected ? kept : new Uint8Array(Math.ceil(1.25 * expected));
    let pos = 0;
    // a log reader's batch has each row's user digits: no lookup by user
    const rowDigits = batch.userDigits ?? null;
    if (rowDigits === null && batch.users.length > usersSeen) learnUsers(batch.users);
    const users = batch.users;
    const idBytes = batch.idBytes;
    const idEnds = batch.idEnds;
    // ids made from a number are written as `"<prefix>` and the number's digits
    const generatedIds = idBytes === null || idEnds === null;
    if (generatedIds && batch.idPrefix !== idPrefixSeen) {
      idPrefixSeen = batch.idPrefix;
      idPrefixJson = jsonPiece(q(batch.idPrefix).slice(1, -1));
    }
    const numberedIds = generatedIds && Number.isSafeInteger(batch.idStart) && batch.idStart >= 0;
    /**
     * The contents of a generated id as a JSON string, into `into` at `at` (room reserved).
     * NOTE (perf): `into` is a parameter, not `out` captured: a closure over `out` would keep it
     * in a context slot, loaded through memory at every write of the loop.
     */
    const writeGeneratedId = (into: Uint8Array, at: number, row: number): number =>
      numberedIds
        ? writeInteger(into, writePiece(into, at, idPrefixJson), batch.idStart + row)
        : writeString(into, at - 1, batch.idPrefix + String(batch.idStart + row)) - 1;
    const generatedIdRoom = 6 * batch.idPrefix.length + 24;
    // NOTE (perf): the columns in locals: the writes' calls would make the loop reload them
    const {row: rows, model: models, market, rateCard, category, type, billable} = charges;
    const {tMs: times, amountMicros, tier} = charges;
    const {phone: phones, waba: wabas, user: userOfRow} = batch;
    // hot path: j < charges.length <= every charge column's length
    for (let j = 0; j < charges.length; j++) {
      const row = rows[j]!;
      const model = models[j]!;
      const conversation = isConversationModel(model);
      const p = phones[row]!;
      if (phoneJson[p] === undefined) phonePieces(p);
      const classKey =
        ((((market[j]! * MODELS + model) * rateCount + rateCard[j]!) * CATEGORIES + category[j]!) *
          CHARGE_TYPES +
          type[j]!) *
          2 +
        billable[j]!;
      let c = classOfKey[classKey]! - 1;
      if (c < 0) c = newClass(charges, j, classKey);
      const tMs = times[j]!;
      const day = dayOf(tMs);
      // hot path: the class's piece of the same day as its last record
      const shared = classDay[c] === day ? classDayJson[c]! : classDayPiece(c, day);
      const micros = amountMicros[j]!;
      const currency = currencyOfWaba[wabas[row]!]!;
      const memo = c * currencyCount + currency;
      // hot path: the same amount as the last record of the class and currency
      const tail =
        tailJson[
          memo < tailMemoAmount.length && tailMemoAmount[memo] === micros + 1
            ? tailMemo[memo]!
            : tailOf(c, micros, currency, conversation)
        ]!;
      const user = userOfRow[row]!;
      const userNumber = rowDigits !== null ? rowDigits[row]! : userNumbers[user]!;
      const userText = Number.isNaN(userNumber) ? users[user]! : null;
      // the row's id is bytes [idStart, idEnd) of the log's, or generated
      const idStart = generatedIds || row === 0 ? 0 : idEnds[row - 1]!;
      const idEnd = generatedIds ? 0 : idEnds[row]!;
      // every fixed piece, both ids, the user and at most 3 numbers of 16 digits and 2 times
      const room =
        160 +
        piecesRoom +
        2 * (generatedIds ? generatedIdRoom : idEnd - idStart) +
        (userText === null ? 0 : 6 * userText.length);
      if (pos + room > out.length) out = grown(out, pos, room);
      if (conversation) {
        pos = writePiece(out, pos, conversationHead);
        pos = writeInteger(out, pos, charges.conversation[j]!);
        pos = writePiece(out, pos, messageIdKey);
        pos = generatedIds
          ? writeGeneratedId(out, pos, row)
          : writeRange(out, pos, idBytes, idStart, idEnd);
      } else {
        pos = writePiece(out, pos, messageHead);
        const idAt = pos;
        if (generatedIds) pos = writeGeneratedId(out, pos, row);
        else if (idEnd - idStart <= 32) pos = writeRange(out, pos, idBytes, idStart, idEnd);
        else {
          // NOTE (perf): a long id by one call (its view costs an allocation, still less than a
          // byte loop at ~1.5 ns a byte), and below copied again from here by another
          out.set(idBytes.subarray(idStart, idEnd), pos);
          pos += idEnd - idStart;
        }
        const idLength = pos - idAt;
        pos = writePiece(out, pos, messageIdKey);
        // the message's id again (`messageId`)
        if (idLength <= 32) pos = writeRange(out, pos, out, idAt, idAt + idLength);
        else {
          out.copyWithin(pos, idAt, idAt + idLength);
          pos += idLength;
        }
      }
      if (userText === null) {
        pos = writePiece(out, pos, phoneUserJson[p]!);
        pos = writeInteger(out, pos, userNumber);
      } else {
        pos = writePiece(out, pos, phoneJson[p]!);
        // its closing quote is the class piece's first byte
        pos = writeString(out, pos, userText) - 1;
      }
      pos = writePiece(out, pos, shared);
      pos = writeTimeOfDay(out, pos, tMs, day);
      if (conversation) {
        pos = writePiece(out, pos, expiresKey);
        const expiresMs = charges.expiresMs[j]!;
        const expires = dayOf(expiresMs);
        pos = writePiece(out, pos, dayPiece(expires));
        pos = writeTimeOfDay(out, pos, expiresMs, expires);
        pos = writePiece(out, pos, tail);
      } else {
        pos = writePiece(out, pos, tail);
        pos = writeInteger(out, pos, tier[j]!);
        out[pos++] = CLOSE;
        out[pos++] = NEWLINE;
      }
    }
    outs[turn] = out; // as it may have grown
    if (charges.length > 0) bytesPerRecord = pos / charges.length;
    return out.subarray(0, pos);
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

/** A copy of `values` with room for at least `length` (twice as many or more). */
function grownFloats(values: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(Math.max(length, 2 * values.length));
  bigger.set(values);
  return bigger;
}
