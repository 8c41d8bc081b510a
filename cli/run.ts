import {existsSync, mkdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {availableParallelism} from "node:os";
import {basename, dirname, join, resolve} from "node:path";
import {scenarioTables} from "../engine/scenario/index.ts";
import type {ScenarioResult} from "../engine/scenario/index.ts";
import {MAX_REPLICATIONS} from "../models/scenario/index.ts";
import type {CliIo} from "./cli-io.ts";
import {loadScenarioFile, runScenarioPlan} from "./scenario-file.ts";
import {EXIT_OK, parseCommandArgs, runCommand, singleFileArgument, UsageError} from "./cli-io.ts";

const RUN_OPTIONS = {
  out: {type: "string"},
  replications: {type: "string"},
  seed: {type: "string"},
  workers: {type: "string"},
  help: {type: "boolean", short: "h", default: false},
} as const;

/** The help text of `walab run`. */
export const RUN_USAGE = `Usage: walab run <scenario.yaml> [options]

Runs a scenario: every strategy x sweep point x replication on common random numbers (each
replication simulates the traffic with the same seed for every strategy, so deltas between
strategies are paired), and writes the results to out/<scenario>/:
  summary.json      per strategy and sweep point: total cost (mean, 95 % CI), by category and
                    market, per user and per message, paired delta to the first strategy
  runs.csv          one row per strategy x sweep point
  replications.csv  the exact total of every replication
  daily.csv, by-market.csv, by-category.csv
  report.html       a self-contained report with its charts (SVG), readable offline

Options:
  --out DIR             write to DIR instead of out/<scenario> (replaced only on success)
  --replications N      replications per strategy and sweep point (default: the file's, or 5)
  --seed S              seed of the run (default: the file's, or 1)
  --workers N           worker threads (default: min(2, available cores)); results are
                        byte-identical for any N
  -h, --help            show this help

Exit codes: 0 success; 2 bad input (every problem listed on stderr as file#/path: message;
nothing written).
Example:
  walab run scenarios/ecommerce-br-pricing-models.yaml --replications 10 --workers 2
`;

/**
 * \`walab run\`: loads and checks the scenario (every problem at once, exit 2, nothing written),
 * runs it in this thread or on worker threads, and writes summary.json, the CSV tables and the
 * HTML report into a temporary folder renamed into place (an existing output folder is
 * replaced only when the run succeeds). A progress bar is drawn when stderr is a terminal.
 * Returns the exit code.
 * @example await runScenarioCommand(["scenarios/ecommerce-br-pricing-models.yaml"], io) // => 0
 */
export async function runScenarioCommand(
  args: string[],
  io: Pick<CliIo, "stdout" | "stderr">,
): Promise<number> {
  return runCommand("run", io as CliIo, async () => {
    const {values, positionals} = parseCommandArgs(args, RUN_OPTIONS);
    if (values.help) {
      io.stdout.write(RUN_USAGE);
      return EXIT_OK;
    }
    const file = singleFileArgument(positionals, "scenario file");
    const replications = integerOption(values.replications, "--replications", 1, MAX_REPLICATIONS);
    const workers =
      integerOption(values.workers, "--workers", 1, 64) ?? Math.min(2, availableParallelism());
    if (values.seed !== undefined && values.seed.trim() === "")
      throw new UsageError("empty --seed");

    const {plan, source} = loadScenarioFile(file, {seed: values.seed, replications});
    const outDir = values.out ?? join("out", plan.file.name);
    const progress = createProgress(io.stderr);
    const result = await runScenarioPlan(plan, source, {workers, onProgress: progress});
    progress.end();

    // NOTE (perf): the report (Observable Plot, a DOM) loads only when a run writes one, so other
    // commands do not pay ~0.5 s for it at start-up
    const {renderScenarioReport} = await import("../server/report/index.ts");
    writeOutputDir(outDir, {
      "summary.json": `${JSON.stringify(result, null, 2)}\n`,
      ...scenarioTables(result),
      "report.html": renderScenarioReport(result),
    });
    for (const warning of uniqueWarnings(result)) {
      io.stderr.write(`walab run: warning: ${warning.message} (${warning.count} times)\n`);
    }
    io.stdout.write(formatResults(result, outDir));
    return EXIT_OK;
  });
}

function integerOption(
  text: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`invalid ${name} ${text} (expected a whole number from ${min} to ${max})`);
  }
  return Number(text);
}

/**
 * Writes the files into a temporary folder beside `dir`, then renames it into place; an
 * existing `dir` is moved aside first and removed once the new one is in place. A failure
 * leaves the old folder (or none) and no temporary folder.
 */
function writeOutputDir(dir: string, files: Record<string, string>): void {
  const parent = dirname(resolve(dir));
  mkdirSync(parent, {recursive: true});
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.walab-tmp-${stamp}-${basename(dir)}`);
  const old = join(parent, `.walab-old-${stamp}-${basename(dir)}`);
  try {
    mkdirSync(temp);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(temp, name), text);
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(temp, dir);
  } catch (error) {
    rmSync(temp, {recursive: true, force: true});
    if (existsSync(old) && !existsSync(dir)) renameSync(old, dir);
    throw error;
  }
  rmSync(old, {recursive: true, force: true});
}

/** A progress bar on a terminal (redrawn at most every 100 ms); nothing otherwise. */
function createProgress(
  stream: CliIo["stderr"],
): ((done: number, total: number) => void) & {end(): void} {
  const tty = (stream as {isTTY?: boolean}).isTTY === true;
  const started = performance.now();
  let lastDraw = 0;
  let drawn = false;
  const update = (done: number, total: number) => {
    if (!tty) return;
    const now = performance.now();
    if (done < total && now - lastDraw < 100) return;
    lastDraw = now;
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const seconds = ((now - started) / 1000).toFixed(1);
    stream.write(
      `\rwalab run: [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${seconds} s`,
    );
    drawn = true;
  };
  return Object.assign(update, {
    end() {
      if (drawn) stream.write("\n");
    },
  });
}

function uniqueWarnings(result: ScenarioResult): {message: string; count: number}[] {
  const byCode = new Map<string, {message: string; count: number}>();
  for (const run of result.runs) {
    for (const warning of run.warnings ?? []) {
      const seen = byCode.get(warning.code);
      if (seen === undefined)
        byCode.set(warning.code, {message: warning.message, count: warning.count});
      else seen.count += warning.count;
    }
  }
  return [...byCode.values()];
}

/** A short table of the results for the terminal. */
function formatResults(result: ScenarioResult, outDir: string): string {
  const money = (x: number) =>
    x.toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  const rows = result.runs.map((run) => {
    const sweep = result.sweepParameters.map((p) => `${p}=${run.sweep[p]}`).join(" ");
    const name = sweep === "" ? run.strategy : `${run.strategy} ${sweep}`;
    const total = `${money(run.total.mean)} [${money(run.total.low)}, ${money(run.total.high)}]`;
    const delta =
      run.deltaVsFirst === null
        ? ""
        : `  delta ${run.deltaVsFirst.mean >= 0 ? "+" : ""}${money(run.deltaVsFirst.mean)} [${money(run.deltaVsFirst.low)}, ${money(run.deltaVsFirst.high)}]`;
    return {name, text: `${total} ${result.currency}${delta}`};
  });
  const width = Math.max(8, ...rows.map((r) => r.name.length));
  return (
    `${result.scenario}: ${result.replications} replications, ${result.users} users, ${result.period.start} to ${result.period.end}\n` +
    rows.map((r) => `  ${r.name.padEnd(width)}  ${r.text}\n`).join("") +
    `wrote ${outDir}\n`
  );
}
