import {open} from "node:fs/promises";
import type {Readable} from "node:stream";

type OnLine = (bytes: Uint8Array, start: number, end: number) => void;

const CHUNK_BYTES = 1 << 20;

/**
 * Feeds the lines of a file (or `-` for the given stdin) to `onLine` as byte ranges of a chunk,
 * so memory stays flat and most bytes are never decoded. A final line without a newline counts too.
 * The bytes are only valid during the call: the next chunk is read into the same buffer (whose
 * bytes past the chunk's are stale: only [start, end) is the line).
 * `afterChunk`, if given, is awaited after each chunk (so a slower consumer can hold reading back).
 * NOTE (perf): splits 1 MiB chunks with the native indexOf; only a line that straddles two chunks
 * is copied.
 */
export async function forEachLine(
  path: string,
  stdin: Readable,
  onLine: OnLine,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  if (path === "-") await forEachStreamLine(stdin, onLine, afterChunk);
  else await forEachFileLine(path, onLine, afterChunk);
}

/**
 * A file's lines, read chunk by chunk into one reused buffer (a line's unread rest moves to its
 * front). NOTE (perf): about half the CPU of a read stream, which allocates every chunk and
 * concatenates the straddling line with the whole next chunk.
 */
async function forEachFileLine(
  path: string,
  onLine: OnLine,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  const file = await open(path, "r");
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let kept = 0; // bytes of an unfinished line at the front of the buffer
    for (;;) {
      if (kept === buffer.length) {
        const larger = Buffer.allocUnsafe(buffer.length * 2); // a line longer than the buffer
        buffer.copy(larger, 0, 0, kept);
        buffer = larger;
      }
      const {bytesRead} = await file.read(buffer, kept, buffer.length - kept, null);
      if (bytesRead === 0) break;
      const filled = kept + bytesRead; // the kept part holds no newline
      kept = buffer.copy(buffer, 0, splitLines(buffer, kept, filled, onLine), filled);
      if (afterChunk !== undefined) await afterChunk();
    }
    if (kept > 0) onLine(buffer, 0, kept);
  } finally {
    await file.close();
  }
}

/**
 * Gives the whole lines of `buffer`'s first `filled` bytes, the first newline at or after `from`;
 * returns where the unfinished rest begins.
 * NOTE (perf): lines are ranges of `buffer` itself, one object for every chunk (a reader keeping
 * a view of the last buffer it saw makes it once; a new subarray per chunk made the compiled
 * reader deoptimize on the second), and the loop is a function of its own, compiled whole (in
 * the async caller, the code after an on-stack-compiled loop deoptimized at each chunk's end).
 */
function splitLines(buffer: Buffer, from: number, filled: number, onLine: OnLine): number {
  let start = 0;
  let end = buffer.indexOf(10, from);
  while (end >= 0 && end < filled) {
    onLine(buffer, start, end);
    start = end + 1;
    end = buffer.indexOf(10, start);
  }
  return start;
}

/** A stream's lines (stdin), chunk by chunk as the stream gives them. */
async function forEachStreamLine(
  stream: Readable,
  onLine: OnLine,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  let rest: Buffer | null = null;
  for await (const data of stream as AsyncIterable<Buffer | string>) {
    let chunk = typeof data === "string" ? Buffer.from(data) : data;
    if (rest !== null) {
      chunk = Buffer.concat([rest, chunk]);
      rest = null;
    }
    const start = splitLines(chunk, 0, chunk.length, onLine);
    if (start < chunk.length) rest = chunk.subarray(start);
    if (afterChunk !== undefined) await afterChunk();
  }
  if (rest !== null && rest.length > 0) onLine(rest, 0, rest.length);
}
