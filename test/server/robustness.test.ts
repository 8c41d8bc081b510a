import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {readShippedData} from "../../io/index.ts";
import {createApp} from "../../server/app.ts";
import {
  createConfinedReader,
  createNodeScenarioFiles,
  esbuildTranspile,
} from "../../server/node.ts";
import {createFakeRunner, createTestApp, NUMBERING_PLANS, postJson} from "./server-support.ts";

const RUNS = "/api/scenarios/shop-five-markets/runs";

describe("bad requests", () => {
  it("POST runs with a body that is not JSON answers 400", async () => {
    const {app} = createTestApp();
    const response = await postJson(app, RUNS, "{overrides: ");
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^invalid JSON body/);
  });

  it("POST runs with a non-JSON content type answers 400", async () => {
    const {app} = createTestApp();
    const response = await app.request(RUNS, {
      method: "POST",
      headers: {"content-type": "text/plain"},
      body: "{}",
    });
    expect(response.status).toBe(400);
  });

  it("POST runs with bad overrides answers 422 naming every field path", async () => {
    const {app, fake} = createTestApp();
    const response = await postJson(app, RUNS, {
      overrides: {
        volumeScale: 99,
        adEntryShare: "lots",
        pricing: "free",
        bogus: 1,
        replications: 1.5,
      },
    });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.problems.map((p: {path: string}) => p.path).sort()).toEqual([
      "overrides.adEntryShare",
      "overrides.bogus",
      "overrides.pricing",
      "overrides.replications",
      "overrides.volumeScale",
    ]);
    expect(fake.calls).toHaveLength(0);
  });

  it("POST runs whose overrides the engine rejects answers 422 with the engine's path", async () => {
    const {app} = createTestApp({scenarios: {"input-error": "name: input-error\n"}});
    const response = await postJson(app, "/api/scenarios/input-error/runs", {});
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.problems).toEqual([
      {
        path: "scenarios/input-error.yaml#/strategies/0/pricing",
        message:
          'unknown pricing model at scenarios/input-error.yaml#/strategies/0/pricing: "nope"',
      },
    ]);
  });

  it("POST /api/quote with bad fields answers 422 with their paths", async () => {
    const {app} = createTestApp();
    const response = await postJson(app, "/api/quote", {
      country: "Brazil",
      month: "2026-13",
      volumes: {marketing: -1, utility: 2_000_000, authentication: 1},
      extra: true,
    });
    expect(response.status).toBe(422);
    const paths = (await response.json()).problems.map((p: {path: string}) => p.path).sort();
    expect(paths).toEqual(["country", "extra", "month", "volumes.marketing"]);
    const tooMany = await postJson(app, "/api/quote", {
      country: "BR",
      month: "2026-11",
      volumes: {marketing: 2_000_000, utility: 1},
    });
    expect((await tooMany.json()).problems).toEqual([
      {path: "volumes", message: "too many messages: 2000001 (expected at most 2000000 in total)"},
    ]);
    const noPlan = await postJson(app, "/api/quote", {
      country: "ZZ",
      month: "2026-11",
      volumes: {},
    });
    expect(noPlan.status).toBe(422);
    expect((await noPlan.json()).problems[0].path).toBe("country");
    const noModel = await postJson(app, "/api/quote", {
      country: "BR",
      month: "2021-05",
      volumes: {marketing: 1},
    });
    expect(noModel.status).toBe(422);
  });

  it("an unknown scenario answers 404 and a malformed name 400", async () => {
    const {app} = createTestApp();
    expect((await postJson(app, "/api/scenarios/nope/runs", {})).status).toBe(404);
    expect((await app.request("/api/scenarios/Nope!")).status).toBe(400);
    expect((await app.request("/api/results/xyz")).status).toBe(422);
  });

  it("a body over the limit answers 413, with or without Content-Length", async () => {
    const {app, fake} = createTestApp({app: {bodyLimitBytes: 1024}});
    const big = JSON.stringify({overrides: {}, pad: "x".repeat(4096)});
    const declared = await postJson(app, RUNS, big, {"content-length": String(big.length)});
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatch(/too large/);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let k = 0; k < 8; k++) controller.enqueue(new TextEncoder().encode("x".repeat(512)));
        controller.close();
      },
    });
    const chunked = await app.request(RUNS, {
      method: "POST",
      headers: {"content-type": "application/json"},
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await postJson(app, "/api/quote", big)).status).toBe(413);
    expect(fake.calls).toHaveLength(0);
  });
});

describe("bounded runs", () => {
  it("a full queue answers 429 with Retry-After, and takes runs again once the slot is free", async () => {
    const fake = createFakeRunner({hang: true});
    const {app} = createTestApp({fake, app: {concurrency: 1, maxQueued: 1, timeoutMs: 300}});
    const running = postJson(app, RUNS, {overrides: {volumeScale: 1.5}});
    const queued = postJson(app, RUNS, {overrides: {volumeScale: 2}});
    await new Promise((r) => setTimeout(r, 20));
    const refused = await postJson(app, RUNS, {overrides: {volumeScale: 3}});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error).toMatch(/too many runs queued/);
    expect(app.queue.stats()).toMatchObject({running: 1, queued: 1, refused: 1});
    expect((await running).status).toBe(504);
    fake.options.hang = false;
    expect((await queued).status).toBe(504); // it had started (and hung) before hang was lifted
    expect((await postJson(app, RUNS, {overrides: {volumeScale: 3}})).status).toBe(200);
  });

  it("a run over the timeout answers 504, its signal is aborted and the slot is freed", async () => {
    const fake = createFakeRunner({hang: true});
    const {app} = createTestApp({fake, app: {concurrency: 1, maxQueued: 0, timeoutMs: 100}});
    const started = performance.now();
    const response = await postJson(app, RUNS, {});
    expect(response.status).toBe(504);
    expect((await response.json()).error).toBe("run timed out after 100 ms");
    expect(performance.now() - started).toBeLessThan(2000);
    expect(fake.aborted).toBe(1);
    expect(app.queue.stats()).toMatchObject({running: 0, timedOut: 1});
    fake.options.hang = false;
    expect((await postJson(app, RUNS, {})).status).toBe(200);
  });

  it("a runner that ignores its signal still cannot hold the queue past the timeout", async () => {
    const fake = createFakeRunner({hang: true, ignoreAbort: true});
    const {app} = createTestApp({fake, app: {concurrency: 1, maxQueued: 0, timeoutMs: 50}});
    expect((await postJson(app, RUNS, {})).status).toBe(504);
    fake.options.hang = false;
    expect((await postJson(app, RUNS, {overrides: {volumeScale: 2}})).status).toBe(200);
  });

  it("a runner that crashes answers 500 as JSON without internals, and the server keeps serving", async () => {
    const fake = createFakeRunner({fail: new TypeError("secret internal detail")});
    const {app} = createTestApp({fake});
    const response = await postJson(app, RUNS, {});
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({error: "internal error", status: 500});
    fake.options.fail = undefined;
    expect((await postJson(app, RUNS, {})).status).toBe(200);
  });

  it("a page route error answers an HTML page for a browser", async () => {
    const {app} = createTestApp();
    const response = await app.request("/scenarios/nope", {headers: {accept: "text/html"}});
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("no scenario &quot;nope&quot;");
  });
});

describe("no file outside scenarios/ and the asset folders can be read", () => {
  const SECRET = "TOP-SECRET-CONTENT";

  /** A temp project with a scenario, a secret beside it and symlinks out of scenarios/ and server/public/. */
  function tempProject(): string {
    const root = mkdtempSync(join(tmpdir(), "walab-traversal-"));
    mkdirSync(join(root, "scenarios"));
    mkdirSync(join(root, "server/public"), {recursive: true});
    writeFileSync(join(root, "secret.txt"), SECRET);
    writeFileSync(join(root, "scenarios/ok.yaml"), "name: ok\n");
    writeFileSync(join(root, "server/public/site.css"), "body{}");
    symlinkSync(join(root, "secret.txt"), join(root, "scenarios/evil.yaml"));
    symlinkSync(join(root, "secret.txt"), join(root, "server/public/evil.css"));
    symlinkSync(root, join(root, "scenarios/up"));
    symlinkSync(join(root, "scenarios/ok.yaml"), join(root, "scenarios/alias.yaml"));
    return root;
  }

  it("the confined reader refuses .., absolute paths, backslashes, escapes, hidden files and symlinks out", async () => {
    const root = tempProject();
    const read = createConfinedReader(root, ["scenarios/", "server/public/"]);
    const text = async (path: string) => {
      const bytes = await read(path);
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    };
    expect(await text("scenarios/ok.yaml")).toBe("name: ok\n");
    expect(await text("scenarios/alias.yaml")).toBe("name: ok\n"); // a symlink inside the folder is fine
    for (const path of [
      "scenarios/../secret.txt",
      "../secret.txt",
      "secret.txt",
      `${root}/secret.txt`,
      "/etc/passwd",
      "scenarios/..\\secret.txt",
      "scenarios/%2e%2e/secret.txt",
      "scenarios%2F..%2Fsecret.txt",
      "scenarios/evil.yaml",
      "scenarios/up/secret.txt",
      "server/public/evil.css",
      "scenarios/./ok.yaml",
      "scenarios//ok.yaml",
      "scenarios/.hidden",
      "scenarios/ok.yaml\u0000",
      "scenarios",
      "",
    ]) {
      expect(await text(path), path).toBeUndefined();
    }
  });

  it("through HTTP, traversal attempts on every route answer 4xx and never a secret", async () => {
    const root = tempProject();
    const scenarios = createNodeScenarioFiles(root);
    const app = createApp({
      scenarios,
      readAsset: createConfinedReader(root, ["server/public/"]),
      transpile: esbuildTranspile,
      runner: createFakeRunner().runner,
      quoteData: {rateCards: readShippedData(), numberingPlansCsv: NUMBERING_PLANS},
      log: () => {},
    });
    const list = await (await app.request("/api/scenarios")).json();
    expect(list.scenarios.map((s: {name: string}) => s.name)).toEqual(["alias", "ok"]);
    for (const path of [
      "/api/scenarios/evil",
      "/api/scenarios/..%2Fsecret.txt",
      "/api/scenarios/..%2F..%2Fsecret",
      "/api/scenarios/%2Fetc%2Fpasswd",
      "/api/scenarios/%2e%2e%2fsecret",
      "/api/scenarios/up%2Fsecret",
      "/scenarios/..%2Fsecret",
      "/assets/evil.css",
      "/assets/..%2F..%2Fsecret.txt",
      "/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/assets/.hidden.css",
      "/modules/..%2F..%2Fsecret.txt",
      "/modules/%2Fetc%2Fpasswd",
      "/modules/server/node.ts",
      "/modules/server/pages/client/../../../secret.txt",
      "/vendor/..%2F..%2Fsecret.txt",
      "/vendor/__proto__",
      "/vendor/hasOwnProperty",
      "/../secret.txt",
      "/%2e%2e/secret.txt",
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(await response.text(), path).not.toContain(SECRET);
    }
    expect((await postJson(app, "/api/scenarios/evil/runs", {})).status).toBe(404);
    expect((await app.request("/assets/site.css")).status).toBe(200);
  });
});

describe("the server never crashes on bad input", () => {
  it("arbitrary bodies to the POST routes answer 200, 400, 404, 413 or 422", async () => {
    const {app} = createTestApp();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({overrides: v})),
          fc.jsonValue().map((v) => JSON.stringify({country: "BR", month: "2026-11", volumes: v})),
        ),
        fc.constantFrom(RUNS, "/api/quote"),
        async (body, path) => {
          const response = await postJson(app, path, body);
          expect([200, 400, 404, 413, 422]).toContain(response.status);
          expect(response.headers.get("content-type")).toMatch(/json/);
        },
      ),
      {numRuns: 150},
    );
  });

  it("arbitrary paths answer below 500", async () => {
    const {app} = createTestApp();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              "api",
              "scenarios",
              "results",
              "modules",
              "assets",
              "vendor",
              "..",
              "%2e%2e",
              "%2F",
              "%00",
              "charts",
              "tables",
            ),
            fc.string({maxLength: 12}).map(encodeURIComponent),
          ),
          {maxLength: 6},
        ),
        async (segments) => {
          const response = await app.request(`/${segments.join("/")}`);
          expect(response.status).toBeLessThan(500);
        },
      ),
      {numRuns: 200},
    );
  });
});
