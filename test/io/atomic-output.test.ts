// createAtomicOutput: a file appears only whole; a path that is no regular file (a FIFO, as
// /dev/null or a shell's >(...) is) is written into, never replaced; a symbolic link keeps
// pointing at its file; a folder or a missing folder is bad input naming the path.
import {execFileSync} from "node:child_process";
import {
  createReadStream,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {createAtomicOutput} from "../../io/index.ts";
import {InputError} from "../../models/input-error.ts";

const WORK = mkdtempSync(join(tmpdir(), "walab-atomic-output-"));
afterAll(() => rmSync(WORK, {recursive: true, force: true}));
let cases = 0;
/** A fresh, empty folder. */
function folder(): string {
  const dir = join(WORK, `case-${++cases}`);
  execFileSync("mkdir", [dir]);
  return dir;
}

describe("createAtomicOutput", () => {
  it("createAtomicOutput(file) shows nothing at the path until commit, then the whole text", async () => {
    const dir = folder();
    const path = join(dir, "out.ndjson");
    const output = createAtomicOutput(path);
    output.write("one\n");
    output.writeBytes(new TextEncoder().encode("two\n"));
    expect(existsSync(path)).toBe(false);
    await output.commit();
    expect(readFileSync(path, "utf8")).toBe("one\ntwo\n");
    expect(readdirSync(dir)).toEqual(["out.ndjson"]);
  });

  it("createAtomicOutput(file).abort() leaves the old file as it was and no temporary file", () => {
    const dir = folder();
    const path = join(dir, "out.ndjson");
    writeFileSync(path, "old\n");
    const output = createAtomicOutput(path);
    output.write("new\n");
    output.abort();
    expect(readFileSync(path, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["out.ndjson"]);
  });

  it("createAtomicOutput(fifo) writes into the FIFO on commit and leaves it a FIFO", async () => {
    const dir = folder();
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const output = createAtomicOutput(fifo);
    // more than a pipe's buffer, so the copy must wait for the reader
    const text = "x".repeat(200_000) + "\n";
    output.write(text);
    let received = "";
    const reader = new Promise<void>((done, fail) => {
      createReadStream(fifo, "utf8")
        .on("data", (chunk) => (received += String(chunk)))
        .on("end", done)
        .on("error", fail);
    });
    await output.commit();
    await reader;
    expect(received).toBe(text);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["pipe"]);
  });

  it("createAtomicOutput(symbolic link) replaces the file it points to and keeps the link", async () => {
    const dir = folder();
    const file = join(dir, "real.ndjson");
    const link = join(dir, "link.ndjson");
    writeFileSync(file, "old\n");
    symlinkSync(file, link);
    const output = createAtomicOutput(link);
    output.write("new\n");
    await output.commit();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("new\n");
  });

  it("createAtomicOutput(folder or missing folder) throws InputError naming the path", () => {
    const problemOf = (path: string) => {
      try {
        createAtomicOutput(path);
      } catch (error) {
        if (error instanceof InputError) return error.problems[0];
        throw error;
      }
      return undefined;
    };
    const dir = folder();
    expect(problemOf(dir)).toEqual({path: dir, message: "is a folder (expected a file to write)"});
    const missing = join(dir, "no-such-folder", "out.ndjson");
    expect(problemOf(missing)).toEqual({
      path: missing,
      message: `cannot write to ${join(dir, "no-such-folder")} (ENOENT)`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
