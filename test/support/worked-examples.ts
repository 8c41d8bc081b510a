import {existsSync, readdirSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

/** The worked examples shipped in examples/ (copied from shared/examples with their provenance). */
export const WORKED_EXAMPLES_DIR = fileURLToPath(
  new URL("../../examples/worked-examples/", import.meta.url),
);

export interface WorkedExample {
  id: string;
  dir: string;
  pricing: string;
  accounts: string;
  messages: string;
  expected: Record<string, unknown>[];
}

/** Every worked example, read from disk. */
export function readWorkedExamples(): WorkedExample[] {
  if (!existsSync(WORKED_EXAMPLES_DIR)) return [];
  return readdirSync(WORKED_EXAMPLES_DIR)
    .sort()
    .map((id) => {
      const dir = WORKED_EXAMPLES_DIR + id + "/";
      const read = (name: string) => readFileSync(dir + name, "utf8");
      return {
        id,
        dir,
        pricing: read("pricing").trim(),
        accounts: read("accounts.yaml"),
        messages: read("messages.ndjson"),
        expected: read("expected.ndjson")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line)),
      };
    });
}

/**
 * Compares records with the expected ones as examples/README.md says: same count and order; only
 * the expected fields; `time` as an instant, `amount` as a decimal. Returns the differences.
 */
export function compareWithExpected(
  actual: readonly object[],
  expected: readonly Record<string, unknown>[],
): string[] {
  const differences: string[] = [];
  if (actual.length !== expected.length)
    differences.push(`${actual.length} records, expected ${expected.length}`);
  expected.forEach((want, k) => {
    const got = (actual[k] ?? {}) as Record<string, unknown>;
    for (const [field, value] of Object.entries(want)) {
      const same =
        field === "time"
          ? Date.parse(String(got[field])) === Date.parse(String(value))
          : field === "amount"
            ? typeof got[field] === "string" &&
              Number(got[field]) === Number(value) &&
              !/\.\d*0$/.test(got[field] as string)
            : got[field] === value;
      if (!same)
        differences.push(
          `record ${k + 1} ${field}: ${JSON.stringify(got[field])}, expected ${JSON.stringify(value)}`,
        );
    }
  });
  return differences;
}
