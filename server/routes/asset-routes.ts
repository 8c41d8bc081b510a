import {Hono} from "hono";
import {NotFoundError} from "../api/http-error.ts";
import type {BrowserBundles} from "./browser-bundles.ts";
import type {BrowserModules, ReadAsset} from "./browser-modules.ts";

/** Files the pages load from node_modules (no CDN): d3 and Plot's UMD build. */
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  "d3.min.js": "node_modules/d3/dist/d3.min.js",
  "plot.umd.min.js": "node_modules/@observablehq/plot/dist/plot.umd.min.js",
};

/** The folder of the pages' static assets (stylesheet, icon). */
export const PUBLIC_DIR = "server/public/";

/** A static asset's name: one path segment, no dot first, a known extension. */
const ASSET_NAME = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*\.(css|js|svg|png|ico|txt)$/;

const TYPES: Readonly<Record<string, string>> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
};

const RESERVED = new Set([
  "default",
  "delete",
  "in",
  "instanceof",
  "new",
  "typeof",
  "void",
  "with",
  "yield",
  "class",
  "function",
  "var",
  "let",
  "const",
  "import",
  "export",
  "return",
  "this",
  "super",
]);

/**
 * The ES module `/vendor/plot.js`: re-exports the global `Plot` (from the UMD build) under every
 * name of the npm module, so that the chart builders' `import * as Plot from "@observablehq/plot"`
 * works in the browser through the pages' import map.
 * @example plotShim(["plot", "dot"]) // => "const Plot = globalThis.Plot;\nexport default Plot;\nexport const {plot, dot} = Plot;\n"
 */
export function plotShim(names: readonly string[]): string {
  const valid = names.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && !RESERVED.has(n));
  return `const Plot = globalThis.Plot;\nexport default Plot;\nexport const {${valid.join(", ")}} = Plot;\n`;
}

/** What the asset routes serve from. */
export interface AssetRouteOptions {
  read: ReadAsset;
  modules: BrowserModules;
  /** The scenario page's bundles, when the adapter can bundle. */
  bundles?: BrowserBundles;
  /** The export names of @observablehq/plot. */
  plotNames: readonly string[];
}

/**
 * Routes of static files: `/assets/{name}` from server/public, `/vendor/{d3.min.js,
 * plot.umd.min.js, plot.js}`, `/modules/{path}.ts` (browser modules, transpiled) and
 * `/bundles/{name}.js` (the scenario page's bundles, revalidated by ETag). Every path
 * is matched against a fixed map, a one-segment name pattern or the module allowlist before any
 * file is read; anything else is 404.
 */
export function assetRoutes(options: AssetRouteOptions): Hono {
  const {read, modules} = options;
  const shim = plotShim(options.plotNames);
  const app = new Hono();

  app.get("/assets/:name", async (c) => {
    const name = c.req.param("name");
    if (!ASSET_NAME.test(name) || name.includes(".."))
      throw new NotFoundError(`no asset ${JSON.stringify(name.slice(0, 100))}`);
    const bytes = await read(PUBLIC_DIR + name);
    if (bytes === undefined) throw new NotFoundError(`no asset ${JSON.stringify(name)}`);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": TYPES[name.slice(name.lastIndexOf(".") + 1)]!,
      "cache-control": "no-cache",
    });
  });

  app.get("/vendor/:name", async (c) => {
    const name = c.req.param("name");
    if (name === "plot.js")
      return c.body(shim, 200, {
        "content-type": TYPES.js!,
        "cache-control": "public, max-age=86400",
      });
    const path = Object.hasOwn(VENDOR_FILES, name) ? VENDOR_FILES[name] : undefined;
    const bytes = path === undefined ? undefined : await read(path);
    if (bytes === undefined)
      throw new NotFoundError(`no vendor file ${JSON.stringify(name.slice(0, 100))}`);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": TYPES.js!,
      "cache-control": "public, max-age=86400",
    });
  });

  app.get("/modules/*", async (c) => {
    const path = new URL(c.req.url).pathname.slice("/modules/".length);
    const js = await modules.get(path);
    if (js === undefined)
      throw new NotFoundError(`no browser module ${JSON.stringify(path.slice(0, 200))}`);
    return c.body(js, 200, {"content-type": TYPES.js!, "cache-control": "no-cache"});
  });

  app.get("/bundles/:name", async (c) => {
    const name = c.req.param("name");
    const file = await options.bundles?.get(name);
    if (file === undefined)
      throw new NotFoundError(`no bundle ${JSON.stringify(name.slice(0, 100))}`);
    if (c.req.header("if-none-match") === file.etag) return c.body(null, 304, {etag: file.etag});
    return c.body(file.js, 200, {
      "content-type": TYPES.js!,
      "cache-control": "no-cache",
      etag: file.etag,
    });
  });

  app.get("/favicon.ico", (c) => c.redirect("/assets/favicon.svg", 301));
  return app;
}
