import {Worker} from "node:worker_threads";

/** The bundle cache (plain JavaScript, so a thread can load it before any TypeScript). */
const BUNDLE_CACHE = new URL("../../bin/bundle-cache.js", import.meta.url);

/**
 * Starts a worker thread on a TypeScript entry. Deno runs the entry itself; under Node a small
 * bootstrap runs the entry's cached bundle in the thread (checked against its sources, rebuilt
 * if any changed: bin/bundle-cache.js), or the entry through tsx when no cache folder can be used.
 * NOTE (perf): a thread on the server's pool thread's modules is up in ~0.15 s from the bundle,
 * ~0.7 s through tsx's hooks (each module resolved and loaded through a hooks thread); the
 * check (~10 ms) and any rebuild run in the new thread, not this one.
 * @example const worker = startTypeScriptWorker(new URL("./scenario-worker.ts", import.meta.url), data);
 */
export function startTypeScriptWorker(entry: URL, workerData: unknown): Worker {
  if ("Deno" in globalThis) return new Worker(entry, {workerData});
  const bootstrap =
    `import(${JSON.stringify(BUNDLE_CACHE.href)})` +
    `.then((cache) => cache.importTypeScript(new URL(${JSON.stringify(entry.href)})));`;
  return new Worker(bootstrap, {eval: true, workerData});
}
