import {z} from "zod";
import {InputError} from "../input-error.ts";
import {parseMapping} from "../parse-document.ts";
import type {InputProblem} from "../input-error.ts";
import {isTimeZone} from "../calendar/zone-month-starts.ts";

const E164 = /^\+[1-9]\d{4,14}$/;
const ISO2 = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

const instant = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const ms = value instanceof Date ? value.getTime() : parseInstant(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({
      code: "custom",
      message: "invalid start time (expected ISO 8601 with an offset or Z, or a date)",
    });
    return z.NEVER;
  }
  return ms;
});

const wabaSchema = z.strictObject({
  id: z.string().min(1),
  timezone: z.string().default("UTC").refine(isTimeZone, {message: "unknown IANA timezone"}),
  currency: z
    .string()
    .regex(CURRENCY, "invalid currency (expected ISO 4217, e.g. USD)")
    .default("USD"),
  phones: z
    .array(z.string().regex(E164, "invalid phone (expected E.164, e.g. +551130004000)"))
    .default([]),
});

const businessSchema = z.strictObject({
  id: z.string().min(1),
  country: z
    .string()
    .regex(ISO2, "invalid country (expected ISO 3166-1 alpha-2, e.g. DE)")
    .optional(),
  authInternational: z
    .record(z.string().regex(ISO2, "invalid country (expected ISO 3166-1 alpha-2)"), instant)
    .default({}),
  wabas: z.array(wabaSchema).min(1, "a business needs at least one WABA"),
});

/** The accounts file schema (formats.md §1). */
export const accountsFileSchema = z.strictObject({
  businesses: z.array(businessSchema).min(1, "no businesses"),
});

/** A validated accounts file; start times are ms since the epoch. */
export type AccountsFile = z.output<typeof accountsFileSchema>;

/** The accounts used without a file: one business `default`, one WABA `default`, UTC, USD. */
export const DEFAULT_ACCOUNTS: AccountsFile = {
  businesses: [
    {
      id: "default",
      authInternational: {},
      wabas: [{id: "default", timezone: "UTC", currency: "USD", phones: []}],
    },
  ],
};

/** ms of an ISO 8601 instant with an offset or Z, or of a bare date (UTC midnight); NaN if invalid. */
function parseInstant(text: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return NaN;
  return Date.parse(text);
}

/** Turns zod issues into problems with a JSON-pointer path inside `file`. */
export function zodProblems(file: string, issues: readonly z.core.$ZodIssue[]): InputProblem[] {
  return issues.map((issue) => ({
    path: `${file}#/${issue.path.map(String).join("/")}`,
    message: issue.message,
  }));
}

/**
 * Parses and validates an accounts file (YAML or JSON text), reporting every problem at once:
 * schema errors, unknown timezones, duplicate business or WABA ids, a phone listed twice.
 * @throws InputError with `file#/businesses/0/wabas/1/timezone`-style paths.
 * @example parseAccounts('{"businesses":[{"id":"b","wabas":[{"id":"w"}]}]}', "a.json").businesses[0].wabas[0].timezone // => "UTC"
 */
export function parseAccounts(text: string, file: string): AccountsFile {
  const raw = parseMapping(text, file, "an accounts file", "businesses");
  const result = accountsFileSchema.safeParse(raw);
  if (!result.success) throw new InputError(zodProblems(file, result.error.issues));
  const problems: InputProblem[] = [];
  const businessIds = new Set<string>();
  const wabaIds = new Set<string>();
  const phones = new Set<string>();
  result.data.businesses.forEach((business, b) => {
    if (businessIds.has(business.id))
      problems.push({
        path: `${file}#/businesses/${b}/id`,
        message: "duplicate business id",
        value: business.id,
      });
    businessIds.add(business.id);
    business.wabas.forEach((waba, w) => {
      if (wabaIds.has(waba.id))
        problems.push({
          path: `${file}#/businesses/${b}/wabas/${w}/id`,
          message: "duplicate WABA id",
          value: waba.id,
        });
      wabaIds.add(waba.id);
      waba.phones.forEach((phone, p) => {
        if (phones.has(phone))
          problems.push({
            path: `${file}#/businesses/${b}/wabas/${w}/phones/${p}`,
            message: "phone listed twice",
            value: phone,
          });
        phones.add(phone);
      });
    });
  });
  if (problems.length > 0) throw new InputError(problems);
  return result.data;
}
