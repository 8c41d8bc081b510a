// The bundle cache: runs a TypeScript entry (the CLI, the server, a worker thread's entry) from an
// esbuild bundle of its own modules kept on disk, instead of resolving and transpiling each
// module through tsx's hooks thread on every start (~0.6 s for the CLI, and again in every worker
// thread). Plain JavaScript, because it runs before anything can load TypeScript.
//
// A bundle is keyed by its entry's path and checked on every start against every file that went
// into it (esbuild's metafile inputs, this file, package.json, tsconfig.json and esbuild's own
// package.json) and every file it wrote: a file whose stat changed is hashed, and a changed
// content hash rebuilds the bundle before it runs. Each build is written to a temporary folder
// renamed into place, then its manifest is renamed over the old one, so concurrent first runs
// are safe and a reader never sees half a build.
//
// Where: WALAB_CACHE_DIR if set, else node_modules/.cache/walab/, else a private folder under the
// system's temporary folder. WALAB_NO_BUNDLE=1, or no usable folder, runs the entry through tsx.
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
const FORMAT = 2;
/** The walab package folder (the parent of bin/). */
const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** Files that shape every build besides its own modules. */
const BUILD_FILES = [
  fileURLToPath(import.meta.url),
  join(ROOT, "package.json"),
  join(ROOT, "tsconfig.json"),
];
/** A build folder no start has used for this long is removed by the next build (of any entry). */
const UNUSED_MS = 24 * 3600_000;

/**
 * A content hash (SHA-256). node:crypto is loaded on the first use: its import alone took ~3 ms,
 * and a start whose files all kept their stats hashes nothing.
 * @param {string | Uint8Array} data
 */
function hashOf(data) {
  const {createHash} = process.getBuiltinModule("node:crypto");
  return createHash("sha256").update(data).digest("base64url");
}

/**
 * A short hash of a path for a file name (FNV-1a, two lanes): not a content check, which the
 * manifest's own `entry` and hashes are.
 * @param {string} text
 */
function nameHash(text) {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i), 0x5bd1e995);
  }
  return (a >>> 0).toString(36).padStart(7, "0") + (b >>> 0).toString(36).padStart(7, "0");
}

/** A name for a temporary file or folder no other writer picks. */
function temporaryName() {
  const {randomBytes} = process.getBuiltinModule("node:crypto");
  return `.tmp-${randomBytes(6).toString("hex")}`;
}

/**
 * @typedef {{hash: string, stat: string}} FileRecord a file's content hash, and its stat when it
 * was hashed: size, inode, modification and change times, which git's index trusts too
 */

/** @param {string} path */
function statOf(path) {
  const stat = statSync(path); // times in ms with fractions: finer than a microsecond
  return `${stat.size}:${stat.ino}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

/**
 * A stat to trust later, or "" (never trusted) for a file changed in the last 2 s: on a file
 * system that keeps whole seconds, a change of the same size within that second would keep
 * the stat ("racy git"); the next start hashes it and keeps its then settled stat.
 * @param {string} stat
 */
function settled(stat) {
  const changed = Number(stat.split(":")[3]);
  return Date.now() - changed > 2000 ? stat : "";
}

/**
 * A file's record: stat first, so that a change while it is read shows as a new stat next time.
 * @param {string} path
 * @param {(bytes: Buffer) => void} [read] sees the bytes hashed
 * @returns {FileRecord}
 */
function recordOf(path, read) {
  const stat = statOf(path);
  const bytes = readFileSync(path);
  read?.(bytes);
  return {hash: hashOf(bytes), stat: settled(stat)};
}

/**
 * Whether every file still has its recorded content: a file whose stat is unchanged has; one
 * whose stat changed is hashed again (and its record gets the new stat when the hash is the
 * same, e.g. after `touch` or a checkout of the same content).
 * NOTE (perf): stats alone take ~1.5 ms for the CLI's ~220 files, reading and hashing ~8 ms.
 * @param {unknown} files file (absolute, or a name in `dir`) -> record
 * @param {string} [dir]
 * @returns {{restat: boolean} | undefined} undefined when any file changed or is gone
 */
function unchanged(files, dir) {
  if (typeof files !== "object" || files === null) return undefined;
  let restat = false;
  for (const [file, record] of Object.entries(files)) {
    try {
      // NOTE (perf): path.resolve over ~200 files cost ~3 ms, more than their stats
      const path = dir === undefined ? file : dir + sep + file;
      if (statOf(path) === record.stat) continue;
      const again = recordOf(path);
      if (again.hash !== record.hash) return undefined;
      restat ||= again.stat !== record.stat;
      record.stat = again.stat;
    } catch {
      return undefined; // gone, or an old manifest's shape
    }
  }
  return {restat};
}

/**
 * Writes `text` to `path` through a temporary file renamed over it, so readers see the old
 * file or the new one, never half of one.
 * @param {string} path
 * @param {string} text
 */
function replaceFile(path, text) {
  const temporary = join(dirname(path), `${temporaryName()}.json`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
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
    join(tmpdir(), `walab-cache-${user}-${nameHash(modules)}`),
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
  return `${basename(entry, extname(entry))}-${nameHash(entry)}`;
}

/**
 * The manifest of `entry`'s bundle in `dir`, when every file it lists still has its hash.
 * @param {string} dir
 * @param {string} entry
 * @returns {{build: string, main: string} | undefined}
 */
function freshManifest(dir, entry) {
  const path = join(dir, `${keyOf(entry)}.json`);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined; // none yet, or unreadable: built again
  }
  if (manifest?.format !== FORMAT || manifest.entry !== entry) return undefined;
  const build = join(dir, String(manifest.build));
  const inputs = unchanged(manifest.inputs);
  const outputs = inputs && unchanged(manifest.outputs, build);
  if (outputs === undefined || !Object.hasOwn(manifest.outputs, manifest.main)) return undefined;
  if (inputs?.restat || outputs.restat) {
    try {
      replaceFile(path, JSON.stringify(manifest)); // the next start trusts the new stats
    } catch {
      // a cache folder that is read-only here still serves
    }
  }
  return {build, main: manifest.main};
}

/**
 * The esbuild plugin that gives every bundled module its own `import.meta.url` (and
 * `import.meta.filename`, `import.meta.dirname`): the URL of its source file, as under tsx or
 * Deno, where a bundle would give the chunk's. It records each source's hash as it reads it,
 * so the manifest holds the hash of exactly what was bundled.
 * @param {Map<string, FileRecord>} records
 * @returns {import("esbuild").Plugin}
 */
function sourceMetaPlugin(records) {
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
        /** @type {Buffer} */
        let bytes = Buffer.alloc(0);
        records.set(
          path,
          recordOf(path, (read) => (bytes = read)),
        );
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
  /** @type {Map<string, FileRecord>} */
  const records = new Map();
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
    plugins: [sourceMetaPlugin(records)],
  });
  /** @type {Record<string, FileRecord>} */
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = resolve(ROOT, input);
    inputs[path] = records.get(path) ?? recordOf(path);
  }
  // esbuild's own version shapes the output too, and an update need not change package.json
  const esbuildPackage = fileURLToPath(import.meta.resolve("esbuild/package.json"));
  for (const path of [...BUILD_FILES, esbuildPackage])
    if (existsSync(path)) inputs[path] = recordOf(path);
  /** @type {Record<string, string>} */
  const hashes = {};
  let main = "";
  for (const file of result.outputFiles) {
    const name = relative(join(dir, ".out"), file.path);
    hashes[name] = hashOf(file.contents);
    const meta = result.metafile.outputs[relative(ROOT, file.path).split(sep).join("/")];
    // chunks imported on demand have an entryPoint too
    if (meta?.entryPoint !== undefined && resolve(ROOT, meta.entryPoint) === entry) main = name;
  }
  if (main === "") throw new Error(`esbuild wrote no output for ${entry}`);
  const key = keyOf(entry);
  const buildName = `${key}-${hashOf(JSON.stringify(hashes)).slice(0, 12)}`;
  const buildDir = join(dir, buildName);
  let outputs = builtFiles(buildDir, hashes);
  if (outputs !== undefined) touch(buildDir);
  else {
    const temporary = join(dir, temporaryName());
    for (const file of result.outputFiles) {
      const path = join(temporary, relative(join(dir, ".out"), file.path));
      mkdirSync(dirname(path), {recursive: true});
      writeFileSync(path, file.contents);
    }
    try {
      renameSync(temporary, buildDir);
    } catch {
      // the folder is there: another process renamed the same build first, or it is damaged
      if (builtFiles(buildDir, hashes) === undefined) {
        // moved aside before removal, so no start ever loads from a folder being deleted
        const damaged = join(dir, temporaryName());
        try {
          renameSync(buildDir, damaged);
        } catch {
          // moved by another process meanwhile
        }
        rmSync(damaged, {recursive: true, force: true});
        try {
          renameSync(temporary, buildDir);
        } catch {
          // another process's build landed first: checked below
        }
      }
      rmSync(temporary, {recursive: true, force: true});
    }
    outputs = builtFiles(buildDir, hashes);
    if (outputs === undefined) throw new Error(`${buildDir} changed as it was written`);
  }
  const manifest = {format: FORMAT, entry, build: buildName, main, inputs, outputs};
  replaceFile(join(dir, `${key}.json`), JSON.stringify(manifest));
  prune(dir, buildName);
  return {build: buildDir, main};
}

/**
 * The records of a build folder's files when each has its expected hash, else undefined.
 * @param {string} buildDir
 * @param {Record<string, string>} hashes
 * @returns {Record<string, FileRecord> | undefined}
 */
function builtFiles(buildDir, hashes) {
  /** @type {Record<string, FileRecord>} */
  const records = {};
  for (const [name, hash] of Object.entries(hashes)) {
    try {
      records[name] = recordOf(join(buildDir, name));
    } catch {
      return undefined;
    }
    if (records[name].hash !== hash) return undefined;
  }
  return records;
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
 * Removes the build folders (of any entry) and abandoned temporary files that no start has used
 * for a day: a process still running may yet import a chunk of an older build. Manifests stay
 * (one small file per entry); one whose build is gone rebuilds on its next start.
 * @param {string} dir
 * @param {string} keep the build just written
 */
function prune(dir, keep) {
  const old = Date.now() - UNUSED_MS;
  for (const name of readdirSync(dir)) {
    const manifest = name.endsWith(".json") && !name.startsWith(".tmp-");
    if (name === keep || manifest || name === "node_modules") continue;
    try {
      if (lstatSync(join(dir, name)).mtimeMs < old)
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
