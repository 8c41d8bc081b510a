import {readFileSync} from "node:fs";
import {availableParallelism} from "node:os";
import {dirname, isAbsolute, relative, resolve, sep} from "node:path";
import {
  loadScenarioPlan,
  runScenario,
  runScenarioInWorkers,
  scenarioUnits,
} from "../engine/scenario/index.ts";
import type {
  ProgressHandler,
  ScenarioPlan,
  ScenarioResult,
  ScenarioSource,
} from "../engine/scenario/index.ts";
import {readShippedData} from "../io/index.ts";
import {InputError} from "../models/input-error.ts";

const NUMBERING_PLANS = new URL("../models/traffic/numbering-plans.csv", import.meta.url);

/** Options of a scenario run from the command line. */
export interface ScenarioRunOptions {
  seed?: string | number;
  replications?: number;
  /** Default min(2, cores); results do not depend on it. */
  workers?: number;
  onProgress?: ProgressHandler;
}

/** Runs a scenario file and returns its result (what `walab run` writes as summary.json). */
export type ScenarioRunner = (file: string, options: ScenarioRunOptions) => Promise<ScenarioResult>;

/**
 * Reads a scenario file and what it names (accounts files, shipped data) into the texts a worker
 * needs, and plans the run.
 * @throws InputError for an unreadable file or a bad scenario (every problem at once).
 */
export function loadScenarioFile(
  file: string,
  options: Pick<ScenarioRunOptions, "seed" | "replications"> = {},
): {plan: ScenarioPlan; source: ScenarioSource} {
  const source: ScenarioSource = {
    text: readInput(file, file),
    file: projectPath(file),
    accounts: {},
    rateCards: readShippedData(),
    numberingPlans: readFileSync(NUMBERING_PLANS, "utf8"),
    overrides: {
      ...(options.seed === undefined ? {} : {seed: options.seed}),
      ...(options.replications === undefined ? {} : {replications: options.replications}),
    },
  };
  const plan = loadScenarioPlan(source, (path) => {
    const text = readInput(resolve(dirname(file), path), `${file}#/accounts`);
    source.accounts[path] = text;
    return text;
  });
  return {plan, source};
}

/**
 * Runs a scenario file as `walab run` does: in this thread, or on worker threads when more than
 * one is asked for and there is more than one unit of work; the result is the same either way.
 * @throws InputError for a bad scenario.
 * @example (await runScenarioFile("scenarios/otp-auth-in-id.yaml", {replications: 2})).runs.length // => strategies x sweep points
 */
export const runScenarioFile: ScenarioRunner = async (file, options) => {
  const {plan, source} = loadScenarioFile(file, options);
  return runScenarioPlan(plan, source, options);
};

/** Runs a loaded plan in this thread or on worker threads (see `runScenarioFile`). */
export async function runScenarioPlan(
  plan: ScenarioPlan,
  source: ScenarioSource,
  options: Pick<ScenarioRunOptions, "workers" | "onProgress">,
): Promise<ScenarioResult> {
  const workers = options.workers ?? Math.min(2, availableParallelism());
  return workers <= 1 || scenarioUnits(plan).length <= 1
    ? runScenario(plan, options.onProgress)
    : runScenarioInWorkers(plan, source, {workers, onProgress: options.onProgress});
}

/** The file relative to the working folder when it lies inside it (`summary.json`'s `file`). */
function projectPath(file: string): string {
  const path = relative(process.cwd(), resolve(file));
  return path === "" || path.startsWith("..") || isAbsolute(path)
    ? file
    : path.split(sep).join("/");
}

function readInput(path: string, label: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError({
      path: label,
      message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    });
  }
}
