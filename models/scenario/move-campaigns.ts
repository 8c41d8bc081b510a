import {z} from "zod";
import {parseDurationMs} from "../traffic/duration.ts";
import {mapTraffic} from "./scenario.ts";
import type {WhatIf} from "./what-if.ts";

/** Parameters of {@link moveCampaigns}. */
export interface MoveCampaigns {
  /** Shift of every occurrence, ms (negative = earlier). */
  byMs: number;
  /** Names of the campaigns to move; undefined = all. */
  campaigns: readonly string[] | undefined;
}

const MAX_SHIFT_MS = 90 * 86_400_000;

/**
 * A signed duration: `-1d`, `+3h`, `90m`, `0`.
 * @example signedDurationSchema.parse("-1d") // => -86400000
 */
export const signedDurationSchema = z.union([z.string(), z.literal(0)]).transform((value, ctx) => {
  if (value === 0) return 0;
  const match = /^\s*([+-])?\s*(.+)$/.exec(value);
  const ms = match === null ? undefined : parseDurationMs(match[2]!);
  if (ms === undefined) {
    ctx.addIssue({code: "custom", message: "invalid duration (expected e.g. -1d, +3h, 90m)"});
    return z.NEVER;
  }
  const signed = match![1] === "-" ? -ms : ms;
  if (Math.abs(signed) > MAX_SHIFT_MS) {
    ctx.addIssue({code: "custom", message: "out of range (expected a shift of at most 90d)"});
    return z.NEVER;
  }
  return signed;
});

/**
 * `moveCampaigns:` in a strategy: a shift (`-1d`) or `{by: -1d, campaigns: [black-friday]}`.
 * @example moveCampaignsSchema.parse("+2h") // => {byMs: 7200000, campaigns: undefined}
 */
export const moveCampaignsSchema = z
  .union([
    signedDurationSchema,
    z.strictObject({by: signedDurationSchema, campaigns: z.array(z.string()).min(1).optional()}),
  ])
  .transform((value): MoveCampaigns =>
    typeof value === "number"
      ? {byMs: value, campaigns: undefined}
      : {byMs: value.by, campaigns: value.campaigns},
  );

/**
 * What-if: campaigns go out earlier or later (every occurrence shifted by `byMs`). The segment,
 * and so the users who receive them, stay the same (the segment hash keys on the campaign
 * name); occurrences moved outside the period are dropped by the simulator.
 * @example moveCampaigns({byMs: -86_400_000, campaigns: ["bf"]})(base).simulation.traffic[0].campaigns[0].at // => one day earlier
 */
export function moveCampaigns(options: MoveCampaigns): WhatIf {
  const names = options.campaigns === undefined ? undefined : new Set(options.campaigns);
  return function moved(scenario) {
    return mapTraffic(scenario, (block) => ({
      ...block,
      campaigns: block.campaigns.map((campaign) =>
        names === undefined || names.has(campaign.name)
          ? {...campaign, at: campaign.at + options.byMs}
          : campaign,
      ),
    }));
  };
}
