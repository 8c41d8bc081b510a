/**
 * Deterministic number formats for charts and reports (no Intl, so every runtime prints the same
 * bytes): thousands separators, a typographic minus, fixed decimals.
 */

const MINUS = "\u2212";

/**
 * `value` with `digits` decimals and thousands separators; NaN and infinities as "–".
 * @example formatNumber(-1234567.891, 2) // => "−1,234,567.89"
 */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return "\u2013";
  const fixed = Math.abs(value).toFixed(digits);
  const [whole = "0", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = value < 0 && Number(fixed) !== 0;
  return (negative ? MINUS : "") + grouped + (fraction === undefined ? "" : "." + fraction);
}

/**
 * An amount in currency units: 2 decimals, or 4 below 1 (per-message and per-user costs).
 * @example formatUsd(12345.678) // => "12,345.68"
 * @example formatUsd(0.01234) // => "0.0123"
 */
export function formatUsd(value: number): string {
  return formatNumber(value, value !== 0 && Math.abs(value) < 1 ? 4 : 2);
}

/**
 * An amount with its sign, for differences.
 * @example formatSignedUsd(-12.5) // => "−12.50"
 * @example formatSignedUsd(3) // => "+3.00"
 */
export function formatSignedUsd(value: number): string {
  const text = formatUsd(value);
  return value > 0 && Number.isFinite(value) ? "+" + text : text;
}

/**
 * A ratio as a signed percentage with one decimal (two below 1 %).
 * @example formatPercent(0.1234) // => "+12.3 %"
 * @example formatPercent(-0.004) // => "−0.40 %"
 */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  const text = formatNumber(percent, Math.abs(percent) < 1 ? 2 : 1);
  return (percent > 0 && Number.isFinite(percent) ? "+" : "") + text + " %";
}

/**
 * A mean count, rounded to a whole number (one decimal below 10).
 * @example formatCount(12345.6) // => "12,346"
 */
export function formatCount(value: number): string {
  return formatNumber(value, Math.abs(value) < 10 && value !== Math.round(value) ? 1 : 0);
}

/**
 * A compact axis tick for amounts: 0.05, 1,200, 35k, 1.5M.
 * @example formatCompact(35000) // => "35k"
 * @example formatCompact(1200) // => "1,200"
 */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? MINUS : "";
  const scaled = (x: number, suffix: string) => sign + String(Number(x.toPrecision(3))) + suffix;
  if (abs >= 1e9) return scaled(abs / 1e9, "B");
  if (abs >= 1e6) return scaled(abs / 1e6, "M");
  if (abs >= 1e4) return scaled(abs / 1e3, "k");
  if (abs >= 1e3) return formatNumber(value, 0);
  return sign + String(Number(abs.toPrecision(4)));
}

/**
 * A count with its noun, singular for one.
 * @example formatQuantity(1, "replication") // => "1 replication"
 * @example formatQuantity(12, "replication") // => "12 replications"
 */
export function formatQuantity(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
