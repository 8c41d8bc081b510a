import {InputError} from "./input-error.ts";

/** One data row of a CSV file, with its 1-based line number for error paths. */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/**
 * Parses the simple CSV of the shipped data: a header line, comma-separated cells, no quoting.
 * @throws InputError naming `file:line` for a quote or a wrong number of cells.
 * @example parseCsv("a,b\n1,2\n", "x.csv").rows[0].cells.b // => "2"
 */
export function parseCsv(text: string, file: string, expectedHeader?: readonly string[]): CsvRow[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").split(",");
  if (expectedHeader !== undefined && header.join(",") !== expectedHeader.join(",")) {
    throw new InputError({
      path: `${file}:1`,
      message: "invalid header",
      value: lines[0],
      expected: expectedHeader.join(","),
    });
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    if (raw.includes('"')) {
      throw new InputError({
        path: `${file}:${i + 1}`,
        message: "quoted cells are not supported",
        value: raw,
      });
    }
    const parts = raw.split(",");
    if (parts.length !== header.length) {
      throw new InputError({
        path: `${file}:${i + 1}`,
        message: "wrong number of cells",
        value: parts.length,
        expected: String(header.length),
      });
    }
    const cells: Record<string, string> = {};
    header.forEach((name, k) => (cells[name] = parts[k]!.trim()));
    rows.push({line: i + 1, cells});
  }
  return rows;
}
