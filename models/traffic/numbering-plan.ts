import {parseCsv} from "../csv.ts";
import {createProblemList} from "../input-error.ts";

/** How the mobile numbers of one country look in E.164 (numbering-plans.csv). */
export interface NumberingPlan {
  /** ISO 3166-1 alpha-2 code. */
  iso2: string;
  country: string;
  /** Country calling code digits, e.g. `55`. */
  callingCode: string;
  /** Length of the national significant number (the digits after the calling code). */
  nsnLength: number;
  /** The country's main IANA timezone: the default local time of its users. */
  timeZone: string;
  /** National mobile prefixes (after the calling code); subscriber digits fill up to nsnLength. */
  mobilePrefixes: readonly string[];
}

/** Numbering plans by ISO alpha-2 code. */
export type NumberingPlans = ReadonlyMap<string, NumberingPlan>;

const HEADER = [
  "iso2",
  "country",
  "calling_code",
  "nsn_length",
  "timezone",
  "mobile_prefixes",
] as const;

/**
 * Loads numbering-plans.csv: calling code, national number length, main timezone and mobile
 * prefixes per country. Validates digits, lengths (a prefix must leave at least 4 subscriber
 * digits) and duplicate countries.
 * @throws InputError listing every problem with `file:line#field`.
 * @example loadNumberingPlans(text).get("BR")?.callingCode // => "55"
 */
export function loadNumberingPlans(text: string, file = "numbering-plans.csv"): NumberingPlans {
  const problems = createProblemList();
  const plans = new Map<string, NumberingPlan>();
  for (const {line, cells} of parseCsv(text, file, HEADER)) {
    const at = (field: string) => `${file}:${line}#${field}`;
    const iso2 = cells.iso2!;
    const callingCode = cells.calling_code!;
    const nsnLength = Number(cells.nsn_length);
    const mobilePrefixes = cells.mobile_prefixes!.split(/\s+/).filter((p) => p !== "");
    if (!/^[A-Z]{2}$/.test(iso2)) {
      problems.add({
        path: at("iso2"),
        message: "invalid country code",
        value: iso2,
        expected: "ISO 3166-1 alpha-2",
      });
    } else if (plans.has(iso2)) {
      problems.add({path: at("iso2"), message: "country listed twice", value: iso2});
    }
    if (!/^[1-9]\d{0,2}$/.test(callingCode)) {
      problems.add({
        path: at("calling_code"),
        message: "invalid calling code",
        value: callingCode,
        expected: "1 to 3 digits",
      });
    }
    if (!Number.isInteger(nsnLength) || nsnLength < 6 || callingCode.length + nsnLength > 15) {
      problems.add({
        path: at("nsn_length"),
        message: "invalid national number length",
        value: cells.nsn_length,
        expected: "6 .. 15 - calling code length",
      });
    }
    if (
      mobilePrefixes.length === 0 ||
      mobilePrefixes.some((p) => !/^\d+$/.test(p) || p.length > nsnLength - 4)
    ) {
      problems.add({
        path: at("mobile_prefixes"),
        message: "invalid mobile prefixes",
        value: cells.mobile_prefixes,
        expected: "digit strings leaving at least 4 subscriber digits",
      });
    }
    const nested = mobilePrefixes.find((p, i) =>
      mobilePrefixes.some((q, j) => i !== j && q.startsWith(p)),
    );
    if (nested !== undefined) {
      problems.add({
        path: at("mobile_prefixes"),
        message: "a prefix starts another prefix",
        value: nested,
        expected: "prefixes that give disjoint numbers",
      });
    }
    plans.set(iso2, {
      iso2,
      country: cells.country!,
      callingCode,
      nsnLength,
      timeZone: cells.timezone!,
      mobilePrefixes,
    });
  }
  problems.throwIfAny();
  return plans;
}
