// The bundle cache: runs a TypeScript entry (the CLI, the server, a worker thread's entry) from an
// esbuild bundle of its own modules kept on disk, instead of resolving and transpiling each
// module through tsx's hooks thread on every start (~0.6 s for the CLI, and again in every worker
// thread). Plain JavaScript, because it runs before anything can load TypeScript.
//
// A bundle is keyed by its entry's path and checked on every start against the content hash of
// every file that went into it (esbuild's metafile inputs, this file, package.json and
// tsconfig.json), and of every file it wrote: any change rebuilds it, before it runs. Each build
// is written to a temporary folder renamed into place, then its manifest is renamed over the old
// one, so concurrent first runs are safe and a reader never sees half a build.
//
// Where: WALAB_CACHE_DIR if set, else node_modules/.cache/walab/, else a private folder under the
// system's temporary folder. WALAB_NO_BUNDLE=1, or no usable folder, runs the entry through tsx.
import {createHash, randomBytes} from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import {tmpdir} from "node:os";
import {basename, dirname, extname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

/** Bumped when the build options change in a way the inputs' hashes cannot see. */
const FORMAT = 1;
/** The walab package folder (the parent of bin/). */
const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** Files that shape every build besides its own modules. */
const BUILD_FILES = [
  fileURLToPath(import.meta.url),
  join(ROOT, "package.json"),
  join(ROOT, "tsconfig.json"),
];
/** A build folder no start has used for this long is removed by the next rebuild of its entry. */
const UNUSED_MS = 24 * 3600_000;

/** @param {string | Uint8Array} data */
function hashOf(data) {
  return createHash("sha256").update(data).digest("base64url");
}

/** The nearest node_modules folder at or above the walab package, whose packages bundles import. */
function findNodeModules() {
  for (let dir = ROOT; ; dir = dirname(dir)) {
    if (basename(dir) === "node_modules") return dir;
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules");
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The folders a bundle may be kept in, best first: WALAB_CACHE_DIR alone when set, else
 * node_modules/.cache/walab/ and a folder of this user's under the system's temporary folder.
 * @returns {string[]}
 */
export function cacheDirs() {
  if (process.env.WALAB_CACHE_DIR) return [resolve(process.env.WALAB_CACHE_DIR)];
  const modules = findNodeModules();
  if (modules === undefined) return [];
  const user = process.getuid?.() ?? "user";
  return [
    join(modules, ".cache", "walab"),
    join(tmpdir(), `walab-cache-${user}-${hashOf(modules).slice(0, 12)}`),
  ];
}

/**
 * Whether bundles in `dir` can be trusted: a folder inside node_modules (as trusted as the
 * packages), or one of this user's that no other user can write to (under the system's
 * temporary folder, another user could have made it first and put code in it).
 * @param {string} dir
 * @param {string} modules
 */
function trusted(dir, modules) {
  if (dir.startsWith(modules + sep)) return true;
  try {
    const stat = lstatSync(dir);
    const uid = process.getuid?.();
    return (
      stat.isDirectory() && (uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0))
    );
  } catch {
    return false;
  }
}

/**
 * Readies `dir` for bundles, or says why not: created if need be, writable and trusted; outside
 * node_modules it gets a `node_modules` link to the packages, so that the bundles' package
 * imports resolve as from the sources.
 * @param {string} dir
 * @param {string} modules
 * @returns {boolean}
 */
function readyDir(dir, modules) {
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700});
    accessSync(dir, constants.W_OK);
    if (!trusted(dir, modules)) return false;
    const link = join(dir, "node_modules");
    if (!dir.startsWith(modules + sep) && !existsSync(link)) {
      try {
        symlinkSync(modules, link, "junction");
      } catch (error) {
        if (!existsSync(link)) throw error; // else another process made it meanwhile
      }
    }
    return true;
  } catch {
    return false;
  }
}

/** @param {string} entry */
function keyOf(entry) {
  return `${basename(entry, extname(entry))}-${hashOf(entry).slice(0, 12)}`;
}

/**
 * The manifest of `entry`'s bundle in `dir`, when every file it lists still has its hash.
 * @param {string} dir
 * @param {string} entry
 * @returns {{build: string, main: string} | undefined}
 */
function freshManifest(dir, entry) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, `${keyOf(entry)}.json`), "utf8"));
  } catch {
    return undefined; // none yet, or unreadable: built again
  }
  if (manifest?.format !== FORMAT || manifest.entry !== entry) return undefined;
  const build = join(dir, String(manifest.build));
  const same = (/** @type {unknown} */ files, /** @type {string} */ base) =>
    typeof files === "object" &&
    files !== null &&
    Object.entries(files).every(([file, hash]) => {
      try {
        return hashOf(readFileSync(resolve(base, file))) === hash;
      } catch {
        return false; // gone
      }
    });
  if (!same(manifest.inputs, dir) || !same(manifest.outputs, build)) return undefined;
  if (!Object.hasOwn(manifest.outputs, manifest.main)) return undefined;
  return {build, main: manifest.main};
}

/**
 * The esbuild plugin that gives every bundled module its own `import.meta.url` (and
 * `import.meta.filename`, `import.meta.dirname`): the URL of its source file, as under tsx or
 * Deno, where a bundle would give the chunk's. It records each source's hash as it reads it,
 * so the manifest holds the hash of exactly what was bundled.
 * @param {Map<string, string>} hashes
 * @returns {import("esbuild").Plugin}
 */
function sourceMetaPlugin(hashes) {
  const loaders = /** @type {const} */ ({
    ".ts": "ts",
    ".mts": "ts",
    ".cts": "ts",
    ".tsx": "tsx",
    ".js": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".jsx": "jsx",
  });
  return {
    name: "walab-source-meta",
    setup(build) {
      build.onLoad({filter: /\.[cm]?[jt]sx?$/}, ({path}) => {
        const bytes = readFileSync(path);
        hashes.set(path, hashOf(bytes));
        const url = pathToFileURL(path).href;
        const values = {url, filename: path, dirname: dirname(path)};
        const contents = bytes
          .toString("utf8")
          .replace(/\bimport\.meta\.(url|filename|dirname)\b/g, (_, name) =>
            JSON.stringify(values[/** @type {"url" | "filename" | "dirname"} */ (name)]),
          );
        return {contents, loader: loaders[/** @type {keyof typeof loaders} */ (extname(path))]};
      });
    },
  };
}

/**
 * Bundles `entry` into `dir`: esbuild bundles its own modules (packages stay imports), split so
 * that modules it imports on demand load on demand; the files go to a temporary folder renamed
 * to a name of their hashes, then the manifest is replaced.
 * @param {string} dir
 * @param {string} entry
 * @returns {Promise<{build: string, main: string}>}
 */
async function build(dir, entry) {
  const esbuild = await import("esbuild");
  const hashes = new Map();
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    packages: "external",
    // a sibling of the build folder it is renamed to, so the source maps' relative paths hold
    outdir: join(dir, ".out"),
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    outExtension: {".js": ".mjs"},
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: "silent",
    plugins: [sourceMetaPlugin(hashes)],
  });
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = resolve(ROOT, input);
    inputs[path] = hashes.get(path) ?? hashOf(readFileSync(path));
  }
  for (const path of BUILD_FILES) if (existsSync(path)) inputs[path] = hashOf(readFileSync(path));
  /** @type {Record<string, string>} */
  const outputs = {};
  let main = "";
  for (const file of result.outputFiles) {
    const name = relative(join(dir, ".out"), file.path);
    outputs[name] = hashOf(file.contents);
    const meta = result.metafile.outputs[relative(ROOT, file.path).split(sep).join("/")];
    // chunks imported on demand have an entryPoint too
    if (meta?.entryPoint !== undefined && resolve(ROOT, meta.entryPoint) === entry) main = name;
  }
  if (main === "") throw new Error(`esbuild wrote no output for ${entry}`);
  const key = keyOf(entry);
  const buildName = `${key}-${hashOf(JSON.stringify(outputs)).slice(0, 12)}`;
  const buildDir = join(dir, buildName);
  if (freshBuild(buildDir, outputs)) touch(buildDir);
  else {
    const temporary = join(dir, `.tmp-${randomBytes(6).toString("hex")}`);
    for (const file of result.outputFiles) {
      const path = join(temporary, relative(join(dir, ".out"), file.path));
      mkdirSync(dirname(path), {recursive: true});
      writeFileSync(path, file.contents);
    }
    if (existsSync(buildDir)) rmSync(buildDir, {recursive: true, force: true}); // damaged
    try {
      renameSync(temporary, buildDir);
    } catch (error) {
      rmSync(temporary, {recursive: true, force: true});
      if (!freshBuild(buildDir, outputs)) throw error; // else another process renamed the same build first
    }
  }
  const manifest = {format: FORMAT, entry, build: buildName, main, inputs, outputs};
  const temporary = join(dir, `.tmp-${randomBytes(6).toString("hex")}.json`);
  writeFileSync(temporary, JSON.stringify(manifest));
  renameSync(temporary, join(dir, `${key}.json`));
  prune(dir, key, buildName);
  return {build: buildDir, main};
}

/**
 * @param {string} buildDir
 * @param {Record<string, string>} outputs
 */
function freshBuild(buildDir, outputs) {
  return Object.entries(outputs).every(([name, hash]) => {
    try {
      return hashOf(readFileSync(join(buildDir, name))) === hash;
    } catch {
      return false;
    }
  });
}

/** Marks a build folder as used, so that another rebuild of its entry does not prune it. */
function touch(/** @type {string} */ path) {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // a cache folder that is read-only here still serves
  }
}

/**
 * Removes `key`'s other build folders and abandoned temporary files that no start has used for
 * a day (a process still running may yet import a chunk of an older build).
 * @param {string} dir
 * @param {string} key
 * @param {string} keep
 */
function prune(dir, key, keep) {
  const old = Date.now() - UNUSED_MS;
  for (const name of readdirSync(dir)) {
    if (name === keep || !(name.startsWith(`${key}-`) || name.startsWith(".tmp-"))) continue;
    try {
      if (statSync(join(dir, name)).mtimeMs < old)
        rmSync(join(dir, name), {recursive: true, force: true});
    } catch {
      // removed by another process meanwhile
    }
  }
}

/** @type {Map<string, Promise<string | undefined>>} */
const building = new Map();

/**
 * The file URL of the module to import for `entry`: its cached bundle, checked and rebuilt if any
 * file that went into it changed, or undefined when no cache folder can be used (or
 * WALAB_NO_BUNDLE=1), in which case the caller runs the source through tsx.
 * @param {string | URL} entry the TypeScript entry (a path or a file URL)
 * @returns {Promise<string | undefined>}
 * @example await bundledEntry(new URL("../cli/main.ts", import.meta.url)) // => "file:///…/node_modules/.cache/walab/main-…/main-….mjs"
 */
export async function bundledEntry(entry) {
  if (process.env.WALAB_NO_BUNDLE === "1") return undefined;
  const path = resolve(entry instanceof URL ? fileURLToPath(entry) : entry);
  const modules = findNodeModules();
  if (modules === undefined) return undefined;
  const dirs = cacheDirs();
  for (const dir of dirs) {
    const fresh = trusted(dir, modules) ? freshManifest(dir, path) : undefined;
    if (fresh !== undefined) {
      touch(fresh.build);
      return pathToFileURL(join(fresh.build, fresh.main)).href;
    }
  }
  const key = `${dirs.join("\0")}\0${path}`;
  let url = building.get(key);
  if (url === undefined) {
    url = (async () => {
      for (const dir of dirs) {
        if (!readyDir(dir, modules)) continue;
        try {
          const built = await build(dir, path);
          return pathToFileURL(join(built.build, built.main)).href;
        } catch (error) {
          // esbuild's errors (e.g. a syntax error) are tsx's to report, as they always were;
          // a folder that fails otherwise (e.g. full) leaves the next one to try
          if (/** @type {{errors?: unknown}} */ (error).errors !== undefined) return undefined;
        }
      }
      return undefined;
    })();
    building.set(key, url);
    void url.then(() => building.delete(key));
  }
  return url;
}

let tsxRegistered = false;

/**
 * Imports a TypeScript entry: its cached bundle ({@link bundledEntry}), else the source through
 * tsx's hooks (registered in this thread once).
 * @param {string | URL} entry
 * @returns {Promise<any>} the entry's module namespace
 */
export async function importTypeScript(entry) {
  const url = await bundledEntry(entry);
  if (url !== undefined) {
    process.setSourceMapsEnabled(true);
    return import(url);
  }
  if (!tsxRegistered) {
    const {register} = await import("tsx/esm/api");
    register();
    tsxRegistered = true;
  }
  return import(entry instanceof URL ? entry.href : pathToFileURL(resolve(entry)).href);
}
