/**
 * The walab server as a runtime-agnostic Hono app (Web Request/Response only). Runtime I/O comes
 * in through `AppDeps`: the Node and Deno adapters (server/node.ts, server/deno.ts) inject file
 * access confined to scenarios/ and the asset folders, a transpiler for the browser modules and
 * the scenario runner. Routes parse, validate, call the engine through the service and format.
 */
import * as Plot from "@observablehq/plot";
import {Hono} from "hono";
import {compileBillingData} from "../engine/index.ts";
import {loadNumberingPlans} from "../models/traffic/index.ts";
import {errorAnswer} from "./api/error-body.ts";
import {openApiDocument} from "./api/openapi.ts";
import {createScenarioService} from "./api/scenario-service.ts";
import type {ScenarioFiles, ScenarioRunner, ScenarioService} from "./api/scenario-service.ts";
import {escapeHtml, renderPage} from "./pages/html.ts";
import type {QuoteFormOptions} from "./pages/quote-page.ts";
import {createRunQueue} from "./queue/run-queue.ts";
import type {RunQueue} from "./queue/run-queue.ts";
import {createQuoter} from "./quote/index.ts";
import type {QuoteResult, QuoterData} from "./quote/index.ts";
import type {QuoteRequest} from "./api/schemas.ts";
import {apiRoutes} from "./routes/api-routes.ts";
import {assetRoutes} from "./routes/asset-routes.ts";
import {createBrowserModules} from "./routes/browser-modules.ts";
import type {BrowserModules, ReadAsset, Transpile} from "./routes/browser-modules.ts";
import {createBrowserBundles} from "./routes/browser-bundles.ts";
import type {Bundle, BrowserBundles} from "./routes/browser-bundles.ts";
import {pageRoutes} from "./routes/page-routes.ts";

/** Limits of the app; every one has a default. */
export interface AppOptions {
  /** Scenario runs at once (default 1), waiting (default 4), and each run's limit in ms (default 180 000). */
  concurrency?: number;
  maxQueued?: number;
  timeoutMs?: number;
  /** Quotes at once (default 1), waiting (default 8), limit in ms (default 30 000). */
  quoteConcurrency?: number;
  quoteMaxQueued?: number;
  quoteTimeoutMs?: number;
  /** Largest request body in bytes (default 16 384). */
  bodyLimitBytes?: number;
  /** Results kept in memory (default 64). */
  cacheEntries?: number;
}

/** What the runtime adapter injects. */
export interface AppDeps {
  /** scenarios/*.yaml, confined to that folder. */
  scenarios: ScenarioFiles;
  /** Project files under the asset roots (server/public, the browser modules' folders, Plot and d3 in node_modules), confined to them. */
  readAsset: ReadAsset;
  /** TypeScript → JavaScript for the browser modules. */
  transpile: Transpile;
  /** Bundles the scenario page's scripts (optional: without it, the page loads modules one by one). */
  bundle?: Bundle;
  runner: ScenarioRunner;
  /** Rate cards and numbering plans for the quick quote. */
  quoteData: QuoterData;
  /**
   * Where a quote is billed (e.g. a worker thread; default: this thread, with `quoteData`). The
   * quote queue bounds it either way; the signal aborts when the quote times out.
   */
  quote?: (request: QuoteRequest, signal: AbortSignal) => Promise<QuoteResult>;
  /** Counters of the threads runs and quotes execute on, for /api/health. */
  threadStats?: () => unknown;
  options?: AppOptions;
  /** Where unexpected errors are reported (default: console.error). */
  log?: (message: string, error: unknown) => void;
}

/** The app with the parts adapters and tests reach for. */
export type WalabApp = Hono & {
  service: ScenarioService;
  queue: RunQueue;
  quoteQueue: RunQueue;
  modules: BrowserModules;
  /** The scenario page's bundles, when the adapter can bundle. */
  bundles: BrowserBundles | undefined;
};

/**
 * Creates the walab app: pages at `/`, `/scenarios/{name}`, `/scenarios/{name}/compare` and
 * `/quote`; the JSON API under `/api`; `/openapi.json`; static files under `/assets`, `/vendor`,
 * `/modules` and `/bundles`. Every error becomes a JSON answer (an HTML page for page routes); nothing a
 * client sends can crash the server.
 * @example const app = createApp(deps); (await app.request("/api/scenarios")).status // => 200
 */
export function createApp(deps: AppDeps): WalabApp {
  const options = deps.options ?? {};
  const log = deps.log ?? ((message, error) => console.error(message, error));
  const queue = createRunQueue({
    concurrency: options.concurrency ?? 1,
    maxQueued: options.maxQueued ?? 4,
    timeoutMs: options.timeoutMs ?? 180_000,
  });
  const quoteQueue = createRunQueue({
    concurrency: options.quoteConcurrency ?? 1,
    maxQueued: options.quoteMaxQueued ?? 8,
    timeoutMs: options.quoteTimeoutMs ?? 30_000,
    expectedRunMs: 500,
  });
  const service = createScenarioService({
    files: deps.scenarios,
    runner: deps.runner,
    queue,
    cacheEntries: options.cacheEntries,
  });
  const modules = createBrowserModules(deps.readAsset, deps.transpile);
  const bundles = deps.bundle === undefined ? undefined : createBrowserBundles(deps.bundle);
  // the scenario page carries its stylesheet and script (read once; a failure links them)
  let inline: Promise<{style?: string; script?: string}> | undefined;
  const inlineAssets = () =>
    (inline ??= Promise.all([
      deps
        .readAsset("server/public/style.css")
        .then((bytes) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes))),
      bundles?.get("scenario-client.js").then((file) => file?.js),
    ]).then(
      ([style, script]) => ({
        ...(style === undefined ? {} : {style}),
        ...(script === undefined ? {} : {script}),
      }),
      () => {
        inline = undefined;
        return {};
      },
    ));
  let quoteOptions: QuoteFormOptions | undefined;
  const quoteFormOptions = (): QuoteFormOptions =>
    (quoteOptions ??= {
      countries: [
        ...loadNumberingPlans(
          deps.quoteData.numberingPlansCsv,
          "models/traffic/numbering-plans.csv",
        ).values(),
      ]
        .map((p) => ({iso2: p.iso2, name: p.country}))
        .sort((a, b) => a.name.localeCompare(b.name)),
      rateEditions: [
        ...new Set(
          compileBillingData(deps.quoteData.rateCards).cards.rates.map((e) => e.effective),
        ),
      ],
    });
  const openApi = JSON.stringify(openApiDocument());

  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.res.headers.set("x-content-type-options", "nosniff");
    c.res.headers.set("x-frame-options", "DENY");
    c.res.headers.set("referrer-policy", "no-referrer");
  });
  app.onError((error, c) => {
    const answer = errorAnswer(error);
    if (answer.status >= 500 && answer.status !== 504)
      log(`walab server: ${c.req.method} ${new URL(c.req.url).pathname}`, error);
    if (wantsHtml(c.req.raw)) {
      const body = `<h1>${answer.status}</h1><p class="error">${escapeHtml(answer.body.error)}</p><p><a href="/">Back to the scenarios</a></p>`;
      return c.html(
        renderPage({title: `Error ${answer.status}`, nav: "none", body}),
        answer.status as 400,
        answer.headers,
      );
    }
    return c.json(answer.body, answer.status as 400, answer.headers);
  });
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const message = `no route ${c.req.method} ${path.slice(0, 200)}`;
    if (wantsHtml(c.req.raw))
      return c.html(
        renderPage({
          title: "Not found",
          nav: "none",
          body: `<h1>Not found</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the scenarios</a></p>`,
        }),
        404,
      );
    return c.json({error: message, status: 404}, 404);
  });

  app.get("/openapi.json", (c) =>
    c.body(openApi, 200, {"content-type": "application/json; charset=utf-8"}),
  );
  app.route(
    "/api",
    apiRoutes({
      service,
      queue,
      quoteQueue,
      quote: deps.quote ?? inThreadQuote(deps.quoteData),
      threadStats: deps.threadStats,
      quoteOptions: {
        get countries() {
          return quoteFormOptions().countries;
        },
        get rateEditions() {
          return quoteFormOptions().rateEditions;
        },
      },
      bodyLimitBytes: options.bodyLimitBytes ?? 16_384,
    }),
  );
  app.route(
    "/",
    assetRoutes({read: deps.readAsset, modules, bundles, plotNames: Object.keys(Plot)}),
  );
  app.route(
    "/",
    pageRoutes({
      service,
      modules,
      bundled: bundles !== undefined,
      inline: inlineAssets,
      quoteOptions: quoteFormOptions,
    }),
  );
  return Object.assign(app, {service, queue, quoteQueue, modules, bundles});
}

/** Quotes billed on this thread (the quoter is made on the first quote). */
function inThreadQuote(
  data: QuoterData,
): (request: QuoteRequest, signal: AbortSignal) => Promise<QuoteResult> {
  let quoter: ReturnType<typeof createQuoter> | undefined;
  return async (request) => (quoter ??= createQuoter(data)).quote(request);
}

/** Whether an error should be answered as an HTML page: a page route asked for by a browser. */
function wantsHtml(request: Request): boolean {
  const path = new URL(request.url).pathname;
  if (/^\/(api|modules|vendor|assets)\//.test(path) || path === "/openapi.json") return false;
  return (request.headers.get("accept") ?? "").includes("text/html");
}
