import {z} from "zod";
import {InputError} from "../../models/input-error.ts";
import type {InputProblem} from "../../models/input-error.ts";
import type {Baseline} from "./baseline.ts";
import {BASELINE_FORMAT} from "./baseline.ts";

const float = z.number().nullable();
const interval = z.object({mean: float, low: float, high: float}).strict();
const floatMap = z.record(z.string(), float);
const BASELINE_SCHEMA = z
  .object({
    format: z.literal(BASELINE_FORMAT),
    scenario: z.string(),
    file: z.string(),
    seed: z.union([z.string(), z.number()]),
    replications: z.number().int().positive(),
    period: z.object({start: z.string(), end: z.string(), timezone: z.string()}).strict(),
    currency: z.string(),
    users: z.number().int().nonnegative(),
    sweepParameters: z.array(z.string()),
    runs: z.array(
      z
        .object({
          strategy: z.string(),
          sweep: z.record(z.string(), z.union([z.number(), z.string()])),
          replicationTotals: z.array(
            z.string().regex(/^-?\d+(?:\.\d+)?$/, 'expected an exact decimal like "1234.5678"'),
          ),
          total: interval,
          costPerUser: float,
          costPerMessage: float,
          deltaVsFirst: interval.nullable(),
          byCategory: floatMap,
          byMarket: floatMap,
          messagesByCategory: floatMap,
          conversationsByCategory: floatMap,
          users: z.number().int().nonnegative().optional(),
          metaCharges: float.optional(),
          markup: float.optional(),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Reads a baseline file's text, checking its shape; every problem is reported at once with its
 * path in the file (`baselines/loja.json#/runs/2/replicationTotals/0`).
 * @throws InputError if the text is not JSON or not a baseline of this format.
 * @example parseBaseline(stringifyBaseline(baseline), "baselines/loja.json").scenario // => "loja"
 */
export function parseBaseline(text: string, file: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      {
        path: file,
        message: `invalid JSON: ${(error as Error).message}`,
        expected: "a baseline written by walab baseline",
      },
      {cause: error},
    );
  }
  const parsed = BASELINE_SCHEMA.safeParse(json);
  if (!parsed.success) {
    const problems: InputProblem[] = parsed.error.issues.map((issue) => ({
      path: `${file}#/${issue.path.map(String).join("/")}`,
      message: issue.message,
      ...(issue.path[0] === "format"
        ? {expected: `"${BASELINE_FORMAT}" (re-create the baseline with walab baseline)`}
        : {}),
    }));
    throw new InputError(problems);
  }
  return parsed.data as Baseline;
}

/**
 * The baseline as stable, diff-friendly JSON: two-space indentation, one replication total per
 * line, a final newline. Floats keep every bit (JSON numbers round-trip exactly).
 * @example stringifyBaseline(baseline).endsWith("}\n") // => true
 */
export function stringifyBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + "\n";
}
