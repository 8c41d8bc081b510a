// route groups of the app
export {apiRoutes} from "./api-routes.ts";
export type {ApiRouteOptions} from "./api-routes.ts";
export {pageRoutes} from "./page-routes.ts";
export type {PageRouteOptions} from "./page-routes.ts";
export {assetRoutes, plotShim, PUBLIC_DIR, VENDOR_FILES} from "./asset-routes.ts";
export type {AssetRouteOptions} from "./asset-routes.ts";
// browser modules (transpiled on request, allowlisted by their imports)
export {
  BROWSER_ENTRIES,
  BROWSER_SOURCE_ROOTS,
  createBrowserModules,
  moduleImports,
} from "./browser-modules.ts";
export type {BrowserModules, ReadAsset, Transpile} from "./browser-modules.ts";
