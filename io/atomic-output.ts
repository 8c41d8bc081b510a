import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, join} from "node:path";
import {pipeline} from "node:stream/promises";
import type {Writable} from "node:stream";
import {InputError} from "../models/input-error.ts";

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
 * to that stream (spooled to a temporary file first, so a failed run writes nothing at all). A
 * path that names no regular file (`/dev/null`, a FIFO, `/dev/fd/N` of a shell's `>(...)`) is
 * written like a stream: spooled, then copied into it on commit, never renamed over; a symbolic
 * link is followed, so the file it points to is replaced, not the link.
 * NOTE (perf): text is encoded straight into a reused 1 MiB buffer, so no large strings are built.
 * @example createAtomicOutput("out/charges.ndjson").write("..."); // nothing there until commit
 */
export function createAtomicOutput(target: string | Writable): AtomicOutput {
  const path = typeof target === "string" ? regularFileTarget(target) : undefined;
  const tempPath =
    path !== undefined
      ? join(dirname(path), `.walab-tmp-${process.pid}-${basename(path)}`)
      : join(tmpdir(), `walab-${process.pid}-${Date.now()}.out`);
  const fd = openTemporary(tempPath, typeof target === "string" ? target : undefined);
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
      if (path !== undefined) {
        renameSync(tempPath, path);
        return;
      }
      try {
        if (typeof target === "string")
          await pipeline(createReadStream(tempPath), createWriteStream(target));
        else await pipeline(createReadStream(tempPath), target, {end: false});
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

/**
 * The regular file an output path stands for: the path itself when nothing is there yet, the
 * file a symbolic link resolves to; undefined when it names something else (a device, a FIFO),
 * which must be written into, not replaced.
 */
function regularFileTarget(target: string): string | undefined {
  const stats = statSync(target, {throwIfNoEntry: false});
  if (stats === undefined) return target;
  if (stats.isDirectory())
    throw new InputError({path: target, message: "is a folder (expected a file to write)"});
  return stats.isFile() ? realpathSync(target) : undefined;
}

/**
 * Creates the temporary file; a failure names the output asked for, not the temporary file.
 * @throws InputError when the folder is missing or not writable.
 */
function openTemporary(tempPath: string, target: string | undefined): number {
  try {
    return openSync(tempPath, "w");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError({
      path: target ?? tempPath,
      message: `cannot write to ${dirname(tempPath)} (${code})`,
    });
  }
}

/** writeSync may write less than asked; loops until every byte is out. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
