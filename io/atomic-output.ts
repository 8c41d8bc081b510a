import {closeSync, createReadStream, openSync, renameSync, rmSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";
import {pipeline} from "node:stream/promises";
import type {Writable} from "node:stream";

/** Output that only appears whole: text goes to a temporary file until `commit`. */
export interface AtomicOutput {
  write(text: string): void;
  /** Writes bytes (already encoded). */
  writeBytes(bytes: Uint8Array): void;
  /**
   * The temporary file's descriptor, for another thread of this process to write bytes to while
   * this one writes nothing (until that thread is done).
   */
  readonly fd: number;
  /** Renames the file into place (or copies it to the stream) and removes the temporary file. */
  commit(): Promise<void>;
  /** Removes the temporary file; nothing is left behind. */
  abort(): void;
}

const BUFFER_BYTES = 1 << 20;

/**
 * Opens atomic output to `path` (a temporary file beside it, renamed on commit) or, with a stream,
 * to that stream (spooled to a temporary file first, so a failed run writes nothing at all).
 * NOTE (perf): text is encoded straight into a reused 1 MiB buffer, so no large strings are built.
 */
export function createAtomicOutput(target: string | Writable): AtomicOutput {
  const tempPath =
    typeof target === "string"
      ? join(dirname(target), `.walab-tmp-${process.pid}-${basename(target)}`)
      : join(tmpdir(), `walab-${process.pid}-${Date.now()}.out`);
  const fd = openSync(tempPath, "w");
  let open = true;
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  const flush = () => {
    if (used > 0) writeAll(fd, buffer.subarray(0, used));
    used = 0;
  };
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    write(text) {
      if (text.length * 3 > BUFFER_BYTES - used) {
        flush();
        if (text.length * 3 > BUFFER_BYTES) {
          writeSync(fd, text);
          return;
        }
      }
      used += buffer.write(text, used);
    },
    writeBytes(bytes) {
      flush();
      writeAll(fd, bytes);
    },
    fd,
    async commit() {
      flush();
      close();
      if (typeof target === "string") {
        renameSync(tempPath, target);
        return;
      }
      try {
        await pipeline(createReadStream(tempPath), target, {end: false});
      } finally {
        rmSync(tempPath, {force: true});
      }
    },
    abort() {
      used = 0;
      close();
      rmSync(tempPath, {force: true});
    },
  };
}

/** writeSync may write less than asked; loops until every byte is out. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
