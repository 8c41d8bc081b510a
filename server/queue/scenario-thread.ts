// Worker thread of `createThreadExecutor`: plans the scenario source it is given (no file
// access) and runs it, on `threads` nested worker threads when more than one, then posts the
// result. The parent terminates this thread to abort a run.
import {parentPort, workerData} from "node:worker_threads";
import {loadScenarioPlan, runScenario, runScenarioInWorkers} from "../../engine/scenario/index.ts";
import type {ScenarioSource} from "../../engine/scenario/index.ts";
import {InputError} from "../../models/input-error.ts";
import type {ThreadReply} from "./thread-executor.ts";

const port = parentPort!;
const {source, threads} = workerData as {source: ScenarioSource; threads: number};

async function main(): Promise<ThreadReply> {
  try {
    const plan = loadScenarioPlan(source);
    const result =
      threads > 1 ? await runScenarioInWorkers(plan, source, threads) : runScenario(plan);
    return {type: "done", result};
  } catch (error) {
    if (error instanceof InputError) return {type: "input-error", problems: [...error.problems]};
    return {type: "error", message: (error as Error).stack ?? String(error)};
  }
}

void main().then((reply) => port.postMessage(reply));
