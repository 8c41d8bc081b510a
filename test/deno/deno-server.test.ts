// The server under Deno (`server/deno.ts`, as `deno task start` runs it): it starts, prints its
// URL and serves the scenario list page and the JSON API, like the Node server.
import {spawn} from "node:child_process";
import {describe, expect, it} from "vitest";
import {DENO_BIN, hasDeno} from "./parity.ts";

const DENO = hasDeno();
const PROJECT = new URL("../../", import.meta.url).pathname;

describe.runIf(DENO)("server/deno.ts", () => {
  it("deno run server/deno.ts serves the scenario list page and /api/scenarios on 127.0.0.1", async () => {
    const port = 18_000 + (process.pid % 1000);
    const child = spawn(
      DENO_BIN,
      [
        "run",
        "--quiet",
        "--no-prompt",
        "--allow-read",
        "--allow-net=127.0.0.1",
        "--allow-env",
        "--allow-run",
        "--allow-sys",
        "server/deno.ts",
      ],
      {
        cwd: PROJECT,
        env: {...process.env, PORT: String(port), WALAB_WARM: "none"},
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = "";
        const timer = setTimeout(() => reject(new Error(`no URL within 30 s: ${output}`)), 30_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /walab server: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
          if (match !== null) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.on("exit", (code) => reject(new Error(`deno exited ${code}: ${output}`)));
      });
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("ecommerce-br-pricing-models");
      const api = await fetch(`${url}api/scenarios`);
      expect(api.status).toBe(200);
      const body = (await api.json()) as {scenarios: {name: string}[]};
      expect(body.scenarios.length).toBeGreaterThanOrEqual(6);
    } finally {
      child.kill("SIGTERM");
    }
  }, 60_000);
});

if (!DENO) {
  describe("server/deno.ts", () => {
    it.skip(`SKIPPED: no deno binary at ${DENO_BIN}; run npm install (devDependency deno)`, () => {});
  });
}
