/**
 * fast-check arbitraries of random but valid accounts + message logs that stress the billing
 * rules: few users and phones (windows overlap), times on a half-hour grid around a local month
 * boundary plus exact +24 h / +72 h (and ±1 ms) copies of other messages' times, entry-point
 * inbound from mobile and web, failed outbound, every template category, several timezones,
 * multi-WABA businesses and WABAs with two phones. Shrinks to small logs.
 */
import fc from "fast-check";
import {stringify as stringifyYaml} from "yaml";

export type ModelChoice =
  "cbp-2022-02" | "cbp-2023-06" | "cbp-2024-11" | "pmp-2025-07" | "pmp-2026-10" | "auto";

/** One generated test case: the same input as objects (reference) and as text (kernel). */
export interface RandomCase {
  pricing: string;
  rates: string;
  serviceFreePerPhone: number;
  /** Accounts as parsed from `accountsText` (undefined: no accounts file). */
  accountsText: string | undefined;
  /** The NDJSON log, one message per line, in time order. */
  messagesText: string;
  /** A short label of the group/anchor that produced it, for failure messages. */
  label: string;
}

const HALF_HOUR = 1_800_000;
const HOUR = 2 * HALF_HOUR;

export const TIMEZONES = [
  "UTC",
  "America/Sao_Paulo",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Pacific/Kiritimati",
] as const;

/** Sample users, one per market of interest. */
export const USERS = {
  BR: "+5511987654321",
  BR2: "+5521998765432",
  IN: "+919876543210",
  ID: "+6281234567890",
  DE: "+4915112345678",
  AR: "+5491123456789",
  EG: "+201001234567",
  CO: "+573001234567",
  IL: "+972501234567",
  NA: "+12125551234", // North America
  DO: "+18095551234", // Dominican Republic → Rest of Latin America
  RU: "+74951234567",
  KZ: "+77011234567", // Other until 2026-09-30, then Kazakhstan
  ZW: "+263771234567", // Other until 2025-09-30, then Rest of Africa
  HK: "+85291234567", // standalone from 2026-07-01
  QA: "+97455123456", // standalone from 2026-07-01
  MY: "+60123456789",
  PK: "+923001234567",
  ZA: "+27821234567",
  MA: "+212612345678", // standalone from 2026-10-01
  BS: "+12425551234", // unlisted NANP → Other
  AT: "+436641234567", // Rest of Western Europe
  XX: "+999123456", // no prefix matches → Other
} as const;
type UserKey = keyof typeof USERS;

const ALL = Object.keys(USERS) as UserKey[];
/** Markets priced by rates-2022-02-01 (no Other, Rest of Middle East, Rest of Western Europe). */
const P22: UserKey[] = ["BR", "BR2", "IN", "ID", "DE", "AR", "EG", "CO", "IL", "NA", "DO", "RU"];
const P22_MORE: UserKey[] = [...P22, "HK", "MY", "PK", "ZA", "MA"];
const R22: UserKey[] = ["ZW", "KZ", "BS", "XX", "AT", "QA"];
/** The 10 markets of rates-2023-06-01. */
const P23: UserKey[] = ["BR", "BR2", "IN", "ID", "DE", "AR", "EG", "CO", "IL"];
const R23: UserKey[] = ["NA", "RU", "ZW"];
const NOT_HK_QA = ALL.filter((k) => k !== "HK" && k !== "QA");

interface Group {
  /** Anchor dates: local midnight of one of these in one WABA's timezone. */
  dates: string[];
  /** Users whose markets are priced throughout. */
  pool: UserKey[];
  /** Users that may hit an unpriced market (both sides must throw). */
  risky: UserKey[];
  /** "auto" or forced editions (one picked at random). */
  rates: string[];
  /** Anchor at the latest local midnight over all WABAs and generate times after it only. */
  startOnly?: boolean;
}

/** Per model, the periods and users for which the shipped data exists (rate-cards README gaps). */
export const GROUPS: Record<ModelChoice, Group[]> = {
  "cbp-2022-02": [
    {
      dates: ["2022-03-01", "2022-08-01", "2023-01-01", "2023-03-01", "2023-05-01"],
      pool: P22_MORE,
      risky: R22,
      rates: ["auto"],
    },
    {dates: ["2022-02-01"], pool: P22, risky: R22, rates: ["auto"], startOnly: true},
    {dates: ["2022-11-01", "2023-03-01"], pool: P22, risky: R22, rates: ["2022-02-01"]},
    // Past its period: the 2023-06-01 card has no user/business-initiated rates, free tier only.
    {dates: ["2023-07-01", "2024-02-01"], pool: P23, risky: R23, rates: ["auto"]},
  ],
  "cbp-2023-06": [
    {
      dates: [
        "2023-07-01",
        "2023-10-01",
        "2024-01-01",
        "2024-03-01",
        "2024-06-01",
        "2024-07-01",
        "2024-10-01",
      ],
      pool: P23,
      risky: R23,
      rates: ["auto"],
    },
    {dates: ["2023-06-01"], pool: P23, risky: R23, rates: ["auto"], startOnly: true},
    {
      dates: ["2024-02-01", "2024-11-01"],
      pool: P23,
      risky: R23,
      rates: ["2024-11-01", "2023-06-01"],
    },
    {dates: ["2024-12-01", "2025-03-01"], pool: ALL, risky: [], rates: ["auto"]},
  ],
  "cbp-2024-11": [
    {
      dates: ["2024-12-01", "2025-01-01", "2025-02-01", "2025-04-01", "2025-06-01"],
      pool: ALL,
      risky: [],
      rates: ["auto"],
    },
    {dates: ["2024-11-01"], pool: ALL, risky: [], rates: ["auto"], startOnly: true},
    {
      dates: ["2025-02-01", "2025-07-01"],
      pool: ALL,
      risky: [],
      rates: ["2026-04-01", "2026-10-01", "2024-11-01"],
    },
    {dates: ["2025-08-01", "2026-04-01"], pool: NOT_HK_QA, risky: ["HK", "QA"], rates: ["auto"]},
  ],
  "pmp-2025-07": [
    {
      dates: ["2025-08-01", "2025-10-01", "2026-01-01", "2026-04-01", "2026-05-01", "2026-09-01"],
      pool: NOT_HK_QA,
      risky: [],
      rates: ["auto"],
    },
    {dates: ["2026-07-01"], pool: NOT_HK_QA, risky: ["HK", "QA"], rates: ["auto"]},
    {dates: ["2025-07-01"], pool: ALL, risky: [], rates: ["auto"], startOnly: true},
    {
      dates: ["2025-10-01", "2026-04-01", "2026-07-01"],
      pool: ALL,
      risky: [],
      rates: ["2026-10-01"],
    },
    {
      dates: ["2026-02-01", "2026-04-01"],
      pool: NOT_HK_QA,
      risky: ["HK", "QA"],
      rates: ["2026-04-01", "2024-11-01"],
    },
  ],
  "pmp-2026-10": [
    {
      dates: ["2026-11-01", "2027-01-01", "2027-03-01"],
      pool: ALL,
      risky: [],
      rates: ["auto", "2026-10-01"],
    },
    {dates: ["2026-10-01"], pool: ALL, risky: [], rates: ["auto"], startOnly: true},
    {
      dates: ["2026-11-01"],
      pool: NOT_HK_QA.filter((k) => k !== "KZ" && k !== "MA"),
      risky: ["KZ", "HK"],
      rates: ["2026-04-01"],
    },
  ],
  auto: [
    {dates: ["2022-02-01"], pool: P22, risky: R22, rates: ["auto"], startOnly: true},
    {dates: ["2023-03-01"], pool: P22_MORE, risky: R22, rates: ["auto"]},
    {dates: ["2023-06-01", "2024-11-01"], pool: P23, risky: R23, rates: ["auto"]},
    {dates: ["2023-06-01", "2024-11-01"], pool: P23, risky: [], rates: ["2024-11-01"]},
    {dates: ["2025-07-01", "2026-04-01"], pool: ALL, risky: [], rates: ["auto"]},
    {dates: ["2025-07-01"], pool: ALL, risky: [], rates: ["2026-04-01"]},
    {dates: ["2026-10-01"], pool: NOT_HK_QA, risky: ["HK", "QA"], rates: ["auto"]},
  ],
};

// ---------------------------------------------------------------------------------------------
// Time helpers (generator side; the reference has its own).

function offsetMinutesAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The UTC instant of local midnight starting `date` (YYYY-MM-DD) in `timeZone`. */
export function localMidnight(date: string, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`);
  let guess = naive - offsetMinutesAt(naive, timeZone) * 60_000;
  guess = naive - offsetMinutesAt(guess, timeZone) * 60_000;
  return guess;
}

/** ISO text of an instant written with a fixed offset, e.g. "2024-03-04T07:00:00-03:00". */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString(); // "...Z" shifted
  const body = local.endsWith(".000Z") ? local.slice(0, -5) : local.slice(0, -1);
  if (offsetMinutes === 0) return body + "Z";
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${body}${sign}${hh}:${mm}`;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const KINDS = [
  {weight: 3, arbitrary: fc.constant("in_organic" as const)},
  {weight: 2, arbitrary: fc.constant("in_ctwa" as const)},
  {weight: 1, arbitrary: fc.constant("in_fb" as const)},
  {weight: 1, arbitrary: fc.constant("in_web" as const)},
  {weight: 3, arbitrary: fc.constant("marketing" as const)},
  {weight: 3, arbitrary: fc.constant("utility" as const)},
  {weight: 2, arbitrary: fc.constant("authentication" as const)},
  {weight: 3, arbitrary: fc.constant("text" as const)},
];

const DELTAS = [24 * HOUR, 72 * HOUR, 24 * HOUR - 1, 24 * HOUR + 1, 72 * HOUR - 1, 0, 48 * HOUR];

const messageSpecArb = fc.record({
  slot: fc.integer({min: -200, max: 200}),
  derive: fc.option(fc.record({from: fc.nat({max: 63}), delta: fc.constantFrom(...DELTAS)}), {
    freq: 3,
    nil: undefined,
  }),
  waba: fc.nat({max: 7}),
  phone: fc.nat({max: 7}),
  user: fc.nat({max: 7}),
  kind: fc.oneof(...KINDS),
  variant: fc.nat({max: 11}),
  status: fc.oneof(
    {weight: 8, arbitrary: fc.constant(undefined)},
    {weight: 1, arbitrary: fc.constant("delivered" as const)},
    {weight: 2, arbitrary: fc.constant("failed" as const)},
  ),
  omit: fc.boolean(),
  offset: fc.constantFrom(0, 0, 0, -180, 330, 840, 60),
});
type MessageSpec = typeof messageSpecArb extends fc.Arbitrary<infer T> ? T : never;

const AUTH_COUNTRIES = ["IN", "ID", "EG", "MY", "PK", "ZA", "NG", "SA", "AE"] as const;

const accountsSpecArb = fc.record({
  none: fc.oneof(
    {weight: 1, arbitrary: fc.constant(true)},
    {weight: 4, arbitrary: fc.constant(false)},
  ),
  yaml: fc.boolean(),
  anchorWaba: fc.nat({max: 3}),
  businesses: fc.array(
    fc.record({
      country: fc.constantFrom(undefined, "BR", "IN", "ID", "DE", "US", "ZA", "MY"),
      // Per AUTH_COUNTRIES entry: absent, long started, or a start time on the message grid.
      auth: fc.array(
        fc.oneof(
          {weight: 1, arbitrary: fc.constant("absent" as const)},
          {weight: 1, arbitrary: fc.constant("past" as const)},
          {weight: 2, arbitrary: fc.integer({min: -200, max: 200})},
        ),
        {minLength: AUTH_COUNTRIES.length, maxLength: AUTH_COUNTRIES.length},
      ),
      wabas: fc.array(
        fc.record({
          tz: fc.constantFrom(...TIMEZONES),
          phones: fc.constantFrom(0, 1, 1, 2),
          currency: fc.constantFrom(undefined, "USD"),
        }),
        {minLength: 1, maxLength: 2},
      ),
    }),
    {minLength: 1, maxLength: 2},
  ),
});

interface BuiltWaba {
  id: string;
  timezone: string;
  phones: string[];
}

/** The arbitrary of random cases for one pricing choice. */
export function randomCaseArb(model: ModelChoice): fc.Arbitrary<RandomCase> {
  const groups = GROUPS[model];
  return fc
    .record({
      group: fc.nat({max: groups.length - 1}),
      date: fc.nat({max: 15}),
      rates: fc.nat({max: 7}),
      accounts: accountsSpecArb,
      users: fc.array(fc.tuple(fc.nat({max: 99}), fc.nat({max: 9})), {minLength: 1, maxLength: 3}),
      serviceFreePerPhone: fc.constantFrom(1000, 1000, 0, 1, 2, 3),
      messages: fc.array(messageSpecArb, {minLength: 0, maxLength: 40}),
      // Sometimes ~1,000 service-opening messages to distinct users, so that the monthly free
      // allowances (CBP22-4, CBP23-9, PMP26-4) run out inside the random part of the log.
      filler: fc.oneof(
        {weight: 6, arbitrary: fc.constant(undefined)},
        {
          weight: 1,
          arbitrary: fc.record({
            count: fc.integer({min: 980, max: 1000}),
            waba: fc.nat({max: 7}),
            before: fc.boolean(),
          }),
        },
      ),
    })
    .map((spec) => {
      const group = groups[spec.group] as Group;
      const date = group.dates[spec.date % group.dates.length] as string;
      const rates = group.rates[spec.rates % group.rates.length] as string;

      // Accounts: WABAs (timezones, phones) first, then the anchor, then authInternational.
      const wabas: BuiltWaba[] = [];
      let phoneCounter = 0;
      if (spec.accounts.none) {
        wabas.push({id: "default", timezone: "UTC", phones: []});
      } else {
        for (const b of spec.accounts.businesses) {
          for (const w of b.wabas) {
            const phones: string[] = [];
            for (let p = 0; p < w.phones; p++) {
              phones.push(`+1555000${String(++phoneCounter).padStart(4, "0")}`);
            }
            wabas.push({id: `w${wabas.length + 1}`, timezone: w.tz, phones});
          }
        }
      }
      const anchorTz = (wabas[spec.accounts.anchorWaba % wabas.length] as BuiltWaba).timezone;
      const anchor = anchorFor(group, date, anchorTz, wabas);
      let accountsText: string | undefined;
      if (!spec.accounts.none) {
        const businesses: object[] = [];
        let wabaIndex = 0;
        for (const [bi, b] of spec.accounts.businesses.entries()) {
          const wabaObjects: object[] = [];
          for (const w of b.wabas) {
            const built = wabas[wabaIndex++] as BuiltWaba;
            wabaObjects.push({
              id: built.id,
              timezone: built.timezone,
              ...(w.currency !== undefined ? {currency: w.currency} : {}),
              ...(built.phones.length > 0 ? {phones: built.phones} : {}),
            });
          }
          const auth: Record<string, string> = {};
          for (const [k, a] of b.auth.entries()) {
            if (a === "absent") continue;
            auth[AUTH_COUNTRIES[k] as string] =
              a === "past" ? "2024-01-01T00:00:00Z" : isoWithOffset(anchor + a * HALF_HOUR, 0);
          }
          businesses.push({
            id: `b${bi + 1}`,
            ...(b.country !== undefined ? {country: b.country} : {}),
            ...(Object.keys(auth).length > 0 ? {authInternational: auth} : {}),
            wabas: wabaObjects,
          });
        }
        const accounts = {businesses};
        accountsText = spec.accounts.yaml ? stringifyYaml(accounts) : JSON.stringify(accounts);
      }

      // Users: mostly from the priced pool, sometimes a risky one.
      const users = spec.users.map(([pick, risk]) => {
        const fromRisky = group.risky.length > 0 && risk === 0;
        // Extra weight on markets with authentication-international rates (C-8).
        const boosted = group.pool.filter(
          (k) => k === "IN" || k === "ID" || k === "MY" || k === "PK",
        );
        const list = fromRisky ? group.risky : [...group.pool, ...boosted];
        return USERS[list[pick % list.length] as UserKey];
      });

      const lines = buildLog(spec.messages, anchor, group.startOnly === true, wabas, users);
      if (spec.filler !== undefined) {
        const waba = wabas[spec.filler.waba % wabas.length] as BuiltWaba;
        // At the anchor (a local midnight) or 101 h before it, i.e. before every random message.
        const t =
          spec.filler.before && group.startOnly !== true ? anchor - 202 * HALF_HOUR - 1 : anchor;
        const time = isoWithOffset(t, 0);
        const fill: object[] = [];
        for (let i = 0; i < spec.filler.count; i++) {
          fill.push({
            time,
            waba: waba.id,
            ...(waba.phones.length > 0 ? {phone: waba.phones[0]} : {}),
            user: `+55119${String(i).padStart(8, "0")}`,
            direction: "outbound",
            type: "text",
          });
        }
        // Insert before the first message at or after t (stable for equal times: fillers first).
        let at = lines.findIndex((line) => Date.parse(String((line as {time: string}).time)) >= t);
        if (at < 0) at = lines.length;
        lines.splice(at, 0, ...fill);
      }
      return {
        pricing: model,
        rates,
        serviceFreePerPhone: spec.serviceFreePerPhone,
        accountsText,
        messagesText:
          lines.map((line) => JSON.stringify(line)).join("\n") + (lines.length > 0 ? "\n" : ""),
        label: `${model} ${date} rates=${rates}`,
      };
    });
}

function anchorFor(group: Group, date: string, anchorTz: string, wabas: BuiltWaba[]): number {
  if (group.startOnly !== true) return localMidnight(date, anchorTz);
  let latest = -Infinity;
  for (const w of wabas) latest = Math.max(latest, localMidnight(date, w.timezone));
  return latest;
}

function buildLog(
  specs: MessageSpec[],
  anchor: number,
  startOnly: boolean,
  wabas: BuiltWaba[],
  users: string[],
): object[] {
  const slotTime = (slot: number): number =>
    anchor + (startOnly ? Math.abs(slot) : slot) * HALF_HOUR;
  const timed = specs.map((spec, index) => {
    let t = slotTime(spec.slot);
    if (spec.derive !== undefined && specs.length > 0) {
      const from = specs[spec.derive.from % specs.length] as MessageSpec;
      t = slotTime(from.slot) + spec.derive.delta;
    }
    return {spec, t, index};
  });
  timed.sort((a, b) => a.t - b.t || a.index - b.index);

  const single = wabas.length === 1;
  return timed.map(({spec, t}, i) => {
    const wabaIndex = spec.waba % wabas.length;
    const waba = wabas[wabaIndex] as BuiltWaba;
    const line: Record<string, unknown> = {};
    // Ids: mostly explicit, sometimes the line-number default.
    if (spec.variant % 4 !== 0) line["id"] = `m${i + 1}`;
    line["time"] = isoWithOffset(t, spec.offset);
    if (!(single && spec.omit)) line["waba"] = waba.id;
    if (waba.phones.length === 2) line["phone"] = waba.phones[spec.phone % 2];
    else if (waba.phones.length === 1 && !spec.omit) line["phone"] = waba.phones[0];
    else if (waba.phones.length === 0 && spec.phone % 3 !== 0) {
      // A WABA without listed phones: the log may still name the business phone.
      line["phone"] = `+1666${wabaIndex}${(spec.phone % 2) + 1}000000`;
    }
    line["user"] = users[spec.user % users.length];
    const kind = spec.kind;
    if (kind.startsWith("in_")) {
      line["direction"] = "inbound";
      line["type"] = ["text", "image", "interactive"][spec.variant % 3];
      if (kind === "in_organic") {
        if (spec.variant % 2 === 0) line["entryPoint"] = "organic";
        if (spec.variant % 5 === 0) line["device"] = "web";
      } else {
        line["entryPoint"] = kind === "in_fb" ? "fb_page_cta" : "ctwa_ad";
        if (kind === "in_web") line["device"] = "web";
        else if (spec.variant % 2 === 0) line["device"] = "mobile";
      }
    } else {
      line["direction"] = "outbound";
      if (kind === "text") {
        line["type"] = ["text", "image", "interactive", "document"][spec.variant % 4];
      } else {
        line["type"] = "template";
        line["category"] = kind;
      }
      if (spec.status !== undefined) line["status"] = spec.status;
    }
    return line;
  });
}
