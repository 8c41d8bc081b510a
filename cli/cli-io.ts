import type {Readable, Writable} from "node:stream";
import {parseArgs} from "node:util";
import type {ParseArgsConfig} from "node:util";
import {InputError} from "../models/input-error.ts";

/** The streams a command talks to; tests pass their own. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit codes: 0 success, 1 an internal failure, 2 bad input (nothing written). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INPUT = 2;

/** A usage error of a command line: reported like bad input, with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Runs a command body and turns errors into an exit code and a message on stderr: bad input and
 * usage errors exit 2 with every problem listed, anything else exits 1 with its stack.
 */
export async function runCommand(
  name: string,
  io: CliIo,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(error.problems.map((p) => `walab ${name}: ${formatLine(p)}\n`).join(""));
      return EXIT_INPUT;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`walab ${name}: ${error.message}\nRun 'walab ${name} --help' for usage.\n`);
      return EXIT_INPUT;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
      io.stderr.write(
        `walab ${name}: cannot read ${(error as NodeJS.ErrnoException).path ?? "file"}: ${code}\n`,
      );
      return EXIT_INPUT;
    }
    io.stderr.write(`walab ${name}: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT_FAILURE;
  }
}

function formatLine(problem: InputError["problems"][number]): string {
  let text = `${problem.path}: ${problem.message}`;
  if (problem.value !== undefined) text += `: ${JSON.stringify(problem.value)}`;
  if (problem.expected !== undefined) text += ` (expected ${problem.expected})`;
  return text;
}

/**
 * parseArgs in strict mode, with unknown options or a missing value turned into usage errors
 * (exit 2). The values are typed by `options`.
 * @throws UsageError on an unknown option, a missing value, or a positional when none is allowed.
 * @example parseCommandArgs(["a.yaml", "--out", "b"], {out: {type: "string"}}).values.out // => "b"
 */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: O,
  allowPositionals = true,
) {
  try {
    return parseArgs({args, options, allowPositionals, strict: true});
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * The one file a command takes.
 * @throws UsageError when it is missing or followed by more arguments.
 */
export function singleFileArgument(positionals: readonly string[], what: string): string {
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(`missing ${what}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  return file;
}
