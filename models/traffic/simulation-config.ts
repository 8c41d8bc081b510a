import {z} from "zod";
import {accountsFileSchema, zodProblems} from "../accounts/accounts-file.ts";
import type {AccountsFile} from "../accounts/accounts-file.ts";
import {parseIsoDate} from "../calendar/civil-date.ts";
import {isTimeZone, startOfLocalDay} from "../calendar/zone-month-starts.ts";
import {InputError} from "../input-error.ts";
import {parseMapping} from "../parse-document.ts";
import type {InputProblem} from "../input-error.ts";
import {parseInstantMs} from "./instant.ts";
import {trafficBlockSchema} from "./traffic-block.ts";
import type {TrafficBlock} from "./traffic-block.ts";

/** The longest period one simulation may cover. */
export const MAX_PERIOD_DAYS = 400;
const DAY_MS = 86_400_000;

/** A date or an instant, resolved once the period's timezone is known. */
type TimeSpec = {kind: "date"; day: number} | {kind: "instant"; ms: number};

const timeSpec = z.union([z.string(), z.date()]).transform((value, ctx): TimeSpec => {
  if (value instanceof Date) {
    const ms = value.getTime();
    return ms % DAY_MS === 0 ? {kind: "date", day: ms / DAY_MS} : {kind: "instant", ms};
  }
  const day = parseIsoDate(value);
  if (day !== undefined) return {kind: "date", day};
  const ms = parseInstantMs(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({
      code: "custom",
      message: "invalid time (expected YYYY-MM-DD or ISO 8601 with an offset or Z)",
    });
    return z.NEVER;
  }
  return {kind: "instant", ms};
});

const topLevelSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  period: z.strictObject({
    start: timeSpec,
    end: timeSpec,
    /** Timezone of bare dates in `start` and `end` (default UTC). */
    timezone: z.string().default("UTC").refine(isTimeZone, "unknown IANA timezone"),
  }),
  /** The accounts (formats.md §1) inline, or the path of an accounts file relative to this file. */
  accounts: z.unknown().optional(),
  /** One traffic block, or a list of blocks (one per business). */
  traffic: z.unknown().optional(),
});

/** A parsed and validated simulation file; accounts still to be compiled. */
export interface SimulationConfig {
  /** The file name used in error paths. */
  file: string;
  name: string | undefined;
  /** Simulated period `[startMs, endMs)`. */
  startMs: number;
  endMs: number;
  /** Inline accounts, or undefined when `accountsPath` names a file. */
  accounts: AccountsFile | undefined;
  accountsPath: string | undefined;
  traffic: TrafficBlock[];
  /** JSON-pointer prefix of each traffic block (`/traffic` or `/traffic/<i>`). */
  trafficPaths: string[];
}

/**
 * Parses a simulation file (YAML or JSON): `name`, `period: {start, end, timezone}`, `accounts`
 * (inline, formats.md §1, or a path) and `traffic` (one block or a list). Reports every schema
 * problem at once with paths like `scenarios/x.yaml#/traffic/campaigns/0/segment`.
 * @throws InputError
 * @example parseSimulationConfig(text, "scenarios/loja.yaml").traffic[0].populations[0].market // => "BR"
 */
export function parseSimulationConfig(text: string, file: string): SimulationConfig {
  const raw = parseMapping(text, file, "a simulation file", "name, period, accounts, traffic");
  const problems: InputProblem[] = [];
  const top = topLevelSchema.safeParse(raw);
  if (!top.success) problems.push(...zodProblems(file, top.error.issues));

  const rawTraffic = (raw as {traffic?: unknown}).traffic;
  const isList = Array.isArray(rawTraffic);
  const traffic = isList
    ? z.array(trafficBlockSchema).min(1, "no traffic blocks").safeParse(rawTraffic)
    : trafficBlockSchema.safeParse(rawTraffic);
  if (!traffic.success) {
    problems.push(
      ...traffic.error.issues.map((issue) => ({
        path: `${file}#/traffic${issue.path.map((p) => `/${String(p)}`).join("")}`,
        message: issue.message,
      })),
    );
  }

  let accounts: AccountsFile | undefined;
  let accountsPath: string | undefined;
  const rawAccounts = (raw as {accounts?: unknown}).accounts;
  if (typeof rawAccounts === "string") {
    accountsPath = rawAccounts;
  } else if (rawAccounts === undefined) {
    problems.push({
      path: `${file}#/accounts`,
      message: "missing accounts",
      expected: "the accounts inline or the path of an accounts file",
    });
  } else {
    const parsed = accountsFileSchema.safeParse(rawAccounts);
    if (parsed.success) accounts = parsed.data;
    else
      problems.push(
        ...zodProblems(
          file,
          parsed.error.issues.map((issue) => ({...issue, path: ["accounts", ...issue.path]})),
        ),
      );
  }
  if (problems.length > 0 || !top.success || !traffic.success)
    throw new InputError(dedupe(problems));

  const {period} = top.data;
  const resolve = (spec: TimeSpec) =>
    spec.kind === "instant" ? spec.ms : startOfLocalDay(period.timezone, spec.day);
  const startMs = resolve(period.start);
  const endMs = resolve(period.end);
  if (!(endMs > startMs)) {
    throw new InputError({
      path: `${file}#/period/end`,
      message: "the period must end after it starts",
    });
  }
  if (endMs - startMs > MAX_PERIOD_DAYS * DAY_MS) {
    throw new InputError({
      path: `${file}#/period/end`,
      message: "the period is too long",
      expected: `at most ${MAX_PERIOD_DAYS} days`,
    });
  }
  const blocks = isList ? (traffic.data as TrafficBlock[]) : [traffic.data as TrafficBlock];
  return {
    file,
    name: top.data.name,
    startMs,
    endMs,
    accounts,
    accountsPath,
    traffic: blocks,
    trafficPaths: blocks.map((_, i) => (isList ? `/traffic/${i}` : "/traffic")),
  };
}

function dedupe(problems: InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
