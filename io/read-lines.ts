import {createReadStream} from "node:fs";
import type {Readable} from "node:stream";

/**
 * Feeds the lines of a file (or `-` for the given stdin) to `onLine` as byte ranges of a chunk,
 * so memory stays flat and most bytes are never decoded. A final line without a newline counts too.
 * `afterChunk`, if given, is awaited after each chunk (so a slower consumer can hold reading back).
 * NOTE (perf): splits 1 MiB chunks with the native indexOf; only a line that straddles two chunks
 * is copied.
 */
export async function forEachLine(
  path: string,
  stdin: Readable,
  onLine: (bytes: Uint8Array, start: number, end: number) => void,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  const stream = path === "-" ? stdin : createReadStream(path, {highWaterMark: 1 << 20});
  let rest: Buffer | null = null;
  for await (const data of stream as AsyncIterable<Buffer | string>) {
    let chunk = typeof data === "string" ? Buffer.from(data) : data;
    if (rest !== null) {
      chunk = Buffer.concat([rest, chunk]);
      rest = null;
    }
    let start = 0;
    let end = chunk.indexOf(10, start);
    while (end >= 0) {
      onLine(chunk, start, end);
      start = end + 1;
      end = chunk.indexOf(10, start);
    }
    if (start < chunk.length) rest = chunk.subarray(start);
    if (afterChunk !== undefined) await afterChunk();
  }
  if (rest !== null && rest.length > 0) onLine(rest, 0, rest.length);
}
