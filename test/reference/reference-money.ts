/**
 * Reference biller, part 2: decimal money as BigInt micro-units (scale 6), written separately
 * from engine/money.
 */

/** "0.0625" → 62500n. Throws on anything that is not a plain non-negative decimal of scale ≤ 6. */
export function refParseMicros(text: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new Error(`reference: not a decimal rate: "${text}"`);
  const whole = match[1] as string;
  const fraction = match[2] ?? "";
  if (fraction.length > 6) throw new Error(`reference: rate finer than scale 6: "${text}"`);
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0"));
}

/** 35000n → "0.035"; 0n → "0"; 1250000n → "1.25". */
export function refFormatMicros(micros: bigint): string {
  if (micros < 0n) return "-" + refFormatMicros(-micros);
  const whole = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return fraction === "" ? whole.toString() : `${whole}.${fraction}`;
}
