// bounded run queue (runtime-agnostic)
export {createRunQueue} from "./run-queue.ts";
export type {RunQueue, RunQueueOptions, RunQueueStats, RunTask} from "./run-queue.ts";
// the engine's scenario runner behind the server, and running it off the main thread
// (node:worker_threads, in Node and Deno)
export {createEngineRunner} from "./engine-runner.ts";
export type {EngineRunnerOptions, ExecuteOptions, ScenarioExecutor} from "./engine-runner.ts";
export {createThreadPool, JobNotWanted} from "./thread-pool.ts";
export type {JobOptions, JobPriority, ThreadPool, ThreadPoolStats} from "./thread-pool.ts";
export {createPoolExecutor} from "./pool-executor.ts";
export type {PoolExecutorOptions} from "./pool-executor.ts";
export type {PoolData, PoolJob, PoolReply, PoolRequest, UnitSource} from "./pool-messages.ts";
