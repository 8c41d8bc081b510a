/**
 * The Node entry of the walab server: `node --import tsx server/node.ts` (npm start). Injects file
 * access confined to scenarios/ and the asset folders, esbuild for the browser modules and the
 * engine's scenario runner on worker threads into the runtime-agnostic app, listens on
 * 127.0.0.1:$PORT (default 8787), prints the URL, then runs and caches every scenario's default
 * run in the background (one at a time, so a visitor's run waits behind at most one).
 */
import {lstat, readdir, readFile, realpath} from "node:fs/promises";
import {availableParallelism} from "node:os";
import {join, resolve, sep} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {serve} from "@hono/node-server";
import * as esbuild from "esbuild";
import {readShippedData} from "../io/index.ts";
import {createApp} from "./app.ts";
import type {AppDeps, AppOptions, WalabApp} from "./app.ts";
import {confinedPath} from "./api/confined-path.ts";
import type {ScenarioFiles} from "./api/scenario-service.ts";
import {SCENARIO_NAME} from "./api/schemas.ts";
import {createEngineRunner} from "./queue/engine-runner.ts";
import {createThreadExecutor} from "./queue/thread-executor.ts";
import {VENDOR_FILES} from "./routes/asset-routes.ts";
import {BROWSER_SOURCE_ROOTS} from "./routes/browser-modules.ts";
import type {ReadAsset, Transpile} from "./routes/browser-modules.ts";

/** The project folder (the parent of server/). */
export const PROJECT_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The folders the server may read assets from, relative to the project. */
export const ASSET_ROOTS: readonly string[] = [
  "server/public/",
  ...BROWSER_SOURCE_ROOTS,
  ...new Set(Object.values(VENDOR_FILES).map((path) => path.slice(0, path.lastIndexOf("/") + 1))),
];

/**
 * A reader of project files confined to some folders: the relative path must be plain segments
 * (no `..`, no absolute path, no backslash, no percent escape), start with one of `dirs`, and its
 * real path (symlinks resolved) must still lie inside that folder's real path; only regular files
 * are read. Anything else reads as undefined, never an exception.
 * @example await createConfinedReader(root, ["scenarios/"])("../etc/passwd") // => undefined
 */
export function createConfinedReader(root: string, dirs: readonly string[]): ReadAsset {
  const base = resolve(root);
  const realDirs = new Map<string, Promise<string | undefined>>();
  const realDir = (dir: string) => {
    let real = realDirs.get(dir);
    if (real === undefined) {
      real = realpath(join(base, dir)).catch(() => undefined);
      realDirs.set(dir, real);
    }
    return real;
  };
  return async function read(path) {
    const checked = confinedPath(path, dirs);
    if (checked === undefined) return undefined;
    const {dir, segments} = checked;
    try {
      const inside = await realDir(dir);
      if (inside === undefined) return undefined;
      const real = await realpath(join(base, ...segments));
      if (!real.startsWith(inside + sep)) return undefined;
      if (!(await lstat(real)).isFile()) return undefined;
      return new Uint8Array(await readFile(real));
    } catch {
      return undefined;
    }
  };
}

/**
 * The scenario files of a project on disk: `scenarios/*.yaml` whose names are scenario names,
 * read through a reader confined to scenarios/.
 * @example await createNodeScenarioFiles(PROJECT_ROOT).list() // => ["black-friday-mx", ...]
 */
export function createNodeScenarioFiles(root: string = PROJECT_ROOT): ScenarioFiles {
  const read = createConfinedReader(root, ["scenarios/"]);
  const decoder = new TextDecoder();
  const text = async (path: string) => {
    const bytes = await read(path);
    return bytes === undefined ? undefined : decoder.decode(bytes);
  };
  return {
    async list() {
      const entries = await readdir(join(root, "scenarios"), {withFileTypes: true}).catch(() => []);
      return entries
        .filter(
          (e) =>
            e.name.endsWith(".yaml") &&
            SCENARIO_NAME.test(e.name.slice(0, -5)) &&
            (e.isFile() || e.isSymbolicLink()),
        )
        .map((e) => e.name.slice(0, -5))
        .sort();
    },
    read: (name) =>
      SCENARIO_NAME.test(name) ? text(`scenarios/${name}.yaml`) : Promise.resolve(undefined),
    readRelative: (path) => text(`scenarios/${path.replace(/^\.\//, "")}`),
  };
}

/** esbuild's TypeScript transform: types stripped, imports kept as written. */
export const esbuildTranspile: Transpile = async (source, path) => {
  const out = await esbuild.transform(source, {
    loader: "ts",
    format: "esm",
    target: "es2022",
    sourcefile: path,
    tsconfigRaw: {compilerOptions: {verbatimModuleSyntax: true}},
  });
  return out.code;
};

/** Options of the Node app. */
export interface NodeAppOptions extends AppOptions {
  root?: string;
  /** Threads one scenario run uses; default min(2, cores). */
  threadsPerRun?: number;
  /** Replace the engine runner (tests). */
  runner?: AppDeps["runner"];
}

/**
 * The app with Node's file access, esbuild and the engine runner on worker threads.
 * @example const app = await createNodeApp(); (await app.request("/api/scenarios")).status // => 200
 */
export async function createNodeApp(options: NodeAppOptions = {}): Promise<WalabApp> {
  const root = options.root ?? PROJECT_ROOT;
  const scenarios = createNodeScenarioFiles(root);
  const rateCards = readShippedData();
  const numberingPlans = await readFile(join(root, "models/traffic/numbering-plans.csv"), "utf8");
  const threadsPerRun = options.threadsPerRun ?? Math.max(1, Math.min(2, availableParallelism()));
  const runner =
    options.runner ??
    createEngineRunner({
      rateCards,
      numberingPlans,
      files: scenarios,
      execute: createThreadExecutor({threadsPerRun}),
    });
  return createApp({
    scenarios,
    readAsset: createConfinedReader(root, ASSET_ROOTS),
    transpile: esbuildTranspile,
    runner,
    quoteData: {rateCards, numberingPlansCsv: numberingPlans},
    options,
  });
}

/** A running server. */
export interface NodeServer {
  url: string;
  app: WalabApp;
  /** Resolves when every default run is cached (or failed). */
  warmed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the server on `host:port` and warms the cache with each scenario's default run, one
 * after another (`warm: false` skips that; a list names the scenarios).
 */
export async function startNodeServer(
  options: NodeAppOptions & {
    port?: number;
    host?: string;
    warm?: boolean | readonly string[];
    quiet?: boolean;
  } = {},
): Promise<NodeServer> {
  const app = await createNodeApp(options);
  const host = options.host ?? "127.0.0.1";
  const say = (line: string) => {
    if (options.quiet !== true) console.log(line);
  };
  const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
    const s = serve({fetch: app.fetch, port: options.port ?? 8787, hostname: host}, () => ready(s));
    s.once("error", fail);
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  const url = `http://${host}:${port}/`;
  say(`walab server: ${url}`);
  const warmed = (async () => {
    // transpile the browser modules now rather than on the first page load
    for (const path of await app.modules.paths()) await app.modules.get(path);
    if (options.warm === false) return;
    const names = Array.isArray(options.warm)
      ? options.warm
      : await app.service.list().then((list) => list.map((s) => s.name));
    for (const name of names) {
      const started = performance.now();
      try {
        const {cached} = await app.service.run(name, {});
        say(
          `walab server: ${name} ${cached ? "cached" : `ran in ${((performance.now() - started) / 1000).toFixed(1)} s`}`,
        );
      } catch (error) {
        say(`walab server: ${name} failed: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    if (names.length > 0) say(`walab server: ${names.length} scenarios ready at ${url}`);
  })();
  return {
    url,
    app,
    warmed,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const port = Number(process.env.PORT ?? 8787);
  if (!(Number.isInteger(port) && port >= 0 && port < 65536)) {
    console.error(`walab server: invalid PORT ${process.env.PORT} (expected 0..65535)`);
    process.exit(2);
  }
  const warm =
    process.env.WALAB_WARM === "none"
      ? false
      : process.env.WALAB_WARM?.split(",").filter((s) => s !== "");
  const running = await startNodeServer({
    port,
    warm: warm === undefined || (Array.isArray(warm) && warm.length === 0) ? true : warm,
  });
  const stop = () => void running.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
