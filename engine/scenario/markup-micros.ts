import type {Markup} from "../../models/scenario/index.ts";

/**
 * A reseller's markup in micro-units: the per-message fee on every delivered business message
 * plus the percentage of Meta's charges, rounded half up to a micro-unit (exact, in bigint).
 * @example markupMicros({perMessageMicros: 1000, percentPpm: 100000}, 5_000_000, 300) // => 800000
 */
export function markupMicros(
  markup: Markup | undefined,
  metaMicros: number,
  deliveredMessages: number,
): number {
  if (markup === undefined) return 0;
  const fee = BigInt(markup.perMessageMicros) * BigInt(deliveredMessages);
  const share = (BigInt(metaMicros) * BigInt(markup.percentPpm) + 500_000n) / 1_000_000n;
  return Number(fee + share);
}
