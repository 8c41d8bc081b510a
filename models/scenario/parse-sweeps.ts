import {z} from "zod";
import type {InputProblem} from "../input-error.ts";
import {parseScenarioBase, scenarioFieldNames} from "./parse-scenario-base.ts";
import type {ScenarioContext} from "./parse-scenario-base.ts";
import {resolveWhatIfs} from "./resolve-what-ifs.ts";
import type {WhatIfContext} from "./resolve-what-ifs.ts";
import type {Scenario} from "./scenario.ts";
import {issueProblems} from "./scenario-problems.ts";
import {pointerSegments, setPointer} from "./set-pointer.ts";
import {sweepSchema, WHAT_IF_KEYS, whatIfFields} from "./strategy-schema.ts";
import type {SweepSpec, WhatIfSpec} from "./strategy-schema.ts";
import {compose} from "./what-if.ts";
import type {WhatIf} from "./what-if.ts";

/** One point of the sweep grid: the parameter values and the base scenario they give. */
export interface SweepPoint {
  values: Record<string, number | string>;
  base: Scenario;
}

const SWEEPABLE_ROOTS = new Set(["traffic", "accounts"]);
const whatIfSchema = z.strictObject(whatIfFields);

/** A sweep parameter, checked: each value's what-if (lever) or document edit (path). */
export interface ParsedSweep {
  /** Column name in the results. */
  name: string;
  /** The values as the results show them (booleans as text). */
  values: (number | string)[];
  /** A lever sweep: one what-if per value. */
  lever: WhatIf[] | undefined;
  /** A path sweep: the pointer's segments, set to each of `rawValues`. */
  path: string[] | undefined;
  rawValues: unknown[];
}

/**
 * Parses `sweeps:`. A `lever` sweep checks each value as that what-if field (or the path inside
 * one, e.g. `rates/IN/marketing`) and resolves it; a `path` sweep sets each value in the document
 * and re-checks the simulation part. Problems go to `problems` at `/sweeps/i/lever`, `/path` or
 * `/values/j`; undefined is returned when any sweep is impossible.
 * @example parseSweeps(doc, "x.yaml", context, whatIfContext, problems)?.map((s) => s.name) // => ["ctwaShare"]
 */
export function parseSweeps(
  raw: Record<string, unknown>,
  file: string,
  context: ScenarioContext,
  whatIfContext: WhatIfContext,
  problems: InputProblem[],
): ParsedSweep[] | undefined {
  const list = Array.isArray(raw.sweeps) ? raw.sweeps : [];
  const sweeps: ParsedSweep[] = [];
  // problems of the base itself are reported once, not again for every swept value
  const baseProblems = new Set(problems.map((p) => `${p.path}\u0000${p.message}`));
  let ok = true;
  const names = new Set<string>();
  list.forEach((item, i) => {
    const at = (path: string) => `${file}#/sweeps/${i}${path}`;
    const result = sweepSchema.safeParse(item);
    if (!result.success) {
      problems.push(
        ...issueProblems(file, result.error.issues, ["sweeps", i], scenarioFieldNames()),
      );
      ok = false;
      return;
    }
    const spec: SweepSpec = result.data;
    const name = spec.name ?? spec.lever ?? spec.path!;
    if (names.has(name))
      problems.push({path: at("/name"), message: "duplicate sweep parameter", value: name});
    names.add(name);
    const before = problems.length;
    const values = spec.values.map((v) => (typeof v === "boolean" ? String(v) : v));
    if (new Set(values.map(String)).size < values.length) {
      problems.push({path: at("/values"), message: "impossible sweep: a value is listed twice"});
    }
    if (spec.lever !== undefined) {
      const segments = pointerSegments(spec.lever.startsWith("/") ? spec.lever : `/${spec.lever}`);
      if (!(WHAT_IF_KEYS as string[]).includes(segments[0] ?? "")) {
        problems.push({
          path: at("/lever"),
          message: "impossible sweep: unknown lever",
          value: spec.lever,
          expected: `one of ${WHAT_IF_KEYS.join(", ")} (or a path inside one, e.g. rates/IN/marketing)`,
        });
        ok = false;
        return;
      }
      const lever = spec.values.map((value, j) => {
        const valueAt = at(`/values/${j}`);
        const parsed = whatIfSchema.safeParse(setPointer({}, segments, value));
        if (!parsed.success) {
          for (const p of issueProblems(file, parsed.error.issues, [], scenarioFieldNames())) {
            const unknown = p.message.startsWith("unknown field");
            problems.push({
              path: unknown ? at("/lever") : valueAt,
              message: `impossible sweep: ${p.message}`,
              ...(unknown ? {value: spec.lever} : {value}),
              ...(p.expected === undefined ? {} : {expected: p.expected}),
            });
          }
          return compose();
        }
        const fields: WhatIfSpec = parsed.data;
        const mapped = (path: string) => (/^\/rates\/[^/]+$/.test(path) ? at("/lever") : valueAt);
        return compose(...resolveWhatIfs(fields, mapped, whatIfContext, problems).whatIfs);
      });
      if (problems.length > before) ok = false;
      sweeps.push({name, values, lever, path: undefined, rawValues: spec.values});
      return;
    }
    const segments = pointerSegments(spec.path!);
    if (!SWEEPABLE_ROOTS.has(segments[0] ?? "")) {
      problems.push({
        path: at("/path"),
        message: "impossible sweep: only /traffic and /accounts can be swept",
        value: spec.path,
        expected: "e.g. /traffic/users or /traffic/replies/botShare",
      });
      ok = false;
      return;
    }
    spec.values.forEach((value, j) => {
      const found: InputProblem[] = [];
      let edited: unknown;
      try {
        edited = setPointer(raw, segments, value);
      } catch (error) {
        problems.push({
          path: at("/path"),
          message: `impossible sweep: ${(error as Error).message}`,
          value: spec.path,
        });
        return;
      }
      parseScenarioBase(edited as Record<string, unknown>, file, context, found);
      const target = `${file}#${spec.path}`;
      for (const p of found) {
        if (baseProblems.has(`${p.path}\u0000${p.message}`)) continue;
        if (p.message.startsWith("unknown field")) {
          problems.push({
            path: at("/path"),
            message: `impossible sweep: ${p.path.slice(file.length + 1)}: ${p.message}`,
            value: spec.path,
          });
        } else if (p.path === target || p.path.startsWith(`${target}/`)) {
          problems.push({
            path: at(`/values/${j}`),
            message: `impossible sweep: ${p.message}`,
            value,
            ...(p.expected === undefined ? {} : {expected: p.expected}),
          });
        } else {
          problems.push({
            path: at(`/values/${j}`),
            message: `impossible sweep: makes ${p.path.slice(file.length + 1)} invalid: ${p.message}`,
            value,
          });
        }
      }
    });
    if (problems.length > before) ok = false;
    sweeps.push({name, values, lever: undefined, path: segments, rawValues: spec.values});
  });
  return ok ? sweeps : undefined;
}

/**
 * The grid of checked sweeps, first parameter outermost: path edits re-parse the document, then
 * lever what-ifs apply in sweep order. One point without values when there are no sweeps.
 * @example sweepPoints(doc, "x.yaml", context, base, sweeps, problems).length // => 4
 */
export function sweepPoints(
  raw: Record<string, unknown>,
  file: string,
  context: ScenarioContext,
  base: Scenario,
  sweeps: readonly ParsedSweep[],
  problems: InputProblem[],
): SweepPoint[] {
  let grid: number[][] = [[]];
  for (const sweep of sweeps)
    grid = grid.flatMap((point) => sweep.values.map((_, j) => [...point, j]));
  return grid.map((choice) => {
    const values: Record<string, number | string> = {};
    sweeps.forEach((sweep, k) => (values[sweep.name] = sweep.values[choice[k]!]!));
    let pointBase = base;
    if (sweeps.some((s) => s.path !== undefined)) {
      let edited: unknown = raw;
      sweeps.forEach((sweep, k) => {
        if (sweep.path !== undefined)
          edited = setPointer(edited, sweep.path, sweep.rawValues[choice[k]!]);
      });
      const found: InputProblem[] = [];
      const parsed = parseScenarioBase(edited as Record<string, unknown>, file, context, found);
      if (parsed === undefined) {
        for (const p of found) {
          problems.push({
            path: `${file}#/sweeps`,
            message: `impossible sweep: the point ${JSON.stringify(values)} makes ${p.path.slice(file.length + 1)} invalid: ${p.message}`,
          });
        }
      } else pointBase = parsed;
    }
    const levers = sweeps.flatMap((sweep, k) =>
      sweep.lever === undefined ? [] : [sweep.lever[choice[k]!]!],
    );
    return {values, base: compose(...levers)(pointBase)};
  });
}
