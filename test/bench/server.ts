/**
 * Benchmark of the server (issue 5): `npm start`'s path in a child process on 127.0.0.1 with the
 * real engine, the default scenario's first page load and re-plots in Debian's chromium, and the
 * requests/s of the cached results endpoint under a bounded loopback load, next to /api/health
 * as the same-run baseline (the ratio holds across machines, the absolute figure drifts).
 * The re-plots are measured after the server has warmed the default scenario's lever grid (every
 * run one lever change away): one change of each lever (`replot_lever_max_ms` is the slowest),
 * back to a cached run, and a change of two levers at once, which no warming covers: the time to
 * its preview (the exact first replications) and to the whole run.
 *
 *   node bin/run-typescript.js test/bench/server.ts [--json] [--quick]
 */
import {spawn} from "node:child_process";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {chromium} from "playwright-core";
import {CHROMIUM, CHROMIUM_ARGS} from "../server/browser-session.ts";

/** The scenario the README's `npm start` opens first. */
export const DEFAULT_SCENARIO = "ecommerce-br-pricing-models";

/** Starts `npm start`'s `node bin/run-typescript.js server/node.ts` on a free port; resolves with its URL and a stop. */
async function startServer(): Promise<{
  url: string;
  ready: Promise<number>;
  gridReady: Promise<number>;
  startMs: number;
  stop(): void;
}> {
  const started = performance.now();
  const child = spawn(process.execPath, ["bin/run-typescript.js", "server/node.ts"], {
    env: {...process.env, PORT: "0", WALAB_WARM: DEFAULT_SCENARIO},
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  let resolveReady: (ms: number) => void = () => {};
  const ready = new Promise<number>((resolve) => (resolveReady = resolve));
  let resolveGrid: (ms: number) => void = () => {};
  const gridReady = new Promise<number>((resolve) => (resolveGrid = resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /walab server: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(output);
      if (match !== null) resolve(match[1]!);
      if (/scenarios ready at|failed:/.test(output)) resolveReady(performance.now());
      if (/lever grid ready/.test(output)) resolveGrid(performance.now());
      // WALAB_GRID=none (a quick look at the page alone): no grid, the lever figures are runs
      if (process.env.WALAB_GRID === "none" && /scenarios ready at/.test(output))
        resolveGrid(performance.now());
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    url,
    ready,
    gridReady,
    startMs: performance.now() - started,
    stop: () => child.kill("SIGTERM"),
  };
}

/** Requests/s of GET `url` with `connections` concurrent loops, stopping at `count` requests or `maxMs`. */
async function loadTest(
  url: string,
  {connections = 16, count = 4000, maxMs = 10_000} = {},
): Promise<{rps: number; requests: number; failures: number}> {
  let sent = 0;
  let failures = 0;
  const started = performance.now();
  const loop = async () => {
    while (sent < count && performance.now() - started < maxMs) {
      sent++;
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({length: connections}, loop));
  return {rps: (sent / (performance.now() - started)) * 1000, requests: sent, failures};
}

/**
 * Runs the server benchmark and returns its figures (ms, requests/s, bytes). Browser figures are
 * NaN when /usr/bin/chromium is missing.
 * @example await benchServer() // => {server_start_ms: 900, server_warm_run_ms: 5400, page_first_load_ms: 310, ...}
 */
export async function benchServer({quick = false}: {quick?: boolean} = {}): Promise<
  Record<string, number>
> {
  const figures: Record<string, number> = {};
  const server = await startServer();
  try {
    figures.server_start_ms = server.startMs;
    const warmStarted = performance.now();
    figures.server_warm_run_ms = (await server.ready) - warmStarted;
    const run = await fetch(new URL(`api/scenarios/${DEFAULT_SCENARIO}/runs`, server.url), {
      method: "POST",
      headers: {"content-type": "application/json"},
      body: "{}",
    });
    const {key, cached} = (await run.json()) as {key: string; cached: boolean};
    if (!cached) throw new Error("the default scenario was not cached by the warm-up");

    const gridStarted = performance.now();
    figures.server_grid_warm_ms = (await server.gridReady) - gridStarted;
    if (process.env.WALAB_GRID === "none") figures.server_grid_warm_ms = NaN;

    for (const name of [
      "page_first_load_ms",
      "page_plot_ready_ms",
      "page_load_cached_assets_ms",
      "replot_lever_max_ms",
      "replot_cached_ms",
      "replot_preview_ms",
      "replot_full_run_ms",
    ])
      figures[name] = NaN;
    if (existsSync(CHROMIUM)) {
      const profile = mkdtempSync(join(tmpdir(), "walab-bench-chromium-"));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: {width: 1280, height: 900},
        args: CHROMIUM_ARGS,
      });
      try {
        const pageUrl = new URL(`scenarios/${DEFAULT_SCENARIO}`, server.url).href;
        const shown = 'body[data-status=ready] section.chart[data-chart="daily-cost"] svg';
        const page = await context.newPage();
        let t = performance.now();
        await page.goto(pageUrl);
        await page.waitForSelector(shown, {timeout: 60_000});
        figures.page_first_load_ms = performance.now() - t;
        await page.waitForSelector("body[data-plot=ready]", {timeout: 60_000});
        figures.page_plot_ready_ms = performance.now() - t;
        // the same page again in a new tab: the page's assets now come from the browser's cache
        const again = await context.newPage();
        t = performance.now();
        await again.goto(pageUrl);
        await again.waitForSelector(shown, {timeout: 60_000});
        figures.page_load_cached_assets_ms = performance.now() - t;
        await again.close();

        const svgNow = () =>
          page.locator('section.chart[data-chart="daily-cost"] .plot').innerHTML();
        /** Sets controls as a user releasing them would; ms to the first re-plot and to "ready". */
        const change = async (values: Record<string, string>, query: Record<string, string>) => {
          const before = await svgNow();
          const started = performance.now();
          await page.evaluate((entries) => {
            for (const [name, value] of entries) {
              const control = document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
              control.value = value;
            }
            const last = document.querySelector(`[name="${entries.at(-1)![0]}"]`)!;
            last.dispatchEvent(new Event("change", {bubbles: true}));
          }, Object.entries(values));
          const wants = (status: string) =>
            page.waitForFunction(
              ([want, statuses]) => {
                const params = new URL(location.href).searchParams;
                return (
                  (statuses as string[]).includes(document.body.dataset.status ?? "") &&
                  Object.entries(want as Record<string, string>).every(
                    ([k, v]) => params.get(k) === (v === "" ? null : v),
                  )
                );
              },
              [query, status === "ready" ? ["ready"] : ["preview", "ready"]] as const,
              {timeout: 180_000, polling: 10},
            );
          await wants("first");
          const firstMs = performance.now() - started;
          await wants("ready");
          const readyMs = performance.now() - started;
          if ((await svgNow()) === before)
            throw new Error(`no re-plot for ${JSON.stringify(values)}`);
          if (process.env.WALAB_BENCH_DEBUG !== undefined)
            console.error(
              `${JSON.stringify(values)}: first ${firstMs.toFixed(0)} ms, ready ${readyMs.toFixed(0)} ms, ${await page.locator("#status").textContent()}`,
            );
          return {firstMs, readyMs};
        };
        // one lever at a time from the scenario's own values, back to them after each
        const reset = {
          volumeScale: "",
          pricing: "",
          adEntryShare: "",
          replyLatencyScale: "",
          marketingCapPerWeek: "",
          replications: "",
        };
        const home = {
          volumeScale: "0",
          pricing: "",
          adEntryShare: "-0.05",
          replyLatencyScale: "0",
          marketingCapPerWeek: "",
          replications: "",
        };
        const levers: [Record<string, string>, Record<string, string>][] = [
          [{volumeScale: "1"}, {volumeScale: "2"}],
          [{pricing: "pmp-2026-10"}, {pricing: "pmp-2026-10"}],
          [{adEntryShare: "0.3"}, {adEntryShare: "0.3"}],
          [{replyLatencyScale: "-1"}, {replyLatencyScale: "0.5"}],
          [{marketingCapPerWeek: "1"}, {marketingCapPerWeek: "1"}],
          [{replications: "20"}, {replications: "20"}],
          [{volumeScale: "2"}, {volumeScale: "4"}],
        ];
        let slowest = 0;
        let cached = 0;
        for (const [values, query] of levers) {
          const {readyMs} = await change({...home, ...values}, {...reset, ...query});
          slowest = Math.max(slowest, readyMs);
          cached = Math.max(cached, (await change(home, reset)).readyMs);
        }
        figures.replot_lever_max_ms = slowest;
        figures.replot_cached_ms = cached;
        // two levers at once: no warming covers it, a run on the engine (preview, then the whole run)
        const two = await change(
          {...home, volumeScale: "0.75", adEntryShare: "0.45"},
          {...reset, volumeScale: "1.68179", adEntryShare: "0.45"},
        );
        figures.replot_preview_ms = two.firstMs;
        figures.replot_full_run_ms = two.readyMs;
      } finally {
        await context.close();
        rmSync(profile, {recursive: true, force: true});
      }
    }

    const resultUrl = new URL(`api/results/${key}`, server.url).href;
    figures.results_bytes = (await (await fetch(resultUrl)).arrayBuffer()).byteLength;
    const count = quick ? 1000 : 5000;
    await loadTest(resultUrl, {count: 200}); // warm-up
    const results = await loadTest(resultUrl, {count});
    const health = await loadTest(new URL("api/health", server.url).href, {count});
    figures.results_rps = results.rps;
    figures.health_rps = health.rps;
    figures.results_vs_health = results.rps / health.rps;
    figures.load_failures = results.failures + health.failures;
  } finally {
    server.stop();
  }
  return figures;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = new Set(process.argv.slice(2));
  const figures = await benchServer({quick: args.has("--quick")});
  if (args.has("--json")) process.stdout.write(JSON.stringify(figures) + "\n");
  else {
    const rows = Object.entries(figures).map(
      ([name, value]) => `${name.padEnd(24)} ${Number.isInteger(value) ? value : value.toFixed(2)}`,
    );
    process.stdout.write(`walab server benchmark\n${rows.join("\n")}\n`);
  }
}
