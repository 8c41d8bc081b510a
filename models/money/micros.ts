/**
 * Money as integer micro-units (scale 6, C-11). Every shipped rate has at most 4 decimal places,
 * so every rate is exact here; a finer rate is an error, never a rounding.
 */

export const MICROS_PER_UNIT = 1_000_000;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Error for a decimal that is not a non-negative exact amount at scale 6. */
export class MoneyError extends Error {
  readonly value: string;
  constructor(message: string, value: string) {
    super(message);
    this.name = "MoneyError";
    this.value = value;
  }
}

/**
 * Parses a non-negative decimal string into micro-units.
 * @throws MoneyError if it is not a plain decimal, finer than scale 6, or too large to be exact.
 * @example parseMicros("0.0625") // => 62500
 */
export function parseMicros(text: string): number {
  const match = DECIMAL.exec(text);
  if (match === null)
    throw new MoneyError(`invalid amount: ${text} (expected a decimal like 0.0625)`, text);
  const whole = match[1]!;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > 6) {
    throw new MoneyError(
      `amount finer than micro-units: ${text} (expected at most 6 decimals)`,
      text,
    );
  }
  const micros = Number(whole) * MICROS_PER_UNIT + Number(fraction.padEnd(6, "0"));
  if (!Number.isSafeInteger(micros)) throw new MoneyError(`amount too large: ${text}`, text);
  return micros;
}

/**
 * Shortest exact decimal of an integer micro-unit amount (C-11): no exponent, no trailing zeros.
 * @example formatMicros(35000) // => "0.035"
 * @example formatMicros(0) // => "0"
 */
export function formatMicros(micros: number | bigint): string {
  const big = BigInt(micros);
  const negative = big < 0n;
  const abs = negative ? -big : big;
  const whole = abs / 1_000_000n;
  const fraction = (abs % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return (negative ? "-" : "") + whole.toString() + (fraction === "" ? "" : "." + fraction);
}
