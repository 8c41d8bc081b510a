import {z} from "zod";
import {mapTraffic} from "./scenario.ts";
import type {WhatIf} from "./what-if.ts";
import {withMedian} from "./utility-in-window.ts";

/** Parameters of {@link replyFaster}. */
export interface ReplyFaster {
  /** Factor on the bot's and the agents' median reply times (0.5 = twice as fast). */
  factor: number;
  /** New share of turns the bot answers; undefined keeps the base's. */
  botShare: number | undefined;
  /** Agents around the clock instead of their working hours. */
  agentsAlways: boolean;
}

const factorSchema = z
  .number()
  .positive("out of range (expected a factor above 0, e.g. 0.5 for twice as fast)")
  .max(10, "out of range (expected a factor of at most 10)");

/**
 * `replyFaster:` in a strategy: a factor (`0.5`) or `{factor, botShare, agentsAlways}`.
 * @example replyFasterSchema.parse(0.5) // => {factor: 0.5, botShare: undefined, agentsAlways: false}
 */
export const replyFasterSchema = z
  .union([
    factorSchema,
    z.strictObject({
      factor: factorSchema.default(1),
      botShare: z.number().min(0).max(1).optional(),
      agentsAlways: z.boolean().default(false),
    }),
  ])
  .transform((value): ReplyFaster =>
    typeof value === "number"
      ? {factor: value, botShare: undefined, agentsAlways: false}
      : {factor: value.factor, botShare: value.botShare, agentsAlways: value.agentsAlways},
  );

/**
 * What-if: the business answers faster. The bot's and the agents' median reply times are
 * multiplied by `factor` (their spread kept); optionally the bot takes a different share of the
 * turns and the agents work around the clock. Replies that then land inside the 24 h customer
 * service window need no template (C-3), and answered CTWA sessions open free entry points.
 * @example replyFaster({factor: 0.5, botShare: undefined, agentsAlways: false})(base).simulation.traffic[0].replies.agents.medianMs // => half the base's
 */
export function replyFaster(options: ReplyFaster): WhatIf {
  return function faster(scenario) {
    return mapTraffic(scenario, (block) => ({
      ...block,
      replies: {
        ...block.replies,
        botShare: options.botShare ?? block.replies.botShare,
        bot: withMedian(block.replies.bot, block.replies.bot.medianMs * options.factor),
        agents: withMedian(block.replies.agents, block.replies.agents.medianMs * options.factor),
        workingHours: options.agentsAlways ? "always" : block.replies.workingHours,
      },
    }));
  };
}
