import {startTypeScriptWorker} from "../../engine/scenario/index.ts";
import type {ScenarioResult} from "../../engine/scenario/index.ts";
import {InputError} from "../../models/input-error.ts";
import type {InputProblem} from "../../models/input-error.ts";
import type {ScenarioExecutor} from "./engine-runner.ts";

/** What the scenario thread posts back. */
export type ThreadReply =
  | {type: "done"; result: ScenarioResult}
  | {type: "input-error"; problems: InputProblem[]}
  | {type: "error"; message: string};

const THREAD_URL = new URL("./scenario-thread.ts", import.meta.url);

/**
 * Executes scenario runs off the main thread (node:worker_threads, which Deno also provides), so
 * the server keeps answering (pages, cached results, 429s) while a run computes: each run gets
 * its own thread, which plans the source and runs it on `threadsPerRun` nested threads (the
 * engine's `runScenarioInWorkers`, identical results). An aborted run's thread is terminated,
 * which stops its nested threads too.
 * @example const execute = createThreadExecutor({threadsPerRun: 2}); await execute(source, signal) // => ScenarioResult
 */
export function createThreadExecutor({
  threadsPerRun = 1,
}: {threadsPerRun?: number} = {}): ScenarioExecutor {
  return function execute(source, signal) {
    return new Promise<ScenarioResult>((resolve, reject) => {
      signal.throwIfAborted();
      const worker = startTypeScriptWorker(THREAD_URL, {source, threads: threadsPerRun});
      let settled = false;
      const finish = (action: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", abort);
        void worker.terminate();
        action();
      };
      const abort = () => finish(() => reject(signal.reason));
      signal.addEventListener("abort", abort, {once: true});
      worker.on("message", (reply: ThreadReply) => {
        if (reply.type === "done") finish(() => resolve(reply.result));
        else if (reply.type === "input-error") finish(() => reject(new InputError(reply.problems)));
        else finish(() => reject(new Error(`scenario thread failed: ${reply.message}`)));
      });
      worker.on("error", (error) => finish(() => reject(error)));
      worker.on("exit", (code) =>
        finish(() => reject(new Error(`scenario thread exited with code ${code}`))),
      );
    });
  };
}
