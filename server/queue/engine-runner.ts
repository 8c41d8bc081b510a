import {parse as parseYaml} from "yaml";
import type {RateCardTexts} from "../../engine/index.ts";
import {loadScenarioPlan, runScenario} from "../../engine/scenario/index.ts";
import type {ScenarioPlan, ScenarioResult, ScenarioSource} from "../../engine/scenario/index.ts";
import {applyOverrides} from "../api/apply-overrides.ts";
import type {ScenarioFiles, ScenarioRunner} from "../api/scenario-service.ts";

/** How a run is executed. */
export interface ExecuteOptions {
  /** Aborted when the run times out: stop soon after. */
  signal: AbortSignal;
  /** Cache warming: yield to visitors' runs. */
  background?: boolean;
  /**
   * Asks for the exact result of the same scenario with fewer replications, delivered once
   * before the whole run finishes (an executor may skip it: the run's result then comes alone).
   */
  preview?: {replications: number; deliver(result: ScenarioResult): void};
}

/** Runs a checked scenario source (planned as `plan`) to its result, e.g. on worker threads. */
export type ScenarioExecutor = (
  source: ScenarioSource,
  plan: ScenarioPlan,
  options: ExecuteOptions,
) => Promise<ScenarioResult>;

/** What the engine runner needs: the data texts, the scenario files and where to execute. */
export interface EngineRunnerOptions {
  rateCards: RateCardTexts;
  numberingPlans: string;
  files: Pick<ScenarioFiles, "readRelative">;
  /** Where the replications run; default: in this thread (blocks it for the whole run). */
  execute?: ScenarioExecutor;
}

/**
 * The scenario runner of the server on the engine (engine/scenario): writes the levers into the
 * file (`applyOverrides`), passes seed and replications as the runner's overrides, reads an
 * accounts file the scenario names (confined to scenarios/), checks and plans the scenario here
 * (so a bad scenario or lever fails at once with the loader's InputError), then executes it.
 * @example await createEngineRunner({rateCards, numberingPlans, files})("scenarios/x.yaml", {volumeScale: 2}, {text, signal}) // => ScenarioResult
 */
export function createEngineRunner(options: EngineRunnerOptions): ScenarioRunner {
  const {rateCards, numberingPlans, files, execute} = options;
  return async function run(file, overrides, context) {
    const text = applyOverrides(context.text, file, overrides);
    const source: ScenarioSource = {
      text,
      file,
      accounts: {},
      rateCards,
      numberingPlans,
      overrides: {
        ...(overrides.seed === undefined ? {} : {seed: overrides.seed}),
        ...(overrides.replications === undefined ? {} : {replications: overrides.replications}),
      },
    };
    const accountsPath = namedAccounts(text);
    if (accountsPath !== undefined) {
      const accounts = await files.readRelative(accountsPath);
      if (accounts !== undefined) source.accounts[accountsPath] = accounts;
    }
    const plan = loadScenarioPlan(source);
    context.signal.throwIfAborted();
    if (execute === undefined) return runScenario(plan);
    return execute(source, plan, {
      signal: context.signal,
      ...(context.background === undefined ? {} : {background: context.background}),
      ...(context.preview === undefined ? {} : {preview: context.preview}),
    });
  };
}

/** The accounts file a scenario names with `accounts: path`, if any. */
function namedAccounts(text: string): string | undefined {
  try {
    const doc: unknown = parseYaml(text);
    const accounts =
      typeof doc === "object" && doc !== null ? (doc as {accounts?: unknown}).accounts : undefined;
    return typeof accounts === "string" ? accounts : undefined;
  } catch {
    return undefined; // the loader reports the YAML error with its path
  }
}
