import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {Readable} from "node:stream";
import {afterAll, describe, expect, it} from "vitest";
import {forEachLine} from "../../io/index.ts";

const dir = mkdtempSync(join(tmpdir(), "walab-read-lines-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** The lines forEachLine gives for `text`, read from a file and from a stream. */
async function linesOf(text: string): Promise<{file: string[]; stream: string[]}> {
  const path = join(dir, "lines.ndjson");
  writeFileSync(path, text);
  const file: string[] = [];
  await forEachLine(path, Readable.from([]), (bytes, start, end) =>
    file.push(Buffer.from(bytes.subarray(start, end)).toString("utf8")),
  );
  const stream: string[] = [];
  // a stream in uneven 700 kB pieces, so lines straddle its chunks too
  const pieces =
    Buffer.from(text)
      .toString("latin1")
      .match(/[\s\S]{1,700000}/g) ?? [];
  await forEachLine(
    "-",
    Readable.from(pieces.map((piece) => Buffer.from(piece, "latin1"))),
    (bytes, start, end) => stream.push(Buffer.from(bytes.subarray(start, end)).toString("utf8")),
  );
  return {file, stream};
}

describe("forEachLine", () => {
  it("forEachLine(file) gives every line of a file of many 1 MiB chunks, lines straddling chunks included, the same as from a stream", async () => {
    const expected = Array.from(
      {length: 60_000},
      (_, k) => `{"id":"m${k}","n":"${"é".repeat(k % 40)}"}`,
    );
    const {file, stream} = await linesOf(expected.join("\n") + "\n");
    expect(file).toEqual(expected);
    expect(stream).toEqual(expected);
  });

  it("forEachLine(file) gives a line longer than the 1 MiB buffer whole, a last line without a newline, empty lines and CR bytes as they are", async () => {
    const long = "x".repeat(3_500_000);
    const expected = ["a", long, "", "b\r", "last"];
    const {file, stream} = await linesOf(expected.join("\n"));
    expect(file).toEqual(expected);
    expect(stream).toEqual(expected);
  });

  it("forEachLine(file) gives nothing for an empty file", async () => {
    expect(await linesOf("")).toEqual({file: [], stream: []});
  });
});
