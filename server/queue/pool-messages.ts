import type {RateCardTexts} from "../../engine/index.ts";
import type {GroupReplication} from "../../engine/scenario/index.ts";
import type {InputProblem} from "../../models/input-error.ts";
import type {FieldProblem} from "../api/http-error.ts";
import type {QuoteRequest} from "../api/schemas.ts";

/** What every pool thread is handed once: the texts every job reads. */
export interface PoolData {
  rateCards: RateCardTexts;
  numberingPlans: string;
}

/**
 * The scenario texts a unit needs besides the pool's data: the file (levers already written in),
 * the accounts files it names and the seed override. Replications are left out on purpose: unit
 * r of a scenario does not depend on how many replications the run has.
 */
export interface UnitSource {
  text: string;
  file: string;
  accounts: Record<string, string>;
  seed?: string | number;
}

/** A job of a pool thread. */
export type PoolJob =
  | {
      kind: "unit";
      /** Identifies `source` (a thread keeps the plans of recent sources by this key). */
      sourceKey: string;
      source: UnitSource;
      group: number;
      replication: number;
    }
  | {kind: "quote"; request: QuoteRequest};

/** What the main thread posts to a pool thread. */
export interface PoolRequest {
  id: number;
  job: PoolJob;
}

/** What a pool thread posts back: the job's value or its error. */
export type PoolReply =
  | {id: number; type: "done"; value: GroupReplication | unknown}
  | {id: number; type: "input-error"; problems: InputProblem[]}
  | {id: number; type: "validation-error"; problems: FieldProblem[]}
  | {id: number; type: "error"; message: string};
