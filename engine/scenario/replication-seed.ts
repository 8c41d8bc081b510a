/**
 * The seed of replication `r` (0-based) of a scenario with seed `seed`: the seed itself for the
 * first replication (so replication 1 reproduces `walab simulate --seed S`), then `S/2`, `S/3`,
 * ... Every strategy and sweep point uses the same seed for the same replication: common random
 * numbers, so paired differences between strategies measure the strategies, not the noise.
 * @example replicationSeed(42, 0) // => 42
 * @example replicationSeed(42, 2) // => "42/3"
 */
export function replicationSeed(seed: string | number, r: number): string | number {
  return r === 0 ? seed : `${seed}/${r + 1}`;
}
