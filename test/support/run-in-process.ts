import {Readable, Writable} from "node:stream";
import type {CliIo} from "../../cli/cli-io.ts";

/** What a command wrote and returned. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that appends what is written to it as text. */
function collect(append: (text: string) => void): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      append(String(chunk));
      done();
    },
  });
}

/**
 * Runs a `walab` command in this process with `stdinText` on stdin, keeping stdout and stderr.
 * @example await runInProcess(main, ["bill", "--help"]) // => {code: 0, stdout: "Usage: ...", stderr: ""}
 */
export async function runInProcess(
  command: (args: string[], io: CliIo) => Promise<number>,
  args: string[],
  stdinText = "",
): Promise<CommandOutput> {
  let stdout = "";
  let stderr = "";
  const stdin = new Readable({
    read() {
      if (stdinText !== "") this.push(stdinText);
      this.push(null);
    },
  });
  const code = await command(args, {
    stdin,
    stdout: collect((t) => (stdout += t)),
    stderr: collect((t) => (stderr += t)),
  });
  return {code, stdout, stderr};
}
