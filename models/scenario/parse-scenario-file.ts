import {localDayOf} from "../calendar/index.ts";
import {InputError} from "../input-error.ts";
import {parseMapping} from "../parse-document.ts";
import type {InputProblem} from "../input-error.ts";
import {marketCoverageGaps} from "./market-coverage.ts";
import {parseScenarioBase, scenarioFieldNames} from "./parse-scenario-base.ts";
import type {ScenarioContext} from "./parse-scenario-base.ts";
import {parseStrategies} from "./parse-strategies.ts";
import type {Strategy} from "./parse-strategies.ts";
import {parseSweeps, sweepPoints} from "./parse-sweeps.ts";
import type {SweepPoint} from "./parse-sweeps.ts";
import type {WhatIfContext} from "./resolve-what-ifs.ts";
import type {Scenario} from "./scenario.ts";
import {scenarioTopLevelSchema} from "./scenario-file-schema.ts";
import {issueProblems} from "./scenario-problems.ts";
import {MAX_RUNS} from "./strategy-schema.ts";

/** A loaded scenario file: everything `walab run` needs, validated. */
export interface ScenarioFile {
  file: string;
  name: string;
  question: string;
  seed: string | number;
  replications: number;
  base: Scenario;
  strategies: Strategy[];
  /** Sweep parameter names, in file order (empty without sweeps). */
  sweepParameters: string[];
  /** The grid, first parameter outermost; one point with no values without sweeps. */
  points: SweepPoint[];
}

/**
 * Parses and checks a scenario file (YAML or JSON): the simulation it builds on (`period`,
 * `accounts`, `traffic`, as `walab simulate` reads them), `question`, `seed`, `replications`,
 * `strategies` and `sweeps`; resolves every strategy and sweep point into what-ifs and checks
 * that every market is priced by the editions in force. Every problem is reported at once with
 * its path (`scenarios/x.yaml#/strategies/2/rates/IN: unknown market`).
 * @throws InputError listing every problem.
 * @example parseScenarioFile(text, "scenarios/x.yaml", {markets, cards}).strategies.map((s) => s.name) // => ["cbp", "pmp"]
 */
export function parseScenarioFile(
  text: string,
  file: string,
  context: ScenarioContext,
): ScenarioFile {
  const raw = parseMapping(
    text,
    file,
    "a scenario file",
    "period, accounts, traffic, strategies, ...",
  );
  const problems: InputProblem[] = [];
  const at = (path: string) => `${file}#${path}`;

  const top = scenarioTopLevelSchema.safeParse(raw);
  if (!top.success)
    problems.push(...issueProblems(file, top.error.issues, [], scenarioFieldNames()));
  const base = parseScenarioBase(raw, file, context, problems);
  if (typeof raw.name === "string" && !/^[A-Za-z0-9_.-]+$/.test(raw.name)) {
    problems.push({
      path: at("/name"),
      message: "invalid name (it names the output folder)",
      value: raw.name,
      expected: "letters, digits, _ . -",
    });
  }
  // without a valid base the data checks still run (markets, editions); campaigns are unknown
  const whatIfContext: WhatIfContext = {
    markets: context.markets,
    cards: context.cards,
    periodStartDay: base === undefined ? 0 : localDayOf(base.timezone, base.simulation.startMs),
    campaignNames:
      base === undefined
        ? undefined
        : new Set(base.simulation.traffic.flatMap((b) => b.campaigns.map((c) => c.name))),
  };

  const strategies = parseStrategies(raw.strategies, file, whatIfContext, problems);
  const sweeps = parseSweeps(raw, file, context, whatIfContext, problems);
  if (sweeps !== undefined) {
    const runs = strategies.length * sweeps.reduce((n, s) => n * s.values.length, 1);
    if (runs > MAX_RUNS) {
      problems.push({
        path: at("/sweeps"),
        message: "impossible sweep: too many runs",
        value: runs,
        expected: `at most ${MAX_RUNS} strategies x sweep points`,
      });
    }
  }
  if (problems.length > 0 || base === undefined || !top.success || sweeps === undefined) {
    throw new InputError(dedupe(problems));
  }

  const points = sweepPoints(raw, file, context, base, sweeps, problems);
  const explicit = Array.isArray(raw.strategies);
  strategies.forEach((strategy, s) => {
    const seen = new Set<string>();
    for (const point of points) {
      for (const gap of marketCoverageGaps(
        strategy.whatIf(point.base),
        context.markets,
        context.cards,
      )) {
        const message = `market ${gap.market} (population ${gap.population}, ${gap.iso2}) is not priced by rate card ${gap.edition}, in force from ${gap.fromMonth}`;
        if (seen.has(message)) continue;
        seen.add(message);
        problems.push({
          path: explicit ? at(`/strategies/${s}`) : at("/traffic"),
          message,
          expected: "a rate card that lists it (rateCard: DATE; rate-cards README: known gaps)",
        });
      }
    }
  });
  if (problems.length > 0) throw new InputError(dedupe(problems));

  return {
    file,
    name: typeof raw.name === "string" ? raw.name : baseName(file),
    question: top.data.question ?? headerQuestion(text) ?? "",
    seed: top.data.seed,
    replications: top.data.replications,
    base,
    strategies,
    sweepParameters: sweeps.map((s) => s.name),
    points,
  };
}

/** The question in a file's header comment: its first paragraph, without modelines. */
export function headerQuestion(text: string): string | undefined {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith("#")) break;
    const body = line.replace(/^#\s?/, "");
    if (/^\s*yaml-language-server:/.test(body)) continue;
    if (body.trim() === "") {
      if (lines.length > 0) break;
      continue;
    }
    lines.push(body.trim());
  }
  return lines.length > 0 ? lines.join(" ") : undefined;
}

function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.(ya?ml|json)$/i, "");
}

function dedupe(problems: readonly InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
