import {existsSync, mkdirSync, statSync} from "node:fs";
import {basename, join} from "node:path";
import {createBaseline, stringifyBaseline} from "../engine/baseline/index.ts";
import {createAtomicOutput} from "../io/index.ts";
import {InputError} from "../models/input-error.ts";
import type {InputProblem} from "../models/input-error.ts";
import type {CliIo} from "./cli-io.ts";
import {runScenarioFile} from "./scenario-file.ts";
import type {ScenarioRunner, ScenarioRunOptions} from "./scenario-file.ts";
import {EXIT_OK, parseCommandArgs, runCommand, UsageError} from "./cli-io.ts";

export const BASELINE_USAGE = `Usage: walab baseline <scenario...> [options]

Runs each scenario and stores its summary figures as a baseline, baselines/<scenario>.json:
per strategy and sweep point the exact total of every replication, the mean total and its
95 % CI, cost per user and per message, the difference to the first strategy, and the means
per category and market. 'walab check' re-runs the scenarios and compares.

A scenario is a file (scenarios/loja-br-ecommerce.yaml) or a name in scenarios/ (loja-br-ecommerce).

Options:
  --dir DIR             where baselines go (default: baselines)
  --replications N      replications (default: the scenario's); stored, and used by check
  --seed S              seed (default: the scenario's); stored, and used by check
  --workers N           worker threads (results do not depend on it)
  -h, --help            show this help

Exit codes: 0 written; 2 bad input (nothing written). Files are written only after every
scenario ran, each atomically.
Example:
  walab baseline scenarios/*.yaml
`;

/** What the baseline and check commands take from outside: the scenario runner (tests pass a fake). */
export interface BaselineCommandDeps {
  /** Default: `runScenarioFile`. */
  run?: ScenarioRunner;
}

/**
 * `walab baseline <scenario...>`: runs every scenario, then writes each baseline atomically
 * (nothing is written unless every run succeeded). Returns the exit code.
 * @example await baselineCommand(["scenarios/loja-br-ecommerce.yaml"], io, {run}) // => 0
 */
export async function baselineCommand(
  args: string[],
  io: CliIo,
  deps: BaselineCommandDeps = {},
): Promise<number> {
  return runCommand("baseline", io, async () => {
    const {values, positionals} = parseCommandArgs(args, {
      dir: {type: "string"},
      replications: {type: "string"},
      seed: {type: "string"},
      workers: {type: "string"},
      help: {type: "boolean", short: "h"},
    });
    if (values.help === true) {
      io.stdout.write(BASELINE_USAGE);
      return EXIT_OK;
    }
    const dir = typeof values.dir === "string" ? values.dir : "baselines";
    const options: ScenarioRunOptions = {
      ...optionalCount("replications", values.replications, 1),
      ...optionalCount("workers", values.workers, 1),
      ...(typeof values.seed === "string" ? {seed: seedValue(values.seed)} : {}),
    };
    const files = resolveScenarioFiles(positionals);
    const run = deps.run ?? runScenarioFile;
    const baselines: {path: string; text: string; summary: string}[] = [];
    for (const file of files) {
      const result = await run(file, options);
      const baseline = createBaseline(result);
      const totals = baseline.runs.length * baseline.replications;
      baselines.push({
        path: baselinePath(dir, file),
        text: stringifyBaseline(baseline),
        summary: `${plural(baseline.runs.length, "run")} x ${plural(baseline.replications, "replication")} (${plural(totals, "exact total")}), seed ${String(baseline.seed)}`,
      });
    }
    mkdirSync(dir, {recursive: true});
    for (const {path, text, summary} of baselines) {
      const output = createAtomicOutput(path);
      try {
        output.write(text);
        await output.commit();
      } catch (error) {
        output.abort();
        throw error;
      }
      io.stdout.write(`walab baseline: wrote ${path}: ${summary}\n`);
    }
    return EXIT_OK;
  });
}

/**
 * Resolves scenario arguments to files: an existing file as given, else `scenarios/<arg>`, else
 * `scenarios/<arg>.yaml` (or `.yml`, `.json`). Every argument that names nothing is reported at once.
 * @throws UsageError without arguments; InputError naming every missing scenario.
 * @example resolveScenarioFiles(["loja-br-ecommerce"]) // => ["scenarios/loja-br-ecommerce.yaml"]
 */
export function resolveScenarioFiles(args: readonly string[]): string[] {
  if (args.length === 0)
    throw new UsageError("missing scenario: name at least one scenario file or name");
  const problems: InputProblem[] = [];
  const files = args.map((arg) => {
    const stem = arg.replace(/\.(?:ya?ml|json)$/i, "");
    const candidates = [
      arg,
      join("scenarios", arg),
      ...["yaml", "yml", "json"].map((ext) => join("scenarios", `${stem}.${ext}`)),
    ];
    const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
    if (found === undefined)
      problems.push({
        path: arg,
        message: "no such scenario",
        expected: `a scenario file, or a name with a file scenarios/${stem}.yaml`,
      });
    return found ?? arg;
  });
  if (problems.length > 0) throw new InputError(problems);
  return files;
}

/**
 * The baseline file of a scenario file: `<dir>/<file name without extension>.json`.
 * @example baselinePath("baselines", "scenarios/loja-br-ecommerce.yaml") // => "baselines/loja-br-ecommerce.json"
 */
export function baselinePath(dir: string, file: string): string {
  return join(dir, `${basename(file).replace(/\.(?:ya?ml|json)$/i, "")}.json`);
}

/** `{name: n}` for a whole number >= min, `{}` when absent. @throws UsageError otherwise. */
export function optionalCount(name: string, value: unknown, min: number): Record<string, number> {
  if (value === undefined) return {};
  if (typeof value !== "string" || !/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`invalid --${name}: ${String(value)} (expected a whole number >= ${min})`);
  }
  return {[name]: Number(value)};
}

function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/** A seed as a number when it is a plain integer, else as given. */
export function seedValue(text: string): string | number {
  return /^\d{1,15}$/.test(text) ? Number(text) : text;
}
