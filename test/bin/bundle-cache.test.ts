// The bundle cache (bin/bundle-cache.js) on small entries in a temporary folder, each test with
// a cache folder of its own (WALAB_CACHE_DIR): built on first use, reused while every source
// keeps its hash, rebuilt after a change or damage, with import.meta.url the source's.
import {spawn, spawnSync} from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {afterAll, afterEach, beforeEach, describe, expect, it} from "vitest";
import {bundledEntry, cacheDirs} from "../../bin/bundle-cache.js";
import {startTypeScriptWorker} from "../../engine/scenario/index.ts";
import {RATE_CARD_DIR} from "../../io/index.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORK = mkdtempSync(join(tmpdir(), "walab-bundle-cache-"));
afterAll(() => rmSync(WORK, {recursive: true, force: true}));

let cases = 0;
let cache = "";
beforeEach(() => {
  cache = join(WORK, `cache-${++cases}`);
  process.env.WALAB_CACHE_DIR = cache;
});
afterEach(() => {
  delete process.env.WALAB_CACHE_DIR;
});

/** A small entry with a module beside it, in a fresh folder; returns the entry's path. */
function entryFolder(value = 1): {entry: string; lib: string} {
  const dir = join(WORK, `src-${cases}`);
  mkdirSync(join(dir, "lib"), {recursive: true});
  const lib = join(dir, "lib", "where.ts");
  writeFileSync(
    lib,
    `export const here: string = import.meta.url;\nexport const value: number = ${value};\n`,
  );
  const entry = join(dir, "entry.ts");
  writeFileSync(
    entry,
    [
      `import {parse} from "yaml";`,
      `import {RATE_CARD_DIR} from ${JSON.stringify(join(ROOT, "io", "read-shipped-data.ts"))};`,
      `import {here, value} from "./lib/where.ts";`,
      `export const entryUrl: string = import.meta.url;`,
      `export const rateCards: string = RATE_CARD_DIR;`,
      `export const parsed: unknown = parse("a: 1");`,
      `export {here, value};`,
      `export const later = () => import("./lib/where.ts");`,
    ].join("\n"),
  );
  return {entry, lib};
}

const manifests = () => readdirSync(cache).filter((name) => name.endsWith(".json"));
const builds = () =>
  readdirSync(cache).filter((name) => !name.endsWith(".json") && name !== "node_modules");

describe("bundledEntry", () => {
  it("bundledEntry(entry) builds into a fresh cache folder; the bundle keeps each source's import.meta.url", async () => {
    const {entry, lib} = entryFolder();
    const url = await bundledEntry(entry);
    expect(url?.startsWith(pathToFileURL(cache).href + "/")).toBe(true);
    expect(manifests()).toHaveLength(1);
    const bundled = await import(url!);
    expect(bundled.entryUrl).toBe(pathToFileURL(entry).href);
    expect(bundled.here).toBe(pathToFileURL(lib).href);
    expect(bundled.rateCards).toBe(RATE_CARD_DIR); // io/read-shipped-data.ts, as unbundled
    expect(bundled.parsed).toEqual({a: 1}); // a package, through the cache folder's node_modules link
    expect((await bundled.later()).value).toBe(1);
  });

  it("bundledEntry(entry) again reuses the build while no source changed, also after a source is rewritten the same", async () => {
    const {entry, lib} = entryFolder();
    const first = await bundledEntry(entry);
    const manifest = readFileSync(join(cache, manifests()[0]!), "utf8");
    expect(await bundledEntry(entry)).toBe(first);
    expect(readFileSync(join(cache, manifests()[0]!), "utf8")).toBe(manifest);
    writeFileSync(lib, readFileSync(lib)); // a new stat, the same content: hashed, not rebuilt
    expect(await bundledEntry(entry)).toBe(first);
    expect(builds()).toHaveLength(1);
  });

  it("bundledEntry(entry) rebuilds after a module it bundles changed", async () => {
    const {entry, lib} = entryFolder(1);
    const first = await bundledEntry(entry);
    writeFileSync(lib, readFileSync(lib, "utf8").replace("= 1;", "= 2;"));
    const second = await bundledEntry(entry);
    expect(second).not.toBe(first);
    expect((await import(second!)).value).toBe(2);
    expect(manifests()).toHaveLength(1);
  });

  it("bundledEntry(entry) rebuilds after esbuild's package.json changed (an update that keeps walab's package.json)", async () => {
    const {entry} = entryFolder();
    await bundledEntry(entry);
    const path = join(cache, manifests()[0]!);
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    const esbuildPackage = join(ROOT, "node_modules", "esbuild", "package.json");
    expect(Object.keys(manifest.inputs)).toContain(esbuildPackage);
    // as if the package had been another version when the bundle was built
    manifest.inputs[esbuildPackage] = {hash: "another version", stat: ""};
    writeFileSync(path, JSON.stringify(manifest));
    await bundledEntry(entry);
    const rebuilt = JSON.parse(readFileSync(path, "utf8"));
    expect(rebuilt.inputs[esbuildPackage].hash).not.toBe("another version");
  });

  it("bundledEntry(entry) rebuilds over a corrupt manifest and over a truncated bundle file", async () => {
    const {entry} = entryFolder();
    const url = await bundledEntry(entry);
    const manifest = join(cache, manifests()[0]!);
    writeFileSync(manifest, "{not json");
    expect(await bundledEntry(entry)).toBe(url); // the same bytes, built again
    expect(JSON.parse(readFileSync(manifest, "utf8")).entry).toBe(entry);
    const file = fileURLToPath(url!);
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 40));
    expect(await bundledEntry(entry)).toBe(url);
    expect((await import(`${url!}?again`)).value).toBe(1);
  });

  it("bundledEntry(entry) is undefined with WALAB_NO_BUNDLE=1 or no usable cache folder", async () => {
    const {entry} = entryFolder();
    process.env.WALAB_NO_BUNDLE = "1";
    try {
      expect(await bundledEntry(entry)).toBeUndefined();
    } finally {
      delete process.env.WALAB_NO_BUNDLE;
    }
    writeFileSync(join(WORK, "a-file"), "");
    process.env.WALAB_CACHE_DIR = join(WORK, "a-file", "cache");
    expect(await bundledEntry(entry)).toBeUndefined();
  });

  it("bundledEntry(entry) is undefined for a source esbuild cannot read, which tsx then reports", async () => {
    const {entry, lib} = entryFolder();
    writeFileSync(lib, "export const = ;\n");
    expect(await bundledEntry(entry)).toBeUndefined();
  });

  it("bundledEntry(entry) neither reads nor writes a cache folder other users can write to", async () => {
    const {entry} = entryFolder();
    await bundledEntry(entry);
    chmodSync(cache, 0o777);
    expect(await bundledEntry(entry)).toBeUndefined();
  });

  it("cacheDirs() is node_modules/.cache/walab/ then a folder under the system's temporary folder", () => {
    delete process.env.WALAB_CACHE_DIR;
    const dirs = cacheDirs();
    expect(dirs[0]).toBe(join(ROOT, "node_modules", ".cache", "walab"));
    expect(dirs[1]!.startsWith(join(tmpdir(), "walab-cache-"))).toBe(true);
  });
});

describe("the bundled paths of walab", () => {
  const walab = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ["bin/walab.js", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: {...process.env, ...env},
    });

  it("node bin/walab.js bill on the README's example, with a fresh cache folder, prints what it prints through tsx", () => {
    const example = "examples/worked-examples/meta-pmp-charge-example";
    const args = [
      "bill",
      "--accounts",
      `${example}/accounts.yaml`,
      "--messages",
      `${example}/messages.ndjson`,
    ];
    const bundled = walab(args, {WALAB_CACHE_DIR: cache});
    const tsx = walab(args, {WALAB_NO_BUNDLE: "1"});
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(tsx.stdout);
    expect(bundled.stdout).not.toBe("");
    expect(manifests().some((name) => name.startsWith("main-"))).toBe(true);
  });

  it("node bin/walab.js --help runs through tsx when the cache folder cannot be made", () => {
    writeFileSync(join(WORK, "b-file"), "");
    const run = walab(["--help"], {WALAB_CACHE_DIR: join(WORK, "b-file", "cache")});
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: walab <command>");
  });

  it("three first runs at once on an empty cache folder all succeed and leave one build", async () => {
    const runs = [1, 2, 3].map(
      () =>
        new Promise<number | null>((resolve) =>
          spawn(process.execPath, ["bin/walab.js", "--help"], {
            cwd: ROOT,
            stdio: "ignore",
            env: {...process.env, WALAB_CACHE_DIR: cache},
          }).on("exit", resolve),
        ),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0]);
    expect(manifests()).toHaveLength(1);
    expect(builds()).toHaveLength(1);
    expect(readdirSync(cache).some((name) => name.startsWith(".tmp-"))).toBe(false);
  });

  it("startTypeScriptWorker(entry) runs the entry's bundle in the thread, with the source's import.meta.url", async () => {
    const dir = join(WORK, `worker-${cases}`);
    mkdirSync(dir);
    const entry = join(dir, "worker.ts");
    writeFileSync(
      entry,
      `import {parentPort, workerData} from "node:worker_threads";\n` +
        `parentPort!.postMessage({url: import.meta.url, data: workerData as number});\n`,
    );
    const worker = startTypeScriptWorker(pathToFileURL(entry), 7);
    const reply = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(reply).toEqual({url: pathToFileURL(entry).href, data: 7});
    expect(existsSync(cache) && manifests().some((name) => name.startsWith("worker-"))).toBe(true);
  });
});
