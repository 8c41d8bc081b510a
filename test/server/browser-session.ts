import {mkdirSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {serve} from "@hono/node-server";
import {chromium} from "playwright-core";
import type {BrowserContext} from "playwright-core";

/** Debian's chromium, as `.ci/run` installs it. */
export const CHROMIUM = "/usr/bin/chromium";
/** Where the browser tests save their screenshots. */
export const OUT = "test-output/server";
/** The flags issue 5 asks for, and no QUIC (loopback only). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** An app served on a free loopback port and a headless chromium with a fresh profile. */
export interface BrowserSession {
  base: string;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Serves `fetch` on 127.0.0.1 and launches chromium on a temporary profile. */
export async function startBrowserSession(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<BrowserSession> {
  mkdirSync(OUT, {recursive: true});
  const server = await new Promise<ReturnType<typeof serve>>((ready) => {
    const s = serve({fetch, port: 0, hostname: "127.0.0.1"}, () => ready(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  const profile = mkdtempSync(join(tmpdir(), "walab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: {width: 1280, height: 900},
    args: CHROMIUM_ARGS,
  });
  return {
    base,
    context,
    async close() {
      await context.close();
      await new Promise<void>((done) => server.close(() => done()));
      rmSync(profile, {recursive: true, force: true});
    },
  };
}
