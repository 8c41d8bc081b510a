import {addPhone} from "../accounts/compiled-accounts.ts";
import {isTimeZone} from "../calendar/zone-month-starts.ts";
import type {CompileContext} from "./compile-context.ts";
import {failureRateFor} from "./delivery-failures.ts";
import {numberCapacity} from "./number-sequence.ts";
import type {TrafficBlock} from "./traffic-block.ts";
import type {PopulationPlan} from "./traffic-plan.ts";

/** A block's populations and a resolver of `populations:` filters to their indices. */
export interface CompiledPopulations {
  populations: PopulationPlan[];
  totalUsers: number;
  /** Indices of the named populations (all when `ids` is undefined); unknown ids are reported at `path/k`. */
  resolve(ids: readonly string[] | undefined, path: string): number[];
}

/**
 * Compiles the populations of one business's block: ids, markets (a numbering plan), user
 * counts (`users` or a `share` of the block's users), WABA, timezone, capacity of the market's
 * numbers. Gives a WABA that lists no phone its implicit phone. Problems go to the context.
 * @example compilePopulations(ctx, block, 0, at).populations[0].offset // => 0
 */
export function compilePopulations(
  ctx: CompileContext,
  block: TrafficBlock,
  business: number,
  at: (path: string) => string,
): CompiledPopulations {
  const {accounts, problems} = ctx;
  const wabas = ctx.wabasOf(business).map((index) => ({...accounts.wabas[index]!, index}));
  const populations: PopulationPlan[] = [];
  const populationIndex = new Map<string, number>();
  const numberOffsets = new Map<string, number>();
  let offset = 0;

  block.populations.forEach((spec, p) => {
    const id = spec.id ?? spec.market.toLowerCase();
    if (populationIndex.has(id)) {
      problems.push({
        path: at(`/populations/${p}/id`),
        message: "duplicate population id",
        value: id,
      });
    }
    populationIndex.set(id, populations.length);
    const numbering = ctx.numbering.get(spec.market);
    if (numbering === undefined) {
      problems.push({
        path: at(`/populations/${p}/market`),
        message: "no numbering plan for market",
        value: spec.market,
        expected: "a country of models/traffic/numbering-plans.csv",
      });
      return;
    }
    let users = spec.users;
    if (users === undefined) {
      if (spec.share === undefined) {
        problems.push({
          path: at(`/populations/${p}`),
          message: "a population needs users or share",
        });
      } else if (block.users === undefined) {
        problems.push({
          path: at(`/populations/${p}/share`),
          message: "share needs users on the traffic block",
          expected: "traffic users: N",
        });
      } else {
        users = Math.round(spec.share * block.users);
      }
    } else if (spec.share !== undefined) {
      problems.push({path: at(`/populations/${p}`), message: "give users or share, not both"});
    }
    const waba = spec.waba === undefined ? wabas[0] : wabas.find((w) => w.id === spec.waba);
    if (waba === undefined) {
      problems.push({
        path: at(`/populations/${p}/waba`),
        message: "unknown WABA for this business",
        value: spec.waba,
        expected: `one of ${wabas.map((w) => w.id).join(", ")}`,
      });
      return;
    }
    const timeZone = spec.timezone ?? numbering.timeZone;
    if (!isTimeZone(timeZone)) {
      problems.push({
        path: at(`/populations/${p}/timezone`),
        message: "unknown IANA timezone",
        value: timeZone,
      });
      return;
    }
    if (users === undefined) return;
    const numberOffset = numberOffsets.get(spec.market) ?? 0;
    numberOffsets.set(spec.market, numberOffset + users);
    if (numberOffset + users > numberCapacity(numbering)) {
      problems.push({
        path: at(`/populations/${p}/users`),
        message: "more users than the market's numbering plan holds",
        value: users,
        expected: `at most ${numberCapacity(numbering)} per market and business`,
      });
    }
    if (waba.phones.length === 0) addPhone(accounts, waba.index, null);
    populations.push({
      id,
      market: spec.market,
      offset,
      users,
      waba: waba.index,
      phones: accounts.wabas[waba.index]!.phones,
      timeZone,
      clock: ctx.clockOf(timeZone),
      wabaClock: ctx.clockOf(waba.timezone),
      webShare: spec.webShare,
      numbering,
      numberOffset,
      failureRate: failureRateFor(block.failures, spec.market),
      marketingBlockedFromMs:
        spec.market === "US" ? ctx.usMarketingBlockFrom(waba.timezone) : Infinity,
    });
    offset += users;
  });

  return {
    populations,
    totalUsers: offset,
    resolve(ids, path) {
      if (ids === undefined) return populations.map((_, i) => i);
      return ids.flatMap((id, k) => {
        const index = populationIndex.get(id);
        if (index === undefined) {
          problems.push({
            path: at(`${path}/${k}`),
            message: "unknown population",
            value: id,
            expected: `one of ${[...populationIndex.keys()].join(", ")}`,
          });
          return [];
        }
        return [index];
      });
    },
  };
}
