// Thread of `createThreadPool`: takes one job at a time from the main thread and posts its
// answer. A unit job plans its scenario source (kept for the next units of the same source) and
// runs one traffic group in one replication on the engine; a quote job bills a quick quote.
import {parentPort, workerData} from "node:worker_threads";
import {loadScenarioPlan, runReplication} from "../../engine/scenario/index.ts";
import type {ScenarioPlan} from "../../engine/scenario/index.ts";
import {InputError} from "../../models/input-error.ts";
import {ValidationError} from "../api/http-error.ts";
import {createQuoter} from "../quote/index.ts";
import type {PoolData, PoolJob, PoolReply, PoolRequest} from "./pool-messages.ts";

const port = parentPort!;
const data = workerData as PoolData;
const PLANS_KEPT = 8;
const plans = new Map<string, ScenarioPlan>();
const quoter = createQuoter({rateCards: data.rateCards, numberingPlansCsv: data.numberingPlans});

function planOf(job: Extract<PoolJob, {kind: "unit"}>): ScenarioPlan {
  let plan = plans.get(job.sourceKey);
  if (plan === undefined) {
    const {text, file, accounts, seed} = job.source;
    plan = loadScenarioPlan({
      text,
      file,
      accounts,
      rateCards: data.rateCards,
      numberingPlans: data.numberingPlans,
      overrides: seed === undefined ? {} : {seed},
    });
    plans.set(job.sourceKey, plan);
    while (plans.size > PLANS_KEPT) plans.delete(plans.keys().next().value!);
  } else {
    plans.delete(job.sourceKey);
    plans.set(job.sourceKey, plan);
  }
  return plan;
}

function answer({id, job}: PoolRequest): PoolReply {
  try {
    if (job.kind === "unit")
      return {id, type: "done", value: runReplication(planOf(job), job.group, job.replication)};
    return {id, type: "done", value: quoter.quote(job.request)};
  } catch (error) {
    if (error instanceof InputError)
      return {id, type: "input-error", problems: [...error.problems]};
    if (error instanceof ValidationError)
      return {id, type: "validation-error", problems: [...error.problems]};
    return {id, type: "error", message: (error as Error).stack ?? String(error)};
  }
}

port.on("message", (request: PoolRequest) => port.postMessage(answer(request)));
port.postMessage({type: "ready"});
