/**
 * The Node entry of the walab server: `node bin/run-typescript.js server/node.ts` (npm start, from
 * its cached bundle; `node --import tsx/esm server/node.ts` runs the same from the sources). Injects file
 * access confined to scenarios/ and the asset folders, esbuild for the browser modules, and the
 * engine's scenario runner and the quick quote on a pool of long-lived worker threads into the
 * runtime-agnostic app, listens on 127.0.0.1:$PORT (default 8787), prints the URL, then runs and
 * caches in the background every scenario's default run and, for the default scenario, every run
 * one lever change away (a visitor's runs go first, unit by unit).
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
import {DEFAULT_SCENARIO, leverGrid} from "./pages/levers.ts";
import {createEngineRunner} from "./queue/engine-runner.ts";
import {createPoolExecutor} from "./queue/pool-executor.ts";
import {createThreadPool} from "./queue/thread-pool.ts";
import type {ThreadPool} from "./queue/thread-pool.ts";
import type {QuoteResult} from "./quote/index.ts";
import {VENDOR_FILES} from "./routes/asset-routes.ts";
import {BROWSER_SOURCE_ROOTS} from "./routes/browser-modules.ts";
import type {ReadAsset, Transpile} from "./routes/browser-modules.ts";
import type {Bundle} from "./routes/browser-bundles.ts";

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

/** esbuild's bundler for the scenario page's scripts (minified, ES2022 modules). */
export function createEsbuildBundle(root: string = PROJECT_ROOT): Bundle {
  return async (entry, {external}) => {
    const out = await esbuild.build({
      entryPoints: [join(root, entry)],
      absWorkingDir: root,
      bundle: true,
      format: "esm",
      target: "es2022",
      minify: true,
      write: false,
      external: [...external],
      logLevel: "silent",
    });
    return out.outputFiles[0]!.text;
  };
}

/** Options of the Node app. */
export interface NodeAppOptions extends AppOptions {
  root?: string;
  /** Worker threads that runs and quotes execute on; default min(2, cores). */
  threads?: number;
  /** Replace the engine runner (tests). */
  runner?: AppDeps["runner"];
}

/** The Node app and the pool of threads it runs on. */
export type NodeApp = WalabApp & {pool: ThreadPool};

/**
 * The app with Node's file access, esbuild, and the engine runner and the quick quote on a pool
 * of worker threads (started at once, so they are warm by the first run).
 * @example const app = await createNodeApp(); (await app.request("/api/scenarios")).status // => 200
 */
export async function createNodeApp(options: NodeAppOptions = {}): Promise<NodeApp> {
  const root = options.root ?? PROJECT_ROOT;
  const scenarios = createNodeScenarioFiles(root);
  const rateCards = readShippedData();
  const numberingPlans = await readFile(join(root, "models/traffic/numbering-plans.csv"), "utf8");
  const threads = options.threads ?? Math.max(1, Math.min(2, availableParallelism()));
  const pool = createThreadPool({size: threads, data: {rateCards, numberingPlans}});
  const runner =
    options.runner ??
    createEngineRunner({
      rateCards,
      numberingPlans,
      files: scenarios,
      execute: createPoolExecutor({pool}),
    });
  const app = createApp({
    scenarios,
    readAsset: createConfinedReader(root, ASSET_ROOTS),
    transpile: esbuildTranspile,
    bundle: createEsbuildBundle(root),
    runner,
    quoteData: {rateCards, numberingPlansCsv: numberingPlans},
    quote: (request, signal) => pool.submit<QuoteResult>({kind: "quote", request}, {signal}),
    threadStats: () => pool.stats(),
    options,
  });
  return Object.assign(app, {pool});
}

export {DEFAULT_SCENARIO} from "./pages/levers.ts";

/** A running server. */
export interface NodeServer {
  url: string;
  app: NodeApp;
  /** Resolves when every default run and lever grid is cached (or failed). */
  warmed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the server on `host:port` and warms the cache in the background: each scenario's
 * default run, one after another (`warm: false` skips that; a list names the scenarios), then
 * for the scenarios of `grid` (default: DEFAULT_SCENARIO when it is warmed; false for none)
 * every run one lever change away (`leverGrid`), so that moving any one control re-plots from
 * the cache. Warming runs yield to visitors' runs at every unit.
 */
export async function startNodeServer(
  options: NodeAppOptions & {
    port?: number;
    host?: string;
    warm?: boolean | readonly string[];
    grid?: boolean | readonly string[];
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
    // transpile the browser modules and build the bundles now rather than on the first page load
    for (const path of await app.modules.paths()) await app.modules.get(path);
    for (const name of ["scenario-client.js", "scenario-view.js"])
      await app.bundles?.get(name).catch((error: unknown) => {
        say(`walab server: bundle ${name} failed: ${(error as Error).message.split("\n")[0]}`);
      });
    if (options.warm === false) return;
    const names = Array.isArray(options.warm)
      ? options.warm
      : await app.service.list().then((list) => list.map((s) => s.name));
    for (const name of names) {
      const started = performance.now();
      try {
        const {cached} = await app.service.run(name, {}, {background: true});
        await app.request(`/scenarios/${name}`); // draws the page's charts once, now
        say(
          `walab server: ${name} ${cached ? "cached" : `ran in ${((performance.now() - started) / 1000).toFixed(1)} s`}`,
        );
      } catch (error) {
        say(`walab server: ${name} failed: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    if (names.length > 0) say(`walab server: ${names.length} scenarios ready at ${url}`);
    const grids =
      options.grid === false
        ? []
        : Array.isArray(options.grid)
          ? options.grid
          : names.includes(DEFAULT_SCENARIO)
            ? [DEFAULT_SCENARIO]
            : [];
    for (const name of grids) {
      const started = performance.now();
      const grid = leverGrid();
      let failed = 0;
      for (const overrides of grid) {
        try {
          await app.service.run(name, overrides, {background: true});
        } catch {
          failed++; // e.g. a pricing edition whose cards lack a rate the scenario needs (422)
        }
      }
      say(
        `walab server: ${name} lever grid ready (${grid.length - failed} runs, ${failed} refused, in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
  })();
  return {
    url,
    app,
    warmed,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await app.pool.close();
    },
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
  const list = (value: string | undefined) =>
    value === "none" ? false : value?.split(",").filter((s) => s !== "");
  const warm = list(process.env.WALAB_WARM);
  const grid = list(process.env.WALAB_GRID);
  const running = await startNodeServer({
    port,
    warm: warm === undefined || (Array.isArray(warm) && warm.length === 0) ? true : warm,
    grid: grid === undefined || (Array.isArray(grid) && grid.length === 0) ? true : grid,
  });
  const stop = () => void running.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
