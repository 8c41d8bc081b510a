/**
 * The TypeScript modules the pages run in the browser (their client entries, the chart builders
 * and what those import), transpiled to JavaScript on first request. Only files reachable by
 * imports from the entries, inside the allowed source folders, are ever served.
 */

/** Reads a project file (confined to the asset roots by the runtime adapter). */
export type ReadAsset = (path: string) => Promise<Uint8Array | undefined>;

/** Strips types from a TypeScript module (esbuild in the adapters), keeping its imports. */
export type Transpile = (source: string, path: string) => Promise<string>;

/** The entry modules of the pages. */
export const BROWSER_ENTRIES = [
  "server/pages/client/scenario-client.ts",
  "server/pages/client/compare-client.ts",
  "server/pages/client/quote-client.ts",
] as const;

/** Folders whose modules may be served to the browser when an entry imports them. */
export const BROWSER_SOURCE_ROOTS = [
  "server/pages/",
  "server/charts/",
  "server/api/",
  "server/quote/",
  "models/",
  "engine/",
] as const;

/** Serves the browser modules. */
export interface BrowserModules {
  /** The JavaScript of a module path ("server/charts/daily-cost-chart.ts"), or undefined if not served. */
  get(path: string): Promise<string | undefined>;
  /** The set of servable paths (computed once). */
  paths(): Promise<ReadonlySet<string>>;
  /**
   * The modules an entry imports statically, directly or not (for modulepreload), in
   * breadth-first order; modules it loads on demand (`import("./x.ts")`) are left out.
   */
  importsOf(entry: string): Promise<string[]>;
}

const IMPORT =
  /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?(?:[\w*$\s{},]*?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/**
 * Lists the relative modules a module's source loads on demand (`import("./x.ts")` with a
 * literal), resolved against its path. Type positions (`typeof import("./x.ts")`) count too: they
 * only widen what may be served.
 * @example moduleDynamicImports('const v = await import("./view.ts");', "server/x/y.ts") // => ["server/x/view.ts"]
 */
export function moduleDynamicImports(source: string, path: string): string[] {
  const out: string[] = [];
  for (const [, specifier] of source.matchAll(DYNAMIC_IMPORT)) {
    if (specifier === undefined || !specifier.startsWith(".")) continue;
    out.push(new URL(specifier, `file:///${path}`).pathname.slice(1));
  }
  return out;
}

/**
 * Lists the relative, non-type imports of a module's source, resolved against its path.
 * @example moduleImports('import {a} from "./a.ts";\nimport type {B} from "../b.ts";', "server/x/y.ts") // => ["server/x/a.ts"]
 */
export function moduleImports(source: string, path: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const [, , typeOnly, specifier] = match;
    if (typeOnly !== undefined || specifier === undefined || !specifier.startsWith(".")) continue;
    out.push(new URL(specifier, `file:///${path}`).pathname.slice(1));
  }
  return out;
}

/**
 * Creates the browser module server: a breadth-first walk from BROWSER_ENTRIES over relative
 * imports, static and on demand (type-only imports are erased and skipped), gives the allowlist; a module is transpiled
 * once and kept. O(modules) for the walk.
 * @example await createBrowserModules(read, transpile).get("server/charts/daily-cost-chart.ts") // => "import * as Plot from ..."
 */
export function createBrowserModules(read: ReadAsset, transpile: Transpile): BrowserModules {
  let allowed: Promise<ReadonlySet<string>> | undefined;
  const graph = new Map<string, string[]>();
  const compiled = new Map<string, Promise<string>>();
  const decoder = new TextDecoder();

  async function walk(): Promise<ReadonlySet<string>> {
    const seen = new Set<string>();
    const queue: string[] = [...BROWSER_ENTRIES];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path) || !isServable(path)) continue;
      const bytes = await read(path);
      if (bytes === undefined) continue;
      seen.add(path);
      const source = decoder.decode(bytes);
      const imports = moduleImports(source, path);
      graph.set(path, imports); // modulepreload follows static imports only
      queue.push(...imports, ...moduleDynamicImports(source, path));
    }
    return seen;
  }

  const paths = () => (allowed ??= walk());

  return {
    paths,
    async importsOf(entry) {
      const servable = await paths();
      const seen = new Set<string>([entry]);
      const queue = [...(graph.get(entry) ?? [])];
      const out: string[] = [];
      while (queue.length > 0) {
        const path = queue.shift()!;
        if (seen.has(path) || !servable.has(path)) continue;
        seen.add(path);
        out.push(path);
        queue.push(...(graph.get(path) ?? []));
      }
      return out;
    },
    async get(path) {
      if (!(await paths()).has(path)) return undefined;
      let js = compiled.get(path);
      if (js === undefined) {
        js = read(path).then((bytes) => {
          if (bytes === undefined) throw new Error(`browser module vanished: ${path}`);
          return transpile(decoder.decode(bytes), path);
        });
        compiled.set(path, js);
        js.catch(() => compiled.delete(path));
      }
      return js;
    },
  };
}

function isServable(path: string): boolean {
  return (
    path.endsWith(".ts") &&
    !path.includes("..") &&
    BROWSER_SOURCE_ROOTS.some((root) => path.startsWith(root))
  );
}
