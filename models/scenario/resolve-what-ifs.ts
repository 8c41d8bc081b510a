import type {InputProblem} from "../input-error.ts";
import type {MarketTable} from "../markets/index.ts";
import {marketOn} from "../markets/index.ts";
import type {RateCardSet} from "../rate-cards/index.ts";
import {capMarketing} from "./cap-marketing.ts";
import {withMarkup} from "./markup.ts";
import {moveCampaigns} from "./move-campaigns.ts";
import {changeRates, formatRateChangeAmount, RATE_CATEGORIES} from "./rate-change.ts";
import type {RateChange} from "./rate-change.ts";
import {replyFaster} from "./reply-faster.ts";
import {shiftToCtwaAds} from "./shift-to-ctwa-ads.ts";
import type {WhatIfSpec} from "./strategy-schema.ts";
import {utilityInWindow} from "./utility-in-window.ts";
import type {WhatIf} from "./what-if.ts";
import {withPricing, withRateCard, withServiceFreePerPhone} from "./with-pricing.ts";

/** What resolving what-ifs checks against: the data and the base scenario. */
export interface WhatIfContext {
  markets: MarketTable;
  cards: RateCardSet;
  /** Day number of the period's first day: an ISO country's market is taken on that day. */
  periodStartDay: number;
  /** Campaign names of the base traffic (for `moveCampaigns`); undefined skips the check. */
  campaignNames: ReadonlySet<string> | undefined;
}

/** Resolved what-ifs in their order of application, with a label each for descriptions. */
export interface ResolvedWhatIfs {
  whatIfs: WhatIf[];
  labels: string[];
}

/**
 * Resolves parsed what-if fields against the data: edition dates must exist, rate-change
 * markets must be ISO countries or market names of markets.csv, moved campaigns must exist.
 * Problems are appended to `problems` with paths from `at` (e.g. `x.yaml#/strategies/2` +
 * `/rates/IN`); the what-ifs of valid fields are returned either way.
 * @example resolveWhatIfs({pricing: "pmp-2025-07"}, at, context, problems).labels // => ["pricing pmp-2025-07"]
 */
export function resolveWhatIfs(
  spec: WhatIfSpec,
  at: (path: string) => string,
  context: WhatIfContext,
  problems: InputProblem[],
): ResolvedWhatIfs {
  const whatIfs: WhatIf[] = [];
  const labels: string[] = [];
  const add = (whatIf: WhatIf, label: string) => {
    whatIfs.push(whatIf);
    labels.push(label);
  };
  const editions = context.cards.rates.map((e) => e.effective);
  const checkEdition = (edition: string, path: string) => {
    if (edition === "auto" || editions.includes(edition)) return true;
    problems.push({
      path: at(path),
      message: "no rate-card edition with that date",
      value: edition,
      expected: `auto or one of ${editions.join(", ")}`,
    });
    return false;
  };

  if (spec.pricing !== undefined) add(withPricing(spec.pricing), `pricing ${spec.pricing}`);
  const ratesEdition = typeof spec.rates === "string" ? spec.rates : undefined;
  if (spec.rateCard !== undefined && ratesEdition !== undefined) {
    problems.push({path: at("/rates"), message: "give rateCard or rates: DATE, not both"});
  }
  const edition = spec.rateCard ?? ratesEdition;
  if (
    edition !== undefined &&
    checkEdition(edition, spec.rateCard !== undefined ? "/rateCard" : "/rates")
  ) {
    add(withRateCard(edition), `rate card ${edition}`);
  }
  if (spec.rates !== undefined && typeof spec.rates !== "string") {
    const changes: RateChange[] = [];
    for (const [key, categories] of Object.entries(spec.rates)) {
      const market = resolveMarket(context, key);
      if (market === undefined) {
        problems.push({
          path: at(`/rates/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`),
          message: "unknown market",
          value: key,
          expected:
            "an ISO 3166 alpha-2 country (IN) or a market name of markets.csv (Rest of Africa)",
        });
        continue;
      }
      for (const category of RATE_CATEGORIES) {
        const change = categories[category];
        if (change === undefined) continue;
        changes.push({
          market,
          category,
          change,
          label: `${key} ${category} ${formatRateChangeAmount(change)}`,
        });
      }
    }
    if (changes.length > 0)
      add(changeRates(changes), `rates ${changes.map((c) => c.label).join(", ")}`);
  }
  if (spec.serviceFreePerPhone !== undefined) {
    add(
      withServiceFreePerPhone(spec.serviceFreePerPhone),
      `${spec.serviceFreePerPhone} free service messages per phone`,
    );
  }
  if (spec.markup !== undefined) {
    const {perMessageMicros, percentPpm} = spec.markup;
    const parts = [
      ...(perMessageMicros > 0 ? [`${perMessageMicros / 1e6} per message`] : []),
      ...(percentPpm > 0 ? [`${percentPpm / 10_000}%`] : []),
    ];
    add(withMarkup(spec.markup), `markup ${parts.join(" + ") || "0"}`);
  }
  if (spec.utilityInWindow !== undefined) {
    const {withinMs} = spec.utilityInWindow;
    add(
      utilityInWindow(withinMs),
      withinMs === undefined
        ? "utility templates as scheduled"
        : `utility templates within ${hours(withinMs)}`,
    );
  }
  if (spec.ctwaShare !== undefined) {
    add(
      shiftToCtwaAds(spec.ctwaShare),
      `${Math.round(spec.ctwaShare.share * 1000) / 10}% of sessions from click-to-WhatsApp ads`,
    );
  }
  if (spec.replyFaster !== undefined) {
    const r = spec.replyFaster;
    const extra = [
      ...(r.botShare !== undefined ? [`bot ${Math.round(r.botShare * 100)}%`] : []),
      ...(r.agentsAlways ? ["agents around the clock"] : []),
    ];
    add(
      replyFaster(r),
      `reply times x${r.factor}${extra.length > 0 ? `, ${extra.join(", ")}` : ""}`,
    );
  }
  if (spec.moveCampaigns !== undefined) {
    const move = spec.moveCampaigns;
    const known = context.campaignNames;
    move.campaigns?.forEach((name, k) => {
      if (known !== undefined && !known.has(name)) {
        problems.push({
          path: at(`/moveCampaigns/campaigns/${k}`),
          message: "unknown campaign",
          value: name,
          expected:
            known.size > 0
              ? `one of ${[...known].join(", ")}`
              : "a campaign of the traffic (there are none)",
        });
      }
    });
    add(
      moveCampaigns(move),
      `campaigns ${move.campaigns?.join(", ") ?? "all"} moved ${move.byMs < 0 ? "-" : "+"}${hours(Math.abs(move.byMs))}`,
    );
  }
  if (spec.capMarketing !== undefined) {
    const cap = spec.capMarketing;
    add(
      capMarketing(cap),
      cap === undefined
        ? "no marketing cap"
        : `marketing capped at ${cap.max} per ${hours(cap.per)}`,
    );
  }
  return {whatIfs, labels};
}

/** Market name of an ISO country (its market on the period's first day) or of a market name. */
function resolveMarket(context: WhatIfContext, key: string): string | undefined {
  const {markets} = context;
  if (/^[A-Z]{2}$/.test(key)) {
    const country = markets.countries.findIndex((c) => c.iso2s.includes(key));
    if (country < 0) return undefined;
    return markets.markets[marketOn(markets, country, context.periodStartDay)];
  }
  return markets.markets.find((name) => name.toLowerCase() === key.toLowerCase());
}

function hours(ms: number): string {
  if (ms % 86_400_000 === 0 && ms > 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.round(ms / 60_000)}m`;
}
