/**
 * The Deno entry of the walab server:
 *   deno run --allow-read --allow-net=127.0.0.1 --allow-env --allow-run --allow-sys server/deno.ts
 * Injects Deno's file access (confined to scenarios/ and the asset folders, symlinks resolved),
 * esbuild for the browser modules and the engine's scenario runner on worker threads into the
 * runtime-agnostic app, serves it with Deno.serve on 127.0.0.1:$PORT (default 8787), prints the
 * URL and warms the cache with every scenario's default run, one at a time.
 */
import * as esbuild from "esbuild";
import {readShippedData} from "../io/index.ts";
import {createApp} from "./app.ts";
import {confinedPath} from "./api/confined-path.ts";
import type {ScenarioFiles} from "./api/scenario-service.ts";
import {SCENARIO_NAME} from "./api/schemas.ts";
import {createEngineRunner} from "./queue/engine-runner.ts";
import {DEFAULT_SCENARIO, leverGrid} from "./pages/levers.ts";
import {createPoolExecutor} from "./queue/pool-executor.ts";
import {createThreadPool} from "./queue/thread-pool.ts";
import type {QuoteResult} from "./quote/index.ts";
import {VENDOR_FILES} from "./routes/asset-routes.ts";
import {BROWSER_SOURCE_ROOTS} from "./routes/browser-modules.ts";
import type {ReadAsset} from "./routes/browser-modules.ts";

/** The subset of the Deno namespace this adapter uses (typed here so tsc needs no Deno types). */
interface DenoApi {
  realPath(path: string): Promise<string>;
  lstat(path: string): Promise<{isFile: boolean}>;
  readFile(path: string): Promise<Uint8Array>;
  readDir(path: string): AsyncIterable<{name: string; isFile: boolean; isSymlink: boolean}>;
  env: {get(name: string): string | undefined};
  serve(
    options: {
      hostname: string;
      port: number;
      onListen?: (addr: {hostname: string; port: number}) => void;
    },
    handler: (request: Request) => Response | Promise<Response>,
  ): {finished: Promise<void>};
}

const Deno = (globalThis as unknown as {Deno: DenoApi}).Deno;
const ROOT = decodeURIComponent(new URL("../", import.meta.url).pathname).replace(/\/$/, "");
const ASSET_ROOTS = [
  "server/public/",
  ...BROWSER_SOURCE_ROOTS,
  ...new Set(Object.values(VENDOR_FILES).map((p) => p.slice(0, p.lastIndexOf("/") + 1))),
];

/** A reader confined to `dirs` of the project: checked path, real path inside the real folder, regular files only. */
function confinedReader(dirs: readonly string[]): ReadAsset {
  return async (path) => {
    const checked = confinedPath(path, dirs);
    if (checked === undefined) return undefined;
    try {
      const inside = await Deno.realPath(`${ROOT}/${checked.dir}`);
      const real = await Deno.realPath(`${ROOT}/${checked.segments.join("/")}`);
      if (!real.startsWith(`${inside}/`) || !(await Deno.lstat(real)).isFile) return undefined;
      return await Deno.readFile(real);
    } catch {
      return undefined;
    }
  };
}

const readScenario = confinedReader(["scenarios/"]);
const decoder = new TextDecoder();
const text = async (path: string) => {
  const bytes = await readScenario(path);
  return bytes === undefined ? undefined : decoder.decode(bytes);
};
const scenarios: ScenarioFiles = {
  async list() {
    const names: string[] = [];
    for await (const entry of Deno.readDir(`${ROOT}/scenarios`)) {
      const name = entry.name.slice(0, -5);
      if (
        entry.name.endsWith(".yaml") &&
        SCENARIO_NAME.test(name) &&
        (entry.isFile || entry.isSymlink)
      )
        names.push(name);
    }
    return names.sort();
  },
  read: (name) =>
    SCENARIO_NAME.test(name) ? text(`scenarios/${name}.yaml`) : Promise.resolve(undefined),
  readRelative: (path) => text(`scenarios/${path.replace(/^\.\//, "")}`),
};

const rateCards = readShippedData();
const numberingPlans = decoder.decode(
  await Deno.readFile(`${ROOT}/models/traffic/numbering-plans.csv`),
);
const pool = createThreadPool({size: 2, data: {rateCards, numberingPlans}});
const app = createApp({
  scenarios,
  readAsset: confinedReader(ASSET_ROOTS),
  transpile: async (source, path) =>
    (
      await esbuild.transform(source, {
        loader: "ts",
        format: "esm",
        target: "es2022",
        sourcefile: path,
        tsconfigRaw: {compilerOptions: {verbatimModuleSyntax: true}},
      })
    ).code,
  runner: createEngineRunner({
    rateCards,
    numberingPlans,
    files: scenarios,
    execute: createPoolExecutor({pool}),
  }),
  quoteData: {rateCards, numberingPlansCsv: numberingPlans},
  quote: (request, signal) => pool.submit<QuoteResult>({kind: "quote", request}, {signal}),
  threadStats: () => pool.stats(),
});

const port = Number(Deno.env.get("PORT") ?? 8787);
const host = "127.0.0.1";
Deno.serve(
  {
    hostname: host,
    port,
    onListen: (addr) => console.log(`walab server: http://${addr.hostname}:${addr.port}/`),
  },
  app.fetch,
);

for (const path of await app.modules.paths()) await app.modules.get(path);
// WALAB_WARM: unset = every scenario, "none" = none, or a comma-separated list of names
const warm = Deno.env.get("WALAB_WARM");
if (warm !== "none") {
  const names =
    warm === undefined || warm === ""
      ? (await app.service.list()).map((s) => s.name)
      : warm.split(",").filter((n) => n !== "");
  for (const name of names) {
    const started = performance.now();
    try {
      const {cached} = await app.service.run(name, {}, {background: true});
      console.log(
        `walab server: ${name} ${cached ? "cached" : `ran in ${((performance.now() - started) / 1000).toFixed(1)} s`}`,
      );
    } catch (error) {
      console.log(`walab server: ${name} failed: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  if (names.length > 0) console.log(`walab server: ${names.length} scenarios ready`);
  // WALAB_GRID: as in server/node.ts, every run one lever change away, by default for
  // DEFAULT_SCENARIO when it is warmed
  const gridEnv = Deno.env.get("WALAB_GRID");
  const grids =
    gridEnv === "none"
      ? []
      : gridEnv !== undefined && gridEnv !== ""
        ? gridEnv.split(",").filter((n) => n !== "")
        : names.includes(DEFAULT_SCENARIO)
          ? [DEFAULT_SCENARIO]
          : [];
  for (const name of grids) {
    const started = performance.now();
    let failed = 0;
    const grid = leverGrid();
    for (const overrides of grid) {
      await app.service.run(name, overrides, {background: true}).catch(() => failed++);
    }
    console.log(
      `walab server: ${name} lever grid ready (${grid.length - failed} runs, ${failed} refused, in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
}
