import type {BaselineDiff, BaselineTolerances} from "./compare-with-baseline.ts";
import {DEFAULT_TOLERANCES} from "./compare-with-baseline.ts";

/** What the diff text says around the differences. */
export interface BaselineDiffFormatOptions {
  scenario: string;
  /** The baseline file, named in the header. */
  file?: string;
  tolerances?: BaselineTolerances;
  /** At most this many lines per run (the rest are counted); default 20. */
  maxPerRun?: number;
}

/**
 * The differences as readable text, grouped by run (strategy and sweep point): what moved, from
 * what to what, by how much and by what percentage, and under which rule (exact, or beyond the
 * relative tolerance). Floats are printed with just enough digits to tell the two values apart.
 * Pure. O(diffs).
 * @example formatBaselineDiff([], {scenario: "loja"}) // => "loja: matches the baseline\n"
 * @example formatBaselineDiff(diffs, {scenario: "loja"})
 * // => "loja: 1 figure moved against the baseline (1 exact)\n  pmp-2025-07 at adEntryShare=0.3\n    replication 4 total: 6180.7769 → 6180.777 USD (+0.0001, +0.0000016 %) [exact]\n"
 */
export function formatBaselineDiff(
  diffs: readonly BaselineDiff[],
  options: BaselineDiffFormatOptions,
): string {
  const where = options.file === undefined ? "the baseline" : options.file;
  if (diffs.length === 0) return `${options.scenario}: matches ${where}\n`;
  const tolerances = options.tolerances ?? DEFAULT_TOLERANCES;
  const maxPerRun = options.maxPerRun ?? 20;
  const exact = diffs.filter((d) => d.rule === "exact").length;
  const counts = [
    exact > 0 ? `${exact} exact` : "",
    exact < diffs.length ? `${diffs.length - exact} beyond tolerance` : "",
  ].filter((s) => s !== "");
  const lines = [
    `${options.scenario}: ${diffs.length} ${diffs.length === 1 ? "figure" : "figures"} moved against ${where} (${counts.join(", ")})`,
  ];
  const groups = new Map<string, BaselineDiff[]>();
  for (const diff of diffs) {
    const title = runTitle(diff);
    const group = groups.get(title);
    if (group === undefined) groups.set(title, [diff]);
    else group.push(diff);
  }
  for (const [title, group] of groups) {
    lines.push(`  ${title}`);
    for (const diff of group.slice(0, maxPerRun)) lines.push(`    ${formatLine(diff, tolerances)}`);
    if (group.length > maxPerRun) lines.push(`    ... and ${group.length - maxPerRun} more`);
  }
  return lines.join("\n") + "\n";
}

function runTitle(diff: BaselineDiff): string {
  if (diff.strategy === null) return "scenario";
  const sweep = Object.entries(diff.sweep ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  return sweep.length === 0 ? diff.strategy : `${diff.strategy} at ${sweep.join(", ")}`;
}

function formatLine(diff: BaselineDiff, tolerances: BaselineTolerances): string {
  const unit = diff.unit === "" ? "" : ` ${diff.unit}`;
  if (diff.figure === "run") {
    const mean = diff.kind === "missing" ? diff.baseline : diff.current;
    return `${diff.label} (total, mean ${typeof mean === "number" ? trim(mean.toPrecision(8)) : "n/a"}${unit})`;
  }
  const rule =
    diff.rule === "exact" ? "[exact]" : `[beyond ${String(tolerances.relative)} relative]`;
  if (diff.kind !== "changed") {
    const value = diff.kind === "missing" ? diff.baseline : diff.current;
    return `${diff.label}: ${diff.kind === "missing" ? "in the baseline only" : "new"} (${show(value)}${unit}) ${rule}`;
  }
  const [a, b] =
    typeof diff.baseline === "number" && typeof diff.current === "number"
      ? distinguish(diff.baseline, diff.current)
      : [show(diff.baseline), show(diff.current)];
  const by: string[] = [];
  if (diff.delta !== null) by.push(signed(diff.delta));
  if (diff.ratio !== null) by.push(percent(diff.ratio));
  return `${diff.label}: ${a} → ${b}${unit}${by.length > 0 ? ` (${by.join(", ")})` : ""} ${rule}`;
}

function show(value: string | number | null): string {
  return value === null ? "NaN" : String(value);
}

/** The two floats with the fewest significant digits (6 to 17) that tell them apart. */
function distinguish(a: number, b: number): [string, string] {
  for (let digits = 6; digits <= 17; digits++) {
    const x = trim(a.toPrecision(digits));
    const y = trim(b.toPrecision(digits));
    if (x !== y) return [x, y];
  }
  return [String(a), String(b)];
}

function trim(text: string): string {
  if (text.includes("e")) return text;
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

function signed(delta: string | number): string {
  const text = typeof delta === "string" ? delta : trim(delta.toPrecision(6));
  return text.startsWith("-") ? text : `+${text}`;
}

function percent(ratio: number): string {
  const p = ratio * 100;
  const text = Math.abs(p) >= 0.01 ? p.toFixed(2) : trim(p.toPrecision(2));
  return `${p > 0 ? "+" : ""}${text} %`;
}
