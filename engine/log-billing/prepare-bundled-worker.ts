import type {Worker} from "node:worker_threads";
import {startTypeScriptWorker} from "../scenario/start-typescript-worker.ts";

/**
 * Prepares worker threads on a TypeScript entry: resolves with a function that starts one, from
 * the entry's cached bundle under Node ({@link startTypeScriptWorker}).
 * @example const start = await prepareBundledWorker(new URL("./log-billing-worker.ts", import.meta.url)); start(data);
 */
export async function prepareBundledWorker(entry: URL): Promise<(workerData: unknown) => Worker> {
  return (workerData) => startTypeScriptWorker(entry, workerData);
}
