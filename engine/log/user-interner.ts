import type {MarketTable} from "../../models/markets/index.ts";
import type {MessageBatch} from "../message-batch.ts";
import {createCountryByDigits, digitCountOf} from "./country-by-digits.ts";
import {createNumberIndex} from "./number-index.ts";

/**
 * Numbers a log's users and (business phone, user) pairs in order of first appearance, users
 * given as the value of their E.164 digits.
 */
export interface UserInterner {
  /** The user dictionary (E.164 numbers), by user index; empty when made without (`null`). */
  readonly users: string[];
  /** The user of an E.164 number given as its digits' value; interned if new. */
  userOf(digits: number): number;
  /** The dense id of a (business phone, user) pair; assigned if new. */
  pairOf(phone: number, user: number): number;
  /** The user's market-attribution country (models/markets `countryOf`). */
  countryOf(user: number): number;
  /**
   * Sets `user`, `pair` and `country` of rows [0, batch.length) from each row's digits and
   * phone, in row order (what the reader does line by line, done later on another thread).
   */
  fillBatch(batch: MessageBatch, userDigits: Float64Array): void;
}

/**
 * Creates an interner adding to `users`, or, given `null`, one that keeps no strings (the billing
 * thread's: charge records write users from their digits).
 * NOTE (perf): a user is found by its digits' value in a typed-array hash table (no string);
 * its country, first phone and that phone's pair sit side by side in one record, so a line
 * costs about two cache misses here.
 * @example const interner = createUserInterner(markets); interner.userOf(5511987654321) // => 0
 */
export function createUserInterner(
  markets: MarketTable,
  dictionary: string[] | null = [],
): UserInterner {
  const users = dictionary ?? [];
  /** Users interned so far (`users.length` when it is kept). */
  let userCount = users.length;
  const userByDigits = createNumberIndex();
  const countryByDigits = createCountryByDigits(markets);
  /** Per user: its country, its first business phone and that pair's id (-1, -1 until then). */
  let userInfo = new Int32Array(3 * 1024);
  const otherPairs = new Map<number, number>();
  let pairCount = 0;

  function userOf(digits: number): number {
    const known = userByDigits.getOrSet(digits, userCount);
    if (known >= 0) return known;
    const u = userCount++;
    // the digits of a valid E.164 number start with 1-9: the text is "+" and the value
    // NOTE (perf): a million users' strings cost ~0.1 s of allocation and GC on a thread that never reads them
    if (dictionary !== null) users.push("+" + String(digits));
    if (3 * u + 3 > userInfo.length) {
      const bigger = new Int32Array(userInfo.length * 2);
      bigger.set(userInfo);
      userInfo = bigger;
    }
    userInfo[3 * u] = countryByDigits(digits, digitCountOf(digits));
    userInfo[3 * u + 1] = -1;
    userInfo[3 * u + 2] = -1;
    return u;
  }

  function pairOf(phone: number, user: number): number {
    const firstPhone = userInfo[3 * user + 1]!;
    if (firstPhone === phone) return userInfo[3 * user + 2]!;
    if (firstPhone === -1) {
      userInfo[3 * user + 1] = phone;
      userInfo[3 * user + 2] = pairCount;
      return pairCount++;
    }
    const key = phone * 4_294_967_296 + user;
    let pair = otherPairs.get(key);
    if (pair === undefined) {
      pair = pairCount++;
      otherPairs.set(key, pair);
    }
    return pair;
  }

  return {
    users,
    userOf,
    pairOf,
    countryOf: (user) => userInfo[3 * user]!,
    fillBatch(batch, userDigits) {
      const n = batch.length;
      let touched = 0;
      // hot path: i < n <= every column's length
      for (let i = 0; i < n; i++) {
        // NOTE (perf): the table slots of the next group's users are read ahead together
        if ((i & (TOUCH_GROUP - 1)) === 0 && i + 2 * TOUCH_GROUP <= n)
          touched += userByDigits.touch(userDigits, i + TOUCH_GROUP, i + 2 * TOUCH_GROUP);
        const user = userOf(userDigits[i]!);
        batch.user[i] = user;
        batch.pair[i] = pairOf(batch.phone[i]!, user);
        batch.country[i] = userInfo[3 * user]!;
      }
      touchSink = touched;
    },
  };
}

const TOUCH_GROUP = 16;
/** Keeps the read-ahead sums alive. */
let touchSink = 0;
