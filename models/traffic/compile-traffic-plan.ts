import type {AccountsFile} from "../accounts/accounts-file.ts";
import {compileAccounts} from "../accounts/compiled-accounts.ts";
import {TEMPLATE_CATEGORY} from "../codes.ts";
import {InputError} from "../input-error.ts";
import {createCompileContext} from "./compile-context.ts";
import type {CompileContext} from "./compile-context.ts";
import {compilePopulations} from "./compile-populations.ts";
import {compileSources} from "./compile-sources.ts";
import {campaignOccurrences} from "./marketing-campaign.ts";
import type {NumberingPlans} from "./numbering-plan.ts";
import type {SimulationConfig} from "./simulation-config.ts";
import type {TrafficBlock} from "./traffic-block.ts";
import type {BusinessPlan, CampaignPlan, FollowUpPlan, TrafficPlan} from "./traffic-plan.ts";

/**
 * Resolves a parsed simulation against its accounts and the numbering plans: business and WABA
 * ids, population ids and filters, markets, timezones, user counts and number capacities; then
 * precomputes clocks, hourly rate tables, arrival rates and campaign occurrences. WABAs that list
 * no phone get their implicit phone (number null), as `walab bill` gives them. Reports every
 * problem at once.
 * @throws InputError with `file#/traffic/...` paths.
 * @example compileTrafficPlan(parseSimulationConfig(text, "x.yaml"), accounts, plans).businesses.length // => 1
 */
export function compileTrafficPlan(
  config: SimulationConfig,
  accountsFile: AccountsFile,
  numbering: NumberingPlans,
): TrafficPlan {
  const accounts = compileAccounts(accountsFile);
  const ctx = createCompileContext(accounts, numbering, config.startMs, config.endMs);
  const {problems} = ctx;
  const businessIndex = new Map(accounts.businesses.map((b, i) => [b.id, i]));
  const known = `one of ${[...businessIndex.keys()].join(", ")}`;
  const seen = new Set<number>();
  const plans: BusinessPlan[] = [];

  config.traffic.forEach((block, blockIndex) => {
    const at = (path: string) => `${config.file}#${config.trafficPaths[blockIndex]!}${path}`;
    let business: number | undefined;
    if (block.business === undefined) {
      if (accounts.businesses.length === 1) business = 0;
      else problems.push({path: at("/business"), message: "missing business", expected: known});
    } else {
      business = businessIndex.get(block.business);
      if (business === undefined) {
        problems.push({
          path: at("/business"),
          message: "unknown business",
          value: block.business,
          expected: known,
        });
      }
    }
    if (business === undefined) return;
    if (seen.has(business)) {
      const id = accounts.businesses[business]!.id;
      problems.push({
        path: at("/business"),
        message: "a second traffic block for the same business",
        value: id,
      });
      return;
    }
    seen.add(business);
    const plan = compileBusiness(ctx, block, business, at);
    if (plan !== undefined) plans.push(plan);
  });
  if (problems.length > 0) throw new InputError(problems);
  plans.sort((a, b) => a.business - b.business);
  return {
    name: config.name,
    startMs: config.startMs,
    endMs: config.endMs,
    accounts,
    businesses: plans,
  };
}

function compileBusiness(
  ctx: CompileContext,
  block: TrafficBlock,
  business: number,
  at: (path: string) => string,
): BusinessPlan | undefined {
  const {problems} = ctx;
  const before = problems.length;
  const compiled = compilePopulations(ctx, block, business, at);
  if (problems.length > before) return undefined;
  const sources = compileSources(ctx, block, compiled);
  const campaigns = uniqueNames(ctx, block.campaigns, "/campaigns", "campaign", at).map(
    (campaign, c): CampaignPlan => ({
      key: `campaigns/${campaign.name}`,
      name: campaign.name,
      category: TEMPLATE_CATEGORY[campaign.category],
      occurrences: campaignOccurrences(campaign, ctx.startMs, ctx.endMs),
      populations: compiled.resolve(
        campaign.segment.populations,
        `/campaigns/${c}/segment/populations`,
      ),
      share: campaign.segment.share,
      sendIntervalMs: 1000 / campaign.sendRate,
      responseRate: campaign.responseRate,
      responseDelay: campaign.responseDelay,
    }),
  );
  const followUps = uniqueNames(ctx, block.followUps, "/followUps", "follow-up", at).map(
    (followUp): FollowUpPlan => ({
      key: `follow-ups/${followUp.name}`,
      trigger: followUp.trigger,
      probability: followUp.probability,
      after: followUp.after,
      category: TEMPLATE_CATEGORY[followUp.category],
    }),
  );
  if (problems.length > before) return undefined;
  const {intern} = ctx;
  return {
    business,
    id: ctx.accounts.businesses[business]!.id,
    populations: compiled.populations,
    totalUsers: compiled.totalUsers,
    sources: sources.map(intern),
    shape: intern(block.sessions),
    replies: intern(block.replies),
    orders: intern(block.orders),
    campaigns: intern(campaigns),
    frequencyCap: intern(block.frequencyCap),
    marketingLimits: intern(block.marketingLimits),
    authentication: intern(block.authentication),
    followUps: intern(followUps),
  };
}

/** Reports duplicate names (they key random streams) and returns the items. */
function uniqueNames<T extends {name: string}>(
  ctx: CompileContext,
  items: T[],
  path: string,
  what: string,
  at: (path: string) => string,
): T[] {
  const names = new Set<string>();
  items.forEach((item, i) => {
    if (names.has(item.name))
      ctx.problems.push({
        path: at(`${path}/${i}/name`),
        message: `duplicate ${what} name`,
        value: item.name,
      });
    names.add(item.name);
  });
  return items;
}
