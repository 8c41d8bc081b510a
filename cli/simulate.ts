import {readFile} from "node:fs/promises";
import {dirname, resolve} from "node:path";
import {
  createMessageLogEncoder,
  loadSimulation,
  simulateBatches,
  simulateChargesInWorkers,
  summaryOfAggregate,
} from "../engine/sim/index.ts";
import type {SimulationSource, SimulationStats} from "../engine/sim/index.ts";
import type {BillingData} from "../engine/billing-data.ts";
import {createAtomicOutput, readShippedData} from "../io/index.ts";
import type {AccountsFile} from "../models/accounts/index.ts";
import {InputError} from "../models/input-error.ts";
import {countryOf} from "../models/markets/index.ts";
import {parseMapping} from "../models/parse-document.ts";
import {parseSimulationConfig} from "../models/traffic/index.ts";
import type {TrafficPlan} from "../models/traffic/index.ts";
import type {CliIo} from "./cli-io.ts";
import {EXIT_OK, parseCommandArgs, runCommand, singleFileArgument, UsageError} from "./cli-io.ts";
import {billingNote, scenarioTraffic} from "./scenario-traffic.ts";

export const SIMULATE_USAGE = `Usage: walab simulate <file.yaml> --seed S [options]
       walab simulate <scenario.yaml> [--strategy NAME] [--sweep NAME=VALUE] [--replication K]

Simulates the WhatsApp traffic a simulation file describes (accounts, period, traffic: user
populations, sessions by entry point, replies, orders, campaigns, OTP flows, follow-ups) and
writes the message log (NDJSON in time order, as walab bill reads it) to stdout or FILE.
Given a scenario file (walab run's), it writes the traffic one of its runs simulates: that log,
billed by walab bill with the strategy's pricing, rate card and free service messages, gives the
run's total for that replication (rate changes and markups are walab run's alone).

Options:
  --seed S              seed of every random stream (required): same file and seed, same log;
                        for a scenario file, its seed (default: the file's)
  --out FILE            write to FILE (atomically: a failed run leaves no file)
  --accounts-out FILE   also write the accounts as JSON, for walab bill --accounts
  --summary             bill the simulated traffic in-process and write the charge summary
                        (JSON, by market x category) instead of the log
  --pricing auto|ID     with --summary: as walab bill --pricing (default auto)
  --rates auto|DATE     with --summary: as walab bill --rates (default auto)
  --workers N           with --summary: threads simulating and billing shards of businesses
                        (default 1); the summary does not depend on it
  --stats               print messages, pairs, events and the time taken to stderr
  --strategy NAME       scenario file: the strategy whose traffic to simulate (default: the first)
  --sweep NAME=VALUE    scenario file: the sweep point, a value per sweep parameter (repeat the
                        option for several; a parameter not named takes its first value)
  --replication K       scenario file: replication K's traffic (default 1; replication 1 uses
                        the seed itself, replication K the seed S/K, as walab run)
  -h, --help            show this help

Exit codes: 0 success; 2 bad input (file and path named on stderr; nothing written).
Example:
  walab simulate scenarios/loja-br-ecommerce.yaml --seed 42 --out loja.ndjson \\
    --accounts-out loja-accounts.json
  walab bill --accounts loja-accounts.json --messages loja.ndjson --summary
  walab simulate scenarios/black-friday-mx.yaml --strategy "blast a day earlier" \\
    --out blast.ndjson --accounts-out blast-accounts.json
`;

const NUMBERING_PLANS = new URL("../models/traffic/numbering-plans.csv", import.meta.url);

const SIMULATE_OPTIONS = {
  seed: {type: "string"},
  out: {type: "string"},
  "accounts-out": {type: "string"},
  summary: {type: "boolean", default: false},
  pricing: {type: "string"},
  rates: {type: "string"},
  workers: {type: "string"},
  stats: {type: "boolean", default: false},
  strategy: {type: "string"},
  sweep: {type: "string", multiple: true},
  replication: {type: "string"},
  help: {type: "boolean", short: "h", default: false},
} as const;

/** Keys only a scenario file (walab run's) has at its top level. */
const SCENARIO_KEYS = ["question", "seed", "replications", "strategies", "sweeps"];

/**
 * \`walab simulate\`: parses the simulation file and its accounts (or loads a scenario file and
 * picks one of its runs), compiles the traffic plan and streams the simulation into the message
 * log (or, with --summary, into the billing kernel). Memory stays flat in the number of
 * messages. Returns the exit code.
 * @example await simulateCommand(["scenarios/loja-br-ecommerce.yaml", "--seed", "42"], io) // => 0
 */
export async function simulateCommand(
  args: string[],
  io: Pick<CliIo, "stdout" | "stderr">,
): Promise<number> {
  return runCommand("simulate", io as CliIo, async () => {
    const {values, positionals} = parseSimulateArgs(args);
    if (values.help) {
      io.stdout.write(SIMULATE_USAGE);
      return EXIT_OK;
    }
    const file = singleFileArgument(positionals, "simulation or scenario file");
    const started = performance.now();
    const workers = workersOption(values.workers);
    if (workers !== undefined && !values.summary)
      throw new UsageError("--workers needs --summary (the message log is written in time order)");

    const traffic = await trafficOf(file, await readInput(file, file), values, io);
    // opened before anything is simulated: a bad --accounts-out leaves no log either
    const accountsOut = values["accounts-out"];
    const accountsOutput = accountsOut === undefined ? undefined : createAtomicOutput(accountsOut);
    try {
      const stats = values.summary
        ? await writeSummary(traffic, {...values, workers: workers ?? 1}, io)
        : await writeLog(traffic, values.out, io);
      if (accountsOutput !== undefined) {
        accountsOutput.write(`${JSON.stringify(accountsJson(traffic.accounts), null, 2)}\n`);
        await accountsOutput.commit();
      }
      if (values.stats) {
        const seconds = (performance.now() - started) / 1000;
        io.stderr.write(
          `walab simulate: ${stats.messages} messages, ${stats.pairs} pairs, ${stats.events} events, ` +
            `${stats.businesses} businesses in ${seconds.toFixed(2)} s\n`,
        );
      }
    } catch (error) {
      accountsOutput?.abort();
      throw error;
    }
    return EXIT_OK;
  });
}

function parseSimulateArgs(args: string[]) {
  return parseCommandArgs(args, SIMULATE_OPTIONS);
}

type SimulateValues = ReturnType<typeof parseSimulateArgs>["values"];

/** What `walab simulate` simulates: a simulation file's traffic or one run of a scenario file. */
interface Traffic {
  plan: TrafficPlan;
  accounts: AccountsFile;
  data: BillingData;
  seed: string | number;
  /** A simulation file's texts and plan, which --summary bills (on worker threads). */
  simulation?: {source: SimulationSource; loaded: ReturnType<typeof loadSimulation>};
}

/**
 * Loads the traffic of a simulation file, or of the run of a scenario file that --strategy,
 * --sweep and --replication pick (telling on stderr how walab bill bills its log as the run
 * does), after checking that the options fit the kind of file.
 */
async function trafficOf(
  file: string,
  text: string,
  values: SimulateValues,
  io: Pick<CliIo, "stderr">,
): Promise<Traffic> {
  if (isScenarioFile(text, file)) {
    for (const option of ["summary", "pricing", "rates", "workers"] as const) {
      if (values[option] !== undefined && values[option] !== false)
        throw new UsageError(
          `--${option} is for simulation files: ${file} is a scenario file, whose ` +
            "strategies also change the billing (run it with walab run)",
        );
    }
    const traffic = scenarioTraffic(file, {
      seed: values.seed,
      strategy: values.strategy,
      sweeps: values.sweep ?? [],
      replication: values.replication,
    });
    const note = billingNote(traffic.run);
    if (note !== undefined) io.stderr.write(`walab simulate: ${note}\n`);
    return traffic;
  }
  for (const option of ["strategy", "sweep", "replication"] as const) {
    if (values[option] !== undefined)
      throw new UsageError(`--${option} picks a run of a scenario file: ${file} has no strategies`);
  }
  if (values.seed === undefined) throw new UsageError("missing --seed S");
  const simulation = await loadSimulationFile(file, text);
  const {plan, accounts, data} = simulation.loaded;
  return {plan, accounts, data, seed: values.seed, simulation};
}

/** --summary: simulates and bills in-process (shards on --workers threads), writes the summary. */
async function writeSummary(
  traffic: Traffic,
  options: {out?: string; pricing?: string; rates?: string; workers: number},
  io: Pick<CliIo, "stdout">,
): Promise<SimulationStats> {
  const {source, loaded} = traffic.simulation!;
  const {pricing, rates, workers} = options;
  const result = await simulateChargesInWorkers(
    source,
    {seed: traffic.seed, pricing, rates, workers},
    loaded,
  );
  const summary = summaryOfAggregate(result.aggregate, traffic.data.cards.currency);
  const output = new TextEncoder().encode(`${JSON.stringify(summary)}\n`);
  await writeOutput(options.out, io, (write) => write(output));
  return result.stats;
}

/** Streams the simulation into the message log (NDJSON in time order) at `out` or on stdout. */
async function writeLog(
  traffic: Traffic,
  out: string | undefined,
  io: Pick<CliIo, "stdout">,
): Promise<SimulationStats> {
  const {plan, data} = traffic;
  const options = {
    seed: traffic.seed,
    countryOf: (e164: string) => countryOf(data.markets, e164),
    countryDigits: data.markets.maxPrefixLength,
  };
  const encode = createMessageLogEncoder(plan.accounts);
  let stats: SimulationStats | undefined;
  await writeOutput(out, io, async (write) => {
    const run = simulateBatches(plan, options);
    for (;;) {
      const next = run.next();
      if (next.done === true) {
        stats = next.value;
        return;
      }
      await write(encode(next.value));
    }
  });
  return stats!;
}

/** Loads a simulation file and the accounts file it names into a plan. */
async function loadSimulationFile(
  file: string,
  text: string,
): Promise<{source: SimulationSource; loaded: ReturnType<typeof loadSimulation>}> {
  const source: SimulationSource = {
    text,
    file,
    rateCards: readShippedData(),
    numberingPlans: await readFile(NUMBERING_PLANS, "utf8"),
  };
  const {accountsPath} = parseSimulationConfig(text, file);
  if (accountsPath !== undefined) {
    const path = resolve(dirname(file), accountsPath);
    source.accounts = await readInput(path, `${file}#/accounts`);
    source.accountsFile = path;
  }
  return {source, loaded: loadSimulation(source)};
}

/**
 * Whether `text` is a scenario file (walab run's) rather than a simulation file: a mapping with
 * a key only scenario files have. Text that is no mapping is left to the simulation file's
 * parser, which words the error.
 */
function isScenarioFile(text: string, file: string): boolean {
  let top: Record<string, unknown>;
  try {
    top = parseMapping(text, file, "a simulation file", "period, accounts, traffic");
  } catch {
    return false;
  }
  return SCENARIO_KEYS.some((key) => key in top);
}

function workersOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 64)
    throw new UsageError(`invalid --workers ${text} (expected a whole number from 1 to 64)`);
  return Number(text);
}

async function readInput(path: string, label: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new InputError({
      path: label,
      message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    });
  }
}

/**
 * Runs `body` with a writer to FILE (createAtomicOutput: nothing there unless the body succeeds)
 * or to stdout (bytes copied, with backpressure).
 */
async function writeOutput(
  path: string | undefined,
  io: Pick<CliIo, "stdout">,
  body: (write: (chunk: Uint8Array) => Promise<void> | void) => Promise<void> | void,
): Promise<void> {
  if (path === undefined) {
    await body(async (chunk) => {
      if (!io.stdout.write(Buffer.from(chunk)))
        await new Promise<void>((done) => io.stdout.once("drain", () => done()));
    });
    return;
  }
  const output = createAtomicOutput(path);
  try {
    await body((chunk) => output.writeBytes(chunk));
    await output.commit();
  } catch (error) {
    output.abort();
    throw error;
  }
}

/** The accounts as formats.md §1 JSON (start times back to ISO strings). */
function accountsJson(accounts: AccountsFile): unknown {
  return {
    businesses: accounts.businesses.map((b) => ({
      ...b,
      authInternational: Object.fromEntries(
        Object.entries(b.authInternational).map(([k, ms]) => [k, new Date(ms).toISOString()]),
      ),
    })),
  };
}
