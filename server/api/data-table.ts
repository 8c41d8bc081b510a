/** A cell of a downloadable table: numbers stay numbers in JSON; null is an empty CSV cell. */
export type Cell = string | number | boolean | null;

/** A table the pages show and offer as CSV and JSON. */
export interface DataTable {
  /** kebab-case id, also the download's file name. */
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

/**
 * A table as RFC 4180 CSV: a header line, CRLF line ends, fields with a comma, quote or line
 * break quoted, non-finite numbers and null as empty fields. O(cells).
 * @example tableCsv({id: "t", title: "", columns: ["a", "b"], rows: [[1, "x,y"]]}) // => 'a,b\r\n1,"x,y"\r\n'
 */
export function tableCsv(table: DataTable): string {
  const lines = [table.columns.map(csvField).join(",")];
  for (const row of table.rows) lines.push(row.map(csvField).join(","));
  return lines.join("\r\n") + "\r\n";
}

/**
 * A table as a list of plain objects, one per row, keyed by column.
 * @example tableRecords({id: "t", title: "", columns: ["a"], rows: [[1], [2]]}) // => [{a: 1}, {a: 2}]
 */
export function tableRecords(table: DataTable): Record<string, Cell>[] {
  return table.rows.map((row) =>
    Object.fromEntries(table.columns.map((column, k) => [column, row[k] ?? null])),
  );
}

function csvField(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
