/**
 * A deliberately slow, obviously-correct reference biller (pricing-rules.md, formats.md §3).
 *
 * It shares no code with models/ or engine/: it reads the shipped CSVs itself, keeps plain Maps
 * of window end times per (WABA, phone, user), walks the log once in order and builds each charge
 * record as a plain object. Used only by tests, to check the fast kernel record for record.
 */
import {loadReferenceData} from "./reference-data.ts";
import type {RefData, RefMarketRow, RefRatesEdition} from "./reference-data.ts";
import {refReadAccounts, refReadMessages} from "./reference-input.ts";
import type {RefMessage} from "./reference-input.ts";
import {refFormatMicros, refParseMicros} from "./reference-money.ts";
import {DAY_MS, refLocalDate} from "./reference-time.ts";

export interface ReferenceBillInput {
  /** Parsed accounts object (or its YAML/JSON text); undefined = one default business/WABA. */
  accounts?: unknown;
  /** Parsed NDJSON lines of the message log. */
  messages: object[];
  /** "auto" (default) or a model id. */
  pricing?: string;
  /** "auto" (default) or the effective date of a rates edition. */
  rates?: string;
  /** pmp-2026-10 free service messages per phone and month (default 1000). */
  serviceFreePerPhone?: number;
}

export type ReferenceRecord = Record<string, string | number | boolean>;

const MODEL_IDS = ["cbp-2022-02", "cbp-2023-06", "cbp-2024-11", "pmp-2025-07", "pmp-2026-10"];

/** model periods by local start date. */
const MODEL_STARTS: [string, string][] = [
  ["2022-02-01", "cbp-2022-02"],
  ["2023-06-01", "cbp-2023-06"],
  ["2024-11-01", "cbp-2024-11"],
  ["2025-07-01", "pmp-2025-07"],
  ["2026-10-01", "pmp-2026-10"],
];

type SlotName = "marketing" | "utility" | "authentication" | "service";

/** Everything remembered per (WABA, business phone, user). -Infinity = never / closed. */
interface PairState {
  cswEnd: number;
  fepEligibleEnd: number;
  fepEnd: number;
  fepEverOpened: boolean;
  /** The single cbp-2022-02 conversation slot. */
  conv22End: number;
  /** cbp-2023-06 / cbp-2024-11 slots. */
  slotEnd: Record<SlotName, number>;
}

function newPairState(): PairState {
  return {
    cswEnd: -Infinity,
    fepEligibleEnd: -Infinity,
    fepEnd: -Infinity,
    fepEverOpened: false,
    conv22End: -Infinity,
    slotEnd: {
      marketing: -Infinity,
      utility: -Infinity,
      authentication: -Infinity,
      service: -Infinity,
    },
  };
}

/** Market attribution (C-7): longest prefix among rows valid on the local date; none → Other. */
function attributeMarket(data: RefData, user: string, localDate: string): RefMarketRow | undefined {
  const digits = user.slice(1);
  let best: RefMarketRow | undefined;
  let bestLength = 0;
  for (const row of data.markets) {
    if (row.validFrom !== "" && localDate < row.validFrom) continue;
    if (row.validTo !== "" && localDate > row.validTo) continue;
    for (const prefix of row.prefixes) {
      if (digits.startsWith(prefix) && prefix.length > bestLength) {
        best = row;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

/** Bills a message log; returns the charge records of formats.md §3. Throws on any error. */
export function referenceBill(input: ReferenceBillInput): ReferenceRecord[] {
  const data = loadReferenceData();
  const pricing = input.pricing ?? "auto";
  const rates = input.rates ?? "auto";
  const serviceFreePerPhone = input.serviceFreePerPhone ?? 1000;
  if (pricing !== "auto" && !MODEL_IDS.includes(pricing)) {
    throw new Error(`reference: unknown pricing model ${pricing}`);
  }
  let forcedEdition: RefRatesEdition | undefined;
  if (rates !== "auto") {
    forcedEdition = data.rates.find((edition) => edition.effective === rates);
    if (forcedEdition === undefined) throw new Error(`reference: no rates edition ${rates}`);
  }

  const wabas = refReadAccounts(input.accounts);
  const messages = refReadMessages(input.messages, wabas);

  const pairs = new Map<string, PairState>();
  /** Monthly counters: free tiers (CBP22-4, CBP23-9, PMP26-4) and volume tiers (C-9). */
  const counters = new Map<string, number>();
  const bump = (key: string): number => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };
  const records: ReferenceRecord[] = [];
  let conversationCount = 0;

  for (const m of messages) {
    const waba = m.waba;
    const pairKey = `${waba.id}\u0000${m.phone ?? ""}\u0000${m.user}`;
    let pair = pairs.get(pairKey);
    if (pair === undefined) {
      pair = newPairState();
      pairs.set(pairKey, pair);
    }
    const t = m.tMs;

    if (m.inbound) {
      // C-3: every inbound message opens or refreshes the CSW.
      pair.cswEnd = t + DAY_MS;
      // C-5 / R-10: ctwa_ad or fb_page_cta from mobile makes the user FEP-eligible for 24 h.
      if (m.entryPointEligible) pair.fepEligibleEnd = t + DAY_MS;
      continue;
    }
    // C-1 / R-8 / R-17: a failed message is never charged and touches nothing.
    if (!m.delivered) continue;

    const localDate = refLocalDate(t, waba.timezone);
    const month = localDate.slice(0, 7);
    let model = pricing;
    if (model === "auto") {
      model = "";
      for (const [start, id] of MODEL_STARTS) if (start <= localDate) model = id;
      if (model === "")
        throw new Error(`reference: line ${m.line}: no pricing model before 2022-02-01`);
    }

    // Shared FEP logic (C-5, R-10, R-17, CBP22-5/I-3), evaluated first.
    let fepOpenedNow = false;
    if (t < pair.fepEligibleEnd) {
      pair.fepEligibleEnd = -Infinity; // consumed, whether or not an FEP opens
      const fepOpen = t < pair.fepEnd;
      const blockedBy22 = model === "cbp-2022-02" && pair.fepEverOpened;
      if (!fepOpen && !blockedBy22) {
        const short = model === "cbp-2022-02" && localDate < "2023-03-01";
        pair.fepEnd = t + (short ? 1 : 3) * DAY_MS;
        pair.fepEverOpened = true;
        fepOpenedNow = true;
      }
    }
    const inFep = fepOpenedNow || t < pair.fepEnd;

    // Edition (C-10) and market (C-7) are looked up lazily: only a record needs them.
    const edition = (): RefRatesEdition => {
      if (forcedEdition !== undefined) return forcedEdition;
      let found: RefRatesEdition | undefined;
      for (const e of data.rates) if (e.effective <= localDate) found = e;
      if (found === undefined)
        throw new Error(`reference: line ${m.line}: no rates edition on ${localDate}`);
      return found;
    };
    const marketRow = attributeMarket(data, m.user, localDate);
    const market = marketRow?.market ?? "Other";
    const rateRow = (): Map<string, string> => {
      const row = edition().rows.get(market);
      if (row === undefined) {
        throw new Error(`reference: market ${market} missing from edition ${edition().effective}`);
      }
      return row;
    };
    const listRate = (column: string): bigint => {
      const cell = rateRow().get(column) ?? "";
      if (cell === "") {
        throw new Error(`reference: no ${column} rate for ${market} in ${edition().effective}`);
      }
      return refParseMicros(cell);
    };
    // C-8 / R-15 / I-2: authentication or authentication_international.
    const authCategory = (): string => {
      const hasRate = (rateRow().get("authentication_international") ?? "") !== "";
      const country = marketRow?.iso2;
      const start =
        country === undefined ? undefined : waba.business.authInternational.get(country);
      const differs = waba.business.country === undefined || waba.business.country !== country;
      return hasRate && differs && start !== undefined && start <= t
        ? "authentication_international"
        : "authentication";
    };

    const emit = (fields: {
      category: string;
      type: string;
      amount: bigint;
      expiresMs?: number;
      tier?: number;
    }): void => {
      rateRow(); // a market missing from the edition is an error for any record
      const cbp = model.startsWith("cbp-");
      if (cbp) conversationCount++;
      const record: ReferenceRecord = {
        unit: cbp ? "conversation" : "message",
        id: cbp ? `c${conversationCount}` : m.id,
        messageId: m.id,
        waba: waba.id,
      };
      if (m.phone !== undefined) record["phone"] = m.phone;
      record["user"] = m.user;
      record["market"] = market;
      record["pricingModel"] = model;
      record["rateCard"] = edition().effective;
      record["category"] = fields.category;
      record["type"] = fields.type;
      record["billable"] = fields.type === "regular";
      record["time"] = new Date(t).toISOString();
      if (cbp) record["expiresAt"] = new Date(fields.expiresMs ?? t + DAY_MS).toISOString();
      record["amount"] = refFormatMicros(fields.amount);
      record["currency"] = waba.currency;
      if (!cbp) record["tier"] = fields.tier ?? 0;
      records.push(record);
    };

    if (model === "cbp-2022-02") {
      billCbp2022(m, pair, t, fepOpenedNow, inFep, bump, month, listRate, emit);
    } else if (model === "cbp-2023-06" || model === "cbp-2024-11") {
      billCbp2023(
        m,
        model,
        pair,
        t,
        fepOpenedNow,
        inFep,
        bump,
        month,
        listRate,
        authCategory,
        emit,
      );
    } else {
      // PMP25-1 / PMP26-3: inside an FEP (or opening one) every message is free, own category.
      if (inFep) {
        const category = !m.template
          ? "service"
          : m.category === "authentication"
            ? authCategory()
            : (m.category as string);
        emit({category, type: "free_entry_point", amount: 0n, tier: 0});
        continue;
      }
      // PMP25-7 / I-5 / R-19: an open CBP conversation of the same category absorbs a template.
      if (m.template && t < pair.slotEnd[m.category as SlotName]) continue;

      if (!m.template) {
        if (model === "pmp-2025-07") {
          // PMP25-2: non-templates are free.
          emit({category: "service", type: "free_customer_service", amount: 0n, tier: 0});
        } else {
          // PMP26-1 / PMP26-4: charged at the utility rate, no tiers, after the per-phone allowance.
          const n = bump(`svc26|${waba.id}|${m.phone ?? ""}|${month}`);
          if (n <= serviceFreePerPhone) {
            emit({category: "service", type: "free_tier", amount: 0n, tier: 0});
          } else {
            emit({category: "service", type: "regular", amount: listRate("utility"), tier: 0});
          }
        }
        continue;
      }
      if (m.category === "marketing") {
        // PMP25-3 / PMP25-5: marketing at the list rate, tier 0.
        emit({category: "marketing", type: "regular", amount: listRate("marketing"), tier: 0});
        continue;
      }
      if (m.category === "utility" && model === "pmp-2025-07" && t < pair.cswEnd) {
        // PMP25-4: utility inside the CSW is free (not from 2026-10-01, PMP26-2).
        emit({category: "utility", type: "free_customer_service", amount: 0n, tier: 0});
        continue;
      }
      const category = m.category === "utility" ? "utility" : authCategory();
      // C-9 / R-14: graduated volume tiers per business x market x category x local month.
      const list = listRate(category);
      const tierDate = forcedEdition !== undefined ? forcedEdition.effective : localDate;
      let tierEdition: RefData["tiers"][number] | undefined;
      for (const e of data.tiers) if (e.effective <= tierDate) tierEdition = e;
      const counterKey = `tier|${waba.business.id}|${market}|${category}|${month}`;
      const n = counters.get(counterKey) ?? 0;
      let tier = 0;
      let amount = list;
      const bands = tierEdition?.bands.get(`${market}|${category}`);
      const tier0 = bands?.find((band) => band.tier === 0);
      if (bands !== undefined && tier0 !== undefined && refParseMicros(tier0.rate) === list) {
        const band = bands.find((b) => b.from <= n && n < b.to);
        if (band === undefined) throw new Error("reference: tier bands do not cover the count");
        tier = band.tier;
        amount = tier === 0 ? list : refParseMicros(band.rate);
      }
      counters.set(counterKey, n + 1);
      emit({category, type: "regular", amount, tier});
    }
  }
  return records;
}

type Emit = (fields: {
  category: string;
  type: string;
  amount: bigint;
  expiresMs?: number;
  tier?: number;
}) => void;

/** cbp-2022-02 (CBP22-1..6, R-2): one conversation slot per (phone, user). */
function billCbp2022(
  m: RefMessage,
  pair: PairState,
  t: number,
  fepOpenedNow: boolean,
  inFep: boolean,
  bump: (key: string) => number,
  month: string,
  listRate: (column: string) => bigint,
  emit: Emit,
): void {
  if (fepOpenedNow) {
    // CBP22-5 / I-3: the FEP conversation closes an open conversation (no refund).
    closeAllConversations(pair);
    emit({
      category: "referral_conversion",
      type: "free_entry_point",
      amount: 0n,
      expiresMs: pair.fepEnd,
    });
    return;
  }
  if (inFep) return;
  if (t < pair.conv22End) return; // CBP22-3: absorbed, templates included
  // CBP22-2: user_initiated if a CSW is open at delivery, else business_initiated.
  pair.conv22End = t + DAY_MS;
  const category = t < pair.cswEnd ? "user_initiated" : "business_initiated";
  // CBP22-4 / R-11: the first 1,000 conversations per WABA per local month are free.
  const n = bump(`free22|${m.waba.id}|${month}`);
  if (n <= 1000) emit({category, type: "free_tier", amount: 0n});
  else emit({category, type: "regular", amount: listRate(category)});
}

/** cbp-2023-06 and cbp-2024-11 (CBP23-1..10, CBP24-1..3, R-3, R-4, R-19). */
function billCbp2023(
  m: RefMessage,
  model: string,
  pair: PairState,
  t: number,
  fepOpenedNow: boolean,
  inFep: boolean,
  bump: (key: string) => number,
  month: string,
  listRate: (column: string) => bigint,
  authCategory: () => string,
  emit: Emit,
): void {
  if (fepOpenedNow) {
    // CBP23-8: the FEP conversation closes all other open conversations.
    closeAllConversations(pair);
    emit({
      category: "referral_conversion",
      type: "free_entry_point",
      amount: 0n,
      expiresMs: pair.fepEnd,
    });
    return;
  }
  if (inFep) return;
  if (t < pair.conv22End) return; // a carried cbp-2022-02 conversation absorbs everything
  if (m.template) {
    const slot = m.category as SlotName;
    if (t < pair.slotEnd[slot]) return; // CBP23-3 / I-4
    pair.slotEnd[slot] = t + DAY_MS; // CBP23-4: other categories never absorb it
    // CBP23-5: authentication priced by C-8 at opening.
    const category = slot === "authentication" ? authCategory() : slot;
    emit({category, type: "regular", amount: listRate(category)});
    return;
  }
  // CBP23-6: a non-template opens service only when no conversation of any category is open.
  const slots = pair.slotEnd;
  if (t < slots.marketing || t < slots.utility || t < slots.authentication || t < slots.service) {
    return;
  }
  slots.service = t + DAY_MS;
  if (model === "cbp-2024-11") {
    // CBP24-1: free and unlimited.
    emit({category: "service", type: "free_customer_service", amount: 0n});
    return;
  }
  // CBP23-9: the first 1,000 service conversations per WABA per local month are free.
  const n = bump(`free23|${m.waba.id}|${month}`);
  if (n <= 1000) emit({category: "service", type: "free_tier", amount: 0n});
  else emit({category: "service", type: "regular", amount: listRate("service")});
}

function closeAllConversations(pair: PairState): void {
  pair.conv22End = -Infinity;
  pair.slotEnd.marketing = -Infinity;
  pair.slotEnd.utility = -Infinity;
  pair.slotEnd.authentication = -Infinity;
  pair.slotEnd.service = -Infinity;
}
