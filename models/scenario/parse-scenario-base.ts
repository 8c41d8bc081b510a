import {parseAccounts} from "../accounts/accounts-file.ts";
import type {AccountsFile} from "../accounts/accounts-file.ts";
import {InputError} from "../input-error.ts";
import type {InputProblem} from "../input-error.ts";
import type {MarketTable} from "../markets/index.ts";
import type {RateCardSet} from "../rate-cards/index.ts";
import {parseSimulationConfig} from "../traffic/simulation-config.ts";
import {createScenario} from "./scenario.ts";
import type {Scenario} from "./scenario.ts";
import {scenarioFileSchema} from "./scenario-file-schema.ts";
import {expandUnknownFields} from "./scenario-problems.ts";
import {schemaFieldNames} from "./schema-field-names.ts";

/** The data a scenario is checked against, and how to read an accounts file it names. */
export interface ScenarioContext {
  markets: MarketTable;
  cards: RateCardSet;
  /** Text of an accounts file the scenario names (path as written); may throw. */
  readAccounts?: (path: string) => string;
}

const SIMULATION_KEYS = ["name", "description", "period", "accounts", "traffic"] as const;
let fieldNames: string[] | undefined;

/** Every field name of the scenario format, for "did you mean" hints (computed once). */
export function scenarioFieldNames(): string[] {
  fieldNames ??= schemaFieldNames(scenarioFileSchema);
  return fieldNames;
}

/**
 * The base scenario of a scenario document: its simulation part (`name`, `description`,
 * `period`, `accounts`, `traffic`) checked by the simulation-file loader, an accounts file it
 * names read through the context. Problems are appended to `problems`.
 * @example parseScenarioBase(doc, "x.yaml", context, problems)?.pricing // => "auto"
 */
export function parseScenarioBase(
  raw: Record<string, unknown>,
  file: string,
  context: ScenarioContext,
  problems: InputProblem[],
): Scenario | undefined {
  const picked: Record<string, unknown> = {};
  for (const key of SIMULATION_KEYS) if (raw[key] !== undefined) picked[key] = raw[key];
  let accounts: AccountsFile | undefined;
  if (typeof raw.accounts === "string") {
    const path = raw.accounts;
    try {
      if (context.readAccounts === undefined) throw new Error("no file access");
      accounts = parseAccounts(context.readAccounts(path), path);
    } catch (error) {
      if (error instanceof InputError) problems.push(...error.problems);
      else
        problems.push({
          path: `${file}#/accounts`,
          message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        });
    }
  }
  try {
    // NOTE (perf): the simulation part goes through the simulation loader as JSON text (a YAML
    // subset); it is small, and this keeps one definition of the format
    const config = parseSimulationConfig(JSON.stringify(picked), file);
    accounts ??= config.accounts;
    const period = raw.period as {timezone?: unknown} | undefined;
    const timezone = typeof period?.timezone === "string" ? period.timezone : "UTC";
    return accounts === undefined ? undefined : createScenario(config, accounts, timezone);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...expandUnknownFields(error.problems, scenarioFieldNames()));
    return undefined;
  }
}
