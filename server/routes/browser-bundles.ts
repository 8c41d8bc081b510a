/**
 * The scenario page's scripts as two bundles, when the runtime adapter can bundle (esbuild in the
 * Node adapter): `scenario-client.js`, the page's first script with its static imports in one
 * file, and `scenario-view.js`, the charts with Observable Plot and the parts of d3 they use
 * (tree-shaken, ~290 kB instead of d3's and Plot's whole UMD builds, ~490 kB), loaded on demand.
 * Without a bundler the pages load the same modules one by one from /modules and Plot's UMD
 * build from /vendor.
 */

/** Bundles a browser entry (project-relative) with its static imports, leaving `external` out. */
export type Bundle = (entry: string, options: {external: readonly string[]}) => Promise<string>;

/** A bundle as served: its JavaScript and an ETag of it. */
export interface BundleFile {
  js: string;
  etag: string;
}

/** The bundles and the entries they come from. */
export const BUNDLES: Readonly<Record<string, {entry: string; external: readonly string[]}>> = {
  "scenario-client.js": {
    entry: "server/pages/client/scenario-client.ts",
    // the view is loaded on demand, from /bundles or /modules
    external: ["./scenario-view.ts", "/bundles/*"],
  },
  "scenario-view.js": {entry: "server/pages/client/scenario-view.ts", external: []},
};

/** Builds each bundle once, on first use. */
export interface BrowserBundles {
  get(name: string): Promise<BundleFile | undefined>;
}

/**
 * Creates the bundle cache over `bundle`. A failed build is forgotten, so the next request
 * tries again.
 * @example await createBrowserBundles(bundle).get("scenario-view.js") // => {js: "...", etag: "\"3f2a...\""}
 */
export function createBrowserBundles(bundle: Bundle): BrowserBundles {
  const built = new Map<string, Promise<BundleFile>>();
  return {
    get(name) {
      const spec = Object.hasOwn(BUNDLES, name) ? BUNDLES[name] : undefined;
      if (spec === undefined) return Promise.resolve(undefined);
      let file = built.get(name);
      if (file === undefined) {
        file = bundle(spec.entry, {external: spec.external}).then(async (js) => ({
          js,
          etag: `"${await shortHash(js)}"`,
        }));
        built.set(name, file);
        file.catch(() => built.delete(name));
      }
      return file;
    },
  };
}

async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 12), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}
