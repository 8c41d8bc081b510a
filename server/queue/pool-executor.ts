import {setMaxListeners} from "node:events";
import type {GroupReplication, ScenarioResult} from "../../engine/scenario/index.ts";
import {summarizeScenario} from "../../engine/scenario/index.ts";
import {contentKey} from "../api/content-key.ts";
import type {ScenarioExecutor} from "./engine-runner.ts";
import type {UnitSource} from "./pool-messages.ts";
import {JobNotWanted} from "./thread-pool.ts";
import type {ThreadPool} from "./thread-pool.ts";

/** Options of the pool executor. */
export interface PoolExecutorOptions {
  pool: ThreadPool;
  /** Scenario sources whose unit results are kept (least recently used dropped first); default 12. */
  sourcesKept?: number;
}

/**
 * Executes scenario runs on a thread pool, one job per unit (one traffic group in one
 * replication, the engine's `runReplication`), and summarises them on this thread with the
 * engine's `summarizeScenario`: every unit is computed alone, so the result is byte-identical to
 * `runScenario(plan)`. Units are submitted replication-major (all groups of replication 1, then
 * of replication 2, ...) so that the first replications finish first, which gives the preview:
 * the exact result of the same scenario with fewer replications (`options.preview`), delivered
 * before the whole run. Unit results are kept per scenario source (file with the levers written
 * in, accounts, seed; not the replications), so a run with other replications, or the full run
 * after its preview, computes only the units it lacks. Units queued or running for another run
 * are shared (the pool's job keys). Background runs (cache warming) yield to interactive ones at
 * every unit.
 * @example const execute = createPoolExecutor({pool}); await execute(source, plan, {signal}) // => ScenarioResult
 */
export function createPoolExecutor(options: PoolExecutorOptions): ScenarioExecutor {
  const {pool} = options;
  const kept = Math.max(1, options.sourcesKept ?? 12);
  const cache = new Map<string, Map<string, GroupReplication>>();

  function unitsOf(sourceKey: string): Map<string, GroupReplication> {
    let units = cache.get(sourceKey);
    if (units !== undefined) cache.delete(sourceKey);
    else units = new Map();
    cache.set(sourceKey, units);
    while (cache.size > kept) cache.delete(cache.keys().next().value!);
    return units;
  }

  return async function execute(source, plan, {signal, background = false, preview}) {
    const unitSource: UnitSource = {
      text: source.text,
      file: source.file,
      accounts: source.accounts,
      ...(source.overrides.seed === undefined ? {} : {seed: source.overrides.seed}),
    };
    const sourceKey = await contentKey({v: 1, ...unitSource});
    const units = unitsOf(sourceKey);
    const groups = plan.groups.length;
    const replications = plan.file.replications;
    const byGroup: GroupReplication[][] = plan.groups.map(() => []);
    // replications complete in every group, in order: the preview waits for the first ones
    const missing = new Int32Array(replications).fill(groups);
    let complete = 0;
    const previewAt =
      preview !== undefined && preview.replications < replications ? preview.replications : 0;
    const settle = (g: number, r: number, unit: GroupReplication) => {
      byGroup[g]![r] = unit;
      if (--missing[r]! > 0) return;
      while (complete < replications && missing[complete] === 0) complete++;
      if (
        preview !== undefined &&
        previewAt > 0 &&
        complete >= previewAt &&
        complete < replications
      ) {
        const shown = {...plan, file: {...plan.file, replications: previewAt}};
        const result: ScenarioResult = summarizeScenario(
          shown,
          byGroup.map((list) => list.slice(0, previewAt)),
        );
        preview.deliver(result);
        preview = undefined;
      }
    };
    const stop = new AbortController();
    setMaxListeners(0, stop.signal); // one listener per unit of the run
    const onAbort = () => stop.abort(signal.reason);
    signal.addEventListener("abort", onAbort, {once: true});
    try {
      const jobs: Promise<void>[] = [];
      for (let r = 0; r < replications; r++) {
        for (let g = 0; g < groups; g++) {
          const id = `${g}:${r}`;
          const hit = units.get(id);
          if (hit !== undefined) {
            settle(g, r, hit);
            continue;
          }
          const job = pool
            .submit<GroupReplication>(
              {kind: "unit", sourceKey, source: unitSource, group: g, replication: r},
              {
                key: `${sourceKey}:${id}`,
                priority: background ? "background" : "interactive",
                signal: stop.signal,
              },
            )
            .then((unit) => {
              units.set(id, unit);
              settle(g, r, unit);
            });
          jobs.push(job);
        }
      }
      await Promise.all(
        jobs.map((job) =>
          job.catch((error: unknown) => {
            stop.abort(new JobNotWanted(error)); // the first failure drops this run's other units
            throw error;
          }),
        ),
      );
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw error instanceof JobNotWanted ? error.cause : error;
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    return summarizeScenario(plan, byGroup);
  };
}
