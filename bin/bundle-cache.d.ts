// Types of bundle-cache.js (plain JavaScript: it runs before anything can load TypeScript).

/** The folders a bundle may be kept in, best first. */
export function cacheDirs(): string[];

/**
 * The file URL of the module to import for `entry`: its cached bundle, checked and rebuilt if
 * any file that went into it changed, or undefined when no cache folder can be used (or
 * WALAB_NO_BUNDLE=1).
 */
export function bundledEntry(entry: string | URL): Promise<string | undefined>;

/** Imports a TypeScript entry: its cached bundle, else the source through tsx's hooks. */
export function importTypeScript<Module = Record<string, unknown>>(
  entry: string | URL,
): Promise<Module>;
