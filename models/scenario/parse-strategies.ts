import type {InputProblem} from "../input-error.ts";
import {resolveWhatIfs} from "./resolve-what-ifs.ts";
import type {WhatIfContext} from "./resolve-what-ifs.ts";
import {scenarioFieldNames} from "./parse-scenario-base.ts";
import {issueProblems} from "./scenario-problems.ts";
import {strategySchema} from "./strategy-schema.ts";
import type {StrategySpec} from "./strategy-schema.ts";
import {compose} from "./what-if.ts";
import type {WhatIf} from "./what-if.ts";

/** A named strategy: its what-ifs composed, and what they do in words. */
export interface Strategy {
  name: string;
  description: string;
  whatIf: WhatIf;
}

interface ParsedStrategy extends Strategy {
  /** Own what-ifs, before `extends`. */
  own: WhatIf[];
  labels: string[];
  parents: string[];
}

/**
 * Parses `strategies:` (default: one strategy `base`, the scenario as written): each strategy's
 * fields into what-ifs, `extends` resolved (parents' what-ifs first; unknown names and cycles
 * reported), names unique. Problems are appended to `problems`; valid strategies are returned.
 * @example parseStrategies([{name: "a", pricing: "pmp-2025-07"}], "x.yaml", context, problems)[0].description // => "pricing pmp-2025-07"
 */
export function parseStrategies(
  rawStrategies: unknown,
  file: string,
  context: WhatIfContext,
  problems: InputProblem[],
): Strategy[] {
  const list: unknown[] = Array.isArray(rawStrategies)
    ? rawStrategies
    : [{name: "base", description: "the scenario as written"}];
  const parsed: (ParsedStrategy | undefined)[] = list.map((item, s) => {
    const at = (path: string) => `${file}#/strategies/${s}${path}`;
    const result = strategySchema.safeParse(item);
    if (!result.success) {
      problems.push(
        ...issueProblems(file, result.error.issues, ["strategies", s], scenarioFieldNames()),
      );
      // the markets of rate changes are still checked, so every problem shows at once
      const rates = (item as {rates?: unknown} | null)?.rates;
      if (typeof rates === "object" && rates !== null && !Array.isArray(rates)) {
        const markets = Object.fromEntries(Object.keys(rates).map((key) => [key, {}]));
        resolveWhatIfs({rates: markets}, at, context, problems);
      }
      return undefined;
    }
    const spec: StrategySpec = result.data;
    const {whatIfs, labels} = resolveWhatIfs(spec, at, context, problems);
    const parents =
      spec.extends === undefined
        ? []
        : typeof spec.extends === "string"
          ? [spec.extends]
          : spec.extends;
    return {
      name: spec.name,
      description: spec.description ?? "",
      whatIf: compose(),
      own: whatIfs,
      labels,
      parents,
    };
  });
  const byName = new Map<string, number>();
  parsed.forEach((strategy, s) => {
    if (strategy === undefined) return;
    if (byName.has(strategy.name)) {
      problems.push({
        path: `${file}#/strategies/${s}/name`,
        message: "duplicate strategy name",
        value: strategy.name,
      });
    } else byName.set(strategy.name, s);
  });
  // extends: parents' what-ifs first, depth first, cycles reported
  const resolved = new Map<number, {whatIfs: WhatIf[]; labels: string[]}>();
  const resolve = (s: number, trail: number[]): {whatIfs: WhatIf[]; labels: string[]} => {
    const done = resolved.get(s);
    if (done !== undefined) return done;
    const strategy = parsed[s]!;
    const whatIfs: WhatIf[] = [];
    const labels: string[] = [];
    strategy.parents.forEach((name, k) => {
      const path = `${file}#/strategies/${s}/extends${typeof list[s] === "object" && Array.isArray((list[s] as {extends?: unknown}).extends) ? `/${k}` : ""}`;
      const parent = byName.get(name);
      if (parent === undefined || parsed[parent] === undefined) {
        problems.push({
          path,
          message: "unknown strategy",
          value: name,
          expected: `one of ${[...byName.keys()].join(", ")}`,
        });
        return;
      }
      if (parent === s || trail.includes(parent)) {
        problems.push({path, message: "strategies extend each other in a cycle", value: name});
        return;
      }
      const inherited = resolve(parent, [...trail, s]);
      whatIfs.push(...inherited.whatIfs);
      labels.push(...inherited.labels);
    });
    whatIfs.push(...strategy.own);
    labels.push(...strategy.labels);
    const result = {whatIfs, labels};
    resolved.set(s, result);
    return result;
  };
  return parsed.flatMap((strategy, s) => {
    if (strategy === undefined) return [];
    const {whatIfs, labels} = resolve(s, []);
    const description =
      strategy.description || (labels.length > 0 ? labels.join("; ") : "the base scenario");
    return [{name: strategy.name, description, whatIf: compose(...whatIfs)}];
  });
}
