import {closeSync, createReadStream, openSync, renameSync, rmSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";
import {pipeline} from "node:stream/promises";
import type {Writable} from "node:stream";

/** Output that only appears whole: text goes to a temporary file until `commit`. */
export interface AtomicOutput {
  write(text: string): void;
  /** Renames the file into place (or copies it to the stream) and removes the temporary file. */
  commit(): Promise<void>;
  /** Removes the temporary file; nothing is left behind. */
  abort(): void;
}

const FLUSH_CHARS = 1 << 20;

/**
 * Opens atomic output to `path` (a temporary file beside it, renamed on commit) or, with a stream,
 * to that stream (spooled to a temporary file first, so a failed run writes nothing at all).
 * Writes are buffered in ~1 MiB chunks.
 */
export function createAtomicOutput(target: string | Writable): AtomicOutput {
  const tempPath =
    typeof target === "string"
      ? join(dirname(target), `.walab-tmp-${process.pid}-${basename(target)}`)
      : join(tmpdir(), `walab-${process.pid}-${Date.now()}.out`);
  const fd = openSync(tempPath, "w");
  let open = true;
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = () => {
    if (pending.length === 0) return;
    writeSync(fd, pending.join(""));
    pending = [];
    pendingChars = 0;
  };
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= FLUSH_CHARS) flush();
    },
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
      pending = [];
      close();
      rmSync(tempPath, {force: true});
    },
  };
}
