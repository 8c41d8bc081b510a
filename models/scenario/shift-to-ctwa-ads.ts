import {z} from "zod";
import {ctwaSessionsPerDay} from "../traffic/ctwa-ad-sessions.ts";
import {organicSessionsPerDay} from "../traffic/organic-sessions.ts";
import {pageCtaSessionsPerDay} from "../traffic/page-cta-sessions.ts";
import type {TrafficBlock} from "../traffic/traffic-block.ts";
import {mapTraffic} from "./scenario.ts";
import type {WhatIf} from "./what-if.ts";

/** Parameters of {@link shiftToCtwaAds}: the target share and the ad economics. */
export interface CtwaShare {
  /** Share of user-initiated sessions that start from a click-to-WhatsApp ad, 0..1. */
  share: number;
  /** Ad economics when the base has no `ctwaAd` (or to replace its values). */
  cpm: number | undefined;
  ctr: number | undefined;
  chatRate: number | undefined;
}

const shareSchema = z
  .number()
  .min(0, "out of range (expected a share from 0 to 1)")
  .max(1, "out of range (expected a share from 0 to 1)");

/**
 * `ctwaShare:` in a strategy: a share (`0.3`) or `{share, cpm, ctr, chatRate}`.
 * @example ctwaShareSchema.parse(0.3).share // => 0.3
 */
export const ctwaShareSchema = z
  .union([
    shareSchema,
    z.strictObject({
      share: shareSchema,
      cpm: z.number().positive().optional(),
      ctr: z.number().min(0).max(1).optional(),
      chatRate: z.number().min(0).max(1).optional(),
    }),
  ])
  .transform((value): CtwaShare =>
    typeof value === "number"
      ? {share: value, cpm: undefined, ctr: undefined, chatRate: undefined}
      : {share: value.share, cpm: value.cpm, ctr: value.ctr, chatRate: value.chatRate},
  );

/**
 * What-if: shift acquisition to click-to-WhatsApp ads. The mean number of user-initiated
 * sessions a day (organic + ads + Page button) stays the same; ads start `share` of them and
 * organic and Page-button sessions share the rest in their old proportion. The ad budget is
 * set to buy exactly that many sessions (budget = sessions x CPM / (1000 x CTR x chat rate),
 * defaults CPM 3, CTR 1 %, chat rate 50 %); ad sessions from a phone open free entry points
 * when answered (C-5). Blocks without user-initiated sessions are left unchanged.
 * O(blocks x populations).
 * @example shiftToCtwaAds({share: 0.5, cpm: undefined, ctr: undefined, chatRate: undefined})(base)
 */
export function shiftToCtwaAds(options: CtwaShare): WhatIf {
  return function shifted(scenario) {
    return mapTraffic(scenario, (block) => shiftBlock(block, options));
  };
}

function shiftBlock(block: TrafficBlock, options: CtwaShare): TrafficBlock {
  const {organic, ctwaAd, pageCta} = block.sessions;
  const organicUsers = usersOf(block, organic.populations);
  const organicDaily = organicSessionsPerDay(organic, organicUsers);
  const pageDaily = pageCta === undefined ? 0 : pageCtaSessionsPerDay(pageCta);
  const adDaily = ctwaAd === undefined ? 0 : ctwaSessionsPerDay(ctwaAd);
  const total = organicDaily + pageDaily + adDaily;
  if (!(total > 0)) return block;
  const rest = organicDaily + pageDaily;
  const keep = rest > 0 ? ((1 - options.share) * total) / rest : 0;
  const cpm = options.cpm ?? ctwaAd?.cpm ?? 3;
  const ctr = options.ctr ?? ctwaAd?.ctr ?? 0.01;
  const chatRate = options.chatRate ?? ctwaAd?.chatRate ?? 0.5;
  const perBudget = ctwaSessionsPerDay({budgetPerDay: 1, cpm, ctr, chatRate});
  const budgetPerDay = perBudget > 0 ? (options.share * total) / perBudget : 0;
  return {
    ...block,
    sessions: {
      ...block.sessions,
      organic: {...organic, perUserPerMonth: organic.perUserPerMonth * keep},
      pageCta:
        pageCta === undefined ? undefined : {...pageCta, visitsPerDay: pageCta.visitsPerDay * keep},
      ctwaAd: {
        budgetPerDay,
        cpm,
        ctr,
        chatRate,
        populations: ctwaAd?.populations ?? organic.populations,
      },
    },
  };
}

/** Users of the listed populations (all when undefined), as the traffic compiler counts them. */
function usersOf(block: TrafficBlock, ids: readonly string[] | undefined): number {
  let users = 0;
  for (const population of block.populations) {
    const id = population.id ?? population.market.toLowerCase();
    if (ids !== undefined && !ids.includes(id)) continue;
    users +=
      population.users ??
      (population.share === undefined || block.users === undefined
        ? 0
        : Math.round(population.share * block.users));
  }
  return users;
}
