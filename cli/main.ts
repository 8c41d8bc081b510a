import type {CliIo} from "./cli-io.ts";
import {EXIT_INPUT, EXIT_OK} from "./cli-io.ts";

const USAGE = `walab: the WhatsApp pricing what-if workbench

Usage: walab <command> [options]

Commands:
  bill       bill a message log (NDJSON) into charge records, exactly
  simulate   generate a message log from a traffic model (YAML), or bill it in-process
  run        run a scenario: strategies x sweeps x replications -> summary, CSV, HTML report
  baseline   store the summary figures of scenarios under baselines/
  check      re-run scenarios and compare with their baselines (exit 1 on a regression)
  help       show this help

Run 'walab <command> --help' for a command's options.
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Each command's module, imported when the command runs.
 * NOTE (perf): `walab --help` then loads no command module nor the packages they use
 * (zod, yaml, Observable Plot, linkedom), which took most of its start.
 */
const COMMANDS: ReadonlyMap<string, () => Promise<Command>> = new Map([
  ["bill", async () => (await import("./bill.ts")).billCommand],
  ["simulate", async () => (await import("./simulate.ts")).simulateCommand],
  ["run", async () => (await import("./run.ts")).runScenarioCommand],
  ["baseline", async () => (await import("./baseline.ts")).baselineCommand],
  ["check", async () => (await import("./check.ts")).checkCommand],
]);

/** Runs the `walab` command line and returns the exit code. */
export async function main(
  args: string[],
  io: CliIo = {stdin: process.stdin, stdout: process.stdout, stderr: process.stderr},
): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  const load = COMMANDS.get(name);
  if (load === undefined) {
    io.stderr.write(`walab: unknown command '${name}'\n${USAGE}`);
    return EXIT_INPUT;
  }
  return (await load())(rest, io);
}
