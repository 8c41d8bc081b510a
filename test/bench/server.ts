/**
 * Benchmark of the server (issue 5): `npm start`'s path in a child process on 127.0.0.1 with the
 * real engine, the default scenario's first page load and re-plots in Debian's chromium, and the
 * requests/s of the cached results endpoint under a bounded loopback load, next to /api/health
 * as the same-run baseline (the ratio holds across machines, the absolute figure drifts).
 *
 *   node --import tsx test/bench/server.ts [--json] [--quick]
 */
import {spawn} from "node:child_process";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {chromium} from "playwright-core";

/** The scenario the README's `npm start` opens first. */
export const DEFAULT_SCENARIO = "ecommerce-br-pricing-models";
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Starts `node --import tsx server/node.ts` on a free port; resolves with its URL and a stop. */
async function startServer(): Promise<{
  url: string;
  ready: Promise<number>;
  startMs: number;
  stop(): void;
}> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/node.ts"], {
    env: {...process.env, PORT: "0", WALAB_WARM: DEFAULT_SCENARIO},
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  let resolveReady: (ms: number) => void = () => {};
  const ready = new Promise<number>((resolve) => (resolveReady = resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /walab server: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(output);
      if (match !== null) resolve(match[1]!);
      if (/scenarios ready at|failed:/.test(output)) resolveReady(performance.now());
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {url, ready, startMs: performance.now() - started, stop: () => child.kill("SIGTERM")};
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

    figures.page_first_load_ms = NaN;
    figures.page_load_cached_assets_ms = NaN;
    figures.replot_fresh_run_ms = NaN;
    figures.replot_cached_ms = NaN;
    if (existsSync(CHROMIUM)) {
      const profile = mkdtempSync(join(tmpdir(), "walab-bench-chromium-"));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: {width: 1280, height: 900},
        args: CHROMIUM_ARGS,
      });
      try {
        const page = await context.newPage();
        let t = performance.now();
        await page.goto(new URL(`scenarios/${DEFAULT_SCENARIO}`, server.url).href);
        await page.waitForSelector(
          'body[data-status=ready] section.chart[data-chart="daily-cost"] svg',
          {timeout: 60_000},
        );
        figures.page_first_load_ms = performance.now() - t;
        // the same page again in a new tab: Plot and d3 now come from the browser's cache
        const again = await context.newPage();
        t = performance.now();
        await again.goto(new URL(`scenarios/${DEFAULT_SCENARIO}`, server.url).href);
        await again.waitForSelector(
          'body[data-status=ready] section.chart[data-chart="daily-cost"] svg',
          {timeout: 60_000},
        );
        figures.page_load_cached_assets_ms = performance.now() - t;
        await again.close();
        const setVolume = async (log2: string, expected: string | null) => {
          const started = performance.now();
          await page
            .locator('input[name="volumeScale"]')
            .evaluate((input: HTMLInputElement, value) => {
              input.value = value;
              input.dispatchEvent(new Event("change", {bubbles: true}));
            }, log2);
          await page.waitForFunction(
            (want) =>
              document.body.dataset.status === "ready" &&
              new URL(location.href).searchParams.get("volumeScale") === want,
            expected,
            {timeout: 180_000, polling: 10},
          );
          const ms = performance.now() - started;
          if (process.env.WALAB_BENCH_DEBUG !== undefined)
            console.error(
              `volume ${log2}: ${ms.toFixed(0)} ms, ${await page.locator("#status").textContent()}`,
            );
          return ms;
        };
        figures.replot_fresh_run_ms = await setVolume("1", "2"); // x2: a new run on the engine, then the redraw
        figures.replot_cached_ms = await setVolume("0", null); // back to x1: from the cache, then the redraw
        t = performance.now();
        await setVolume("1", "2"); // x2 again: cached too
        figures.replot_cached_again_ms = performance.now() - t;
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
