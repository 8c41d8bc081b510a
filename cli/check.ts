import {readFileSync} from "node:fs";
import {
  compareWithBaseline,
  DEFAULT_TOLERANCES,
  formatBaselineDiff,
  parseBaseline,
} from "../engine/baseline/index.ts";
import type {Baseline, BaselineTolerances} from "../engine/baseline/index.ts";
import {InputError} from "../models/input-error.ts";
import type {InputProblem} from "../models/input-error.ts";
import type {BaselineCommandDeps} from "./baseline.ts";
import {runScenarioFile} from "./scenario-file.ts";
import {baselinePath, optionalCount, resolveScenarioFiles} from "./baseline.ts";
import type {CliIo} from "./cli-io.ts";
import {EXIT_FAILURE, EXIT_OK, parseCommandArgs, runCommand, UsageError} from "./cli-io.ts";

export const CHECK_USAGE = `Usage: walab check <scenario...> [options]

Re-runs each scenario with the seed and replications stored in its baseline
(baselines/<scenario>.json, written by 'walab baseline') and compares:
  - exactly: the seed, replications, period, users, the set of strategies and sweep points,
    and the total of every replication (exact decimal strings of the billed amounts);
  - within ${String(DEFAULT_TOLERANCES.relative)} relative (${String(DEFAULT_TOLERANCES.absolute)} absolute near zero): means, intervals,
    cost per user and per message, per category and per market, message counts.
Prints what moved, from what to what, by how much and %, per strategy and sweep point.

Options:
  --dir DIR             where baselines are (default: baselines)
  --relative X          relative tolerance for derived floats (default ${String(DEFAULT_TOLERANCES.relative)})
  --workers N           worker threads (results do not depend on it)
  -h, --help            show this help

Exit codes: 0 every scenario matches; 1 a figure moved (a regression); 2 bad input, e.g. a
missing baseline (create it with 'walab baseline <scenario>').
Example:
  walab check scenarios/*.yaml
`;

/**
 * `walab check <scenario...>`: reads every baseline first (a missing or unreadable one is bad
 * input: exit 2 before anything runs), re-runs each scenario with the baseline's seed and
 * replications, prints the readable diff and returns 1 if anything moved, else 0.
 * @example await checkCommand(["scenarios/loja-br-ecommerce.yaml"], io, {run}) // => 0
 */
export async function checkCommand(
  args: string[],
  io: CliIo,
  deps: BaselineCommandDeps = {},
): Promise<number> {
  return runCommand("check", io, async () => {
    const {values, positionals} = parseCommandArgs(args, {
      dir: {type: "string"},
      relative: {type: "string"},
      workers: {type: "string"},
      help: {type: "boolean", short: "h"},
    });
    if (values.help === true) {
      io.stdout.write(CHECK_USAGE);
      return EXIT_OK;
    }
    const dir = typeof values.dir === "string" ? values.dir : "baselines";
    const tolerances: BaselineTolerances = {
      ...DEFAULT_TOLERANCES,
      ...relativeTolerance(values.relative),
    };
    const workers = optionalCount("workers", values.workers, 1);
    const files = resolveScenarioFiles(positionals);

    // every baseline is read and checked before any scenario runs
    const problems: InputProblem[] = [];
    const checks: {file: string; path: string; baseline: Baseline}[] = [];
    for (const file of files) {
      const path = baselinePath(dir, file);
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
        problems.push({
          path,
          message:
            code === "ENOENT"
              ? `no baseline for ${file}`
              : `cannot read the baseline of ${file}: ${code}`,
          expected: `a baseline; create it with: walab baseline ${file}${dir === "baselines" ? "" : ` --dir ${dir}`}`,
        });
        continue;
      }
      try {
        checks.push({file, path, baseline: parseBaseline(text, path)});
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(...error.problems);
      }
    }
    if (problems.length > 0) throw new InputError(problems);

    const run = deps.run ?? runScenarioFile;
    let moved = 0;
    for (const {file, path, baseline} of checks) {
      const result = await run(file, {
        seed: baseline.seed,
        replications: baseline.replications,
        ...workers,
      });
      const diffs = compareWithBaseline(result, baseline, tolerances);
      if (diffs.length > 0) moved++;
      const text = formatBaselineDiff(diffs, {scenario: baseline.scenario, file: path, tolerances});
      io.stdout.write(text);
    }
    io.stdout.write(
      moved === 0
        ? `walab check: ${checks.length} of ${checks.length} ${checks.length === 1 ? "scenario matches its baseline" : "scenarios match their baselines"}\n`
        : `walab check: ${moved} of ${checks.length} ${checks.length === 1 ? "scenario" : "scenarios"} moved; if intended, re-create with: walab baseline ${checks.map((c) => c.file).join(" ")}\n`,
    );
    return moved === 0 ? EXIT_OK : EXIT_FAILURE;
  });
}

function relativeTolerance(value: unknown): Partial<BaselineTolerances> {
  if (value === undefined) return {};
  const x = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !Number.isFinite(x) || x < 0) {
    throw new UsageError(
      `invalid --relative: ${String(value)} (expected a number >= 0, e.g. 1e-9)`,
    );
  }
  return {relative: x};
}
