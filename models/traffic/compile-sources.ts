import {ENTRY_POINT} from "../codes.ts";
import type {CompileContext} from "./compile-context.ts";
import type {CompiledPopulations} from "./compile-populations.ts";
import {ctwaSessionsPerDay} from "./ctwa-ad-sessions.ts";
import {DAYS_PER_MONTH, organicSessionsPerDay} from "./organic-sessions.ts";
import {pageCtaSessionsPerDay} from "./page-cta-sessions.ts";
import type {SpikeTarget} from "./seasonal-spike.ts";
import type {TrafficBlock} from "./traffic-block.ts";
import {SOURCE_KIND} from "./traffic-plan.ts";
import type {ArrivalSource} from "./traffic-plan.ts";

const DAY_MS = 86_400_000;

/**
 * The arrival sources of one business: one per (model, population) with a positive rate.
 * Sessions per entry point (organic per user; ads and page CTA spread over their populations in
 * proportion to size), orders placed elsewhere, and logins; each with its hourly rate table.
 * @example compileSources(ctx, block, compiled).map((s) => s.key) // => ["sessions/organic/br"]
 */
export function compileSources(
  ctx: CompileContext,
  block: TrafficBlock,
  compiled: CompiledPopulations,
): ArrivalSource[] {
  const {populations, resolve} = compiled;
  const sources: ArrivalSource[] = [];
  const add = (
    kind: ArrivalSource["kind"],
    entryPoint: number,
    name: string,
    targets: number[],
    perDay: (users: number, total: number) => number,
    target: SpikeTarget,
    profile = block.profile,
  ) => {
    const total = targets.reduce((sum, p) => sum + populations[p]!.users, 0);
    for (const p of targets) {
      const population = populations[p]!;
      const daily = perDay(population.users, total);
      if (!(daily > 0)) continue;
      sources.push({
        key: `${name}/${population.id}`,
        kind,
        entryPoint,
        population: p,
        perMs: daily / DAY_MS,
        rates: ctx.ratesOf(population.clock, profile, block.spikes, target),
      });
    }
  };
  const share = (daily: number) => (users: number, total: number) =>
    total > 0 ? (daily * users) / total : 0;

  const {organic, ctwaAd, pageCta} = block.sessions;
  const organicTargets = resolve(organic.populations, "/sessions/organic/populations");
  add(
    SOURCE_KIND.session,
    ENTRY_POINT.organic,
    "sessions/organic",
    organicTargets,
    (users) => organicSessionsPerDay(organic, users),
    "sessions",
  );
  if (ctwaAd !== undefined) {
    const targets = resolve(ctwaAd.populations, "/sessions/ctwaAd/populations");
    add(
      SOURCE_KIND.session,
      ENTRY_POINT.ctwa_ad,
      "sessions/ctwa_ad",
      targets,
      share(ctwaSessionsPerDay(ctwaAd)),
      "sessions",
    );
  }
  if (pageCta !== undefined) {
    const targets = resolve(pageCta.populations, "/sessions/pageCta/populations");
    add(
      SOURCE_KIND.session,
      ENTRY_POINT.fb_page_cta,
      "sessions/fb_page_cta",
      targets,
      share(pageCtaSessionsPerDay(pageCta)),
      "sessions",
    );
  }
  const {orders, authentication} = block;
  if (orders !== undefined && orders.perUserPerMonth > 0) {
    const perUser = orders.perUserPerMonth / DAYS_PER_MONTH;
    add(
      SOURCE_KIND.order,
      ENTRY_POINT.organic,
      "orders",
      resolve(orders.populations, "/orders/populations"),
      (users) => perUser * users,
      "orders",
    );
  }
  if (authentication !== undefined) {
    const perUser = authentication.perUserPerMonth / DAYS_PER_MONTH;
    const targets = resolve(authentication.populations, "/authentication/populations");
    add(
      SOURCE_KIND.authentication,
      ENTRY_POINT.organic,
      "authentication",
      targets,
      (users) => perUser * users,
      "authentication",
      authentication.profile,
    );
  }
  return sources;
}
