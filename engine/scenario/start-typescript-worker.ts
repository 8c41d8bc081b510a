import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {pathToFileURL} from "node:url";
import {Worker} from "node:worker_threads";

/**
 * Starts a worker thread on a TypeScript entry. Deno runs the entry itself; under Node a small
 * bootstrap registers tsx in the thread (as `bin/walab.js` does for the main thread) and then
 * imports the entry.
 * @example const worker = startTypeScriptWorker(new URL("./scenario-worker.ts", import.meta.url), data);
 */
export function startTypeScriptWorker(entry: URL, workerData: unknown): Worker {
  if ("Deno" in globalThis) return new Worker(entry, {workerData});
  // tsx's ESM API (package export "./esm/api", import condition)
  const tsxRoot = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsxApi = pathToFileURL(join(tsxRoot, "dist", "esm", "api", "index.mjs")).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApi)}).then(({register}) => { register(); ` +
    `return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, {eval: true, workerData});
}
