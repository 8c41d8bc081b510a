import {createReadStream} from "node:fs";
import type {Readable} from "node:stream";

/**
 * Feeds the lines of a file (or `-` for the given stdin) to `onLine`, chunk by chunk, so memory
 * stays flat. A final line without a newline counts too.
 * NOTE (perf): splits 1 MiB chunks by hand; readline costs about twice as much per line.
 */
export async function forEachLine(path: string, stdin: Readable, onLine: (line: string) => void): Promise<void> {
  const stream = path === "-" ? stdin : createReadStream(path, {highWaterMark: 1 << 20});
  stream.setEncoding("utf8");
  let rest = "";
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    let end = chunk.indexOf("\n");
    if (end >= 0 && rest !== "") {
      onLine(rest + chunk.slice(0, end));
      rest = "";
      start = end + 1;
      end = chunk.indexOf("\n", start);
    }
    while (end >= 0) {
      onLine(chunk.slice(start, end));
      start = end + 1;
      end = chunk.indexOf("\n", start);
    }
    rest += chunk.slice(start);
  }
  if (rest !== "") onLine(rest);
}
