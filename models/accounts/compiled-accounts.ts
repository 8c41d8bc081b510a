import type {AccountsFile} from "./accounts-file.ts";

/** A business portfolio (volume tiers are counted here, C-9). */
export interface CompiledBusiness {
  id: string;
  /** Primary business location; undefined counts as based elsewhere (I-2). */
  country: string | undefined;
  /** Recipient ISO2 → start of authentication-international pricing, ms (C-8 c). */
  authInternational: ReadonlyMap<string, number>;
}

export interface CompiledWaba {
  id: string;
  business: number;
  timezone: string;
  currency: string;
  /** Phone indices; a WABA that lists none gets phones as the log names them. */
  phones: number[];
  listsPhones: boolean;
}

export interface CompiledPhone {
  /** E.164 number; null for the implicit phone of a WABA that lists none. */
  number: string | null;
  waba: number;
}

/**
 * Accounts as integer indices: the billing kernel and the producers of message batches address
 * businesses, WABAs and phones by these indices. Phones can be added while a log is read.
 */
export interface CompiledAccounts {
  businesses: CompiledBusiness[];
  wabas: CompiledWaba[];
  phones: CompiledPhone[];
  wabaById: Map<string, number>;
  /** `waba index + " " + number` → phone index. */
  phoneByKey: Map<string, number>;
}

/**
 * Compiles a validated accounts file into indices.
 * @example compileAccounts(DEFAULT_ACCOUNTS).wabas[0].id // => "default"
 */
export function compileAccounts(file: AccountsFile): CompiledAccounts {
  const compiled: CompiledAccounts = {
    businesses: [],
    wabas: [],
    phones: [],
    wabaById: new Map(),
    phoneByKey: new Map(),
  };
  for (const business of file.businesses) {
    const b = compiled.businesses.length;
    compiled.businesses.push({
      id: business.id,
      country: business.country,
      authInternational: new Map(Object.entries(business.authInternational)),
    });
    for (const waba of business.wabas) {
      const w = compiled.wabas.length;
      compiled.wabas.push({
        id: waba.id,
        business: b,
        timezone: waba.timezone,
        currency: waba.currency,
        phones: [],
        listsPhones: waba.phones.length > 0,
      });
      compiled.wabaById.set(waba.id, w);
      for (const number of waba.phones) addPhone(compiled, w, number);
    }
  }
  return compiled;
}

/** Adds a phone to a WABA and returns its index. */
export function addPhone(accounts: CompiledAccounts, waba: number, number: string | null): number {
  const index = accounts.phones.length;
  accounts.phones.push({number, waba});
  accounts.wabas[waba]!.phones.push(index);
  accounts.phoneByKey.set(`${waba} ${number ?? ""}`, index);
  return index;
}
