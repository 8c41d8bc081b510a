/**
 * Reference biller, part 4: the accounts object and the message log, checked and normalised
 * with plain loops (formats.md §1, §2).
 */
import {parse as parseYaml} from "yaml";
import {refCheckTimeZone, refParseTime} from "./reference-time.ts";

export interface RefBusiness {
  id: string;
  country: string | undefined;
  /** Recipient iso2 → start instant (ms). */
  authInternational: Map<string, number>;
}

export interface RefWaba {
  id: string;
  business: RefBusiness;
  timezone: string;
  currency: string;
  phones: string[];
}

export interface RefMessage {
  id: string;
  line: number;
  tMs: number;
  waba: RefWaba;
  phone: string | undefined;
  user: string;
  inbound: boolean;
  template: boolean;
  /** Template category, undefined for non-templates. */
  category: "marketing" | "utility" | "authentication" | undefined;
  /** Inbound: eligible for a free entry point (ctwa_ad/fb_page_cta from mobile). */
  entryPointEligible: boolean;
  delivered: boolean;
}

const E164 = /^\+[1-9]\d{1,14}$/;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function optionalString(x: unknown, where: string): string | undefined {
  if (x === undefined || x === null) return undefined;
  if (typeof x !== "string") throw new Error(`reference: ${where} must be a string`);
  return x;
}

/** Turns the parsed accounts object (or YAML/JSON text, or undefined) into WABAs by id. */
export function refReadAccounts(accounts: unknown): Map<string, RefWaba> {
  const wabas = new Map<string, RefWaba>();
  if (accounts === undefined || accounts === null) {
    const business: RefBusiness = {id: "default", country: undefined, authInternational: new Map()};
    wabas.set("default", {id: "default", business, timezone: "UTC", currency: "USD", phones: []});
    return wabas;
  }
  const root: unknown = typeof accounts === "string" ? parseYaml(accounts) : accounts;
  if (!isObject(root) || !Array.isArray(root["businesses"])) {
    throw new Error("reference: accounts: businesses must be a list");
  }
  const businessIds = new Set<string>();
  for (const [b, rawBusiness] of root["businesses"].entries()) {
    const where = `accounts: businesses[${b}]`;
    if (!isObject(rawBusiness)) throw new Error(`reference: ${where} must be an object`);
    const id = optionalString(rawBusiness["id"], `${where}.id`);
    if (id === undefined) throw new Error(`reference: ${where}.id is required`);
    if (businessIds.has(id)) throw new Error(`reference: ${where}.id duplicate ${id}`);
    businessIds.add(id);
    const authInternational = new Map<string, number>();
    const rawAuth = rawBusiness["authInternational"];
    if (rawAuth !== undefined && rawAuth !== null) {
      if (!isObject(rawAuth)) throw new Error(`reference: ${where}.authInternational`);
      for (const [iso2, start] of Object.entries(rawAuth)) {
        const ms =
          start instanceof Date
            ? start.getTime()
            : refParseTime(start, `${where}.authInternational.${iso2}`);
        authInternational.set(iso2, ms);
      }
    }
    const business: RefBusiness = {
      id,
      country: optionalString(rawBusiness["country"], `${where}.country`),
      authInternational,
    };
    const rawWabas = rawBusiness["wabas"];
    if (!Array.isArray(rawWabas)) throw new Error(`reference: ${where}.wabas must be a list`);
    for (const [w, rawWaba] of rawWabas.entries()) {
      const wwhere = `${where}.wabas[${w}]`;
      if (!isObject(rawWaba)) throw new Error(`reference: ${wwhere} must be an object`);
      const wabaId = optionalString(rawWaba["id"], `${wwhere}.id`);
      if (wabaId === undefined) throw new Error(`reference: ${wwhere}.id is required`);
      if (wabas.has(wabaId)) throw new Error(`reference: ${wwhere}.id duplicate ${wabaId}`);
      const timezone = optionalString(rawWaba["timezone"], `${wwhere}.timezone`) ?? "UTC";
      refCheckTimeZone(timezone);
      const phones: string[] = [];
      const rawPhones = rawWaba["phones"];
      if (rawPhones !== undefined && rawPhones !== null) {
        if (!Array.isArray(rawPhones)) throw new Error(`reference: ${wwhere}.phones`);
        for (const phone of rawPhones) {
          if (typeof phone !== "string" || !E164.test(phone)) {
            throw new Error(`reference: ${wwhere}.phones: not an E.164 number`);
          }
          phones.push(phone);
        }
      }
      wabas.set(wabaId, {
        id: wabaId,
        business,
        timezone,
        currency: optionalString(rawWaba["currency"], `${wwhere}.currency`) ?? "USD",
        phones,
      });
    }
  }
  return wabas;
}

function oneOf<T extends string>(x: unknown, allowed: readonly T[], fallback: T, where: string): T {
  if (x === undefined) return fallback;
  if (typeof x !== "string" || !(allowed as readonly string[]).includes(x)) {
    throw new Error(`reference: ${where}: unknown value ${JSON.stringify(x)}`);
  }
  return x as T;
}

/** Checks and normalises the parsed log lines (line numbers are 1-based). */
export function refReadMessages(lines: object[], wabas: Map<string, RefWaba>): RefMessage[] {
  const out: RefMessage[] = [];
  let previousMs = -Infinity;
  const onlyWaba = wabas.size === 1 ? [...wabas.values()][0] : undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i];
    const at = (field: string): string => `line ${line} field ${field}`;
    if (!isObject(raw)) throw new Error(`reference: line ${line}: not an object`);

    const id = raw["id"] === undefined ? String(line) : raw["id"];
    if (typeof id !== "string") throw new Error(`reference: ${at("id")}: must be a string`);
    const tMs = refParseTime(raw["time"], at("time"));
    if (tMs < previousMs) throw new Error(`reference: ${at("time")}: earlier than previous line`);
    previousMs = tMs;

    let waba: RefWaba | undefined;
    if (raw["waba"] === undefined) {
      waba = onlyWaba;
      if (waba === undefined) throw new Error(`reference: ${at("waba")}: required`);
    } else {
      waba = typeof raw["waba"] === "string" ? wabas.get(raw["waba"]) : undefined;
      if (waba === undefined) throw new Error(`reference: ${at("waba")}: unknown WABA`);
    }

    let phone: string | undefined;
    if (raw["phone"] === undefined) {
      // a WABA with several phones needs the field; none listed → no phone.
      if (waba.phones.length > 1) throw new Error(`reference: ${at("phone")}: required`);
      phone = waba.phones[0];
    } else {
      if (typeof raw["phone"] !== "string" || !E164.test(raw["phone"])) {
        throw new Error(`reference: ${at("phone")}: not an E.164 number`);
      }
      phone = raw["phone"];
    }

    const user = raw["user"];
    if (typeof user !== "string" || !E164.test(user)) {
      throw new Error(`reference: ${at("user")}: not an E.164 number`);
    }
    if (raw["direction"] === undefined) throw new Error(`reference: ${at("direction")}: required`);
    const direction = oneOf(
      raw["direction"],
      ["inbound", "outbound"] as const,
      "inbound",
      at("direction"),
    );
    const type = raw["type"];
    if (typeof type !== "string" || type === "") throw new Error(`reference: ${at("type")}`);
    const template = type === "template";
    let category: RefMessage["category"];
    if (template) {
      if (raw["category"] === undefined) throw new Error(`reference: ${at("category")}: required`);
      category = oneOf(
        raw["category"],
        ["marketing", "utility", "authentication"] as const,
        "marketing",
        at("category"),
      );
    } else if (raw["category"] !== undefined) {
      throw new Error(`reference: ${at("category")}: only for templates`);
    }
    const entryPoint = oneOf(
      raw["entryPoint"],
      ["organic", "ctwa_ad", "fb_page_cta"] as const,
      "organic",
      at("entryPoint"),
    );
    const device = oneOf(raw["device"], ["mobile", "web"] as const, "mobile", at("device"));
    const status = oneOf(
      raw["status"],
      ["delivered", "failed"] as const,
      "delivered",
      at("status"),
    );

    out.push({
      id,
      line,
      tMs,
      waba,
      phone,
      user,
      inbound: direction === "inbound",
      template,
      category,
      entryPointEligible: entryPoint !== "organic" && device === "mobile",
      delivered: status === "delivered",
    });
  }
  return out;
}
