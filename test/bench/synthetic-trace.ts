import {compileAccounts, parseAccounts} from "../../models/accounts/index.ts";
import type {CompiledAccounts} from "../../models/accounts/index.ts";
import {DIRECTION, ENTRY_POINT, NO_CATEGORY, STATUS, TEMPLATE_TYPE} from "../../models/codes.ts";
import {countryOf} from "../../models/markets/index.ts";
import type {MarketTable} from "../../models/markets/index.ts";
import {createMessageBatch} from "../../engine/index.ts";
import type {MessageBatch} from "../../engine/index.ts";

/** One calling code per country of markets.csv that the 2026-10-01 card prices (65 countries, 47 markets). */
const CALLING_CODES = [
  "54",
  "55",
  "56",
  "57",
  "20",
  "33",
  "49",
  "91",
  "62",
  "972",
  "39",
  "60",
  "52",
  "31",
  "234",
  "92",
  "51",
  "7",
  "966",
  "27",
  "34",
  "90",
  "971",
  "44",
  "1",
  "880",
  "852",
  "36",
  "964",
  "965",
  "212",
  "977",
  "968",
  "48",
  "974",
  "40",
  "65",
  "94",
  "380",
  "76",
  "263",
  "254",
  "233",
  "255",
  "213",
  "61",
  "81",
  "82",
  "84",
  "66",
  "63",
  "64",
  "43",
  "32",
  "41",
  "46",
  "47",
  "45",
  "30",
  "351",
  "420",
  "359",
  "421",
  "973",
  "962",
];
const TIMEZONES = [
  "UTC",
  "America/Sao_Paulo",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Jakarta",
  "America/Mexico_City",
];

/** A deterministic 32-bit generator (mulberry32): the bench needs reproducible traffic, not quality. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticTrace {
  accounts: CompiledAccounts;
  batch: MessageBatch;
  userCount: number;
  countries: number;
}

/**
 * A month of traffic (October 2026) as one time-ordered batch: `users` customers over 65
 * countries, one phone each of `businesses` businesses in six timezones; 40 % inbound (5 % from
 * ads), outbound 2 % failed, half templates (marketing, utility, authentication) and half replies.
 */
export function createSyntheticTrace(
  markets: MarketTable,
  messages: number,
  users: number,
  businesses = 100,
): SyntheticTrace {
  const random = createRandom(42);
  const accounts = compileAccounts(
    parseAccounts(
      JSON.stringify({
        businesses: Array.from({length: businesses}, (_, b) => ({
          id: `b${b}`,
          country: "DE",
          authInternational: {IN: "2026-01-01T00:00:00Z"},
          wabas: [
            {
              id: `w${b}`,
              timezone: TIMEZONES[b % TIMEZONES.length],
              phones: [`+4930${String(1000000 + b)}`],
            },
          ],
        })),
      }),
      "bench-accounts.json",
    ),
  );
  const numbers: string[] = [];
  const userCountry = new Uint16Array(users);
  for (let u = 0; u < users; u++) {
    const code = CALLING_CODES[u % CALLING_CODES.length]!;
    numbers.push(`+${code}${String(700000000 + u).padStart(9, "0")}`);
    userCountry[u] = countryOf(markets, numbers[u]!);
  }
  const batch = createMessageBatch(messages, numbers, ["template", "text"]);
  const start = Date.UTC(2026, 9, 2);
  const span = 27 * 86_400_000;
  for (let i = 0; i < messages; i++) {
    const u = Math.floor(random() * users);
    batch.tMs[i] = start + Math.floor((i / messages) * span);
    batch.waba[i] = u % businesses;
    batch.phone[i] = u % businesses;
    batch.user[i] = u;
    batch.pair[i] = u;
    batch.country[i] = userCountry[u]!;
    const r = random();
    if (r < 0.4) {
      batch.direction[i] = DIRECTION.inbound;
      batch.type[i] = 1;
      batch.category[i] = NO_CATEGORY;
      batch.entryPoint[i] = r < 0.02 ? ENTRY_POINT.ctwa_ad : ENTRY_POINT.organic;
    } else {
      batch.direction[i] = DIRECTION.outbound;
      batch.status[i] = r > 0.98 ? STATUS.failed : STATUS.delivered;
      if (r < 0.7) {
        batch.type[i] = TEMPLATE_TYPE;
        batch.category[i] = Math.floor(random() * 3);
      } else {
        batch.type[i] = 1;
        batch.category[i] = NO_CATEGORY;
      }
    }
  }
  batch.length = messages;
  batch.idPrefix = "m";
  return {accounts, batch, userCount: users, countries: new Set(userCountry).size};
}
