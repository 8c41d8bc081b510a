import type {InputProblem} from "../../models/input-error.ts";
import type {ScenarioSource} from "./load-scenario-plan.ts";
import type {GroupReplication} from "./run-replication.ts";

/**
 * What a scenario worker starts with: the scenario's texts and the shared unit counter. Every
 * thread claims its next unit with `Atomics.add(counter, 0, 1)`, so no thread waits for another
 * to hand out work.
 */
export interface WorkerStart {
  source: ScenarioSource;
  /** One Int32 on a SharedArrayBuffer: the next unclaimed unit. */
  counter: SharedArrayBuffer;
}

/** What a worker of `runUnitsInWorkers` posts back: a unit's result or why it stopped. */
export type UnitReply<Result> =
  | {type: "done"; unit: number; result: Result}
  | {type: "input-error"; problems: InputProblem[]}
  | {type: "error"; message: string};

/** What a scenario worker posts back. */
export type WorkerReply = UnitReply<GroupReplication>;
