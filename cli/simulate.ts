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
import {createAtomicOutput, readShippedData} from "../io/index.ts";
import type {AccountsFile} from "../models/accounts/index.ts";
import {InputError} from "../models/input-error.ts";
import {countryOf} from "../models/markets/index.ts";
import {parseSimulationConfig} from "../models/traffic/index.ts";
import type {CliIo} from "./cli-io.ts";
import {EXIT_OK, parseCommandArgs, runCommand, singleFileArgument, UsageError} from "./cli-io.ts";

export const SIMULATE_USAGE = `Usage: walab simulate <file.yaml> --seed S [options]

Simulates the WhatsApp traffic a simulation file describes (accounts, period, traffic: user
populations, sessions by entry point, replies, orders, campaigns, OTP flows, follow-ups) and
writes the message log (NDJSON in time order, as walab bill reads it) to stdout or FILE.

Options:
  --seed S              seed of every random stream (required): same file and seed, same log
  --out FILE            write to FILE (atomically: a failed run leaves no file)
  --accounts-out FILE   also write the accounts as JSON, for walab bill --accounts
  --summary             bill the simulated traffic in-process and write the charge summary
                        (JSON, by market x category) instead of the log
  --pricing auto|ID     with --summary: as walab bill --pricing (default auto)
  --rates auto|DATE     with --summary: as walab bill --rates (default auto)
  --workers N           with --summary: threads simulating and billing shards of businesses
                        (default 1); the summary does not depend on it
  --stats               print messages, pairs, events and the time taken to stderr
  -h, --help            show this help

Exit codes: 0 success; 2 bad input (file and path named on stderr; nothing written).
Example:
  walab simulate scenarios/loja-br-ecommerce.yaml --seed 42 --out loja.ndjson \\
    --accounts-out loja-accounts.json
  walab bill --accounts loja-accounts.json --messages loja.ndjson --summary
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
  help: {type: "boolean", short: "h", default: false},
} as const;

/**
 * \`walab simulate\`: parses the simulation file and its accounts, compiles the traffic plan and
 * streams the simulation into the message log (or, with --summary, into the billing kernel).
 * Memory stays flat in the number of messages. Returns the exit code.
 * @example await simulateCommand(["scenarios/loja-br-ecommerce.yaml", "--seed", "42"], io) // => 0
 */
export async function simulateCommand(
  args: string[],
  io: Pick<CliIo, "stdout" | "stderr">,
): Promise<number> {
  return runCommand("simulate", io as CliIo, async () => {
    const {values, positionals} = parseCommandArgs(args, SIMULATE_OPTIONS);
    if (values.help) {
      io.stdout.write(SIMULATE_USAGE);
      return EXIT_OK;
    }
    const file = singleFileArgument(positionals, "simulation file");
    if (values.seed === undefined) throw new UsageError("missing --seed S");
    const started = performance.now();

    const workers = workersOption(values.workers);
    if (workers !== undefined && !values.summary)
      throw new UsageError("--workers needs --summary (the message log is written in time order)");

    const text = await readInput(file, file);
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
    const loaded = loadSimulation(source);
    const {plan, accounts, data} = loaded;

    let stats: SimulationStats | undefined;
    if (values.summary) {
      const result = await simulateChargesInWorkers(
        source,
        {seed: values.seed, pricing: values.pricing, rates: values.rates, workers: workers ?? 1},
        loaded,
      );
      stats = result.stats;
      const summary = summaryOfAggregate(result.aggregate, data.cards.currency);
      const output = new TextEncoder().encode(`${JSON.stringify(summary)}\n`);
      await writeOutput(values.out, io, (write) => write(output));
    } else {
      const options = {
        seed: values.seed,
        countryOf: (e164: string) => countryOf(data.markets, e164),
        countryDigits: data.markets.maxPrefixLength,
      };
      const encode = createMessageLogEncoder(plan.accounts);
      await writeOutput(values.out, io, async (write) => {
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
    }
    if (values["accounts-out"] !== undefined) {
      const output = createAtomicOutput(values["accounts-out"]);
      output.write(`${JSON.stringify(accountsJson(accounts), null, 2)}\n`);
      await output.commit();
    }
    if (values.stats && stats !== undefined) {
      const seconds = (performance.now() - started) / 1000;
      io.stderr.write(
        `walab simulate: ${stats.messages} messages, ${stats.pairs} pairs, ${stats.events} events, ` +
          `${stats.businesses} businesses in ${seconds.toFixed(2)} s\n`,
      );
    }
    return EXIT_OK;
  });
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
