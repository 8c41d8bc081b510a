import type {MeanInterval} from "../stats/index.ts";
import {replicationSeed} from "./replication-seed.ts";
import type {ScenarioResult, StrategyRun} from "./scenario-result.ts";

/**
 * The CSV tables of a scenario run, by file name, from its result (RFC 4180, `\n` line ends,
 * a header row; amounts in the result's currency; sweep parameters as columns after
 * `strategy`):
 * - `runs.csv`: one row per strategy x sweep point: total (mean, 95 % CI), Meta's charges,
 *   markup, the paired delta to the first strategy, cost per user and per message, messages
 * - `replications.csv`: the exact total of every replication, with its seed
 * - `daily.csv`: cost per local day (mean, CI) and its mean by charge category
 * - `by-market.csv` and `by-category.csv`: cost by market and by charge category (mean, CI)
 * Pure and deterministic: the same result gives the same bytes.
 * @example scenarioTables(result)["runs.csv"].split("\n")[0] // => "strategy,total_mean,total_low,..."
 */
export function scenarioTables(result: ScenarioResult): Record<string, string> {
  const sweep = result.sweepParameters;
  const keys = (run: StrategyRun) => [run.strategy, ...sweep.map((p) => run.sweep[p] ?? "")];
  const head = ["strategy", ...sweep];
  const messageCategories = Object.keys(result.runs[0]?.messagesByCategory ?? {});
  const chargeCategories = Object.keys(result.runs[0]?.byCategory ?? {});

  const runs = table(
    [
      ...head,
      ...interval("total"),
      ...interval("meta_charges"),
      ...interval("markup"),
      ...interval("delta_vs_first"),
      ...interval("cost_per_user"),
      ...interval("cost_per_message"),
      "users",
      ...messageCategories.map((c) => `messages_${c}`),
      "description",
    ],
    result.runs.map((run) => [
      ...keys(run),
      ...values(run.total),
      ...values(run.metaCharges),
      ...values(run.markup),
      ...values(run.deltaVsFirst ?? undefined),
      ...values(run.costPerUser),
      ...values(run.costPerMessage),
      run.users ?? result.users,
      ...messageCategories.map((c) => run.messagesByCategory[c] ?? 0),
      run.description,
    ]),
  );
  const replications = table(
    [...head, "replication", "seed", "total"],
    result.runs.flatMap((run) =>
      run.replicationTotals.map((total, r) => [
        ...keys(run),
        r + 1,
        replicationSeed(result.seed, r),
        total,
      ]),
    ),
  );
  const daily = table(
    [...head, "day", ...interval("total"), ...chargeCategories],
    result.runs.flatMap((run) =>
      result.days.map((day, d) => [
        ...keys(run),
        day,
        ...values(run.daily[d]),
        ...chargeCategories.map((c) => run.dailyByCategory[c]?.[d] ?? 0),
      ]),
    ),
  );
  const byMarket = table(
    [...head, "market", ...interval("cost")],
    result.runs.flatMap((run) =>
      Object.entries(run.byMarket).map(([market, x]) => [...keys(run), market, ...values(x)]),
    ),
  );
  const byCategory = table(
    [...head, "category", ...interval("cost"), "conversations"],
    result.runs.flatMap((run) =>
      Object.entries(run.byCategory).map(([category, x]) => [
        ...keys(run),
        category,
        ...values(x),
        run.conversationsByCategory[category] ?? 0,
      ]),
    ),
  );
  return {
    "runs.csv": runs,
    "replications.csv": replications,
    "daily.csv": daily,
    "by-market.csv": byMarket,
    "by-category.csv": byCategory,
  };
}

function interval(name: string): string[] {
  return [`${name}_mean`, `${name}_low`, `${name}_high`];
}

function values(x: MeanInterval | undefined): (number | string)[] {
  return x === undefined ? ["", "", ""] : [x.mean, x.low, x.high];
}

function table(header: readonly string[], rows: readonly (readonly (number | string)[])[]): string {
  const line = (cells: readonly (number | string)[]) => cells.map(cell).join(",");
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

function cell(value: number | string): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
