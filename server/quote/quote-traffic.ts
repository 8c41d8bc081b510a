import type {RandomStream} from "../../engine/sim/index.ts";
import {DIRECTION, NO_CATEGORY, TEMPLATE_CATEGORY} from "../../models/codes.ts";
import type {QuoteCategory} from "../api/schemas.ts";

/** Message volumes of one month per category (service = replies to user-initiated contacts). */
export type QuoteVolumes = Record<QuoteCategory, number>;

/** The quoted local month: its start and end instants and the start of each local day. */
export interface QuoteMonth {
  startMs: number;
  endMs: number;
  /** Local midnight of each day of the month, as instants (length = days). */
  dayStartsMs: Float64Array;
}

/** A synthetic month of messages as columns in time order; users are indices 0 .. users − 1. */
export interface QuoteTraffic {
  length: number;
  tMs: Float64Array;
  user: Uint32Array;
  direction: Uint8Array;
  /** 0 = template, 1 = free-form text. */
  type: Uint8Array;
  /** TEMPLATE_CATEGORY code, NO_CATEGORY for free-form messages. */
  category: Uint8Array;
  users: number;
}

const TEXT_TYPE = 1;
const SEQ_BITS = 2 ** 23;
/** Hours between two messages to the same contact in the separate-contacts log (> any 24 h window). */
const CONTACT_GAP_S = 26 * 3600;
/** A retail day in local time: relative message intensity per hour, 00:00 to 23:00. */
const HOURLY = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.2, 1.5, 1.6, 1.6, 1.5, 1.5, 1.5, 1.5, 1.5, 1.6, 1.7,
  1.8, 1.7, 1.3, 0.8, 0.4,
];

interface TrafficBuilder {
  push(offsetS: number, user: number, direction: number, type: number, category: number): void;
  finish(users: number): QuoteTraffic;
}

/** Collects messages with second-resolution offsets from the month start, then sorts them stably. */
function createTrafficBuilder(month: QuoteMonth, capacity: number): TrafficBuilder {
  const monthS = Math.floor((month.endMs - month.startMs) / 1000);
  const keys = new Float64Array(capacity);
  const user = new Uint32Array(capacity);
  const code = new Uint8Array(capacity); // direction | type << 1
  const category = new Uint8Array(capacity);
  let n = 0;
  return {
    push(offsetS, u, direction, type, c) {
      const s = Math.min(Math.max(0, Math.floor(offsetS)), monthS - 1);
      // NOTE (perf): time and insertion order packed in one float so a typed-array sort orders
      // by (time, seq) without a comparator; gives up sub-second times.
      keys[n] = s * SEQ_BITS + n;
      user[n] = u;
      code[n] = direction | (type << 1);
      category[n] = c;
      n++;
    },
    finish(users) {
      const sorted = keys.subarray(0, n).sort();
      const out: QuoteTraffic = {
        length: n,
        tMs: new Float64Array(n),
        user: new Uint32Array(n),
        direction: new Uint8Array(n),
        type: new Uint8Array(n),
        category: new Uint8Array(n),
        users,
      };
      for (let i = 0; i < n; i++) {
        const key = sorted[i]!;
        const seq = key % SEQ_BITS;
        out.tMs[i] = month.startMs + ((key - seq) / SEQ_BITS) * 1000;
        out.user[i] = user[seq]!;
        out.direction[i] = code[seq]! & 1;
        out.type[i] = code[seq]! >> 1;
        out.category[i] = category[seq]!;
      }
      return out;
    },
  };
}

/**
 * The calculator's reading of the volumes: every business message goes to a contact with no
 * open window (each service reply answers its own contact a minute after the contact writes),
 * spread evenly over the month; a contact gets at most one message per 26 h, so no conversation,
 * window or entry point is shared. Billing this log gives list prices with exactly the free
 * allowances and volume tiers of the month. O(messages log messages) for the sort.
 * @example separateContactsTraffic({marketing: 2, utility: 0, authentication: 0, service: 1}, month).length // => 4
 */
export function separateContactsTraffic(volumes: QuoteVolumes, month: QuoteMonth): QuoteTraffic {
  const monthS = (month.endMs - month.startMs) / 1000;
  const builder = createTrafficBuilder(
    month,
    volumes.marketing + volumes.utility + volumes.authentication + 2 * volumes.service,
  );
  let nextUser = 0;
  const pool = (n: number) => Math.min(n, Math.ceil((n * CONTACT_GAP_S) / monthS));
  for (const name of ["marketing", "utility", "authentication"] as const) {
    const n = volumes[name];
    if (n === 0) continue;
    const size = pool(n);
    const spacing = monthS / n;
    for (let k = 0; k < n; k++) {
      builder.push(
        (k + 0.5) * spacing,
        nextUser + (k % size),
        DIRECTION.outbound,
        0,
        TEMPLATE_CATEGORY[name],
      );
    }
    nextUser += size;
  }
  const n = volumes.service;
  if (n > 0) {
    const size = pool(n);
    const spacing = monthS / n;
    for (let k = 0; k < n; k++) {
      const inbound = Math.min((k + 0.25) * spacing, monthS - 61);
      builder.push(inbound, nextUser + (k % size), DIRECTION.inbound, TEXT_TYPE, NO_CATEGORY);
      builder.push(inbound + 60, nextUser + (k % size), DIRECTION.outbound, TEXT_TYPE, NO_CATEGORY);
    }
    nextUser += size;
  }
  return builder.finish(nextUser);
}

/** Options of the time-aware month. */
export interface TimeAwareOptions {
  /** Customers the messages go to. */
  contacts: number;
  random: RandomStream;
}

/**
 * The same volumes as a month of a real business: `contacts` customers write in during the day
 * (each service contact gets two replies a few minutes apart), half the utility messages are
 * order confirmations sent inside the window a contact just opened, marketing goes out in weekly
 * campaigns at 10:00 local to consecutive slices of the customer base, and 15 % of the
 * authentication codes are retries a minute or two after the first. Windows, conversations and
 * free allowances then overlap as they do in practice. Deterministic for a given stream.
 * O(messages log messages).
 * @example timeAwareTraffic({marketing: 100, utility: 50, authentication: 20, service: 40}, month, {contacts: 80, random}).length // => 250
 */
export function timeAwareTraffic(
  volumes: QuoteVolumes,
  month: QuoteMonth,
  options: TimeAwareOptions,
): QuoteTraffic {
  const {contacts, random} = options;
  const days = month.dayStartsMs.length;
  const builder = createTrafficBuilder(
    month,
    volumes.marketing + volumes.utility + volumes.authentication + 2 * volumes.service,
  );
  const cumulative = cumulativeWeights(HOURLY);
  const offsetOf = (day: number, secondOfDay: number) =>
    (month.dayStartsMs[day]! - month.startMs) / 1000 + secondOfDay;
  const anyTime = () => {
    const day = Math.floor(random() * days);
    const hour = pick(cumulative, random());
    return offsetOf(day, hour * 3600 + random() * 3600);
  };
  const anyUser = () => Math.floor(random() * contacts);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);

  // service: sessions of two replies
  const sessions = Math.ceil(volumes.service / 2);
  const sessionUser = new Uint32Array(sessions);
  const sessionStart = new Float64Array(sessions);
  let replies = volumes.service;
  for (let j = 0; j < sessions; j++) {
    const u = anyUser();
    let t = anyTime();
    sessionUser[j] = u;
    sessionStart[j] = t;
    for (let r = 0; r < 2 && replies > 0; r++, replies--) {
      if (r > 0) t += between(60, 600);
      builder.push(t, u, DIRECTION.inbound, TEXT_TYPE, NO_CATEGORY);
      t += between(20, 300);
      builder.push(t, u, DIRECTION.outbound, TEXT_TYPE, NO_CATEGORY);
    }
  }
  // utility: half are confirmations inside a contact's window
  const inWindow = sessions > 0 ? Math.floor(volumes.utility / 2) : 0;
  for (let k = 0; k < volumes.utility; k++) {
    if (k < inWindow) {
      const j = Math.floor(random() * sessions);
      builder.push(
        sessionStart[j]! + between(300, 1800),
        sessionUser[j]!,
        DIRECTION.outbound,
        0,
        TEMPLATE_CATEGORY.utility,
      );
    } else {
      builder.push(anyTime(), anyUser(), DIRECTION.outbound, 0, TEMPLATE_CATEGORY.utility);
    }
  }
  // marketing: weekly campaigns at 10:00 local over two hours
  const campaignDays: number[] = [];
  for (let day = 1; day < days; day += 7) campaignDays.push(day);
  let sent = 0;
  campaignDays.forEach((day, c) => {
    const count = Math.round((volumes.marketing * (c + 1)) / campaignDays.length) - sent;
    const first = Math.floor(random() * contacts);
    for (let i = 0; i < count; i++) {
      builder.push(
        offsetOf(day, 10 * 3600 + (i * 7200) / count),
        (first + i) % contacts,
        DIRECTION.outbound,
        0,
        TEMPLATE_CATEGORY.marketing,
      );
    }
    sent += count;
  });
  // authentication: codes with retries
  let previous = -1;
  let previousUser = 0;
  for (let k = 0; k < volumes.authentication; k++) {
    if (previous >= 0 && random() < 0.15) {
      previous += between(60, 180);
    } else {
      previous = anyTime();
      previousUser = anyUser();
    }
    builder.push(previous, previousUser, DIRECTION.outbound, 0, TEMPLATE_CATEGORY.authentication);
  }
  return builder.finish(contacts);
}

function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, k) => (out[k] = sum += w));
  for (let k = 0; k < out.length; k++) out[k] = out[k]! / sum;
  return out;
}

/** The first index whose cumulative weight exceeds u (bisection). */
function pick(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
