import {STATUS, TEMPLATE_CATEGORY, TEMPLATE_TYPE} from "../../../models/codes.ts";
import type {CampaignPlan} from "../../../models/traffic/traffic-plan.ts";
import {hashUnit} from "../hash32.ts";
import type {Process} from "../simulation.ts";
import {startAnswer} from "./session-flow.ts";
import {delayMs} from "./traffic-runtime.ts";
import type {TrafficRuntime} from "./traffic-runtime.ts";

/**
 * One occurrence of a campaign (models/traffic/marketing-campaign.ts), started at its send time:
 * walks the segment's users in a stable order and sends each a template, `sendIntervalMs`
 * apart. The segment is a stable hash of (campaign, user) below `share`, the same for every
 * occurrence. Marketing sends skip users at the frequency cap and may fail on Meta's per-user
 * limits. Draws come from the occurrence's own stream, so the campaign never shifts the draws
 * of other traffic.
 * @example rt.spawn(campaignFlow(rt, plan.campaigns[0], 0), occurrenceMs - now);
 */
export function* campaignFlow(
  rt: TrafficRuntime,
  campaign: CampaignPlan,
  occurrence: number,
): Process {
  const rnd = rt.streams.stream(`${rt.keyPrefix}${campaign.key}/${occurrence}`);
  const segmentKey = rt.streams.seed32(`${rt.keyPrefix}${campaign.key}/segment`);
  const marketing = campaign.category === TEMPLATE_CATEGORY.marketing;
  const startMs = rt.sim.now;
  let sent = 0;
  for (const p of campaign.populations) {
    const population = rt.plan.populations[p]!;
    const end = population.offset + population.users;
    for (let user = population.offset; user < end; user++) {
      if (hashUnit(segmentKey, user) >= campaign.share) continue;
      if (marketing) {
        if (rt.capped(user)) continue;
        rt.recordMarketing(user);
      }
      const due = Math.round(startMs + sent * campaign.sendIntervalMs);
      if (due > rt.sim.now) yield due - rt.sim.now;
      sent++;
      const status = rt.outbound(p, user, TEMPLATE_TYPE, campaign.category, rnd);
      if (status === STATUS.delivered && rnd() < campaign.responseRate) {
        startAnswer(rt, p, user, delayMs(rnd, campaign.responseDelay), rnd);
      }
    }
  }
}
