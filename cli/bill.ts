import {readFileSync, statSync} from "node:fs";
import {createLogBiller} from "../engine/index.ts";
import type {LogBiller} from "../engine/index.ts";
import {createAtomicOutput, forEachLine, readShippedData} from "../io/index.ts";
import type {CliIo} from "./cli-io.ts";
import {EXIT_OK, parseCommandArgs, runCommand, UsageError} from "./cli-io.ts";

export const BILL_USAGE = `Usage: walab bill --messages FILE|- [options]

Bills a WhatsApp Business message log (NDJSON) into charge records (NDJSON), exactly by
Meta's rules for every pricing edition from 2022-02 on.

Options:
  --messages FILE|-             the message log; - reads stdin (required)
  --accounts FILE               accounts file (YAML or JSON); default: one WABA "default" in UTC
  --pricing auto|ID             auto (default) follows the model in force at each message's local
                                time; or one of cbp-2022-02, cbp-2023-06, cbp-2024-11,
                                pmp-2025-07, pmp-2026-10 for every message
  --rates auto|DATE             auto (default): the edition in force; or an edition's effective
                                date (2022-02-01, 2023-06-01, 2024-11-01, 2026-04-01, 2026-10-01)
  --sort                        sort the log by time first (stable)
  --service-free-per-phone N    pmp-2026-10 free service messages per phone and month (default
                                1000; 0 turns the allowance off)
  --summary                     write one JSON object of totals by market x category instead
  --threads 1|2                 2 bills on a second thread while the first reads (the same
                                bytes); default: 2 for a file of 32 MiB or more, else 1 (always
                                1 under Deno)
  --out FILE                    write to FILE (atomically: a failed run leaves no file)
  -h, --help                    show this help

Exit codes: 0 success; 2 bad input (file, line and field named on stderr; nothing written).
Example:
  walab bill --accounts examples/worked-examples/meta-pmp-charge-example/accounts.yaml \\
    --messages examples/worked-examples/meta-pmp-charge-example/messages.ndjson --pricing auto
`;

/**
 * Logs from this size on are billed on a second thread while this one reads; smaller ones would
 * not repay the thread's start (~0.15 s). NOTE (perf): measured with 8,192-row batches, one
 * thread / two: 16 MB 0.35-0.37 / 0.39-0.41 s, 33 MB 0.42-0.55 / 0.44-0.50 s, 66 MB 0.69-0.79 /
 * 0.62-0.66 s. Not under Deno: its thread cannot write the
 * output file itself and posts every chunk back, which made two threads ~1.5x slower than one.
 */
const THREAD_FROM_BYTES = 32 * 2 ** 20;
const THREAD_BY_DEFAULT = !("Deno" in globalThis);

const BILL_OPTIONS = {
  messages: {type: "string"},
  accounts: {type: "string"},
  pricing: {type: "string"},
  rates: {type: "string"},
  sort: {type: "boolean", default: false},
  "service-free-per-phone": {type: "string"},
  summary: {type: "boolean", default: false},
  threads: {type: "string"},
  out: {type: "string"},
  help: {type: "boolean", short: "h", default: false},
} as const;

/** `walab bill`: formats.md §4. Returns the exit code. */
export async function billCommand(args: string[], io: CliIo): Promise<number> {
  return runCommand("bill", io, async () => {
    const {values} = parseCommandArgs(args, BILL_OPTIONS, false);
    if (values.help) {
      io.stdout.write(BILL_USAGE);
      return EXIT_OK;
    }
    if (values.messages === undefined) throw new UsageError("missing --messages FILE|-");
    const serviceFree = values["service-free-per-phone"];
    if (serviceFree !== undefined && !/^\d+$/.test(serviceFree)) {
      throw new UsageError(
        `invalid --service-free-per-phone: ${serviceFree} (expected a whole number >= 0)`,
      );
    }
    if (values.threads !== undefined && values.threads !== "1" && values.threads !== "2")
      throw new UsageError(`invalid --threads: ${values.threads} (expected 1 or 2)`);
    const threaded =
      values.threads === undefined
        ? THREAD_BY_DEFAULT &&
          values.messages !== "-" &&
          sizeOrZero(values.messages) >= THREAD_FROM_BYTES
        : values.threads === "2";
    const accounts =
      values.accounts === undefined ? undefined : readFileSync(values.accounts, "utf8");
    const output = createAtomicOutput(values.out ?? io.stdout);
    let biller: LogBiller | undefined;
    try {
      biller = createLogBiller(
        {
          data: readShippedData(),
          accounts,
          accountsFile: values.accounts,
          messagesFile: values.messages === "-" ? "stdin" : values.messages,
          pricing: values.pricing,
          rates: values.rates,
          sort: values.sort,
          serviceFreePerPhone: serviceFree === undefined ? undefined : Number(serviceFree),
          summary: values.summary,
          thread: threaded,
        },
        output,
      );
      const {pushBytes, pace} = biller;
      try {
        await forEachLine(values.messages, io.stdin, pushBytes, pace);
      } catch (error) {
        throw await biller.settle(error);
      }
      const {warnings, summary} = await biller.end();
      if (summary !== null) output.write(JSON.stringify(summary) + "\n");
      await output.commit();
      for (const warning of warnings) {
        io.stderr.write(`walab bill: warning: ${warning.message} (${warning.count} times)\n`);
      }
      return EXIT_OK;
    } catch (error) {
      output.abort();
      throw error;
    } finally {
      biller?.close();
    }
  });
}

/** A file's size, or 0 if it cannot be read (reading it then reports why). */
function sizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
