// bounded run queue (runtime-agnostic)
export {createRunQueue} from "./run-queue.ts";
export type {RunQueue, RunQueueOptions, RunQueueStats, RunTask} from "./run-queue.ts";
// the engine's scenario runner behind the server, and running it off the main thread
// (node:worker_threads, in Node and Deno)
export {createEngineRunner} from "./engine-runner.ts";
export type {EngineRunnerOptions, ScenarioExecutor} from "./engine-runner.ts";
export {createThreadExecutor} from "./thread-executor.ts";
export type {ThreadReply} from "./thread-executor.ts";
