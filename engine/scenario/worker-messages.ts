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

/** What a scenario worker posts back. */
export type WorkerReply =
  | {type: "done"; unit: number; result: GroupReplication}
  | {type: "input-error"; problems: InputProblem[]}
  | {type: "error"; message: string};
