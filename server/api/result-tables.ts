import type {ScenarioResult, StrategyRun} from "../../engine/scenario/scenario-result.ts";
import type {MeanInterval} from "../../engine/stats/index.ts";
import type {Cell, DataTable} from "./data-table.ts";

/** The ids of the tables of a result, in page order. */
export const RESULT_TABLE_IDS = [
  "totals",
  "by-category",
  "by-market",
  "daily",
  "daily-by-category",
  "traffic",
  "replications",
] as const;
export type ResultTableId = (typeof RESULT_TABLE_IDS)[number];

const TITLES: Record<ResultTableId, string> = {
  totals:
    "Total cost per strategy (mean, 95 % CI, per user, per message, paired delta vs the first strategy)",
  "by-category": "Cost by category and strategy",
  "by-market": "Cost by market and strategy",
  daily: "Cost per local day and strategy",
  "daily-by-category": "Mean cost per local day by category",
  traffic: "Messages and conversations per category",
  replications: "Exact total per replication",
};

/**
 * One table of a result, every strategy x sweep point, with one column per sweep parameter.
 * Amounts are in `result.currency`; exact per-replication totals stay decimal strings.
 * O(runs x rows per run).
 * @example resultTable(result, "by-category").columns // => ["strategy", "category", "mean", "low", "high", "n"]
 */
export function resultTable(result: ScenarioResult, id: ResultTableId): DataTable {
  const sweepColumns = result.sweepParameters;
  const head = (run: StrategyRun): Cell[] => [
    run.strategy,
    ...sweepColumns.map((p) => run.sweep[p] ?? null),
  ];
  const interval = (m: MeanInterval | null): Cell[] =>
    m === null ? [null, null, null] : [m.mean, m.low, m.high];
  const columns = (...rest: string[]) => ["strategy", ...sweepColumns, ...rest];
  const rows: Cell[][] = [];
  switch (id) {
    case "totals":
      for (const run of result.runs) {
        rows.push([
          ...head(run),
          ...interval(run.total),
          run.total.n,
          ...interval(run.costPerUser),
          ...interval(run.costPerMessage),
          ...interval(run.deltaVsFirst),
        ]);
      }
      return table(
        id,
        columns(
          "mean",
          "low",
          "high",
          "n",
          "per_user_mean",
          "per_user_low",
          "per_user_high",
          "per_message_mean",
          "per_message_low",
          "per_message_high",
          "delta_vs_first_mean",
          "delta_vs_first_low",
          "delta_vs_first_high",
        ),
        rows,
      );
    case "by-category":
    case "by-market": {
      const field = id === "by-category" ? "byCategory" : "byMarket";
      for (const run of result.runs) {
        for (const [name, m] of Object.entries(run[field]))
          rows.push([...head(run), name, ...interval(m), m.n]);
      }
      return table(
        id,
        columns(id === "by-category" ? "category" : "market", "mean", "low", "high", "n"),
        rows,
      );
    }
    case "daily":
      for (const run of result.runs) {
        run.daily.forEach((m, k) =>
          rows.push([...head(run), result.days[k] ?? null, ...interval(m)]),
        );
      }
      return table(id, columns("day", "mean", "low", "high"), rows);
    case "daily-by-category":
      for (const run of result.runs) {
        for (const [category, values] of Object.entries(run.dailyByCategory)) {
          values.forEach((value, k) =>
            rows.push([...head(run), result.days[k] ?? null, category, value]),
          );
        }
      }
      return table(id, columns("day", "category", "mean"), rows);
    case "traffic":
      for (const run of result.runs) {
        const categories = [
          ...new Set([
            ...Object.keys(run.messagesByCategory),
            ...Object.keys(run.conversationsByCategory),
          ]),
        ];
        for (const category of categories) {
          rows.push([
            ...head(run),
            category,
            run.messagesByCategory[category] ?? 0,
            run.conversationsByCategory[category] ?? 0,
          ]);
        }
      }
      return table(id, columns("category", "messages", "conversations"), rows);
    case "replications":
      for (const run of result.runs) {
        run.replicationTotals.forEach((total, k) => rows.push([...head(run), k + 1, total]));
      }
      return table(id, columns("replication", "total"), rows);
  }
}

/**
 * Whether a string names a result table.
 * @example isResultTableId("daily") // => true
 */
export function isResultTableId(id: string): id is ResultTableId {
  return (RESULT_TABLE_IDS as readonly string[]).includes(id);
}

function table(id: ResultTableId, columns: string[], rows: Cell[][]): DataTable {
  return {id, title: TITLES[id], columns, rows};
}
