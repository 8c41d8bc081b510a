import {open, readFile, rename, unlink, writeFile} from "node:fs/promises";
import {dirname, resolve} from "node:path";
import {parseAccounts} from "../models/accounts/accounts-file.ts";
import type {AccountsFile} from "../models/accounts/accounts-file.ts";
import {InputError} from "../models/input-error.ts";
import {countryOf, loadMarketTable} from "../models/markets/index.ts";
import {compileTrafficPlan, loadNumberingPlans, parseSimulationConfig} from "../models/traffic/index.ts";
import type {TrafficPlan} from "../models/traffic/index.ts";
import {createMessageLogFormatter, simulateBatches} from "../engine/sim/index.ts";

/** Where the command writes: anything with a Node-style `write` (process.stdout, a test sink). */
export interface TextSink {
  write(chunk: string): unknown;
  once?(event: "drain", listener: () => void): unknown;
}

export const SIMULATE_USAGE = `Usage: walab simulate <file.yaml> --seed S [--out FILE] [--accounts-out FILE] [--stats]

Simulates the WhatsApp traffic a simulation file describes (accounts, period, traffic) and writes
the message log (formats.md §2, NDJSON in time order) to stdout or FILE.

  --seed S             seed of every random stream (required); same file + seed = same log
  --out FILE           write to FILE atomically (a temporary file renamed on success)
  --accounts-out FILE  also write the accounts as JSON, for walab bill --accounts
  --stats              print messages, pairs, events and time to stderr
  --help               this text

Exit codes: 0 success, 2 bad input (file and path named on stderr; nothing written), 1 other errors.
`;

const MODELS_URL = new URL("../models/", import.meta.url);

/**
 * `walab simulate`: parses the simulation file and its accounts, compiles the traffic plan,
 * streams the simulation through the message-log formatter into stdout or an atomically written
 * file. Memory stays flat in the number of messages.
 * @example await simulateCommand(["scenarios/loja-br-ecommerce.yaml", "--seed", "42", "--out", "log.ndjson"], {stdout: process.stdout, stderr: process.stderr}) // => 0
 */
export async function simulateCommand(args: string[], io: {stdout: TextSink; stderr: TextSink}): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(args);
  } catch (error) {
    io.stderr.write(`walab simulate: ${(error as Error).message}\n\n${SIMULATE_USAGE}`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(SIMULATE_USAGE);
    return 0;
  }
  const started = performance.now();
  let plan: TrafficPlan;
  let accounts: AccountsFile;
  let countryOfNumber: (e164: string) => number;
  try {
    const text = await readInput(options.file, options.file);
    const config = parseSimulationConfig(text, options.file);
    if (config.accounts !== undefined) {
      accounts = config.accounts;
    } else {
      const path = resolve(dirname(options.file), config.accountsPath!);
      accounts = parseAccounts(await readInput(path, `${options.file}#/accounts`), config.accountsPath!);
    }
    const markets = loadMarketTable(await readFile(new URL("rate-cards/markets.csv", MODELS_URL), "utf8"), "models/rate-cards/markets.csv");
    countryOfNumber = (e164) => countryOf(markets, e164);
    const numbering = loadNumberingPlans(await readFile(new URL("traffic/numbering-plans.csv", MODELS_URL), "utf8"), "models/traffic/numbering-plans.csv");
    plan = compileTrafficPlan(config, accounts, numbering);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`walab simulate: invalid input\n${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const format = createMessageLogFormatter(plan.accounts);
  const run = simulateBatches(plan, {seed: options.seed, countryOf: countryOfNumber});
  const target = options.out;
  const temp = target === undefined ? undefined : `${target}.${process.pid}.tmp`;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    if (temp !== undefined) handle = await open(temp, "w");
    let stats;
    for (;;) {
      const next = run.next();
      if (next.done === true) {
        stats = next.value;
        break;
      }
      const text = format(next.value);
      if (handle !== undefined) await handle.write(text);
      else await writeTo(io.stdout, text);
    }
    if (handle !== undefined) {
      await handle.close();
      await rename(temp!, target!);
    }
    if (options.accountsOut !== undefined) {
      const accountsTemp = `${options.accountsOut}.${process.pid}.tmp`;
      await writeFile(accountsTemp, `${JSON.stringify(accountsJson(accounts), null, 2)}\n`);
      await rename(accountsTemp, options.accountsOut);
    }
    if (options.stats) {
      const seconds = (performance.now() - started) / 1000;
      io.stderr.write(
        `walab simulate: ${stats.messages} messages, ${stats.pairs} pairs, ${stats.events} events, ` +
          `${stats.businesses} businesses in ${seconds.toFixed(2)} s\n`,
      );
    }
    return 0;
  } catch (error) {
    if (handle !== undefined) {
      await handle.close().catch(() => undefined);
      await unlink(temp!).catch(() => undefined);
    }
    io.stderr.write(`walab simulate: ${(error as Error).message}\n`);
    return 1;
  }
}

function parseArgs(args: string[]) {
  let file: string | undefined;
  let seed: string | undefined;
  let out: string | undefined;
  let accountsOut: string | undefined;
  let stats = false;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--seed") seed = value();
    else if (arg === "--out") out = value();
    else if (arg === "--accounts-out") accountsOut = value();
    else if (arg === "--stats") stats = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg.startsWith("-") && arg !== "-") throw new Error(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (help) return {help, file: "", seed: "", out, accountsOut, stats};
  if (file === undefined) throw new Error("missing simulation file");
  if (seed === undefined) throw new Error("missing --seed");
  return {help, file, seed, out, accountsOut, stats};
}

async function readInput(path: string, label: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new InputError({path: label, message: `cannot read file: ${(error as Error).message}`});
  }
}

async function writeTo(sink: TextSink, text: string): Promise<void> {
  const ok = sink.write(text);
  if (ok === false && sink.once !== undefined) {
    await new Promise<void>((done) => sink.once!("drain", done));
  }
}

/** The accounts as formats.md §1 JSON (start times back to ISO strings). */
function accountsJson(accounts: AccountsFile): unknown {
  return {
    businesses: accounts.businesses.map((b) => ({
      ...b,
      authInternational: Object.fromEntries(Object.entries(b.authInternational).map(([k, ms]) => [k, new Date(ms).toISOString()])),
    })),
  };
}
